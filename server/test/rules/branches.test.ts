import * as assert from 'node:assert/strict';
import { Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import type { Outcome, Step } from '../../src/model/values';
import type { SourceNode } from '../../src/parsing/nodes';
import { combinations, MAX_COMBINATIONS } from '../../src/rules/branches';
import { allRules } from '../../src/rules/index';

const NODE: SourceNode = { kind: 'scalar', start: 0, end: 0, value: null };

function branch(name: string, value: boolean, scalar: string): Outcome {
  const step: Step = { kind: 'condition', name, value, node: NODE };
  return { kind: 'scalar', value: scalar, node: NODE, source: NODE, via: [step] };
}

describe('combinations', () => {
  it('pairs only values that one deployment can take together', () => {
    const protocol = [branch('A', true, 'tcp'), branch('A', false, 'udp')];
    const port = [branch('A', true, '22'), branch('B', true, '3389')];
    const found = combinations([protocol, port]).map((values) =>
      values.map((outcome) => (outcome.kind === 'scalar' ? outcome.value : '?')),
    );
    assert.deepEqual(found, [
      ['tcp', '22'],
      ['tcp', '3389'],
      ['udp', '3389'],
    ]);
  });

  it('gives every outcome of a combination the steps of the whole combination', () => {
    const [combination] = combinations([[branch('A', true, 'x')], [branch('B', false, 'y')]]);
    assert.deepEqual(
      combination?.map((outcome) => outcome.via.map((step) => step.name)),
      [
        ['A', 'B'],
        ['A', 'B'],
      ],
    );
  });

  it(`answers "unknown" (no combination) past ${MAX_COMBINATIONS}, instead of exploding`, () => {
    const many = (name: string): Outcome[] =>
      Array.from({ length: 17 }, (_, i) => branch(`${name}${i}`, true, String(i)));
    assert.deepEqual(combinations([many('A'), many('B')]), []);
    assert.equal(combinations([many('A').slice(0, 16), many('B').slice(0, 16)]).length, 256);
  });

  it('keeps a rule bounded on a template built to multiply Fn::If branches across properties (32⁴ combinations)', () => {
    let conditions = 0;
    const tree = (depth: number, leaf: unknown): unknown =>
      depth === 0 ? leaf : { 'Fn::If': [`C${conditions++}`, tree(depth - 1, leaf), tree(depth - 1, leaf)] };
    const properties = {
      GroupId: 'sg-1',
      IpProtocol: tree(5, 'tcp'),
      FromPort: tree(5, 22),
      ToPort: tree(5, 22),
      CidrIp: tree(5, '0.0.0.0/0'),
    };
    const template = {
      Parameters: { P: { Type: 'String' } },
      Conditions: Object.fromEntries(
        Array.from({ length: conditions }, (_, i) => [`C${i}`, { 'Fn::Equals': [{ Ref: 'P' }, `v${i}`] }]),
      ),
      Resources: { In: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: properties } },
    };
    const result = new Linter(new RuleSet(allRules)).lint(JSON.stringify(template), 'bomb.json');
    assert.deepEqual([result.findings, result.problems], [[], []]);
  });

  it('keeps the RDS rule bounded when every inheriting property splits the branches', () => {
    let conditions = 0;
    const tree = (depth: number, leaf: unknown): unknown =>
      depth === 0 ? leaf : { 'Fn::If': [`C${conditions++}`, tree(depth - 1, leaf), tree(depth - 1, leaf)] };
    const keys = [
      'DBClusterIdentifier',
      'SourceDBInstanceIdentifier',
      'SourceDBClusterIdentifier',
      'DBSnapshotIdentifier',
      'StorageEncrypted',
    ];
    const properties = Object.fromEntries(
      keys.map((key) => [key, tree(5, key === 'StorageEncrypted' ? false : { Ref: 'AWS::NoValue' })]),
    );
    const template = {
      Parameters: { P: { Type: 'String' } },
      Conditions: Object.fromEntries(
        Array.from({ length: conditions }, (_, i) => [`C${i}`, { 'Fn::Equals': [{ Ref: 'P' }, `v${i}`] }]),
      ),
      Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: properties } },
    };
    const result = new Linter(new RuleSet(allRules)).lint(JSON.stringify(template), 'bomb.json');
    assert.deepEqual(result.problems, []);
    assert.ok(result.findings.every((finding) => finding.ruleId !== 'iacsec/rule-failed'));
  });
});
