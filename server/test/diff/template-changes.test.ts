import * as assert from 'node:assert/strict';
import { templateChanges } from '../../src/diff/template-changes';

/** A role whose one inline policy holds these statements. */
function role(...statements: readonly unknown[]): unknown {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {},
      Policies: [{ PolicyName: 'inline', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
    },
  };
}

function template(resources: Readonly<Record<string, unknown>>): { Resources: Readonly<Record<string, unknown>> } {
  return { Resources: resources };
}

const GROUP = { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'web' } };

describe('templateChanges (what @aws-cdk/cloudformation-diff finds, as plain data)', function () {
  // The first call loads AWS's resource specification.
  this.timeout(30_000);

  it('reports a Deny removed as broadening, and an Allow removed as not', () => {
    const deny = { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' };
    const allow = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' };
    const changes = templateChanges(template({ Role: role(deny, allow) }), template({ Role: role() }));
    assert.deepEqual(
      changes.security.iam.map(
        (change) => change.kind === 'statement' && [change.change, change.effect, change.broadens],
      ),
      [
        ['removed', 'Deny', true],
        ['removed', 'Allow', false],
      ],
    );
    assert.equal(changes.security.broadened, true);
  });

  it('counts an Allow with NotAction added as broadening, and its removal as not, unlike the library', () => {
    const allButIam = { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' };
    const added = templateChanges(template({ Role: role() }), template({ Role: role(allButIam) }));
    assert.deepEqual(
      added.security.iam.map(
        (change) => change.kind === 'statement' && [change.change, change.actions, change.broadens],
      ),
      [['added', { not: true, values: ['iam:*'] }, true]],
    );
    assert.equal(added.security.broadened, true);
    const removed = templateChanges(template({ Role: role(allButIam) }), template({ Role: role() }));
    assert.deepEqual(
      removed.security.iam.map((change) => change.kind === 'statement' && [change.change, change.broadens]),
      [['removed', false]],
    );
    assert.equal(removed.security.broadened, false);
  });

  it('keeps a statement written as an intrinsic as its text, and counts it as broadening: it may allow anything', () => {
    const conditional = {
      'Fn::If': ['IsProd', { Effect: 'Allow', Action: '*', Resource: '*' }, { Ref: 'AWS::NoValue' }],
    };
    const changes = templateChanges(template({ Role: role() }), template({ Role: role(conditional) }));
    assert.deepEqual(changes.security.iam, [
      {
        kind: 'statement',
        change: 'added',
        broadens: true,
        effect: 'Unknown',
        sid: null,
        actions: { not: false, values: [] },
        resources: { not: false, values: [] },
        principals: { not: false, values: ['AWS:${Role}'] },
        condition: null,
        intrinsic: '{"Fn::If":["IsProd",{"Effect":"Allow","Action":"*","Resource":"*"}]}',
      },
    ]);
    assert.equal(changes.security.broadened, true);
  });

  it('reads rules of their own resources, ingress and egress, with every kind of peer', () => {
    const changes = templateChanges(
      template({ Group: GROUP }),
      template({
        Group: GROUP,
        AnyV6: {
          Type: 'AWS::EC2::SecurityGroupIngress',
          Properties: { GroupId: { 'Fn::GetAtt': ['Group', 'GroupId'] }, IpProtocol: '-1', CidrIpv6: '::/0' },
        },
        Out: {
          Type: 'AWS::EC2::SecurityGroupEgress',
          Properties: {
            GroupId: { Ref: 'Group' },
            IpProtocol: 'tcp',
            FromPort: 1024,
            ToPort: 2048,
            DestinationPrefixListId: 'pl-0123',
          },
        },
      }),
    );
    assert.deepEqual(changes.security.securityGroups, [
      {
        change: 'added',
        broadens: true,
        direction: 'ingress',
        group: '${Group.GroupId}',
        ipProtocol: '-1',
        fromPort: null,
        toPort: null,
        peer: { kind: 'cidr-ip', value: '::/0' },
        protocolText: 'Everything',
        peerText: 'Everyone (IPv6)',
      },
      {
        change: 'added',
        broadens: true,
        direction: 'egress',
        group: '${Group}',
        ipProtocol: 'tcp',
        fromPort: 1024,
        toPort: 2048,
        peer: { kind: 'prefix-list', value: 'pl-0123' },
        protocolText: 'TCP 1024-2048',
        peerText: 'pl-0123',
      },
    ]);
    assert.equal(changes.security.broadened, true);
  });

  it('reports a removed ingress rule as narrowing, not broadening', () => {
    const open = {
      ...GROUP,
      Properties: {
        ...GROUP.Properties,
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, SourceSecurityGroupId: 'sg-0abc' }],
      },
    };
    const changes = templateChanges(template({ Group: open }), template({ Group: GROUP }));
    assert.deepEqual(
      changes.security.securityGroups.map((rule) => [rule.change, rule.broadens, rule.peer, rule.peerText]),
      [['removed', false, { kind: 'security-group', value: 'sg-0abc' }, 'sg-0abc']],
    );
    assert.equal(changes.security.broadened, false);
  });

  it('lists replacements: by a property, by a changed type, and through a reference to a replaced resource', () => {
    const bucket = (name: string): unknown => ({ Type: 'AWS::S3::Bucket', Properties: { BucketName: name } });
    const policy = {
      Type: 'AWS::S3::BucketPolicy',
      Properties: { Bucket: { Ref: 'Bucket' }, PolicyDocument: { Statement: [] } },
    };
    const changes = templateChanges(
      template({ Bucket: bucket('a'), Policy: policy, Queue: { Type: 'AWS::SQS::Queue' } }),
      template({ Bucket: bucket('b'), Policy: policy, Queue: { Type: 'AWS::SNS::Topic' } }),
    );
    assert.deepEqual(changes.replacements, [
      { logicalId: 'Bucket', type: 'AWS::S3::Bucket', impact: 'will-replace', properties: ['BucketName'] },
      { logicalId: 'Policy', type: 'AWS::S3::BucketPolicy', impact: 'will-replace', properties: ['Bucket'] },
      { logicalId: 'Queue', type: 'AWS::SNS::Topic', impact: 'will-replace', properties: ['Type'] },
    ]);
  });

  it('replaces nothing for an in-place update', () => {
    const queue = (delay: number): unknown => ({ Type: 'AWS::SQS::Queue', Properties: { DelaySeconds: delay } });
    const changes = templateChanges(template({ Queue: queue(0) }), template({ Queue: queue(5) }));
    assert.deepEqual(changes, { security: { iam: [], securityGroups: [], broadened: false }, replacements: [] });
  });
});
