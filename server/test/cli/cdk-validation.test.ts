import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Finding } from '../../src/report/types';
import { allRules } from '../../src/rules/index';
import { manifest, remove, scratch, stackArtifact, writeFiles } from '../cdk/hand-made';
import { runCli, scanJson } from './helpers';

/** The one rule whose findings this test expects: it names cdk-nag's AwsSolutions-S1 as `equivalent`. */
const RULES = allRules.filter((rule) => rule.meta.id === 'responsibility/s3-access-logging');

/** Written by hand so the positions below can be read off it: `Data` at 3:3, `Logged` at 6:3. */
const TEMPLATE = `{
 "Resources": {
  "Data": {
   "Type": "AWS::S3::Bucket"
  },
  "Logged": {
   "Type": "AWS::S3::Bucket",
   "Properties": {
    "LoggingConfiguration": { "DestinationBucketName": "central-logs" }
   }
  }
 }
}
`;

const APP = `import * as s3 from 'aws-cdk-lib/aws-s3';

export class Storage {
  constructor() {
    new s3.CfnBucket(this, 'Data');
    new s3.CfnBucket(this, 'Logged', { loggingConfiguration: { destinationBucketName: 'central-logs' } });
  }
}
`;

/** A construct as aws-cdk-lib's report lists it; `templatePath` and `logicalId` may be left out. */
function construct(constructPath: string, resource: { templatePath?: string; logicalId?: string }): object {
  return { constructPath, constructFqn: 'aws-cdk-lib.aws_s3.CfnBucket', cloudFormationResource: resource };
}

const REPORT = {
  version: '55.0.0',
  title: 'Validation Report',
  pluginReports: [
    {
      pluginName: 'cdk-nag',
      conclusion: 'failure',
      violations: [
        {
          // iacsec's responsibility/s3-access-logging reports Data too, as an equivalent check: left out.
          ruleName: 'AwsSolutions-S1',
          description: 'The S3 Bucket has server access logs disabled.',
          severity: 'error',
          violatingConstructs: [
            construct('Stack/Data/Resource', { templatePath: 'Stack.template.json', logicalId: 'Data' }),
          ],
        },
        {
          // No rule of this catalogue reports S10 on Data: kept.
          ruleName: 'AwsSolutions-S10',
          description: 'The S3 Bucket or bucket policy does not require requests to use SSL.',
          severity: 'error',
          violatingConstructs: [
            construct('Stack/Data/Resource', { templatePath: 'Stack.template.json', logicalId: 'Data' }),
            // Found through its construct path alone.
            construct('Stack/Logged/Resource', {}),
          ],
        },
        {
          // iacsec reports no finding on Logged, so the same check is kept there.
          ruleName: 'AwsSolutions-S1',
          description: 'The S3 Bucket has server access logs disabled.',
          severity: 'error',
          violatingConstructs: [
            construct('Stack/Logged/Resource', { templatePath: 'Stack.template.json', logicalId: 'Logged' }),
          ],
        },
      ],
    },
    {
      pluginName: 'CloudFormation Validate',
      conclusion: 'failure',
      violations: [
        {
          ruleName: 'W3045',
          description: 'Consider using AWS::S3::BucketPolicy instead of AccessControl',
          severity: 'warning',
          violatingConstructs: [
            construct('Stack/Logged/Resource', { templatePath: 'Stack.template.json', logicalId: 'Logged' }),
            // A resource the template no longer has: the start of the template.
            construct('Stack/Gone/Resource', { templatePath: 'Stack.template.json', logicalId: 'Gone' }),
          ],
        },
        {
          // A violation of no construct: the start of the report itself.
          ruleName: 'E0000',
          description: 'The stack could not be validated.',
          severity: 'error',
          violatingConstructs: [],
        },
      ],
    },
  ],
};

const NO_REFERENCES = { checkov: [], cfnNag: [], kics: [], cdkNag: [], trivy: [] };

/** A synth finding as the report must show it; `at` is `[line, column, endLine, endColumn]`. */
function synth(
  ruleId: string,
  message: string,
  file: string,
  at: readonly [number, number, number, number],
  resource: string | undefined,
  place: Pick<Finding, 'stack' | 'constructPath' | 'source'>,
): Finding {
  const [line, column, endLine, endColumn] = at;
  return {
    ruleId,
    messageId: 'validation',
    severity: 'info',
    theme: null,
    responsibility: null,
    message,
    file,
    line,
    column,
    endLine,
    endColumn,
    resource: resource === undefined ? null : { id: resource, type: 'AWS::S3::Bucket' },
    fixes: [],
    references: NO_REFERENCES,
    ...place,
  };
}

