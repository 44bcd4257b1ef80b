import * as assert from 'node:assert/strict';
import { applyEdits, SUPPRESSION_REASON_PLACEHOLDER, suppressionEdit } from '../../src/edits/index';
import type { EngineFinding } from '../../src/engine/finding';
import { Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import { allRules } from '../../src/rules/index';

const linter = new Linter(new RuleSet(allRules));

/** Lines joined with LF and a final newline. */
const lines = (...content: string[]): string => `${content.join('\n')}\n`;

const ADMIN_PORT = 'firewall/security-group-open-admin-port';
const S3_ENCRYPTION = 'encryption/s3-bucket-encryption';
const SUPPRESSED = ` (iacsec-ignore: ${SUPPRESSION_REASON_PLACEHOLDER})`;

function findings(text: string, file: string): readonly EngineFinding[] {
  const result = linter.lint(text, file);
  assert.deepEqual(result.problems, []);
  return result.findings;
}

/** `ruleId@resource messageId «text»`, then how it is suppressed: offsets move with the edits, these do not. */
function described(text: string, list: readonly EngineFinding[]): string[] {
  return list.map((finding) => {
    const shown = `${finding.ruleId}@${finding.resource?.id ?? '-'} ${finding.messageId} «${text.slice(finding.start, finding.end)}»`;
    return finding.suppressed === undefined
      ? shown
      : `${shown} (${finding.suppressed.by}: ${finding.suppressed.reason})`;
  });
}

/**
 * Suppresses the one finding of `ruleId` on `resource`, checks through the engine that exactly that finding is
 * now suppressed with the placeholder as its reason and nothing else changed, and returns the new text.
 */
function suppress(text: string, file: string, ruleId: string, resource: string): string {
  const before = findings(text, file);
  const targets = before.filter((finding) => finding.ruleId === ruleId && finding.resource?.id === resource);
  assert.equal(targets.length, 1, `one ${ruleId} finding on ${resource}`);
  const target = targets[0] as EngineFinding;
  const suppression = suppressionEdit(text, file, target);
  assert.ok(suppression !== undefined, 'a suppression edit');
  // Only insertions: every byte of the original text stays, in order.
  for (const edit of suppression.edits) assert.equal(edit.end, edit.start, `an insertion: ${JSON.stringify(edit)}`);
  const after = applyEdits(text, suppression.edits);
  assert.equal(after.slice(suppression.placeholder.start, suppression.placeholder.end), SUPPRESSION_REASON_PLACEHOLDER);
  const expected = described(text, before).map((line, index) =>
    before[index] === target ? `${line}${SUPPRESSED}` : line,
  );
  assert.deepEqual(described(after, findings(after, file)), expected);
  return after;
}

describe('edits: suppress one finding with a placeholder reason', () => {
  describe('YAML: an own-line # iacsec-ignore comment', () => {
    it('goes above a nested property’s sequence item, at its dash, below the comment already there', () => {
      const text = lines(
        'AWSTemplateFormatVersion: "2010-09-09"',
        'Resources:',
        '  Bastion:',
        '    Type: AWS::EC2::SecurityGroup',
        '    Properties:',
        '      GroupDescription: jump host',
        '      SecurityGroupIngress:',
        '        - CidrIp: 10.0.0.0/8',
        '          IpProtocol: tcp',
        '          FromPort: 22',
        '          ToPort: 22',
        '        # the lab’s SSH',
        '        - CidrIp: 0.0.0.0/0',
        '          IpProtocol: tcp',
        '          FromPort: 22',
        '          ToPort: 22',
      );
      assert.equal(
        suppress(text, 'stack.yaml', ADMIN_PORT, 'Bastion'),
        text.replace(
          '        # the lab’s SSH\n',
          `        # the lab’s SSH\n        # iacsec-ignore ${ADMIN_PORT} -- ${SUPPRESSION_REASON_PLACEHOLDER}\n`,
        ),
      );
    });

    it('goes above a one-line flow mapping that holds the finding, which it anchors to', () => {
      const text = lines(
        'Resources:',
        '  Sg:',
        '    Type: AWS::EC2::SecurityGroup',
        '    Properties:',
        '      GroupDescription: admin',
        '      SecurityGroupIngress:',
        '        - { CidrIp: 0.0.0.0/0, IpProtocol: tcp, FromPort: 3389, ToPort: 3389 }',
      );
      assert.equal(
        suppress(text, 'stack.yaml', ADMIN_PORT, 'Sg'),
        lines(
          'Resources:',
          '  Sg:',
          '    Type: AWS::EC2::SecurityGroup',
          '    Properties:',
          '      GroupDescription: admin',
          '      SecurityGroupIngress:',
          `        # iacsec-ignore ${ADMIN_PORT} -- ${SUPPRESSION_REASON_PLACEHOLDER}`,
          '        - { CidrIp: 0.0.0.0/0, IpProtocol: tcp, FromPort: 3389, ToPort: 3389 }',
        ),
      );
    });

    it('goes above the logical id when the finding’s line starts a sibling of it (a flow mapping across lines)', () => {
      const text = lines(
        'Resources:',
        '  Sg:',
        '    Type: AWS::EC2::SecurityGroup',
        '    Properties:',
        '      GroupDescription: admin',
        '      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 22,',
        '                               ToPort: 22, CidrIp: 0.0.0.0/0 }]',
      );
      assert.equal(
        suppress(text, 'stack.yaml', ADMIN_PORT, 'Sg'),
        text.replace('  Sg:\n', `  # iacsec-ignore ${ADMIN_PORT} -- ${SUPPRESSION_REASON_PLACEHOLDER}\n  Sg:\n`),
      );
    });

    it('goes above the logical id when the finding’s line starts no key (a value below its key)', () => {
      const text = lines(
        'Resources:',
        '  Sg:',
        '    Type: AWS::EC2::SecurityGroup',
        '    Properties:',
        '      GroupDescription: admin',
        '      SecurityGroupIngress:',
        '        - IpProtocol: tcp',
        '          FromPort: 22',
        '          ToPort: 22',
        '          CidrIp:',
        '            0.0.0.0/0',
      );
      assert.equal(
        suppress(text, 'stack.yaml', ADMIN_PORT, 'Sg'),
        text.replace('  Sg:\n', `  # iacsec-ignore ${ADMIN_PORT} -- ${SUPPRESSION_REASON_PLACEHOLDER}\n  Sg:\n`),
      );
    });

    it('keeps CRLF line endings', () => {
      const text = [
        'Resources:',
        '  Sg:',
        '    Type: AWS::EC2::SecurityGroup',
        '    Properties:',
        '      GroupDescription: admin',
        '      SecurityGroupIngress:',
        '        - IpProtocol: tcp',
        '          FromPort: 22',
        '          ToPort: 22',
        '          CidrIp: 0.0.0.0/0',
        '',
      ].join('\r\n');
      assert.equal(
        suppress(text, 'stack.yaml', ADMIN_PORT, 'Sg'),
        text.replace(
          '          CidrIp: 0.0.0.0/0\r\n',
          `          # iacsec-ignore ${ADMIN_PORT} -- ${SUPPRESSION_REASON_PLACEHOLDER}\r\n          CidrIp: 0.0.0.0/0\r\n`,
        ),
      );
    });

    it('goes above the logical id for a finding on it, covering the resource', () => {
      const text = lines(
        'AWSTemplateFormatVersion: "2010-09-09"',
        'Resources:',
        '  # public website assets',
        '  Assets:',
        '    Type: AWS::S3::Bucket',
        '  Logs:',
        '    Type: AWS::S3::Bucket',
      );
      assert.equal(
        suppress(text, 'stack.yaml', S3_ENCRYPTION, 'Assets'),
        lines(
          'AWSTemplateFormatVersion: "2010-09-09"',
          'Resources:',
          '  # public website assets',
          `  # iacsec-ignore ${S3_ENCRYPTION} -- ${SUPPRESSION_REASON_PLACEHOLDER}`,
          '  Assets:',
          '    Type: AWS::S3::Bucket',
          '  Logs:',
          '    Type: AWS::S3::Bucket',
        ),
      );
    });
  });

  describe('JSON: an entry in the resource’s Metadata.iacsec.ignore', () => {
    it('creates Metadata after the last member, at the file’s 4-space indentation', () => {
      const text = lines(
        '{',
        '    "Resources": {',
        '        "Assets": {',
        '            "Type": "AWS::S3::Bucket"',
        '        }',
        '    }',
        '}',
      );
      assert.equal(
        suppress(text, 'stack.json', S3_ENCRYPTION, 'Assets'),
        lines(
          '{',
          '    "Resources": {',
          '        "Assets": {',
          '            "Type": "AWS::S3::Bucket",',
          '            "Metadata": {',
          '                "iacsec": {',
          '                    "ignore": [',
          '                        {',
          `                            "rule": "${S3_ENCRYPTION}",`,
          `                            "reason": "${SUPPRESSION_REASON_PLACEHOLDER}"`,
          '                        }',
          '                    ]',
          '                }',
          '            }',
          '        }',
          '    }',
          '}',
        ),
      );
    });

    it('creates Metadata at the file’s 2-space indentation', () => {
      const text = lines(
        '{',
        '  "AWSTemplateFormatVersion": "2010-09-09",',
        '  "Resources": {',
        '    "Sg": {',
        '      "Type": "AWS::EC2::SecurityGroup",',
        '      "Properties": {',
        '        "GroupDescription": "admin",',
        '        "SecurityGroupIngress": [',
        '          { "CidrIp": "0.0.0.0/0", "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22 }',
        '        ]',
        '      }',
        '    }',
        '  }',
        '}',
      );
      assert.equal(
        suppress(text, 'stack.json', ADMIN_PORT, 'Sg'),
        text.replace(
          '        ]\n      }\n',
          [
            '        ]',
            '      },',
            '      "Metadata": {',
            '        "iacsec": {',
            '          "ignore": [',
            '            {',
            `              "rule": "${ADMIN_PORT}",`,
            `              "reason": "${SUPPRESSION_REASON_PLACEHOLDER}"`,
            '            }',
            '          ]',
            '        }',
            '      }',
            '',
          ].join('\n'),
        ),
      );
    });

    it('adds iacsec to an existing Metadata, keeping its other keys', () => {
      const text = lines(
        '{',
        '  "Resources": {',
        '    "Assets": {',
        '      "Type": "AWS::S3::Bucket",',
        '      "Metadata": {',
        '        "Owner": "web team"',
        '      }',
        '    }',
        '  }',
        '}',
      );
      assert.equal(
        suppress(text, 'stack.json', S3_ENCRYPTION, 'Assets'),
        text.replace(
          '        "Owner": "web team"\n',
          [
            '        "Owner": "web team",',
            '        "iacsec": {',
            '          "ignore": [',
            '            {',
            `              "rule": "${S3_ENCRYPTION}",`,
            `              "reason": "${SUPPRESSION_REASON_PLACEHOLDER}"`,
            '            }',
            '          ]',
            '        }',
            '',
          ].join('\n'),
        ),
      );
    });

    it('appends to an existing ignore list, laid out as its last entry', () => {
      const text = lines(
        '{',
        '    "Resources": {',
        '        "Assets": {',
        '            "Type": "AWS::S3::Bucket",',
        '            "Metadata": {',
        '                "Owner": "web team",',
        '                "iacsec": {',
        '                    "ignore": [',
        '                        { "rule": "responsibility/s3-access-logging", "reason": "logs go to CloudFront" }',
        '                    ]',
        '                }',
        '            }',
        '        }',
        '    }',
        '}',
      );
      assert.equal(
        suppress(text, 'stack.json', S3_ENCRYPTION, 'Assets'),
        text.replace(
          '"reason": "logs go to CloudFront" }\n',
          `"reason": "logs go to CloudFront" },\n                        { "rule": "${S3_ENCRYPTION}", "reason": "${SUPPRESSION_REASON_PLACEHOLDER}" }\n`,
        ),
      );
    });

    it('appends after an entry written across lines, across lines', () => {
      const text = lines(
        '{',
        '  "Resources": {',
        '    "Assets": {',
        '      "Type": "AWS::S3::Bucket",',
        '      "Metadata": { "iacsec": { "ignore": [',
        '        {',
        '          "rule": "responsibility/s3-access-logging",',
        '          "reason": "logs go to CloudFront"',
        '        }',
        '      ] } }',
        '    }',
        '  }',
        '}',
      );
      assert.equal(
        suppress(text, 'stack.json', S3_ENCRYPTION, 'Assets'),
        text.replace(
          '          "reason": "logs go to CloudFront"\n        }\n',
          [
            '          "reason": "logs go to CloudFront"',
            '        },',
            '        {',
            `          "rule": "${S3_ENCRYPTION}",`,
            `          "reason": "${SUPPRESSION_REASON_PLACEHOLDER}"`,
            '        }',
            '',
          ].join('\n'),
        ),
      );
    });

    it('offers nothing when Metadata.iacsec is not a map of an ignore list', () => {
      const text = lines(
        '{',
        '  "Resources": {',
        '    "Assets": {',
        '      "Type": "AWS::S3::Bucket",',
        '      "Metadata": { "iacsec": "ignore everything" }',
        '    }',
        '  }',
        '}',
      );
      const finding = findings(text, 'stack.json').find((candidate) => candidate.ruleId === S3_ENCRYPTION);
      assert.ok(finding !== undefined);
      assert.equal(suppressionEdit(text, 'stack.json', finding), undefined);
    });
  });

  it('offers nothing for the engine’s own findings', () => {
    const text = lines(
      'Resources:',
      `  # iacsec-ignore ${ADMIN_PORT} -- no security group here`,
      '  Assets:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketEncryption:',
      '        ServerSideEncryptionConfiguration:',
      '          - ServerSideEncryptionByDefault: { SSEAlgorithm: AES256 }',
    );
    const unused = findings(text, 'stack.yaml').find((finding) => finding.ruleId === 'iacsec/unused-suppression');
    assert.deepEqual(unused && described(text, [unused]), [`iacsec/unused-suppression@Assets unused «${ADMIN_PORT}»`]);
    assert.equal(suppressionEdit(text, 'stack.yaml', unused as EngineFinding), undefined);
  });
});

describe('suppress with a reason, Terraform JSON', () => {
  const linter = new Linter(new RuleSet(allRules));
  const queue = (extra: string): string =>
    `{\n  "resource": {\n    "aws_sqs_queue": {\n      "jobs": {\n${extra}        "name": "jobs"\n      }\n    }\n  }\n}\n`;

  function suppressed(text: string): string {
    const finding = linter
      .lint(text, 'main.tf.json')
      .findings.find((f) => f.ruleId === 'encryption/sqs-queue-encryption');
    assert.ok(finding !== undefined);
    const made = suppressionEdit(text, 'main.tf.json', finding);
    assert.ok(made !== undefined);
    const after = applyEdits(text, made.edits);
    assert.equal(after.slice(made.placeholder.start, made.placeholder.end), SUPPRESSION_REASON_PLACEHOLDER);
    const again = linter.lint(after, 'main.tf.json').findings;
    assert.deepEqual(
      again.map((f) => [f.ruleId, f.suppressed?.reason]),
      [['encryption/sqs-queue-encryption', SUPPRESSION_REASON_PLACEHOLDER]],
    );
    return after;
  }

  it('adds a "//" entry to the resource body', () => {
    assert.equal(
      suppressed(queue('')),
      queue('').replace(
        '"name": "jobs"\n',
        '"name": "jobs",\n        "//": "iacsec-ignore encryption/sqs-queue-encryption -- explain why this is acceptable"\n',
      ),
    );
  });

  it('turns an existing "//" string into a list, keeping it', () => {
    assert.equal(
      suppressed(queue('        "//": "nightly jobs",\n')),
      queue(
        '        "//": [\n          "nightly jobs",\n          "iacsec-ignore encryption/sqs-queue-encryption -- explain why this is acceptable"\n        ],\n',
      ),
    );
  });

  it('offers nothing in a plan, which is output', () => {
    const plan =
      '{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "aws_sqs_queue.jobs", "mode": "managed", "type": "aws_sqs_queue", "name": "jobs", "values": {"name": "jobs"}}]}}}';
    const finding = linter.lint(plan, 'plan.json').findings[0];
    assert.ok(finding !== undefined);
    assert.equal(suppressionEdit(plan, 'plan.json', finding), undefined);
  });
});
