import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { BUCKET_AND_SSH, QUEUE_JSON } from './fixtures';
import { applyTextEdits, editsOf, LspClient, summary } from './harness';

const PLACEHOLDER = 'explain why this is acceptable';

describe('LSP over stdio: code actions', () => {
  let client: LspClient;
  let next = 0;

  before(async () => {
    client = await LspClient.start({ initializationOptions: { selectRangeCommand: true } });
  });

  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  /** Opens a fresh document; its diagnostics and a way to apply an action's edit and get the new ones. */
  async function opened(text: string, languageId = 'yaml') {
    const uri = `file:///work/actions/doc-${++next}.${languageId === 'json' ? 'json' : 'yaml'}`;
    await client.open(uri, text, languageId);
    let version = 1;
    let current = text;
    const diagnostics = await client.diagnostics(uri, 1);
    return {
      uri,
      diagnostics,
      text: () => current,
      async apply(action: CodeAction): Promise<Diagnostic[]> {
        current = applyTextEdits(current, editsOf(action.edit, uri));
        await client.change(uri, ++version, current);
        return client.diagnostics(uri, version);
      },
    };
  }

  function only(diagnostics: Diagnostic[], code: string): Diagnostic[] {
    return diagnostics.filter((d) => d.code === code);
  }

  it('offers each fix of a finding, the safe one preferred, and applies it as a minimal edit', async () => {
    const doc = await opened(BUCKET_AND_SSH);
    const target = only(doc.diagnostics, 'encryption/s3-bucket-encryption');
    const actions = await client.codeActions(doc.uri, target, ['quickfix']);
    // The cursor's range holds four findings of the bucket: each offers its own actions, one is preferred.
    assert.deepEqual(
      actions
        .map((a) => [a.title, a.kind, a.isPreferred === true])
        .filter(
          ([title]) =>
            !/s3-(access-logging|bucket-versioning|public-access-block)|versioning \(|Block Public Access/.test(
              String(title),
            ),
        ),
      [
        ['Declare the default encryption (SSE-S3, AES256) explicitly', 'quickfix', true],
        ['Suppress encryption/s3-bucket-encryption here, with a reason', 'quickfix', false],
        ['Show documentation for encryption/s3-bucket-encryption', 'quickfix', false],
        ['Fix all 2 safely fixable iacsec problems', 'quickfix', false],
      ],
    );
    assert.deepEqual(
      actions.filter((a) => a.isPreferred === true).map((a) => a.title),
      ['Declare the default encryption (SSE-S3, AES256) explicitly'],
    );
    assert.deepEqual(actions[0]?.diagnostics, target);
    // Edits are worked out when the user picks the action.
    assert.equal(actions[0]?.edit, undefined);
    const resolved = await client.resolve(actions[0]);
    const after = await doc.apply(resolved);
    assert.equal(
      doc.text(),
      BUCKET_AND_SSH.replace(
        '      BucketName: app-data\n',
        '      BucketName: app-data\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: AES256\n',
      ),
    );
    assert.deepEqual(only(after, 'encryption/s3-bucket-encryption'), []);
    // The other findings stay, moved down by the four inserted lines.
    assert.deepEqual(summary(after), [
      'encryption/s3-bucket-tls-only@3:2-3:6/2',
      'responsibility/s3-access-logging@5:4-5:14/2',
      'responsibility/s3-bucket-versioning@5:4-5:14/2',
      'responsibility/s3-public-access-block@5:4-5:14/2',
      'encryption/s3-bucket-customer-key@10:28-10:34/3',
      'firewall/security-group-open-egress@13:4-13:14/3',
      'firewall/security-group-open-admin-port@23:14-23:23/1',
    ]);
  });

  it('offers a suggestion, not preferred, and a versioned edit the client refuses once the buffer moved on', async () => {
    const doc = await opened(BUCKET_AND_SSH);
    const target = only(doc.diagnostics, 'firewall/security-group-open-admin-port');
    const actions = await client.codeActions(doc.uri, target, ['quickfix']);
    const suggestion = actions[0] as CodeAction;
    assert.equal(suggestion.title, 'Replace 0.0.0.0/0 with a new parameter AdminCidr that each deployment must set');
    assert.equal(suggestion.isPreferred, undefined);
    const resolved = await client.resolve(suggestion);
    assert.deepEqual(
      resolved.edit?.documentChanges?.map((change) => ('textDocument' in change ? change.textDocument : undefined)),
      [{ uri: doc.uri, version: 1 }],
    );
    const after = await doc.apply(resolved);
    assert.deepEqual(only(after, 'firewall/security-group-open-admin-port'), []);
    assert.match(doc.text(), /\nParameters:\n {2}AdminCidr:\n/);
    assert.match(doc.text(), /CidrIp: !Ref AdminCidr\n/);
  });

  it('suppresses a finding with a reason and selects the placeholder reason', async () => {
    const doc = await opened(BUCKET_AND_SSH);
    const target = only(doc.diagnostics, 'firewall/security-group-open-admin-port');
    const actions = await client.codeActions(doc.uri, target, ['quickfix']);
    const suppress = await client.resolve(actions.find((a) => a.title.startsWith('Suppress')) as CodeAction);
    assert.deepEqual(suppress.command, {
      title: 'Select the reason',
      command: 'iacsec.selectRange',
      arguments: [doc.uri, { start: { line: 19, character: 65 }, end: { line: 19, character: 95 } }],
    });
    const after = await doc.apply(suppress);
    assert.equal(
      doc.text(),
      BUCKET_AND_SSH.replace(
        '      CidrIp: 0.0.0.0/0\n',
        `      # iacsec-ignore firewall/security-group-open-admin-port -- ${PLACEHOLDER}\n      CidrIp: 0.0.0.0/0\n`,
      ),
    );
    assert.equal(doc.text().split('\n')[19]?.slice(65, 95), PLACEHOLDER);
    assert.deepEqual(only(after, 'firewall/security-group-open-admin-port'), []);
    assert.equal(after.length, doc.diagnostics.length - 1);
  });

  it('suppresses in JSON through the resource Metadata', async () => {
    const doc = await opened(QUEUE_JSON, 'json');
    const actions = await client.codeActions(doc.uri, doc.diagnostics, ['quickfix']);
    const suppress = await client.resolve(actions.find((a) => a.title.startsWith('Suppress')) as CodeAction);
    const after = await doc.apply(suppress);
    assert.deepEqual(after, []);
    assert.match(
      doc.text(),
      /"Metadata": \{\n {8}"iacsec": \{\n {10}"ignore": \[\n {12}\{\n {14}"rule": "encryption\/sqs-queue-encryption",\n {14}"reason": "explain why this is acceptable"\n/,
    );
  });

  it('shows a rule page through the editor', async () => {
    const doc = await opened(BUCKET_AND_SSH);
    const actions = await client.codeActions(doc.uri, only(doc.diagnostics, 'firewall/security-group-open-egress'));
    const docs = actions.find((a) => a.title.startsWith('Show documentation')) as CodeAction;
    assert.deepEqual(docs.command?.arguments, [
      'firewall/security-group-open-egress',
      'https://github.com/iacsec/iacsec/blob/main/docs/rules/firewall/security-group-open-egress.md',
    ]);
    await client.connection.sendRequest('workspace/executeCommand', {
      command: docs.command?.command,
      arguments: docs.command?.arguments,
    });
    assert.deepEqual(client.shownDocuments, [
      'https://github.com/iacsec/iacsec/blob/main/docs/rules/firewall/security-group-open-egress.md',
    ]);
  });

  it('applies every safe fix with source.fixAll.iacsec, keeping comments and the rest of the text', async () => {
    const doc = await opened(BUCKET_AND_SSH);
    const actions = await client.codeActions(doc.uri, [], ['source.fixAll.iacsec']);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind]),
      [['Fix all safely fixable iacsec problems', 'source.fixAll.iacsec']],
    );
    const after = await doc.apply(actions[0] as CodeAction);
    assert.equal(
      doc.text(),
      BUCKET_AND_SSH.replace(
        '      BucketName: app-data\n',
        [
          '      BucketName: app-data',
          '      BucketEncryption:',
          '        ServerSideEncryptionConfiguration:',
          '          - ServerSideEncryptionByDefault:',
          '              SSEAlgorithm: AES256',
          '      PublicAccessBlockConfiguration:',
          '        BlockPublicAcls: true',
          '        BlockPublicPolicy: true',
          '        IgnorePublicAcls: true',
          '        RestrictPublicBuckets: true',
          '',
        ].join('\n'),
      ),
    );
    assert.deepEqual(summary(after), [
      'encryption/s3-bucket-tls-only@3:2-3:6/2',
      'responsibility/s3-access-logging@5:4-5:14/2',
      'responsibility/s3-bucket-versioning@5:4-5:14/2',
      // AES256 now declared: the advice to use a customer-managed key applies.
      'encryption/s3-bucket-customer-key@10:28-10:34/3',
      'firewall/security-group-open-egress@18:4-18:14/3',
      'firewall/security-group-open-admin-port@28:14-28:23/1',
    ]);
    // Nothing left to fix: fix-on-save changes nothing the second time.
    const again = await client.codeActions(doc.uri, [], ['source.fixAll.iacsec']);
    assert.deepEqual(editsOf(again[0]?.edit, doc.uri), []);
  });

  it('answers no quick fix for a buffer that changed since its last lint', async () => {
    const doc = await opened(BUCKET_AND_SSH);
    await client.change(doc.uri, 2, `${BUCKET_AND_SSH}# edited\n`);
    const actions = await client.codeActions(doc.uri, only(doc.diagnostics, 'encryption/s3-bucket-encryption'), [
      'quickfix',
    ]);
    assert.deepEqual(actions, []);
  });
});

describe('LSP over stdio: code actions for a client that cannot resolve them', () => {
  it('sends edits at once, as plain changes, without a select command', async () => {
    const client = await LspClient.start({ capabilities: {} });
    try {
      const uri = 'file:///work/plain/queue.json';
      await client.open(uri, QUEUE_JSON, 'json');
      const diagnostics = await client.diagnostics(uri, 1);
      const actions = await client.codeActions(uri, diagnostics);
      const fix = actions[0] as CodeAction;
      assert.equal(fix.title, 'Declare the default encryption (SSE-SQS, SqsManagedSseEnabled: true) explicitly');
      assert.equal(fix.isPreferred, true);
      assert.deepEqual(fix.edit?.documentChanges, undefined);
      assert.deepEqual(fix.edit?.changes?.[uri], [
        {
          range: { start: { line: 6, character: 27 }, end: { line: 6, character: 27 } },
          newText: ',\n        "SqsManagedSseEnabled": true',
        },
      ]);
      const suppress = actions.find((a) => a.title.startsWith('Suppress')) as CodeAction;
      assert.equal(suppress.command, undefined);
      assert.ok(suppress.edit?.changes?.[uri] !== undefined);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});