const TEMPLATE_FILE = 'cdk.out/Stack.template.json';
const REPORT_FILE = 'cdk.out/validation-report.json';
const START = [1, 1, 1, 1] as const;
const ON_DATA = {
  stack: 'Stack',
  constructPath: '/Stack/Data/Resource',
  source: { file: 'lib/storage.ts', line: 5, column: 5 },
};
const ON_LOGGED = {
  stack: 'Stack',
  constructPath: '/Stack/Logged/Resource',
  source: { file: 'lib/storage.ts', line: 6, column: 5 },
};
const S10 = 'cdk-nag reports: The S3 Bucket or bucket policy does not require requests to use SSL.';
const S1 = 'cdk-nag reports: The S3 Bucket has server access logs disabled.';
const W3045 = 'cfn-validate reports: Consider using AWS::S3::BucketPolicy instead of AccessControl';

/** What the synth reported, as `iacsec scan` shows it whatever iacsec's rules are, in the report's order. */
const SYNTH_FINDINGS: readonly Finding[] = [
  synth('cfn-validate/W3045', W3045, TEMPLATE_FILE, START, undefined, {
    stack: 'Stack',
    constructPath: '/Stack/Gone/Resource',
  }),
  synth('cdk-nag/AwsSolutions-S10', S10, TEMPLATE_FILE, [3, 3, 3, 9], 'Data', ON_DATA),
  synth('cdk-nag/AwsSolutions-S1', S1, TEMPLATE_FILE, [6, 3, 6, 11], 'Logged', ON_LOGGED),
  synth('cdk-nag/AwsSolutions-S10', S10, TEMPLATE_FILE, [6, 3, 6, 11], 'Logged', ON_LOGGED),
  synth('cfn-validate/W3045', W3045, TEMPLATE_FILE, [6, 3, 6, 11], 'Logged', ON_LOGGED),
  synth(
    'cfn-validate/E0000',
    'cfn-validate reports: The stack could not be validated.',
    REPORT_FILE,
    START,
    undefined,
    {},
  ),
];

