import * as assert from 'node:assert/strict';
import { buildAudit, type AuditFolder, type MatrixRow } from '../../src/report/audit';
import { buildReport } from '../../src/report/document';
import type { Finding, ScanError } from '../../src/report/types';
import { allRules } from '../../src/rules';
import { themeOf } from '../../src/rules/types';

const GENERATED_AT = '2025-01-02T03:04:05.000Z';

/** A finding of a real rule (or an engine rule, `iacsec/…`), with the rule's own severity and responsibility. */
function finding(
  ruleId: string,
  file: string,
  line: number,
  resource: readonly [string, string] | null,
  extra: Partial<Finding> = {},
): Finding {
  const meta = allRules.find((rule) => rule.meta.id === ruleId)?.meta;
  return {
    ruleId,
    messageId: 'test',
    severity: meta?.severity ?? 'info',
    theme: themeOf(ruleId),
    responsibility: meta?.responsibility ?? null,
    message: `${ruleId} at ${line}`,
    file,
    line,
    column: 3,
    endLine: line,
    endColumn: 9,
    resource: resource === null ? null : { id: resource[0], type: resource[1] },
    fixes: [],
    references: { checkov: [], cfnNag: [], kics: [], cdkNag: [], trivy: [] },
    ...extra,
  };
}

function folder(
  name: string,
  resources: AuditFolder['resources'],
  findings: readonly Finding[],
  errors: readonly ScanError[] = [],
): AuditFolder {
  const files = new Set([...Object.keys(resources), ...errors.map((error) => error.file)]).size;
  return {
    name,
    uri: `file:///home/u/${encodeURIComponent(name)}`,
    report: buildReport({ version: '0.0.0', files, findings, errors, includeSuppressed: true }),
    resources,
  };
}

const storage = {
  'storage.yaml': [
    { id: 'Logs', type: 'AWS::S3::Bucket' },
    { id: 'Assets', type: 'AWS::S3::Bucket' },
    { id: 'Data', type: 'AWS::S3::Bucket' },
    { id: 'Role', type: 'AWS::IAM::Role' },
  ],
  'net.yaml': [
    { id: 'Web', type: 'AWS::EC2::SecurityGroup' },
    { id: 'Server', type: 'AWS::EC2::Instance' },
  ],
};

const infra = folder('infra', storage, [
  finding('encryption/s3-bucket-encryption', 'storage.yaml', 4, ['Logs', 'AWS::S3::Bucket']),
  finding('encryption/s3-bucket-tls-only', 'storage.yaml', 5, ['Logs', 'AWS::S3::Bucket']),
  finding('responsibility/s3-bucket-versioning', 'storage.yaml', 9, ['Assets', 'AWS::S3::Bucket'], {
    suppressed: { by: 'iacsec-ignore', reason: 'scratch data' },
  }),
  finding('firewall/security-group-open-admin-port', 'net.yaml', 6, ['Web', 'AWS::EC2::SecurityGroup']),
  finding('iacsec/unused-suppression', 'net.yaml', 2, null),
]);

function audit(folders: readonly AuditFolder[], cancelled = false) {
  return buildAudit({ folders, rules: allRules, generatedAt: GENERATED_AT, cancelled });
}

function row(type: string, resources: number, cells: readonly (string | readonly [number, number])[]): MatrixRow {
  const ids = ['guest-os', 'application', 'firewall', 'data'] as const;
  return {
    type,
    resources,
    cells: ids.map((responsibility, index) => {
      const cell = cells[index];
      if (cell === 'n/a') return { responsibility, carried: false, status: 'n/a', failing: 0, findings: 0 };
      if (cell === 'pass') return { responsibility, carried: true, status: 'pass', failing: 0, findings: 0 };
      const [failing, findings] = cell as readonly [number, number];
      return { responsibility, carried: true, status: 'fail', failing, findings };
    }),
  };
}

