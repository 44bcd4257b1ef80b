import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIFF_HELP, GENERAL_HELP } from '../../src/cli/help';
import type { DiffReport } from '../../src/diff/types';
import { toolVersion } from '../../src/report/tool';
import { allRules } from '../../src/rules';
import { makeTree, removeTree, runCli, SERVER_DIR, type Outcome } from './helpers';

/**
 * `iacsec diff` end to end, in-process, over old/new pairs in server/test/fixtures/diff. The rules are real
 * ones, chosen so the expected output does not change as the catalogue grows. JSON and stylish output are
 * golden files under `expected/`; `UPDATE_GOLDEN=1` rewrites them (review the diff before committing).
 */
const FIXTURES = path.join(SERVER_DIR, 'test', 'fixtures', 'diff');
const EXPECTED = path.join(FIXTURES, 'expected');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const RULES = allRules.filter((rule) =>
  [
    'encryption/s3-bucket-encryption',
    'encryption/s3-bucket-customer-key',
    'firewall/security-group-open-admin-port',
  ].includes(rule.meta.id),
);

function diff(args: readonly string[], cwd = FIXTURES): Promise<Outcome> {
  return runCli(['diff', ...args], { cwd, rules: RULES, env: {}, tty: false });
}

async function diffJson(args: readonly string[]): Promise<{ code: number; report: DiffReport }> {
  const outcome = await diff(['--format', 'json', ...args]);
  assert.equal(outcome.stderr, '');
  return { code: outcome.code, report: JSON.parse(outcome.stdout) as DiffReport };
}

