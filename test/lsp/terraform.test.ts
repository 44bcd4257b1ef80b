import * as assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { applyTextEdits, editsOf, LspClient, messageOf, summary } from './harness';

const QUEUE = `{
  "resource": {
    "aws_sqs_queue": {
      "jobs": {
        "name": "jobs"
      }
    }
  }
}
`;

const PLAN = `{
  "format_version": "1.2",
  "planned_values": {
    "root_module": {
      "resources": [
        {
          "address": "aws_sqs_queue.jobs",
          "mode": "managed",
          "type": "aws_sqs_queue",
          "name": "jobs",
          "values": { "name": "jobs", "sqs_managed_sse_enabled": false }
        }
      ]
    }
  }
}
`;

describe('LSP over stdio: Terraform', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start();
  });

  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  it('lints a .tf.json buffer and fixes it with a minimal JSON edit', async () => {
    const uri = 'file:///work/tf/main.tf.json';
    await client.open(uri, QUEUE, 'json');
    const diagnostics = await client.diagnostics(uri, 1);
    assert.deepEqual(summary(diagnostics), ['encryption/sqs-queue-encryption@3:6-3:12/2']);
    const actions = await client.codeActions(uri, diagnostics, ['quickfix']);
    assert.deepEqual(
      actions.map((action) => action.title),
      [
        'Declare the default encryption (SSE-SQS, sqs_managed_sse_enabled: true) explicitly',
        'Suppress encryption/sqs-queue-encryption here, with a reason',
        'Show documentation for encryption/sqs-queue-encryption',
      ],
    );
    const fixed = applyTextEdits(QUEUE, editsOf((await client.resolve(actions[0] as CodeAction)).edit, uri));
    assert.equal(
      fixed,
      QUEUE.replace('"name": "jobs"\n', '"name": "jobs",\n        "sqs_managed_sse_enabled": true\n'),
    );
    await client.change(uri, 2, fixed);
    assert.deepEqual(await client.diagnostics(uri, 2), []);
  });

  it('suppresses in a .tf.json with a "//" entry', async () => {
    const uri = 'file:///work/tf/suppress.tf.json';
    await client.open(uri, QUEUE, 'json');
    const diagnostics = await client.diagnostics(uri, 1);
    const actions = await client.codeActions(uri, diagnostics, ['quickfix']);
    const suppress = await client.resolve(actions.find((a) => a.title.startsWith('Suppress')) as CodeAction);
    const after = applyTextEdits(QUEUE, editsOf(suppress.edit, uri));
    assert.match(after, /"\/\/": "iacsec-ignore encryption\/sqs-queue-encryption -- explain why this is acceptable"/);
    await client.change(uri, 2, after);
    assert.deepEqual(await client.diagnostics(uri, 2), []);
  });

  it('lints a plan by its content, and offers no edit for it', async () => {
    const uri = 'file:///work/tf/out/tfplan.json';
    await client.open(uri, PLAN, 'json');
    const diagnostics = await client.diagnostics(uri, 1);
    assert.deepEqual(summary(diagnostics), ['encryption/sqs-queue-encryption@10:65-10:70/2']);
    assert.match(messageOf(diagnostics[0]), /This is a plan: fix aws_sqs_queue\.jobs in the Terraform configuration/);
    const actions = await client.codeActions(uri, diagnostics, ['quickfix']);
    assert.deepEqual(
      actions.map((action) => action.title),
      ['Show documentation for encryption/sqs-queue-encryption'],
    );
  });
});