describe('workspace audit model', () => {
  it('totals unsuppressed findings by severity, and counts suppressed ones apart', () => {
    const model = audit([infra], true);
    assert.deepEqual(model.totals, {
      folders: 1,
      files: 2,
      findings: 4,
      errors: 0,
      suppressed: 1,
      bySeverity: { error: 1, warning: 2, info: 1 },
    });
    assert.equal(model.generatedAt, GENERATED_AT);
    assert.equal(model.cancelled, true);
  });

  it('counts findings by theme and severity, with an engine row only when there are engine findings', () => {
    assert.deepEqual(
      audit([infra]).themes.map((theme) => [theme.theme, theme.bySeverity, theme.total]),
      [
        ['encryption', { error: 0, warning: 2, info: 0 }, 2],
        ['firewall', { error: 1, warning: 0, info: 0 }, 1],
        ['responsibility', { error: 0, warning: 0, info: 0 }, 0],
        ['iacsec', { error: 0, warning: 0, info: 1 }, 1],
      ],
    );
    const clean = folder('clean', storage, []);
    assert.deepEqual(
      audit([clean]).themes.map((theme) => theme.theme),
      ['encryption', 'firewall', 'responsibility'],
    );
  });

  it('fills the responsibility matrix: fail, pass, n/a, and no row for a type that carries nothing', () => {
    const { matrix } = audit([infra]);
    assert.deepEqual(
      matrix.columns.map((column) => [column.id, column.label]),
      [
        ['guest-os', 'Guest OS patching'],
        ['application', 'Application software'],
        ['firewall', 'Firewall configuration'],
        ['data', 'Data on volumes'],
      ],
    );
    assert.deepEqual(matrix.rows, [
      row('AWS::EC2::Instance', 1, ['pass', 'n/a', 'n/a', 'pass']),
      row('AWS::EC2::SecurityGroup', 1, ['n/a', 'n/a', [1, 1], 'n/a']),
      // Logs fails twice; Assets' suppressed finding does not make it fail.
      row('AWS::S3::Bucket', 3, ['n/a', 'n/a', 'pass', [1, 2]]),
    ]);
  });

  it('ranks the ten rules with most findings, ties by rule id', () => {
    const many = [
      'encryption/sqs-queue-encryption',
      'encryption/sns-topic-encryption',
      'encryption/efs-encryption',
      'encryption/kinesis-stream-encryption',
      'encryption/ebs-volume-encryption',
      'encryption/redshift-encryption',
      'encryption/cloudtrail-kms',
      'encryption/kms-key-rotation',
      'encryption/log-group-kms',
    ].map((ruleId, index) => finding(ruleId, 'a.yaml', index + 1, null));
    const twice = ['firewall/rds-publicly-accessible', 'encryption/rds-storage-encryption'].flatMap((ruleId) => [
      finding(ruleId, 'b.yaml', 1, null),
      finding(ruleId, 'b.yaml', 2, null),
    ]);
    const model = audit([folder('infra', {}, [...many, ...twice])]);
    assert.deepEqual(
      model.topRules.map((rule) => [rule.ruleId, rule.findings]),
      [
        ['encryption/rds-storage-encryption', 2],
        ['firewall/rds-publicly-accessible', 2],
        ['encryption/cloudtrail-kms', 1],
        ['encryption/ebs-volume-encryption', 1],
        ['encryption/efs-encryption', 1],
        ['encryption/kinesis-stream-encryption', 1],
        ['encryption/kms-key-rotation', 1],
        ['encryption/log-group-kms', 1],
        ['encryption/redshift-encryption', 1],
        ['encryption/sns-topic-encryption', 1],
      ],
    );
    assert.deepEqual(model.topRules[1], {
      ruleId: 'firewall/rds-publicly-accessible',
      title: 'RDS DB instances are not publicly accessible',
      severity: 'error',
      responsibility: 'firewall',
      findings: 2,
    });
  });

  it('gives engine findings their catalogue title and lists every finding with its location', () => {
    const model = audit([infra]);
    assert.deepEqual(
      model.findings.map((item) => [item.file, item.line, item.column, item.ruleId]),
      [
        ['net.yaml', 2, 3, 'iacsec/unused-suppression'],
        ['net.yaml', 6, 3, 'firewall/security-group-open-admin-port'],
        ['storage.yaml', 4, 3, 'encryption/s3-bucket-encryption'],
        ['storage.yaml', 5, 3, 'encryption/s3-bucket-tls-only'],
      ],
    );
    assert.deepEqual(model.findings[0], {
      folder: 'infra',
      file: 'net.yaml',
      uri: 'file:///home/u/infra/net.yaml',
      line: 2,
      column: 3,
      ruleId: 'iacsec/unused-suppression',
      title: 'A suppression that suppresses nothing',
      severity: 'info',
      theme: null,
      responsibility: null,
      message: 'iacsec/unused-suppression at 2',
      resource: null,
    });
  });

  it('percent-encodes each path segment of a document URI, for findings and errors alike', () => {
    const file = 'my stacks/a#1 100%.yaml';
    const error: ScanError = { file, line: 7, column: 2, code: 'parse', message: 'bad indentation' };
    const model = audit([
      folder('infra', {}, [finding('encryption/efs-encryption', file, 3, ['Fs', 'AWS::EFS::FileSystem'])], [error]),
    ]);
    assert.equal(model.findings[0]?.uri, 'file:///home/u/infra/my%20stacks/a%231%20100%25.yaml');
    assert.equal(model.findings[0]?.file, file);
    assert.deepEqual(model.errors, [
      {
        folder: 'infra',
        file,
        uri: 'file:///home/u/infra/my%20stacks/a%231%20100%25.yaml',
        line: 7,
        column: 2,
        code: 'parse',
        message: 'bad indentation',
      },
    ]);
  });

  it('prefixes files with their folder name when there are several folders, and keeps resources apart', () => {
    const bucket = { 'a.yaml': [{ id: 'Bucket', type: 'AWS::S3::Bucket' }] };
    const web = folder('web app', bucket, [
      finding('encryption/s3-bucket-encryption', 'a.yaml', 4, ['Bucket', 'AWS::S3::Bucket']),
    ]);
    const api = folder('api', bucket, []);
    const model = audit([web, api]);
    assert.deepEqual(
      model.findings.map((item) => [item.folder, item.file, item.uri]),
      [['web app', 'web app/a.yaml', 'file:///home/u/web%20app/a.yaml']],
    );
    assert.deepEqual(model.matrix.rows, [row('AWS::S3::Bucket', 2, ['n/a', 'n/a', 'pass', [1, 1]])]);
    assert.equal(model.totals.folders, 2);
  });
});
