import * as assert from 'node:assert/strict';
import type { Template } from '../../src/model/template';
import { describeSteps, type Outcome, stringOf, truthOf } from '../../src/model/values';
import { templateOf } from './template-fixture';

/** Every outcome of a resource property as `kind value @"source text" [steps]`. */
function values(template: Template, text: string, resource: string, ...path: string[]): string[] {
  const found = template.resource(resource);
  assert.ok(found, `no resource ${resource}`);
  const start = template.values.resolve(found.properties, found.anchor);
  return template.values.lookup(start, ...path).map((outcome) => show(text, outcome));
}

function show(text: string, outcome: Outcome): string {
  const at = `@${JSON.stringify(text.slice(outcome.node.start, outcome.node.end))}`;
  const steps = outcome.via.length === 0 ? '' : ` [${describeSteps(outcome.via)}]`;
  switch (outcome.kind) {
    case 'scalar':
      return `scalar ${JSON.stringify(outcome.value)} ${at}${steps}`;
    case 'resource':
      return `resource ${outcome.id}${outcome.attribute === undefined ? '' : `.${outcome.attribute}`} ${at}${steps}`;
    default:
      return `${outcome.kind} ${at}${steps}`;
  }
}

const TEXT = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Cidr: { Type: String, Default: 0.0.0.0/0 }
  Env: { Type: String, AllowedValues: [dev, prod] }
  Free: { Type: String }
  Ids: { Type: CommaDelimitedList, Default: "a,b" }
Mappings:
  Regions: { eu: { Ami: ami-123 } }
Conditions:
  Always: !Equals [a, a]
  Never: !Not [!Condition Always]
  IsProd: !Equals [!Ref Env, prod]
  Loop: !Condition Loop
  Both: !And [!Condition Always, !Condition IsProd]
  Either: !Or [!Condition Always, !Condition IsProd]
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      StorageEncrypted: !If [IsProd, true, false]
      Decided: !If [Always, "yes", "no"]
      NoValue: !If [Never, x, !Ref "AWS::NoValue"]
      Cidr: !Ref Cidr
      Env: !Ref Env
      Free: !Ref Free
      Ids: !Ref Ids
      Region: !Ref AWS::Region
      Sub: !Sub "\${Cidr}-\${!Literal}-\${Local}"
      SubVars: !Sub ["\${A}/\${B}", { A: x, B: !Ref Cidr }]
      SubPseudo: !Sub "\${AWS::Region}"
      Join: !Join ["-", [a, !Ref Cidr]]
      Select: !Select [1, [a, b, c]]
      Find: !FindInMap [Regions, eu, Ami]
      Source: !Ref Bucket
      Att: !GetAtt Bucket.Arn
      AttList: !GetAtt [Bucket, Arn]
      Nested:
        Outer: !If
          - IsProd
          - { Inner: 1 }
          - !Ref AWS::NoValue
  Bucket:
    Type: AWS::S3::Bucket
`;

describe('CloudFormation values', () => {
  const template = templateOf(TEXT);
  const at = (...path: string[]): string[] => values(template, TEXT, 'Db', ...path);

  it('decides conditions from literals only, three-valued, without looping', () => {
    assert.deepEqual(
      ['Always', 'Never', 'IsProd', 'Loop', 'Both', 'Either', 'Missing'].map((name) => template.values.condition(name)),
      [true, false, 'unknown', 'unknown', 'unknown', true, 'unknown'],
    );
  });

  it('yields both branches of an undecided Fn::If, each naming its branch', () => {
    assert.deepEqual(at('StorageEncrypted'), [
      'scalar true @"true" [when condition IsProd is true]',
      'scalar false @"false" [when condition IsProd is false]',
    ]);
    assert.deepEqual(at('Decided'), ['scalar "yes" @"\\"yes\\""']);
  });

  it('reads AWS::NoValue as absence, reported at the key that holds it', () => {
    assert.deepEqual(at('NoValue'), ['absent @"NoValue"']);
    assert.deepEqual(at('Missing'), ['absent @"Properties"']);
    assert.deepEqual(at('Nested', 'Outer', 'Inner'), [
      'scalar 1 @"1" [when condition IsProd is true]',
      'absent @"Outer" [when condition IsProd is false]',
    ]);
  });

  it('follows parameter defaults, then allowed values; otherwise unknown', () => {
    assert.deepEqual(at('Cidr'), ['scalar "0.0.0.0/0" @"!Ref Cidr" [by the default of parameter Cidr]']);
    assert.deepEqual(at('Env'), [
      'scalar "dev" @"!Ref Env" [when parameter Env is \'dev\']',
      'scalar "prod" @"!Ref Env" [when parameter Env is \'prod\']',
    ]);
    assert.deepEqual(at('Free'), ['unknown @"!Ref Free"']);
    assert.deepEqual(at('Ids'), ['unknown @"!Ref Ids"']);
    assert.deepEqual(at('Region'), ['unknown @"!Ref AWS::Region"']);
  });

  it('evaluates Fn::Sub, Fn::Join, Fn::Select and Fn::FindInMap of known parts', () => {
    assert.deepEqual(at('Sub'), ['unknown @"!Sub \\"${Cidr}-${!Literal}-${Local}\\""']);
    assert.deepEqual(at('SubVars'), [
      'scalar "x/0.0.0.0/0" @"!Sub [\\"${A}/${B}\\", { A: x, B: !Ref Cidr }]" [by the default of parameter Cidr]',
    ]);
    assert.deepEqual(at('SubPseudo'), ['unknown @"!Sub \\"${AWS::Region}\\""']);
    assert.deepEqual(at('Join'), [
      'scalar "a-0.0.0.0/0" @"!Join [\\"-\\", [a, !Ref Cidr]]" [by the default of parameter Cidr]',
    ]);
    assert.deepEqual(at('Select'), ['scalar "b" @"!Select [1, [a, b, c]]"']);
    assert.deepEqual(at('Find'), ['scalar "ami-123" @"!FindInMap [Regions, eu, Ami]"']);
  });

  it('follows Ref and Fn::GetAtt to resources of the same template', () => {
    assert.deepEqual(at('Source'), ['resource Bucket @"!Ref Bucket"']);
    assert.deepEqual(at('Att'), ['resource Bucket.Arn @"!GetAtt Bucket.Arn"']);
    assert.deepEqual(at('AttList'), ['resource Bucket.Arn @"!GetAtt [Bucket, Arn]"']);
  });

  it('coerces scalars the way CloudFormation does', () => {
    const db = template.resource('Db');
    assert.ok(db);
    const [yes, no] = template.values.lookup(template.values.resolve(db.properties, db.anchor), 'StorageEncrypted');
    assert.ok(yes && no);
    assert.deepEqual([truthOf(yes), truthOf(no), stringOf(yes)], [true, false, 'true']);
  });

  it('indexes which resources point at which', () => {
    const to = template.references
      .to('Bucket')
      .map((reference) => `${reference.from.id} ${reference.path.join('.')} ${reference.attribute ?? ''}`);
    assert.deepEqual(to, ['Db Properties.Source ', 'Db Properties.Att Arn', 'Db Properties.AttList Arn']);
    assert.deepEqual(template.references.from('Bucket'), []);
  });
});
