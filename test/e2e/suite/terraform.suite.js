'use strict';
// Terraform in a real VS Code (fixtures/terraform): a `.tf.json` configuration gets the CloudFormation rules'
// findings by resource address, their fixes as minimal JSON edits and suppressions as `"//"` entries; a plan
// (`terraform show -json`), recognised by its content, gets findings that send the user back to the configuration,
// and no fix.
const assert = require('node:assert/strict');
const { before, describe, it } = require('mocha');
const vscode = require('vscode');
const {
  activateExtension,
  applyAction,
  codeActions,
  diagnosticOf,
  diagnosticsBecome,
  fixtureText,
  openCopy,
  rangeText,
} = require('./helpers');

const SQS = 'encryption/sqs-queue-encryption';
const S3_ENCRYPTION = 'encryption/s3-bucket-encryption';
const ADMIN_PORT = 'firewall/security-group-open-admin-port';
const BUCKET_RULES = [
  S3_ENCRYPTION,
  'encryption/s3-bucket-tls-only',
  'responsibility/s3-access-logging',
  'responsibility/s3-bucket-versioning',
  'responsibility/s3-public-access-block',
];
/** The bucket's findings, all on its name `"data"`, at 0-based `line`. */
const onBucket = (line, rules = BUCKET_RULES) => rules.map((rule) => `${rule}@${line}:6-${line}:12/warning`);
const MAIN = [`${SQS}@3:6-3:12/warning`, ...onBucket(8)];
const PLAN = [`${SQS}@13:65-13:70/warning`, `${ADMIN_PORT}@32:36-32:47/error`];
const PLACEHOLDER = 'explain why this is acceptable';

/** The quick fixes offered on the diagnostic of `rule`, as [title, preferred]. */
async function quickFixes(uri, rule) {
  const actions = await codeActions(uri, diagnosticOf(uri, rule).range, vscode.CodeActionKind.QuickFix.value);
  return { actions, titles: actions.map((a) => [a.title, a.isPreferred === true]) };
}

