import * as assert from 'node:assert/strict';
import { LintCancelled, Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import { FixChanges } from '../../src/lsp/fix-changes';
import { WorkerLinting } from '../../src/lsp/worker-linting';
import type { WorkerResponse } from '../../src/lsp/worker-protocol';
import { allRules } from '../../src/rules';

const OPEN_SSH = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Bastion:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: SSH
      VpcId: vpc-12345678
      SecurityGroupEgress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8 }]
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
`;

describe('lint cancellation', () => {
  it('stops a lint whose text a newer edit replaced, between resources', () => {
    const linter = new Linter(new RuleSet(allRules));
    let asked = 0;
    assert.throws(
      () =>
        linter.lint(OPEN_SSH, 'a.yaml', {
          isCancelled: () => {
            asked++;
            return true;
          },
        }),
      LintCancelled,
    );
    assert.equal(asked, 1);
    assert.deepEqual(
      linter.lint(OPEN_SSH, 'a.yaml', { isCancelled: () => false }).findings.map((f) => f.ruleId),
      ['firewall/security-group-open-admin-port'],
    );
  });

  it('answers `cancelled` from the worker, and `linted` with every resource otherwise', async () => {
    const posted: WorkerResponse[] = [];
    const linting = new WorkerLinting(
      (response) => posted.push(response),
      (id) => id === 1,
    );
    const job = { file: '/nowhere/a.yaml', text: OPEN_SSH, onDisk: false, cwd: '/nowhere' };
    await linting.handle({ kind: 'lint', id: 1, ...job });
    await linting.handle({ kind: 'lint', id: 2, ...job });
    assert.deepEqual(posted[0], { kind: 'cancelled', id: 1 });
    const linted = posted[1];
    assert.equal(linted?.kind, 'linted');
    assert.deepEqual(linted.kind === 'linted' && linted.result.resources, [
      { id: 'Bastion', type: 'AWS::EC2::SecurityGroup' },
    ]);
  });

  it("answers a lint with each fix's title and safety, and sends the fixes' changes right after", async () => {
    const posted: WorkerResponse[] = [];
    const linting = new WorkerLinting((response) => posted.push(response));
    await linting.handle({ kind: 'lint', id: 3, file: '/nowhere/a.yaml', text: OPEN_SSH, onDisk: false, cwd: '/' });
    assert.deepEqual(
      posted.map((response) => [response.kind, response.id]),
      [
        ['linted', 3],
        ['fixChanges', 3],
      ],
    );
    const [linted, follow] = posted;
    assert.ok(linted?.kind === 'linted' && follow?.kind === 'fixChanges');
    const expected = new Linter(new RuleSet(allRules)).lint(OPEN_SSH, '/nowhere/a.yaml').findings;
    assert.deepEqual(
      linted.result.findings,
      expected.map((finding) => ({ ...finding, fixes: finding.fixes.map(({ title, safe }) => ({ title, safe })) })),
    );
    const changes = new FixChanges(Promise.resolve(follow.changes));
    const [finding] = linted.result.findings;
    assert.ok(finding !== undefined && finding.fixes.length > 0);
    assert.deepEqual(await changes.proposal(finding, 0, 0), expected[0]?.fixes[0]);
    assert.equal(await changes.proposal(finding, 0, finding.fixes.length), undefined);
    assert.equal(await new FixChanges(Promise.resolve(undefined)).proposal(finding, 0, 0), undefined);
  });

  it('fixes every safe finding of a buffer in the worker, pass after pass', async () => {
    const posted: WorkerResponse[] = [];
    const linting = new WorkerLinting((response) => posted.push(response));
    const text = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n';
    await linting.handle({ kind: 'fixAll', id: 7, file: 'q.yaml', text, onDisk: false, cwd: '/' });
    assert.deepEqual(posted, [
      {
        kind: 'fixed',
        id: 7,
        text: 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      SqsManagedSseEnabled: true\n',
      },
    ]);
  });
});