describe('iacsec scan shows the findings of the synth’s own validation', () => {
  let root: string;

  before(async () => {
    root = await scratch();
    const app = path.join(root, 'lib', 'storage.ts');
    const created = (line: number): string[] => [
      '...new CfnBucket in aws-cdk-lib...',
      `new Storage (${app}:${line}:5)`,
    ];
    await writeFiles(root, {
      'cdk.json': '{"app": "npx ts-node lib/storage.ts"}\n',
      'lib/storage.ts': APP,
      'cdk.out/manifest.json': manifest({ Stack: stackArtifact('Stack') }),
      'cdk.out/Stack.template.json': TEMPLATE,
      'cdk.out/Stack.metadata.json': {
        '/Stack/Data/Resource': [
          { type: 'aws:cdk:logicalId', data: 'Data' },
          { type: 'aws:cdk:creationStack', data: created(5) },
        ],
        '/Stack/Logged/Resource': [
          { type: 'aws:cdk:logicalId', data: 'Logged' },
          { type: 'aws:cdk:creationStack', data: created(6) },
        ],
      },
      'cdk.out/validation-report.json': REPORT,
    });
  });

  after(async () => {
    await remove(root);
  });

  it('as info findings on the resources’ logical ids, attributed to their tool, equivalent ones left out', async () => {
    const { code, report } = await scanJson(['.'], { cwd: root, rules: RULES });
    assert.deepEqual(report.errors, []);
    const ours = report.findings.filter(
      (finding) => !SYNTH_FINDINGS.some((theirs) => theirs.ruleId === finding.ruleId),
    );
    assert.deepEqual(
      ours.map((finding) => [finding.ruleId, finding.file, finding.line, finding.column, finding.resource?.id]),
      [['responsibility/s3-access-logging', TEMPLATE_FILE, 3, 3, 'Data']],
    );
    // Sorted as every report is: by file, position, rule id.
    assert.deepEqual(
      report.findings.filter((finding) => finding.severity === 'info'),
      SYNTH_FINDINGS,
    );
    assert.deepEqual(report.summary.bySeverity, { error: 0, warning: 1, info: 6 });
    assert.equal(code, 1, 'the warning of iacsec’s own rule fails the scan');
  });

  it('never fails a scan by themselves, and are all kept when no rule of iacsec reports the resource', async () => {
    const { code, report } = await scanJson(['.'], { cwd: root, rules: [] });
    const deduplicated = synth('cdk-nag/AwsSolutions-S1', S1, TEMPLATE_FILE, [3, 3, 3, 9], 'Data', ON_DATA);
    assert.deepEqual(report.findings, [...SYNTH_FINDINGS.slice(0, 1), deduplicated, ...SYNTH_FINDINGS.slice(1)]);
    assert.deepEqual(report.summary.bySeverity, { error: 0, warning: 0, info: 7 });
    assert.equal(code, 0);
    const strict = await scanJson(['--severity', 'info', '.'], { cwd: root, rules: [] });
    assert.equal(strict.code, 1, '--severity info counts them as any info finding');
  });

  it('lists them under the app’s source line in stylish output, or their file when they have none', async () => {
    const outcome = await runCli(['scan', '.'], { cwd: root, rules: RULES });
    // Columns are padded to the longest message; the cells are what matters here.
    const rows = outcome.stdout.split('\n').map((line) => line.trim().split(/ {2,}/).join(' | '));
    assert.deepEqual(
      rows.filter((row) => row.includes(' reports: ') || row.endsWith('.json') || row.endsWith('.ts')),
      [
        TEMPLATE_FILE,
        `1:1 | info | ${W3045} | cfn-validate/W3045`,
        REPORT_FILE,
        '1:1 | info | cfn-validate reports: The stack could not be validated. | cfn-validate/E0000',
        'lib/storage.ts',
        `5:5 | info | ${S10} (cdk.out/Stack.template.json:3:3 /Stack/Data/Resource) | cdk-nag/AwsSolutions-S10`,
        `6:5 | info | ${S1} (cdk.out/Stack.template.json:6:3 /Stack/Logged/Resource) | cdk-nag/AwsSolutions-S1`,
        `6:5 | info | ${S10} (cdk.out/Stack.template.json:6:3 /Stack/Logged/Resource) | cdk-nag/AwsSolutions-S10`,
        `6:5 | info | ${W3045} (cdk.out/Stack.template.json:6:3 /Stack/Logged/Resource) | cfn-validate/W3045`,
      ],
    );
    assert.match(outcome.stdout, /\n✖ 7 problems \(0 errors, 1 warning, 6 infos\)\n$/);
  });
});

describe('iacsec scan with the synth’s findings on a template it cannot parse', () => {
  let root: string;
  before(async () => {
    root = await scratch();
  });
  after(async () => {
    await remove(root);
  });

  it('puts them at the start of the template, beside the parse error', async () => {
    await writeFiles(root, {
      'cdk.out/manifest.json': manifest({ Stack: stackArtifact('Stack') }),
      'cdk.out/Stack.template.json': '{ "Resources": { "Data": { "Type": "AWS::S3::Bucket" } }\n',
      'cdk.out/Stack.metadata.json': { '/Stack/Data/Resource': [{ type: 'aws:cdk:logicalId', data: 'Data' }] },
      'cdk.out/validation-report.json': {
        pluginReports: [
          {
            pluginName: 'cdk-nag',
            violations: [
              {
                ruleName: 'AwsSolutions-S1',
                description: 'The S3 Bucket has server access logs disabled.',
                severity: 'error',
                violatingConstructs: [
                  construct('Stack/Data/Resource', { templatePath: 'Stack.template.json', logicalId: 'Data' }),
                ],
              },
            ],
          },
        ],
      },
    });
    const { code, report } = await scanJson(['cdk.out'], { cwd: root, rules: RULES });
    assert.deepEqual(
      report.errors.map((error) => [error.file, error.code]),
      [[TEMPLATE_FILE, 'parse']],
    );
    assert.deepEqual(report.findings, [
      synth('cdk-nag/AwsSolutions-S1', S1, TEMPLATE_FILE, START, undefined, {
        stack: 'Stack',
        constructPath: '/Stack/Data/Resource',
      }),
    ]);
    assert.equal(code, 2);
  });
});
