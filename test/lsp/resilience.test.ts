import * as assert from 'node:assert/strict';
import { OPEN_SSH } from './fixtures';
import { LspClient, messageOf, summary } from './harness';

const ADMIN_PORT = ['firewall/security-group-open-admin-port@9:63-9:72/1'];

/** Three buckets without encryption and a security group open on port 22. */
const THREE_BUCKETS_AND_SSH = `${OPEN_SSH}  Logs:
    Type: AWS::S3::Bucket
  Data:
    Type: AWS::S3::Bucket
  Backup:
    Type: AWS::S3::Bucket
`;

/** A valid template of `count` security groups open to the world on port 22. */
function manyGroups(count: number): string {
  let text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n';
  for (let index = 0; index < count; index++) {
    text += `  Group${index}:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: g\n      VpcId: vpc-1\n      SecurityGroupEgress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8 }]\n      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }]\n`;
  }
  return text;
}

describe('LSP over stdio: the server survives', () => {
  let client: LspClient;
  let next = 0;

  before(async () => {
    client = await LspClient.start();
  });

  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  /** The server still lints: a fresh document gets its exact diagnostics. */
  async function stillServes(): Promise<void> {
    const uri = `file:///work/alive/doc-${++next}.yaml`;
    await client.open(uri, OPEN_SSH);
    assert.deepEqual(summary(await client.diagnostics(uri, 1)), ADMIN_PORT);
  }

  it('a malformed document gets one parse error at its position', async () => {
    const uri = 'file:///work/bad/broken.yaml';
    await client.open(uri, 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A: {Type: [\n');
    const diagnostics = await client.diagnostics(uri, 1);
    assert.deepEqual(summary(diagnostics), ['parse@3:0-3:0/1']);
    await stillServes();
  });

  it('a document over the size limit gets one limit error and is not linted', async () => {
    const uri = 'file:///work/bad/huge.yaml';
    const huge = `AWSTemplateFormatVersion: "2010-09-09"\nDescription: "${'x'.repeat(50 * 1024 * 1024)}"\nResources: {}\n`;
    await client.open(uri, huge);
    const diagnostics = await client.diagnostics(uri, 1);
    assert.deepEqual(summary(diagnostics), ['limit@0:0-0:0/1']);
    assert.equal(
      messageOf(diagnostics[0]),
      'file is 50 MB, over the 20 MB limit for templates; to lint it, raise limits.maxTemplateBytes in .iacsec.yaml',
    );
    await stillServes();
  });

  it('a document closed while its lint runs is cleared and stays cleared', async () => {
    const uri = 'file:///work/bad/closing.yaml';
    await client.open(uri, manyGroups(1500));
    await client.close(uri);
    await stillServes();
    const last = client.published.filter((p) => p.uri === uri).at(-1);
    assert.deepEqual(last?.diagnostics, []);
  });

  it('answers hovers at once while a long lint runs', async () => {
    const small = `file:///work/alive/hover-${++next}.yaml`;
    await client.open(small, OPEN_SSH);
    await client.diagnostics(small, 1);
    const big = 'file:///work/bad/big.yaml';
    const order: string[] = [];
    await client.open(big, manyGroups(2000));
    const hover = client.connection
      .sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 9, character: 66 } })
      .then((answer) => {
        order.push('hover');
        return answer;
      });
    const diagnostics = client.diagnostics(big, 1).then((list) => {
      order.push('big lint');
      return list;
    });
    assert.notEqual(await hover, null);
    assert.equal((await diagnostics).length, 2000);
    assert.deepEqual(order, ['hover', 'big lint']);
    await client.close(big);
  });

  it('a flood of changes ends in the diagnostics of the final text', async () => {
    const uri = 'file:///work/bad/flood.yaml';
    await client.open(uri, OPEN_SSH);
    for (let version = 2; version <= 200; version++) {
      await client.change(uri, version, version % 2 === 0 ? OPEN_SSH.replace('0.0.0.0/0', '10.0.0.0/8') : OPEN_SSH);
    }
    assert.deepEqual(summary(await client.diagnostics(uri, 200)), []);
    assert.ok(client.published.filter((p) => p.uri === uri).length <= 3);
  });

  it('an unknown request gets an error answer, and the next request is served', async () => {
    await assert.rejects(client.connection.sendRequest('iacsec/doesNotExist', {}), /Unhandled method/);
    await assert.rejects(
      client.connection.sendRequest('workspace/executeCommand', { command: 'iacsec.nope', arguments: [] }),
      /iacsec does not know the command iacsec\.nope/,
    );
    await stillServes();
  });
});

describe('LSP over stdio: a rule that fails', () => {
  let client: LspClient;

  before(async () => {
    // The server's lint worker builds its rule set from the same environment: the fault is injected there.
    client = await LspClient.start({ env: { IACSEC_FAULT_INJECT_RULE: 'encryption/s3-bucket-encryption' } });
  });

  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  it('is reported once, on the first resource it failed on, and hides no other rule’s findings', async () => {
    const uri = 'file:///work/faulty/buckets.yaml';
    await client.open(uri, THREE_BUCKETS_AND_SSH);
    const diagnostics = await client.diagnostics(uri, 1);
    // Without the fault each bucket would also have an encryption/s3-bucket-encryption warning.
    assert.deepEqual(summary(diagnostics), [
      ...ADMIN_PORT,
      'encryption/s3-bucket-tls-only@10:2-10:6/2',
      'iacsec/rule-failed@10:2-10:6/2',
      'responsibility/s3-access-logging@10:2-10:6/2',
      'responsibility/s3-bucket-versioning@10:2-10:6/2',
      'responsibility/s3-public-access-block@10:2-10:6/2',
      'encryption/s3-bucket-tls-only@12:2-12:6/2',
      'responsibility/s3-access-logging@12:2-12:6/2',
      'responsibility/s3-bucket-versioning@12:2-12:6/2',
      'responsibility/s3-public-access-block@12:2-12:6/2',
      'encryption/s3-bucket-tls-only@14:2-14:8/2',
      'responsibility/s3-access-logging@14:2-14:8/2',
      'responsibility/s3-bucket-versioning@14:2-14:8/2',
      'responsibility/s3-public-access-block@14:2-14:8/2',
    ]);
    assert.equal(
      messageOf(diagnostics.find((diagnostic) => diagnostic.code === 'iacsec/rule-failed')),
      'Rule encryption/s3-bucket-encryption failed on 3 resources (Logs first), so they were not checked: injected fault',
    );
  });
});
