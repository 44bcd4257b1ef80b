import * as assert from 'node:assert/strict';
import { COLOURS, NO_COLOURS } from '../../src/cli/color';
import { formatDiffStylish } from '../../src/cli/diff-stylish';
import type { DiffReport } from '../../src/diff/types';
import type { Finding } from '../../src/report/types';

const RESOLVED: Finding = {
  ruleId: 'encryption/s3-bucket-encryption',
  messageId: 'missing',
  severity: 'warning',
  theme: 'encryption',
  responsibility: 'data',
  message: 'BucketEncryption is not set.\n  Declare it.',
  file: 'old.yaml',
  line: 12,
  column: 5,
  endLine: 12,
  endColumn: 15,
  resource: { id: 'Site', type: 'AWS::S3::Bucket' },
  fixes: [],
  references: { checkov: [], cfnNag: [], kics: [], cdkNag: [], trivy: [] },
  suppressed: { by: 'iacsec-ignore', reason: 'the account default encrypts it' },
};

const NO_TARGETS = { not: false, values: [] };

const REPORT: DiffReport = {
  version: 1,
  tool: { name: 'iacsec', version: '0' },
  files: { old: 'old.yaml', new: 'new.yaml' },
  securityChanges: {
    iam: [
      {
        kind: 'statement',
        change: 'removed',
        broadens: true,
        effect: 'Deny',
        sid: null,
        actions: { not: true, values: ['s3:GetObject', 's3:ListBucket'] },
        resources: { not: false, values: ['*'] },
        principals: { not: false, values: ['AWS:${Role}'] },
        condition: { Bool: { 'aws:SecureTransport': 'false' } },
        intrinsic: null,
      },
      {
        kind: 'statement',
        change: 'added',
        broadens: false,
        effect: 'Unknown',
        sid: null,
        actions: NO_TARGETS,
        resources: NO_TARGETS,
        principals: { not: false, values: ['AWS:${Role}'] },
        condition: null,
        intrinsic: '{"Fn::If":["IsProd",{"Effect":"Allow"}]}',
      },
      { kind: 'sso-assignment', change: 'added', broadens: true, resource: 'Admins' },
      { kind: 'sso-permission-set', change: 'removed', broadens: false, resource: null },
    ],
    securityGroups: [
      {
        change: 'removed',
        broadens: false,
        direction: 'egress',
        group: 'sg-0abc',
        ipProtocol: '-1',
        fromPort: null,
        toPort: null,
        peer: { kind: 'cidr-ip', value: '0.0.0.0/0' },
        protocolText: 'Everything',
        peerText: 'Everyone (IPv4)',
      },
    ],
    broadened: true,
  },
  replacements: [
    {
      logicalId: 'Policy',
      type: 'AWS::S3::BucketPolicy',
      impact: 'may-replace',
      properties: [],
      file: 'new.yaml',
      line: 30,
      column: 3,
    },
  ],
  introduced: [],
  resolved: [RESOLVED],
  summary: {
    securityChanges: 5,
    broadened: true,
    replacements: 1,
    introduced: 0,
    resolved: 1,
    bySeverity: { error: 0, warning: 0, info: 0 },
  },
};

describe('iacsec diff, stylish format', () => {
  it('renders every kind of row: NOT targets, conditions, intrinsics, Identity Center, may-replace, suppressions', () => {
    assert.equal(
      formatDiffStylish(REPORT, NO_COLOURS, true),
      [
        '',
        'Security changes',
        '  IAM statements',
        '       Effect  Action                           Resource                                  Principal    Condition',
        '    -  Deny    NOT s3:GetObject, s3:ListBucket  *                                         AWS:${Role}  {"Bool":{"aws:SecureTransport":"false"}}',
        '    +                                           {"Fn::If":["IsProd",{"Effect":"Allow"}]}  AWS:${Role}',
        '  IAM Identity Center',
        '       Resource  Kind',
        '    +  Admins    assignment',
        '    -  ?         permission set',
        '  Security group rules',
        '       Group    Direction  Protocol    Peer',
        '    -  sg-0abc  egress     Everything  Everyone (IPv4)',
        '',
        'Replaced resources',
        '  new.yaml:30:3  Policy  AWS::S3::BucketPolicy  may be replaced',
        '',
        'Resolved findings',
        '  old.yaml:12:5  warning  BucketEncryption is not set. Declare it. (now suppressed by iacsec-ignore: the account default encrypts it)  encryption/s3-bucket-encryption',
        '',
        '✖ 5 security changes (access broadened), 0 new findings (0 errors, 0 warnings, 0 infos), 1 resolved finding, 1 resource replaced',
        '',
      ].join('\n'),
    );
  });

  it('colours rows that give access red and rows that take it away green, aligned as without colour', () => {
    const coloured = formatDiffStylish(REPORT, COLOURS, false);
    assert.ok(coloured.includes('    \u001b[31m-  Deny    NOT s3:GetObject'), coloured);
    assert.ok(
      coloured.includes('    \u001b[32m-  sg-0abc  egress     Everything  Everyone (IPv4)\u001b[39m\n'),
      coloured,
    );
    assert.ok(
      coloured.endsWith(
        '\u001b[32m✔\u001b[39m 5 security changes (access broadened), 0 new findings (0 errors, 0 warnings, 0 infos), 1 resolved finding, 1 resource replaced\n',
      ),
    );
  });
});