function assertGolden(name: string, actual: string): void {
  const file = path.join(EXPECTED, name);
  if (UPDATE) {
    fs.mkdirSync(EXPECTED, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(fs.existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 to write it`);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `${name} differs: if intended, run with UPDATE_GOLDEN=1`);
}

/** The tool's version is the one field that changes between releases. */
function normaliseJson(output: string): string {
  const report = JSON.parse(output) as { tool: { version: string } };
  assert.equal(report.tool.version, toolVersion());
  report.tool.version = '<version>';
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** How findings read in these tests: where, what and on which resource. */
function described(findings: DiffReport['introduced']): string[] {
  return findings.map(
    (finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.resource?.id ?? '-'}`,
  );
}

const CASES = [
  { pair: 'iam', ext: 'yaml', code: 1 },
  { pair: 'sg', ext: 'yaml', code: 1 },
  { pair: 'buckets', ext: 'yaml', code: 1 },
  { pair: 'replace', ext: 'json', code: 0 },
] as const;

describe('iacsec diff', () => {
  for (const { pair, ext, code } of CASES) {
    const argv = [`${pair}-old.${ext}`, `${pair}-new.${ext}`];
    it(`${argv.join(' ')} → expected/${pair}.json and ${pair}.stylish.txt, exit ${code}`, async () => {
      const json = await diff(['--format', 'json', ...argv]);
      assert.deepEqual([json.code, json.stderr], [code, '']);
      assertGolden(`${pair}.json`, normaliseJson(json.stdout));
      const stylish = await diff(argv);
      assert.deepEqual([stylish.code, stylish.stderr], [code, '']);
      assertGolden(`${pair}.stylish.txt`, stylish.stdout);
    });
  }

  it('reports an IAM statement that allows everything, and a managed policy attached, as broadened access', async () => {
    const { code, report } = await diffJson(['iam-old.yaml', 'iam-new.yaml']);
    assert.equal(code, 1);
    assert.deepEqual(report.securityChanges, {
      iam: [
        {
          kind: 'statement',
          change: 'added',
          broadens: true,
          effect: 'Allow',
          sid: 'Everything',
          actions: { not: false, values: ['*'] },
          resources: { not: false, values: ['*'] },
          principals: { not: false, values: ['AWS:${FunctionRole}'] },
          condition: null,
          intrinsic: null,
        },
        {
          kind: 'managed-policy',
          change: 'added',
          broadens: true,
          identity: '${FunctionRole}',
          policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        },
      ],
      securityGroups: [],
      broadened: true,
    });
    assert.deepEqual([report.introduced, report.resolved, report.replacements], [[], [], []]);
  });

  it('reports SSH opened to the world as a security-group change and a new error finding', async () => {
    const { code, report } = await diffJson(['sg-old.yaml', 'sg-new.yaml']);
    assert.equal(code, 1);
    assert.deepEqual(report.securityChanges.securityGroups, [
      {
        change: 'added',
        broadens: true,
        direction: 'ingress',
        group: '${WebGroup.GroupId}',
        ipProtocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        peer: { kind: 'cidr-ip', value: '0.0.0.0/0' },
        protocolText: 'TCP 22',
        peerText: 'Everyone (IPv4)',
      },
    ]);
    assert.deepEqual(described(report.introduced), [
      'sg-new.yaml:16:19 firewall/security-group-open-admin-port WebGroup',
    ]);
    assert.deepEqual(report.resolved, []);
  });

  it('matches findings by resource and message, not position: moving a bucket changes nothing', async () => {
    const { code, report } = await diffJson(['buckets-old.yaml', 'buckets-new.yaml']);
    assert.equal(code, 1);
    // Logs lost its encryption and Archive gained it; Archive moved above Logs, and neither move is a change.
    assert.deepEqual(described(report.introduced), [
      'buckets-new.yaml:10:29 encryption/s3-bucket-customer-key Archive',
      'buckets-new.yaml:15:5 encryption/s3-bucket-encryption Logs',
    ]);
    assert.deepEqual(described(report.resolved), [
      'buckets-old.yaml:9:29 encryption/s3-bucket-customer-key Logs',
      'buckets-old.yaml:12:5 encryption/s3-bucket-encryption Archive',
    ]);
    assert.deepEqual(report.summary, {
      securityChanges: 0,
      broadened: false,
      replacements: 0,
      introduced: 2,
      resolved: 2,
      bySeverity: { error: 0, warning: 1, info: 1 },
    });
  });

  it('--severity sets the threshold for introduced findings only; broadened access fails at any threshold', async () => {
    assert.equal((await diff(['--severity', 'error', 'buckets-old.yaml', 'buckets-new.yaml'])).code, 0);
    assert.equal((await diff(['--severity', 'info', 'buckets-old.yaml', 'buckets-new.yaml'])).code, 1);
    assert.equal((await diff(['--severity', 'error', 'iam-old.yaml', 'iam-new.yaml'])).code, 1);
    assert.equal((await diff(['buckets-new.yaml', 'buckets-new.yaml'])).code, 0);
  });

  it('lists the resources a property change replaces, at their logical id in the new template', async () => {
    const { code, report } = await diffJson(['replace-old.json', 'replace-new.json']);
    assert.equal(code, 0);
    assert.deepEqual(report.replacements, [
      {
        logicalId: 'Database',
        type: 'AWS::RDS::DBInstance',
        impact: 'will-replace',
        properties: ['DBInstanceIdentifier'],
        file: 'replace-new.json',
        line: 4,
        column: 5,
      },
      {
        logicalId: 'Assets',
        type: 'AWS::S3::Bucket',
        impact: 'will-replace',
        properties: ['BucketName'],
        file: 'replace-new.json',
        line: 14,
        column: 5,
      },
    ]);
  });

  it('says so when nothing security-relevant changed', async () => {
    const outcome = await diff(['sg-old.yaml', 'sg-old.yaml']);
    assert.deepEqual(outcome, { code: 0, stdout: '\n✔ No security-relevant changes\n', stderr: '' });
  });

  it('writes the report to --output, and nothing to stdout', async () => {
    const root = await makeTree({});
    try {
      const output = path.join(root, 'diff.json');
      const outcome = await diff(['--format', 'json', '--output', output, 'sg-old.yaml', 'sg-new.yaml']);
      assert.deepEqual([outcome.code, outcome.stdout, outcome.stderr], [1, '', '']);
      const written = JSON.parse(fs.readFileSync(output, 'utf8')) as DiffReport;
      assert.deepEqual(written.files, { old: 'sg-old.yaml', new: 'sg-new.yaml' });
    } finally {
      await removeTree(root);
    }
  });

  it('colours only when asked: FORCE_COLOR or a terminal', async () => {
    const plain = await diff(['sg-old.yaml', 'sg-new.yaml']);
    assert.equal(plain.stdout.includes('\u001b['), false);
    const coloured = await runCli(['diff', 'sg-old.yaml', 'sg-new.yaml'], {
      cwd: FIXTURES,
      rules: RULES,
      env: { FORCE_COLOR: '1' },
    });
    assert.ok(coloured.stdout.includes('\u001b[31m+  ${WebGroup.GroupId}'), coloured.stdout);
  });

  describe('with a configuration', () => {
    // Logs loses its encryption (a warning); Archive gains SSE-KMS under the AWS-managed key (info).
    const OLD = fs.readFileSync(path.join(FIXTURES, 'buckets-old.yaml'), 'utf8');
    const NEW = fs.readFileSync(path.join(FIXTURES, 'buckets-new.yaml'), 'utf8');
    let root = '';
    afterEach(() => removeTree(root));

    async function introduced(files: Record<string, string>, args: readonly string[]): Promise<Outcome> {
      root = await makeTree({ 'old/template.yaml': OLD, 'stack/template.yaml': NEW, ...files });
      return diff(['--format', 'json', ...args, 'old/template.yaml', 'stack/template.yaml'], root);
    }

    function rules(outcome: Outcome, side: 'introduced' | 'resolved' = 'introduced'): string[] {
      return (JSON.parse(outcome.stdout) as DiffReport)[side].map(
        (finding) => `${finding.ruleId} ${finding.severity} ${finding.resource?.id ?? '-'}`,
      );
    }

    it("takes NEW's nearest .iacsec.yaml for both versions: a rule turned off there introduces nothing", async () => {
      const outcome = await introduced(
        { 'stack/.iacsec.yaml': 'rules:\n  encryption/s3-bucket-encryption: off\n' },
        [],
      );
      // What is left is an info finding, under the default --severity warning.
      assert.deepEqual([outcome.code, outcome.stderr], [0, '']);
      assert.deepEqual(rules(outcome), ['encryption/s3-bucket-customer-key info Archive']);
    });

    it("applies its severities, which --severity then judges, and not OLD's own configuration", async () => {
      const outcome = await introduced(
        {
          'stack/.iacsec.yaml': 'rules:\n  encryption/*: info\n',
          'old/.iacsec.yaml': 'rules:\n  encryption/s3-bucket-customer-key: off\n',
        },
        [],
      );
      assert.deepEqual([outcome.code, outcome.stderr], [0, '']);
      assert.deepEqual(rules(outcome), [
        'encryption/s3-bucket-customer-key info Archive',
        'encryption/s3-bucket-encryption info Logs',
      ]);
      // OLD's finding of the rule its own configuration turns off is there to be resolved.
      assert.deepEqual(rules(outcome, 'resolved'), [
        'encryption/s3-bucket-customer-key info Logs',
        'encryption/s3-bucket-encryption info Archive',
      ]);
    });

    it('takes --config instead, relative to the working directory', async () => {
      const outcome = await introduced(
        {
          'stack/.iacsec.yaml': 'rules:\n  encryption/s3-bucket-encryption: off\n',
          'ci.yaml': 'rules:\n  encryption/s3-bucket-customer-key: off\n',
        },
        ['--config', 'ci.yaml'],
      );
      assert.deepEqual([outcome.code, outcome.stderr], [1, '']);
      assert.deepEqual(rules(outcome), ['encryption/s3-bucket-encryption warning Logs']);
    });

    it("applies its resources entries to both versions, by NEW's path", async () => {
      const config =
        'resources:\n  - path: template.yaml\n    resource: Logs\n    rules: [encryption/s3-bucket-encryption]\n' +
        '    reason: replaced next sprint\n';
      const outcome = await introduced({ 'stack/.iacsec.yaml': config }, []);
      assert.deepEqual([outcome.code, outcome.stderr], [0, '']);
      assert.deepEqual(rules(outcome), ['encryption/s3-bucket-customer-key info Archive']);
    });

    it('exits 2 on a broken configuration, naming where it is broken, and on a --config that is no file', async () => {
      const broken = await introduced(
        { 'stack/.iacsec.yaml': 'rules:\n  encryption/s3-bucket-encryption: loud\n' },
        [],
      );
      assert.deepEqual([broken.code, broken.stdout], [2, '']);
      assert.match(broken.stderr, /^iacsec: stack\/\.iacsec\.yaml:2:\d+: configuration error: .*loud/);
      await removeTree(root);
      assert.deepEqual(await introduced({}, ['--config', 'nowhere.yaml']), {
        code: 2,
        stdout: '',
        stderr: "iacsec: --config nowhere.yaml: no such file\nRun 'iacsec diff --help' for usage.\n",
      });
    });

    it('warns of a rule id that names no rule, and goes on', async () => {
      const outcome = await introduced({ 'stack/.iacsec.yaml': 'rules:\n  encryption/no-such-rule: off\n' }, []);
      assert.equal(outcome.code, 1);
      assert.match(outcome.stderr, /^iacsec: warning: stack\/\.iacsec\.yaml:2:\d+: .*encryption\/no-such-rule/);
    });
  });

  describe('exits 2', () => {
    const cases: readonly { argv: readonly string[]; stderr: string }[] = [
      {
        argv: ['sg-old.yaml'],
        stderr: "iacsec: diff needs two templates: iacsec diff OLD NEW\nRun 'iacsec diff --help' for usage.\n",
      },
      {
        argv: [],
        stderr: "iacsec: diff needs two templates: iacsec diff OLD NEW\nRun 'iacsec diff --help' for usage.\n",
      },
      {
        argv: ['sg-old.yaml', 'sg-new.yaml', 'iam-new.yaml'],
        stderr: "iacsec: diff takes two templates, not 'iam-new.yaml' as well\nRun 'iacsec diff --help' for usage.\n",
      },
      {
        argv: ['--format', 'sarif', 'sg-old.yaml', 'sg-new.yaml'],
        stderr: "iacsec: unknown format 'sarif'; use stylish or json\nRun 'iacsec diff --help' for usage.\n",
      },
      {
        argv: ['--exit-zero', 'sg-old.yaml', 'sg-new.yaml'],
        stderr: "iacsec: unknown option '--exit-zero'\nRun 'iacsec diff --help' for usage.\n",
      },
      {
        argv: ['missing.yaml', 'sg-new.yaml'],
        stderr: 'iacsec: missing.yaml:1:1: read error: no such file or directory\n',
      },
      {
        argv: ['broken.yaml', 'missing.yaml'],
        stderr:
          'iacsec: broken.yaml:5:17: parse error: bad indentation of a mapping entry in YAML\n' +
          'iacsec: missing.yaml:1:1: read error: no such file or directory\n',
      },
      {
        argv: ['sg-old.yaml', 'broken.yaml'],
        stderr: 'iacsec: broken.yaml:5:17: parse error: bad indentation of a mapping entry in YAML\n',
      },
      {
        argv: ['main.tf.json', 'sg-new.yaml'],
        stderr:
          "iacsec: main.tf.json is Terraform JSON; diff compares CloudFormation templates\nRun 'iacsec diff --help' for usage.\n",
      },
      {
        argv: ['sg-old.yaml', 'notes.yaml'],
        stderr: "iacsec: notes.yaml is not a CloudFormation template\nRun 'iacsec diff --help' for usage.\n",
      },
    ];
    for (const { argv, stderr } of cases) {
      it(`iacsec diff ${argv.join(' ')}`, async () => {
        assert.deepEqual(await diff(argv), { code: 2, stdout: '', stderr });
      });
    }
  });

  it('has its help, naming each option, and a line in the general help', async () => {
    for (const argv of [
      ['help', 'diff'],
      ['diff', '--help'],
      ['diff', 'sg-old.yaml', '-h'],
    ]) {
      assert.deepEqual(await runCli(argv), { code: 0, stdout: DIFF_HELP, stderr: '' }, argv.join(' '));
    }
    for (const option of ['--format', '--output', '--config', '--severity', '--help', '--version']) {
      assert.ok(DIFF_HELP.includes(option), option);
    }
    assert.ok(DIFF_HELP.startsWith('Usage: iacsec diff OLD NEW [options]\n'));
    assert.ok(GENERAL_HELP.includes('\n  iacsec diff OLD NEW [options]     the security-relevant changes between'));
  });
});