describe('Terraform', () => {
  before(activateExtension);

  it('shows the findings of a .tf.json on the resource names, with their rule ids, pages, ranges and severities', async () => {
    const { uri } = await openCopy('infra/main.tf.json', 'findings.tf.json');
    const diagnostics = await diagnosticsBecome(uri, MAIN);
    const queue = diagnostics[0];
    assert.equal(queue.source, 'iacsec');
    assert.equal(
      queue.code.target.toString(true),
      'https://github.com/iacsec/iacsec/blob/main/docs/rules/encryption/sqs-queue-encryption.md',
    );
    assert.match(queue.message, /^Neither sqs_managed_sse_enabled nor kms_master_key_id is set\. /);
    assert.match(
      diagnostics[1].message,
      /^Default encryption \(an aws_s3_bucket_server_side_encryption_configuration for this bucket\) is not set\. /,
    );
  });

  it('applies the preferred safe fix as an attribute in the resource body', async () => {
    const { uri, document } = await openCopy('infra/main.tf.json', 'safe-fix.tf.json');
    await diagnosticsBecome(uri, MAIN);
    const { actions, titles } = await quickFixes(uri, SQS);
    assert.deepEqual(titles, [
      ['Declare the default encryption (SSE-SQS, sqs_managed_sse_enabled: true) explicitly', true],
      [`Suppress ${SQS} here, with a reason`, false],
      [`Show documentation for ${SQS}`, false],
      // The queue, the bucket's encryption and its Block Public Access have safe fixes.
      ['Fix all 3 safely fixable iacsec problems', false],
    ]);
    await applyAction(actions[0]);
    assert.equal(
      document.getText(),
      fixtureText('infra/main.tf.json').replace(
        '"name": "jobs"\n',
        '"name": "jobs",\n        "sqs_managed_sse_enabled": true\n',
      ),
    );
    await diagnosticsBecome(uri, onBucket(9));
  });

  it('adds the companion encryption configuration that the AWS provider requires for a bucket', async () => {
    const { uri, document } = await openCopy('infra/main.tf.json', 'companion.tf.json');
    await diagnosticsBecome(uri, MAIN);
    const { actions, titles } = await quickFixes(uri, S3_ENCRYPTION);
    assert.deepEqual(titles.slice(0, 3), [
      ['Declare the default encryption (SSE-S3, AES256) explicitly', true],
      [`Suppress ${S3_ENCRYPTION} here, with a reason`, false],
      [`Show documentation for ${S3_ENCRYPTION}`, false],
    ]);
    // The range holds the bucket's five findings, each with its actions in turn, then fix-all.
    assert.deepEqual(titles.at(-1), ['Fix all 3 safely fixable iacsec problems', false]);
    await applyAction(actions[0]);
    assert.equal(
      document.getText(),
      fixtureText('infra/main.tf.json').replace(
        '        "bucket": "acme-data"\n      }\n    }\n',
        [
          '        "bucket": "acme-data"',
          '      }',
          '    },',
          '    "aws_s3_bucket_server_side_encryption_configuration": {',
          '      "data": {',
          '        "bucket": "${aws_s3_bucket.data.id}",',
          '        "rule": {',
          '          "apply_server_side_encryption_by_default": {',
          '            "sse_algorithm": "AES256"',
          '          }',
          '        }',
          '      }',
          '    }',
          '',
        ].join('\n'),
      ),
    );
    await diagnosticsBecome(uri, [
      MAIN[0],
      ...onBucket(8, BUCKET_RULES.slice(1)),
      // AES256 now declared: the advice to use a customer-managed key applies.
      'encryption/s3-bucket-customer-key@17:29-17:37/info',
    ]);
  });

  it('suppresses a finding with a "//" entry in the resource body and selects the placeholder reason', async () => {
    const { uri, document, editor } = await openCopy('infra/main.tf.json', 'suppress.tf.json');
    await diagnosticsBecome(uri, MAIN);
    const { actions } = await quickFixes(uri, SQS);
    await applyAction(actions.find((a) => a.title === `Suppress ${SQS} here, with a reason`));
    assert.equal(
      document.getText(),
      fixtureText('infra/main.tf.json').replace(
        '"name": "jobs"\n',
        `"name": "jobs",\n        "//": "iacsec-ignore ${SQS} -- ${PLACEHOLDER}"\n`,
      ),
    );
    assert.equal(rangeText(editor.selection), '5:64-5:94');
    assert.equal(document.getText(editor.selection), PLACEHOLDER);
    await diagnosticsBecome(uri, onBucket(9));
  });

  it('lints a plan by its content: findings that say it is a plan, and no fix but the documentation', async () => {
    const { uri, document } = await openCopy('plans/tfplan.json', 'tfplan.json');
    const diagnostics = await diagnosticsBecome(uri, PLAN);
    assert.deepEqual(
      diagnostics.map((d) => d.message.replace(/^.*?\. (?=This is a plan)/s, '')),
      [
        'This is a plan: fix aws_sqs_queue.jobs in the Terraform configuration and plan again.',
        'This is a plan: fix module.network.aws_security_group.admin in the Terraform configuration and plan again.',
      ],
    );
    for (const rule of [SQS, ADMIN_PORT]) {
      const { titles } = await quickFixes(uri, rule);
      assert.deepEqual(titles, [[`Show documentation for ${rule}`, false]]);
    }
    // Fix-all on save still answers, with an edit that changes nothing.
    const fixAll = await codeActions(uri, new vscode.Range(0, 0, document.lineCount, 0), 'source.fixAll.iacsec');
    assert.deepEqual(
      fixAll.map((a) => [a.title, a.edit?.size]),
      [['Fix all safely fixable iacsec problems', 0]],
    );
  });
});
