import * as assert from 'node:assert/strict';
import { Linter } from '../../../src/engine/linter';
import { RuleSet } from '../../../src/engine/rule-set';
import { statefulResourceRetain } from '../../../src/rules/responsibility/stateful-resource-retain';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const DELETION_EVENT = 'deleting the stack or removing the resource from the template';
const REPLACE_EVENT = 'a change that replaces the resource';
const lost = (type: string): string => `deletes the ${type} and the data in it for good.`;
const neither = (type: string): string =>
  'Neither DeletionPolicy nor UpdateReplacePolicy is set, so deleting the stack, removing the resource from the ' +
  `template or a change that replaces it ${lost(type)}`;
const notKept = (attribute: string, value: string, event: string, type: string): string =>
  `${attribute} is '${value}', so ${event} ${lost(type)}`;

/** The engine names the branch a finding depends on before the message's final period. */
const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const TABLE = 'AWS::DynamoDB::Table';
/** A resource of `type` with `attributes` (block-style lines) and one property. */
const resource = (type: string, attributes: string, header = ''): string =>
  header +
  resourcesYaml(`
    Data:
      Type: ${type}
      ${attributes}
      Properties:
        Tags: []
  `);

const ENV =
  'Transform: AWS::LanguageExtensions\nParameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

const destroyed = (reason: string, type: string): string =>
  `${reason}, so terraform destroy, or a change that replaces the resource, deletes the ${type} and the data in it ` +
  'for good.';

/** A `.tf.json` resource of `type`, named `data`, whose body is `body`. */
const tf = (type: string, body: string): string => `{
  "resource": {
    "${type}": {
      "data": ${body}
    }
  }
}
`;

/** A plan with one table: a plan does not record `lifecycle`. */
const PLAN = `{
  "format_version": "1.2",
  "planned_values": { "root_module": { "resources": [
    { "address": "aws_dynamodb_table.data", "mode": "managed", "type": "aws_dynamodb_table", "name": "data", "values": { "name": "orders" } }
  ] } },
  "resource_changes": []
}
`;

