import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { OPEN_SSH } from './fixtures';
import { LspClient } from './harness';

interface DiffFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  resource: { id: string } | null;
}

/** The parts of the server's answer this test reads (the report's shape is docs/diff.md's). */
interface SecurityDiffResult {
  text: string;
  broadened: boolean | null;
  report: {
    files: { old: string; new: string };
    securityChanges: {
      securityGroups: { change: string; direction: string; protocolText: string; peerText: string }[];
    };
    introduced: DiffFinding[];
    resolved: DiffFinding[];
  } | null;
}

/** The bastion before SSH was opened to the world. */
const CLOSED_SSH = OPEN_SSH.replace(/\n {6}SecurityGroupIngress:\n.*\n$/, '\n');

const COMMAND = 'iacsec.server.securityDiff';

describe('LSP over stdio: the security diff command', () => {
  let client: LspClient;

  before(async () => {
    // The bundle the extension runs: it must load diff.js from beside itself.
    client = await LspClient.start({ entry: 'server' });
  });

  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  function diff(args: unknown[]): Promise<SecurityDiffResult> {
    return client.connection.sendRequest<SecurityDiffResult>('workspace/executeCommand', {
      command: COMMAND,
      arguments: args,
    });
  }

  it('is announced among the server’s commands', () => {
    assert.ok(client.initializeResult?.capabilities.executeCommandProvider?.commands.includes(COMMAND));
  });

  it('diffs two texts: access broadens, and the findings the change brings', async () => {
    assert.notEqual(CLOSED_SSH, OPEN_SSH);
    const result = await diff([
      { oldText: CLOSED_SSH, newText: OPEN_SSH, oldName: 'HEAD:stacks/bastion.yaml', newName: 'stacks/bastion.yaml' },
    ]);
    assert.equal(result.broadened, true);
    const report = result.report;
    assert.ok(report !== null);
    assert.deepEqual(report.files, { old: 'HEAD:stacks/bastion.yaml', new: 'stacks/bastion.yaml' });
    assert.deepEqual(
      report.securityChanges.securityGroups.map((rule) => [
        rule.change,
        rule.direction,
        rule.protocolText,
        rule.peerText,
      ]),
      [['added', 'ingress', 'TCP 22', 'Everyone (IPv4)']],
    );
    assert.deepEqual(
      report.introduced.map(
        (finding) =>
          `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.resource?.id ?? '-'}`,
      ),
      ['stacks/bastion.yaml:10:64 firewall/security-group-open-admin-port Bastion'],
    );
    assert.deepEqual(report.resolved, []);
    // `iacsec diff`'s stylish text, without colours, under a line that says whether access broadens.
    assert.equal(
      result.text,
      [
        'Security diff of HEAD:stacks/bastion.yaml → stacks/bastion.yaml',
        '✖ Access broadens: the change gives more access (see the security changes below).',
        '',
        'Security changes',
        '  Security group rules',
        '       Group               Direction  Protocol  Peer',
        '    +  ${Bastion.GroupId}  ingress    TCP 22    Everyone (IPv4)',
        '',
        'New findings',
        '  stacks/bastion.yaml:10:64  error  Ingress from 0.0.0.0/0 opens SSH to the whole internet (tcp port 22).  firewall/security-group-open-admin-port',
        '',
        '✖ 1 security change (access broadened), 1 new finding (1 error, 0 warnings, 0 infos), 0 resolved findings, 0 resources replaced',
        '',
      ].join('\n'),
    );
  });

  it('says so when access does not broaden', async () => {
    const result = await diff([{ oldText: OPEN_SSH, newText: CLOSED_SSH, oldName: 'old.yaml', newName: 'new.yaml' }]);
    assert.equal(result.broadened, false);
    assert.equal(result.text.split('\n')[1], '✔ Access does not broaden.');
    assert.deepEqual(
      result.report?.resolved.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`),
      ['old.yaml:10:64 firewall/security-group-open-admin-port'],
    );
  });

  it('names the template it cannot read, with no report', async () => {
    const result = await diff([
      {
        oldText: 'AWSTemplateFormatVersion: "2010-09-09"\nResources: [\n',
        newText: OPEN_SSH,
        oldName: 'old.yaml',
        newName: 'new.yaml',
      },
    ]);
    assert.deepEqual(
      { ...result, text: result.text.split('\n').slice(0, 2) },
      {
        text: ['Security diff of old.yaml → new.yaml', 'No diff: a template could not be read.'],
        broadened: null,
        report: null,
      },
    );
    assert.match(result.text, /^ {2}old\.yaml:\d+:\d+: parse error: /m);
  });

  describe('under the configuration of the document NEW is', () => {
    let workspace = '';
    beforeEach(() => {
      workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-lsp-diff-'));
      fs.mkdirSync(path.join(workspace, 'stacks'));
    });
    afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

    const request = (): Record<string, string> => ({
      oldText: CLOSED_SSH,
      newText: OPEN_SSH,
      oldName: 'HEAD:stacks/bastion.yaml',
      newName: 'stacks/bastion.yaml',
      newUri: pathToFileURL(path.join(workspace, 'stacks', 'bastion.yaml')).href,
    });

    it('takes its nearest .iacsec.yaml for both versions: a rule turned off there brings no finding', async () => {
      fs.writeFileSync(
        path.join(workspace, '.iacsec.yaml'),
        'rules:\n  firewall/security-group-open-admin-port: off\n',
      );
      const result = await diff([request()]);
      // The security change is the template's, whatever the configuration says of findings.
      assert.equal(result.broadened, true);
      assert.deepEqual(result.report?.introduced, []);
      assert.equal(
        result.text.split('\n')[1],
        '✖ Access broadens: the change gives more access (see the security changes below).',
      );
    });

    it('says a broken configuration is broken, and diffs under the defaults', async () => {
      fs.writeFileSync(
        path.join(workspace, '.iacsec.yaml'),
        'rules:\n  firewall/security-group-open-admin-port: loud\n',
      );
      const result = await diff([request()]);
      assert.match(
        result.text.split('\n')[1] ?? '',
        /^The iacsec configuration .*\.iacsec\.yaml:2:\d+ is invalid, so the defaults apply: .*loud/,
      );
      assert.deepEqual(
        result.report?.introduced.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`),
        ['stacks/bastion.yaml:10 firewall/security-group-open-admin-port'],
      );
    });
  });

  it('refuses arguments of another shape', async () => {
    await assert.rejects(diff([{ oldText: 'x' }]), /takes \[\{ oldText, newText, oldName, newName \}\]/);
  });
});
