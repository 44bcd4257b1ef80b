import * as assert from 'node:assert/strict';
import { OPEN_SSH } from './fixtures';
import { LspClient, messageOf, summary } from './harness';

const ADMIN_PORT = ['firewall/security-group-open-admin-port@9:63-9:72/1'];

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
    const huge = `AWSTemplateFormatVersion: "2010-09-09"\nDescription: "${'x'.repeat(21 * 1024 * 1024)}"\nResources: {}\n`;
    await client.open(uri, huge);
    const diagnostics = await client.diagnostics(uri, 1);
    assert.deepEqual(summary(diagnostics), ['limit@0:0-0:0/1']);
    assert.match(messageOf(diagnostics[0]), /over the 20 MB limit/);
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
