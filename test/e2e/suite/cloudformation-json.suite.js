'use strict';
// CloudFormation JSON in a real VS Code: the same editor features as YAML, where edits keep JSON's indentation
// and a suppression goes into the resource's Metadata (fixtures/cloudformation/stacks/queue.json is QUEUE_JSON).
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
const QUEUE = [`${SQS}@5:6-5:18/warning`];
const STORAGE = [
  'encryption/s3-bucket-tls-only@3:4-3:13/warning',
  'encryption/s3-bucket-encryption@5:6-5:18/warning',
  'responsibility/s3-access-logging@5:6-5:18/warning',
  'responsibility/s3-public-access-block@5:6-5:18/warning',
  `${SQS}@12:6-12:18/warning`,
];

describe('CloudFormation JSON', () => {
  before(activateExtension);

  it('shows the finding of an opened template, and lints the buffer after a WorkspaceEdit without saving', async () => {
    const { uri, document } = await openCopy('stacks/queue.json', 'edited.json');
    const [finding] = await diagnosticsBecome(uri, QUEUE);
    assert.equal(finding.code.value, SQS);
    assert.equal(
      finding.code.target.toString(true),
      'https://github.com/iacsec/iacsec/blob/main/docs/rules/encryption/sqs-queue-encryption.md',
    );
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(6, 27), ',\n        "KmsMasterKeyId": "alias/jobs"');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    await diagnosticsBecome(uri, []);
    assert.equal(document.isDirty, true);
  });

  it('applies the preferred safe fix', async () => {
    const { uri, document } = await openCopy('stacks/queue.json', 'safe-fix.json');
    await diagnosticsBecome(uri, QUEUE);
    const actions = await codeActions(uri, diagnosticOf(uri, SQS).range, vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred === true]),
      [
        ['Declare the default encryption (SSE-SQS, SqsManagedSseEnabled: true) explicitly', true],
        [`Suppress ${SQS} here, with a reason`, false],
        [`Show documentation for ${SQS}`, false],
      ],
    );
    await applyAction(actions[0]);
    assert.equal(
      document.getText(),
      fixtureText('stacks/queue.json').replace(
        '"QueueName": "jobs"\n',
        '"QueueName": "jobs",\n        "SqsManagedSseEnabled": true\n',
      ),
    );
    await diagnosticsBecome(uri, []);
  });

  it('suppresses a finding in the resource Metadata and selects the placeholder reason', async () => {
    const { uri, document, editor } = await openCopy('stacks/queue.json', 'suppress.json');
    await diagnosticsBecome(uri, QUEUE);
    const actions = await codeActions(uri, diagnosticOf(uri, SQS).range, vscode.CodeActionKind.QuickFix.value);
    await applyAction(actions.find((a) => a.title === `Suppress ${SQS} here, with a reason`));
    assert.equal(
      document.getText(),
      fixtureText('stacks/queue.json').replace(
        '        "QueueName": "jobs"\n      }\n',
        [
          '        "QueueName": "jobs"',
          '      },',
          '      "Metadata": {',
          '        "iacsec": {',
          '          "ignore": [',
          '            {',
          `              "rule": "${SQS}",`,
          '              "reason": "explain why this is acceptable"',
          '            }',
          '          ]',
          '        }',
          '      }',
          '',
        ].join('\n'),
      ),
    );
    assert.equal(rangeText(editor.selection), '13:25-13:55');
    assert.equal(document.getText(editor.selection), 'explain why this is acceptable');
    await diagnosticsBecome(uri, []);
  });

  it('applies every safe fix with source.fixAll.iacsec, keeping the indentation', async () => {
    const { uri, document } = await openCopy('stacks/storage.json', 'fix-all.json');
    await diagnosticsBecome(uri, STORAGE);
    const actions = await codeActions(uri, new vscode.Range(0, 0, document.lineCount, 0), 'source.fixAll.iacsec');
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind?.value]),
      [['Fix all safely fixable iacsec problems', 'source.fixAll.iacsec']],
    );
    await applyAction(actions[0]);
    assert.equal(
      document.getText(),
      fixtureText('stacks/storage.json')
        .replace(
          '        "VersioningConfiguration": { "Status": "Enabled" }\n',
          [
            '        "VersioningConfiguration": { "Status": "Enabled" },',
            '        "BucketEncryption": {',
            '          "ServerSideEncryptionConfiguration": [',
            '            {',
            '              "ServerSideEncryptionByDefault": {',
            '                "SSEAlgorithm": "AES256"',
            '              }',
            '            }',
            '          ]',
            '        },',
            '        "PublicAccessBlockConfiguration": {',
            '          "BlockPublicAcls": true,',
            '          "BlockPublicPolicy": true,',
            '          "IgnorePublicAcls": true,',
            '          "RestrictPublicBuckets": true',
            '        }',
            '',
          ].join('\n'),
        )
        .replace('"QueueName": "jobs"\n', '"QueueName": "jobs",\n        "SqsManagedSseEnabled": true\n'),
    );
    await diagnosticsBecome(uri, [
      'encryption/s3-bucket-tls-only@3:4-3:13/warning',
      'responsibility/s3-access-logging@5:6-5:18/warning',
      // AES256 now declared: the advice to use a customer-managed key applies.
      'encryption/s3-bucket-customer-key@12:32-12:40/info',
    ]);
  });

  it('hovers a finding', async () => {
    const { uri } = await openCopy('stacks/queue.json', 'hover.json');
    await diagnosticsBecome(uri, QUEUE);
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(5, 9));
    const ours = hovers.filter((h) => h.contents.some((c) => c.value.includes(`\`${SQS}\``)));
    assert.equal(ours.length, 1, `one iacsec hover among ${hovers.length}`);
    assert.equal(rangeText(ours[0].range), '5:6-5:18');
    const text = ours[0].contents.map((c) => c.value).join('\n');
    assert.match(
      text,
      /^\*\*SQS queues declare their encryption at rest\*\* · `encryption\/sqs-queue-encryption` · warning\n/,
    );
    assert.match(text, /\n\*\*Whose job\.\*\* /);
    assert.match(text, /\n\*\*How to fix\.\*\* /);
  });
});