new RuleTester().run(statefulResourceRetain, {
  valid: [
    {
      name: 'Terraform: a table that refuses to be destroyed',
      tf: tf('aws_dynamodb_table', '{ "name": "orders", "lifecycle": { "prevent_destroy": true } }'),
    },
    {
      name: 'Terraform: an RDS instance takes a final snapshot by default',
      tf: tf('aws_db_instance', '{ "engine": "postgres", "final_snapshot_identifier": "orders-final" }'),
    },
    {
      name: 'Terraform: a volume snapshotted on destroy',
      tf: tf('aws_ebs_volume', '{ "size": 100, "final_snapshot": true }'),
    },
    {
      name: 'Terraform: a replication group with a final snapshot',
      tf: tf('aws_elasticache_replication_group', '{ "final_snapshot_identifier": "sessions-final" }'),
    },
    {
      name: 'Terraform: a read replica, and a Memcached cache, hold nothing to keep',
      tf: `{
  "resource": {
    "aws_db_instance": { "replica": { "replicate_source_db": "orders" } },
    "aws_elasticache_cluster": { "cache": { "engine": "memcached" } }
  }
}
`,
    },
    { name: 'plan: lifecycle is not in a plan, so it is not judged', plan: PLAN },
    { name: 'a table retained', yaml: resource(TABLE, 'DeletionPolicy: Retain\n      UpdateReplacePolicy: Retain') },
    {
      name: 'a volume snapshotted',
      yaml: resource('AWS::EC2::Volume', 'DeletionPolicy: Snapshot\n      UpdateReplacePolicy: Snapshot'),
    },
    {
      name: 'an RDS instance: DeletionPolicy defaults to Snapshot',
      yaml: resource('AWS::RDS::DBInstance', 'UpdateReplacePolicy: Snapshot'),
    },
    {
      name: 'an Aurora cluster member holds no data of its own',
      yaml: resourcesYaml(
        'I:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    DBClusterIdentifier: c\n    DBInstanceClass: db.r6g.large\n    Engine: aurora-postgresql\n',
      ),
    },
    {
      name: 'a Memcached cache holds nothing to keep',
      yaml: resourcesYaml(
        'C:\n  Type: AWS::ElastiCache::CacheCluster\n  Properties:\n    Engine: memcached\n    CacheNodeType: cache.t3.micro\n    NumCacheNodes: 1\n',
      ),
    },
    {
      name: 'buckets, keys and queues are not this rule’s',
      yaml: resourcesYaml('B:\n  Type: AWS::S3::Bucket\nK:\n  Type: AWS::KMS::Key\nQ:\n  Type: AWS::SQS::Queue\n'),
    },
    {
      name: 'JSON',
      json: '{"Resources": {"T": {"Type": "AWS::EFS::FileSystem", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"}}}',
    },
    {
      name: 'a policy from a parameter without default is unknown',
      yaml: resource(
        TABLE,
        'DeletionPolicy: !Ref P\n      UpdateReplacePolicy: !Ref P',
        'Transform: AWS::LanguageExtensions\nParameters:\n  P:\n    Type: String\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: a file system without prevent_destroy, on its name; the fix adds it',
      tf: tf('aws_efs_file_system', '{ "encrypted": true }'),
      errors: [
        {
          messageId: 'destroyed',
          message: destroyed('lifecycle.prevent_destroy is not set', 'aws_efs_file_system'),
          data: { reason: 'lifecycle.prevent_destroy is not set', type: 'aws_efs_file_system' },
          text: '"data"',
        },
      ],
      output: tf('aws_efs_file_system', '{ "encrypted": true, "lifecycle": { "prevent_destroy": true } }'),
    },
    {
      name: 'Terraform: a cluster that skips its final snapshot',
      tf: tf('aws_rds_cluster', '{ "engine": "aurora-postgresql", "skip_final_snapshot": true }'),
      errors: [
        {
          messageId: 'destroyed',
          message: destroyed('lifecycle.prevent_destroy is not set and skip_final_snapshot is true', 'aws_rds_cluster'),
          text: '"data"',
        },
      ],
      output: tf(
        'aws_rds_cluster',
        '{ "engine": "aurora-postgresql", "skip_final_snapshot": true, "lifecycle": { "prevent_destroy": true } }',
      ),
    },
    {
      name: 'Terraform: a volume without a final snapshot, prevent_destroy false',
      tf: tf('aws_ebs_volume', '{ "size": 100, "lifecycle": [{ "prevent_destroy": false }] }'),
      errors: [
        {
          messageId: 'destroyed',
          message: destroyed('lifecycle.prevent_destroy is false and final_snapshot is not set', 'aws_ebs_volume'),
          text: 'false',
        },
      ],
      output: tf('aws_ebs_volume', '{ "size": 100, "lifecycle": [{ "prevent_destroy": true }] }'),
    },
    {
      name: 'neither set on a table: Retain for both',
      yaml: resourcesYaml('Data:\n  Type: AWS::DynamoDB::Table\n  Properties:\n    Tags: []\n'),
      errors: [{ messageId: 'neither', message: neither(TABLE), underline: 'Data:\n~~~~' }],
      output: resourcesYaml(`
        Data:
          Type: AWS::DynamoDB::Table
          Properties:
            Tags: []
          DeletionPolicy: Retain
          UpdateReplacePolicy: Retain
      `),
    },
    {
      name: 'neither set on a volume: Snapshot for both',
      yaml: resourcesYaml('Data:\n  Type: AWS::EC2::Volume\n  Properties:\n    Size: 10\n'),
      errors: [{ messageId: 'neither', message: neither('AWS::EC2::Volume'), text: 'Data' }],
      output: resourcesYaml(`
        Data:
          Type: AWS::EC2::Volume
          Properties:
            Size: 10
          DeletionPolicy: Snapshot
          UpdateReplacePolicy: Snapshot
      `),
    },
    {
      name: 'an RDS instance without UpdateReplacePolicy',
      yaml: resourcesYaml('Data:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    Engine: postgres\n'),
      errors: [
        {
          messageId: 'oneMissing',
          message: `UpdateReplacePolicy is not set, and CloudFormation’s default is Delete, so ${REPLACE_EVENT} ${lost('AWS::RDS::DBInstance')}`,
          text: 'Data',
        },
      ],
      output: resourcesYaml(`
        Data:
          Type: AWS::RDS::DBInstance
          Properties:
            Engine: postgres
          DeletionPolicy: Snapshot
          UpdateReplacePolicy: Snapshot
      `),
    },
    {
      name: 'Delete, said outright: a suggestion',
      yaml: resource(TABLE, 'DeletionPolicy: Delete\n      UpdateReplacePolicy: Retain'),
      errors: [
        {
          messageId: 'notKept',
          message: notKept('DeletionPolicy', 'Delete', DELETION_EVENT, TABLE),
          underline: 'DeletionPolicy: Delete\n                ~~~~~~',
        },
      ],
      output: resource(TABLE, 'DeletionPolicy: Retain\n      UpdateReplacePolicy: Retain'),
    },
    {
      name: 'Snapshot is not a policy a table can have',
      yaml: resource(TABLE, 'DeletionPolicy: Retain\n      UpdateReplacePolicy: Snapshot'),
      errors: [{ messageId: 'notKept', text: 'Snapshot' }],
      output: resource(TABLE, 'DeletionPolicy: Retain\n      UpdateReplacePolicy: Retain'),
    },
    {
      name: 'flow style',
      yaml: resourcesYaml('Data: { Type: AWS::EFS::FileSystem, Properties: { Encrypted: true } }\n'),
      errors: [{ messageId: 'neither', text: 'Data' }],
      output: resourcesYaml(
        'Data: { Type: AWS::EFS::FileSystem, Properties: { Encrypted: true }, DeletionPolicy: Retain, UpdateReplacePolicy: Retain }\n',
      ),
    },
    {
      name: 'flow style, Delete',
      yaml: resourcesYaml(
        'Data: { Type: AWS::EC2::Volume, DeletionPolicy: Delete, UpdateReplacePolicy: Snapshot, Properties: { Size: 10 } }\n',
      ),
      errors: [{ messageId: 'notKept', text: 'Delete' }],
      output: resourcesYaml(
        'Data: { Type: AWS::EC2::Volume, DeletionPolicy: Snapshot, UpdateReplacePolicy: Snapshot, Properties: { Size: 10 } }\n',
      ),
    },
    {
      name: 'JSON, neither set',
      json: `
        {
          "Resources": {
            "Data": {
              "Type": "AWS::Redshift::Cluster",
              "Properties": { "NodeType": "ra3.xlplus" }
            }
          }
        }
      `,
      errors: [{ messageId: 'neither', text: '"Data"' }],
      output: `
        {
          "Resources": {
            "Data": {
              "Type": "AWS::Redshift::Cluster",
              "Properties": { "NodeType": "ra3.xlplus" },
              "DeletionPolicy": "Snapshot",
              "UpdateReplacePolicy": "Snapshot"
            }
          }
        }
      `,
    },
    {
      name: 'JSON, Delete',
      json: '{"Resources": {"T": {"Type": "AWS::DynamoDB::Table", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Delete"}}}',
      errors: [{ messageId: 'notKept', text: '"Delete"' }],
      output:
        '{"Resources": {"T": {"Type": "AWS::DynamoDB::Table", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"}}}',
    },
    {
      name: 'the Delete branch of an undecided !If is named, and left to a person',
      yaml: resource(TABLE, 'DeletionPolicy: !If [Prod, Retain, Delete]\n      UpdateReplacePolicy: Retain', ENV),
      errors: [
        {
          messageId: 'notKept',
          message: under(notKept('DeletionPolicy', 'Delete', DELETION_EVENT, TABLE), 'when condition Prod is false'),
          text: 'Delete',
        },
      ],
      output: null,
    },
  ],
});

describe('responsibility/stateful-resource-retain fix kinds', () => {
  const linter = new Linter(new RuleSet([statefulResourceRetain]));
  const fixesOf = (yaml: string): [string, boolean][] =>
    linter
      .lint(yaml, 'data.yaml')
      .findings.flatMap((finding) => finding.fixes.map((fix): [string, boolean] => [finding.messageId, fix.safe]));

  it('adds a missing policy in bulk (safe), but overrides an explicit Delete only as a suggestion', () => {
    const template = (attributes: string): string =>
      `Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n${attributes}    Properties: { Tags: [] }\n`;
    assert.deepEqual(fixesOf(template('')), [['neither', true]]);
    assert.deepEqual(fixesOf(template('    DeletionPolicy: Delete\n    UpdateReplacePolicy: Retain\n')), [
      ['notKept', false],
    ]);
  });

  it('in Terraform, adds prevent_destroy only as a suggestion: terraform destroy then fails', () => {
    const findings = linter.lint(tf('aws_dynamodb_table', '{ "name": "orders" }'), 'main.tf.json').findings;
    assert.deepEqual(
      findings.flatMap((finding) => finding.fixes.map((fix) => [fix.title, fix.safe])),
      [['Refuse to destroy the resource (lifecycle.prevent_destroy: true) — terraform destroy then fails', false]],
    );
  });
});
