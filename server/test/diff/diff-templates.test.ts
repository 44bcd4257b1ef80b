import * as assert from 'node:assert/strict';
import { diffTemplates, templateProblems, type DiffSide } from '../../src/diff/diff-templates';
import type { TemplateChangesFn } from '../../src/diff/load';
import { Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import { allRules } from '../../src/rules';

const LINTER = new Linter(new RuleSet(allRules.filter((rule) => rule.meta.id === 'encryption/s3-bucket-encryption')));

function side(shown: string, ...lines: readonly string[]): DiffSide {
  return { text: lines.join('\n'), file: `/work/${shown}`, shown };
}

const OLD = side(
  'old.yaml',
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Resources:',
  '  Site:',
  '    Type: AWS::S3::Bucket',
  '    Properties:',
  '      BucketName: site',
  '',
);

/** Stands in for the library: says every resource of the new template is replaced because of its name. */
const replacesEverything: TemplateChangesFn = (_old, current) => ({
  security: { iam: [], securityGroups: [], broadened: false },
  replacements: Object.keys(current['Resources'] as object).map((logicalId) => ({
    logicalId,
    type: 'AWS::S3::Bucket',
    impact: 'may-replace' as const,
    properties: ['BucketName'],
  })),
});

describe('diffTemplates (two texts in, plain data out)', () => {
  it('positions introduced findings and replacements in the new text (after its BOM), in source order', async () => {
    const current = side(
      'new.yaml',
      '\uFEFFAWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  Zeta:',
      '    Type: AWS::S3::Bucket',
      '  Site:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketName: site-2',
      '',
    );
    const outcome = await diffTemplates(OLD, current, {
      linter: LINTER,
      version: '9.9.9',
      changes: replacesEverything,
    });
    assert.equal(outcome.kind, 'report');
    if (outcome.kind !== 'report') return;
    const { report } = outcome;
    assert.deepEqual(
      report.introduced.map((f) => `${f.file}:${f.line}:${f.column} ${f.resource?.id} ${f.ruleId}`),
      // Site's finding was there before, only lower down: the same finding.
      ['new.yaml:3:3 Zeta encryption/s3-bucket-encryption'],
    );
    assert.deepEqual(report.resolved, []);
    assert.deepEqual(
      report.replacements.map((r) => `${r.file}:${r.line}:${r.column} ${r.logicalId} ${r.impact}`),
      ['new.yaml:3:3 Zeta may-replace', 'new.yaml:5:3 Site may-replace'],
    );
    assert.deepEqual(report.tool, { name: 'iacsec', version: '9.9.9' });
    assert.deepEqual(report.files, { old: 'old.yaml', new: 'new.yaml' });
    assert.deepEqual(report.summary, {
      securityChanges: 0,
      broadened: false,
      replacements: 2,
      introduced: 1,
      resolved: 0,
      bySeverity: { error: 0, warning: 1, info: 0 },
    });
  });

  it('resolves a finding that a suppression now covers, and says which', async () => {
    const current = side(
      'new.yaml',
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  Site: # iacsec-ignore encryption/s3-bucket-encryption -- the account default encrypts it',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketName: site',
      '',
    );
    const outcome = await diffTemplates(OLD, current, { linter: LINTER, version: '0', changes: replacesEverything });
    assert.ok(outcome.kind === 'report');
    assert.deepEqual(
      outcome.report.resolved.map((f) => [`${f.file}:${f.line}`, f.suppressed]),
      [['old.yaml:5', { by: 'iacsec-ignore', reason: 'the account default encrypts it' }]],
    );
    assert.deepEqual(outcome.report.introduced, []);
  });

  it('gives the errors of both templates, with positions, when either cannot be parsed', async () => {
    const broken = side('broken.yaml', 'AWSTemplateFormatVersion: "2010-09-09"', 'Resources: [', '');
    const outcome = await diffTemplates(broken, side('b.json', '{"AWSTemplateFormatVersion": 1,'), {
      linter: LINTER,
      version: '0',
      changes: replacesEverything,
    });
    assert.equal(outcome.kind, 'errors');
    assert.ok(outcome.kind === 'errors');
    assert.deepEqual(
      outcome.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.code}`),
      ['broken.yaml:3:1 parse', 'b.json:1:32 parse'],
    );
  });

  it('refuses what is not CloudFormation: Terraform JSON, a Terraform plan, other YAML', () => {
    const cases = [
      [
        { text: '{"resource": {}}', file: '/work/main.tf.json', shown: 'main.tf.json' },
        'main.tf.json is Terraform JSON; diff compares CloudFormation templates',
      ],
      [
        side('plan.json', '{"format_version": "1.2", "terraform_version": "1.9.0", "planned_values": {}}'),
        'plan.json is a Terraform plan; diff compares CloudFormation templates',
      ],
      [
        side('compose.yaml', 'services:', '  web:', '    image: nginx'),
        'compose.yaml is not a CloudFormation template',
      ],
    ] as const;
    for (const [input, message] of cases) {
      assert.deepEqual(templateProblems(input, LINTER), { kind: 'unsupported', message });
    }
    assert.equal(templateProblems(OLD, LINTER), undefined);
  });

  it('turns a failure of the diff library into an internal error on the new template', async () => {
    const failing: TemplateChangesFn = () => {
      throw new Error('spec database is corrupt');
    };
    const outcome = await diffTemplates(
      OLD,
      { ...OLD, shown: 'new.yaml' },
      { linter: LINTER, version: '0', changes: failing },
    );
    assert.deepEqual(outcome, {
      kind: 'errors',
      errors: [
        {
          file: 'new.yaml',
          line: 1,
          column: 1,
          code: 'internal',
          message: 'the CloudFormation diff failed: spec database is corrupt',
        },
      ],
    });
  });

  it('loads the real library when no stand-in is given', async function () {
    this.timeout(30_000);
    const renamed = side('new.yaml', ...OLD.text.replace('BucketName: site', 'BucketName: site-2').split('\n'));
    const outcome = await diffTemplates(OLD, renamed, { linter: LINTER, version: '0' });
    assert.ok(outcome.kind === 'report');
    assert.deepEqual(outcome.report.replacements, [
      {
        logicalId: 'Site',
        type: 'AWS::S3::Bucket',
        impact: 'will-replace',
        properties: ['BucketName'],
        file: 'new.yaml',
        line: 3,
        column: 3,
      },
    ]);
  });
});
