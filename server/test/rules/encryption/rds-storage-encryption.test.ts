import { rdsStorageEncryption } from '../../../src/rules/encryption/rds-storage-encryption';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const MISSING_INSTANCE =
  'Storage is not encrypted: StorageEncrypted is not set, and RDS creates a DB instance unencrypted by default. ' +
  'Encryption can only be chosen when the database is created.';
const DISABLED =
  'Storage is not encrypted: StorageEncrypted is false. Encryption can only be chosen when the database is created.';
const replicaOf = (source: string): string =>
  `This read replica is unencrypted whatever it declares: its source ${source} is unencrypted, and a replica always has its source’s encryption.`;

/** The engine names the branch a finding depends on before the message's final period. */
const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

const TF_MISSING_INSTANCE = MISSING_INSTANCE.replace('StorageEncrypted', 'storage_encrypted');
const TF_DISABLED = DISABLED.replace('StorageEncrypted', 'storage_encrypted');

/** A `.tf.json` configuration with a primary DB instance (body `primary`) and a replica (body `replica`). */
const tfReplica = (primary: string, replica: string): string => `{
  "resource": {
    "aws_db_instance": {
      "primary": { ${primary} },
      "replica": { ${replica} }
    }
  }
}
`;

/** A plan with a primary instance and a replica tied to it by the configuration. */
const planReplica = (primary: string): string =>
  planOf(
    [
      { type: 'aws_db_instance', name: 'primary', values: `{"identifier": "orders", ${primary}}` },
      {
        type: 'aws_db_instance',
        name: 'replica',
        values: '{"replicate_source_db": "orders", "snapshot_identifier": null, "storage_encrypted": true}',
      },
    ],
    `{ "root_module": { "resources": [
      { "address": "aws_db_instance.replica", "type": "aws_db_instance", "name": "replica",
        "expressions": { "replicate_source_db": { "references": ["aws_db_instance.primary.identifier", "aws_db_instance.primary"] } } }
    ] } }`,
  );

new RuleTester().run(rdsStorageEncryption, {
  valid: [
    {
      name: 'an encrypted instance',
      yaml: resourcesYaml(
        'Db:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    Engine: postgres\n    DBInstanceClass: db.t4g.micro\n    StorageEncrypted: true\n',
      ),
    },
    {
      name: 'JSON, "true" as a string',
      json: '{"Resources": {"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"Engine": "mysql", "StorageEncrypted": "true"}}}}',
    },
    {
      name: 'an instance in an encrypted cluster of the template inherits',
      yaml: resourcesYaml(`
        Cluster:
          Type: AWS::RDS::DBCluster
          Properties: { Engine: aurora-postgresql, StorageEncrypted: true }
        Writer:
          Type: AWS::RDS::DBInstance
          Properties: { Engine: aurora-postgresql, DBClusterIdentifier: !Ref Cluster }
      `),
    },
    {
      name: 'an instance in a cluster outside the template is unknown',
      yaml: resourcesYaml(
        'Writer:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    DBClusterIdentifier: shared-cluster\n',
      ),
    },
    {
      name: 'a replica of an encrypted source in the template passes',
      yaml: resourcesYaml(`
        Primary:
          Type: AWS::RDS::DBInstance
          Properties: { Engine: mysql, StorageEncrypted: true }
        Replica:
          Type: AWS::RDS::DBInstance
          Properties: { SourceDBInstanceIdentifier: !Ref Primary }
      `),
    },
    {
      name: 'a replica of a source outside the template is unknown',
      yaml: resourcesYaml(
        'Replica:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    SourceDBInstanceIdentifier: arn:aws:rds:eu-west-1:123456789012:db:primary\n',
      ),
    },
    {
      name: 'an instance restored from a snapshot inherits',
      yaml: resourcesYaml('Db:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    DBSnapshotIdentifier: nightly\n'),
    },
    {
      name: 'a cluster restored from a snapshot inherits',
      yaml: resourcesYaml(
        'Cluster:\n  Type: AWS::RDS::DBCluster\n  Properties:\n    Engine: aurora-mysql\n    SnapshotIdentifier: nightly\n',
      ),
    },
    {
      name: 'a cluster cloned from another inherits',
      yaml: resourcesYaml(
        'Clone:\n  Type: AWS::RDS::DBCluster\n  Properties:\n    Engine: aurora-mysql\n    SourceDBClusterIdentifier: prod\n    RestoreType: copy-on-write\n',
      ),
    },
    {
      name: 'Aurora Serverless v1 is always encrypted',
      yaml: resourcesYaml(
        'Cluster:\n  Type: AWS::RDS::DBCluster\n  Properties:\n    Engine: aurora-mysql\n    EngineMode: serverless\n',
      ),
    },
    {
      name: 'a parameter without default is unknown',
      yaml:
        'Parameters:\n  Encrypt:\n    Type: String\n' +
        resourcesYaml('Db:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    StorageEncrypted: !Ref Encrypt\n'),
    },
    {
      name: 'a condition decided from literals keeps only its branch',
      yaml:
        'Conditions:\n  Always: !Equals [1, 1]\n' +
        resourcesYaml(
          'Db:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    StorageEncrypted: !If [Always, true, false]\n',
        ),
    },
    {
      name: 'replicas of each other: unknown, without looping',
      yaml: resourcesYaml(`
        A:
          Type: AWS::RDS::DBInstance
          Properties: { SourceDBInstanceIdentifier: !Ref B }
        B:
          Type: AWS::RDS::DBInstance
          Properties: { SourceDBInstanceIdentifier: !Ref A }
      `),
    },
    {
      name: 'other RDS resources',
      yaml: resourcesYaml(
        'Params:\n  Type: AWS::RDS::DBParameterGroup\n  Properties:\n    Family: mysql8.0\n    Description: p\n',
      ),
    },
    { name: 'Terraform: an encrypted instance', tf: tfResource('aws_db_instance', 'db', '"storage_encrypted": true') },
    {
      name: 'Terraform: Aurora Serverless v1 is always encrypted',
      tf: tfResource('aws_rds_cluster', 'main', '"engine": "aurora-mysql", "engine_mode": "serverless"'),
    },
    {
      name: 'Terraform: restored from a snapshot, which decides',
      tf: tfResource('aws_db_instance', 'db', '"snapshot_identifier": "nightly"'),
    },
    {
      name: 'Terraform: a cluster member has no setting of its own; its cluster is judged',
      tf: tfResource('aws_rds_cluster_instance', 'writer', '"cluster_identifier": "shared-cluster"'),
    },
    {
      name: 'Terraform: a replica of an encrypted source',
      tf: tfReplica('"storage_encrypted": true', '"replicate_source_db": "${aws_db_instance.primary.identifier}"'),
    },
    {
      name: 'Terraform: a replica of a source outside the configuration is unknown',
      tf: tfResource('aws_db_instance', 'replica', '"replicate_source_db": "${data.aws_db_instance.shared.arn}"'),
    },
    {
      name: 'plan: a replica of an encrypted source, tied by the configuration',
      plan: planReplica('"storage_encrypted": true'),
    },
  ],
  invalid: [
    {
      name: 'an instance without Properties: on the logical id',
      yaml: resourcesYaml('Db:\n  Type: AWS::RDS::DBInstance\n'),
      errors: [
        {
          messageId: 'missing',
          message: MISSING_INSTANCE,
          data: { kind: 'DB instance', setting: 'StorageEncrypted' },
          underline: 'Db:\n~~',
        },
      ],
      output: resourcesYaml('Db:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    StorageEncrypted: true\n'),
    },
    {
      name: 'an instance without StorageEncrypted',
      yaml: resourcesYaml(
        'Db:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    Engine: mysql\n    DBInstanceClass: db.t4g.micro\n',
      ),
      errors: [{ messageId: 'missing', underline: 'Properties:\n~~~~~~~~~~' }],
      output: resourcesYaml(
        'Db:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    Engine: mysql\n    DBInstanceClass: db.t4g.micro\n    StorageEncrypted: true\n',
      ),
    },
    {
      name: 'StorageEncrypted: false',
      yaml: resourcesYaml('Db:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    StorageEncrypted: false\n'),
      errors: [
        { messageId: 'disabled', message: DISABLED, underline: 'StorageEncrypted: false\n                  ~~~~~' },
      ],
      output: resourcesYaml('Db:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    StorageEncrypted: true\n'),
    },
    {
      name: 'JSON: "false" as a string',
      json: '{"Resources": {"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"StorageEncrypted": "false"}}}}',
      errors: [{ messageId: 'disabled', text: '"false"' }],
      output: '{"Resources": {"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"StorageEncrypted": true}}}}',
    },
    {
      name: 'a cluster without StorageEncrypted',
      yaml: resourcesYaml(
        'Cluster:\n  Type: AWS::RDS::DBCluster\n  Properties:\n    Engine: aurora-postgresql\n    EngineMode: provisioned\n',
      ),
      errors: [
        {
          messageId: 'missing',
          message:
            'Storage is not encrypted: StorageEncrypted is not set, and RDS creates a DB cluster unencrypted by default. Encryption can only be chosen when the database is created.',
          data: { kind: 'DB cluster', setting: 'StorageEncrypted' },
          underline: 'Properties:\n~~~~~~~~~~',
        },
      ],
      output: resourcesYaml(
        'Cluster:\n  Type: AWS::RDS::DBCluster\n  Properties:\n    Engine: aurora-postgresql\n    EngineMode: provisioned\n    StorageEncrypted: true\n',
      ),
    },
    {
      name: 'an instance in an unencrypted cluster: only the cluster is reported',
      yaml: resourcesYaml(`
        Cluster:
          Type: AWS::RDS::DBCluster
          Properties:
            Engine: aurora-mysql
            StorageEncrypted: false
        Reader:
          Type: AWS::RDS::DBInstance
          Properties:
            Engine: aurora-mysql
            DBClusterIdentifier: !Ref Cluster
      `),
      errors: [{ messageId: 'disabled', underline: 'StorageEncrypted: false\n                  ~~~~~' }],
      output: resourcesYaml(`
        Cluster:
          Type: AWS::RDS::DBCluster
          Properties:
            Engine: aurora-mysql
            StorageEncrypted: true
        Reader:
          Type: AWS::RDS::DBInstance
          Properties:
            Engine: aurora-mysql
            DBClusterIdentifier: !Ref Cluster
      `),
    },
    {
      name: 'a replica of an unencrypted source is unencrypted whatever it declares',
      yaml: resourcesYaml(`
        Primary:
          Type: AWS::RDS::DBInstance
          Properties:
            Engine: mysql
        Replica:
          Type: AWS::RDS::DBInstance
          Properties:
            SourceDBInstanceIdentifier: !Ref Primary
            StorageEncrypted: true
      `),
      errors: [
        { messageId: 'missing', line: 5, underline: 'Properties:\n~~~~~~~~~~' },
        {
          messageId: 'replicaOfUnencrypted',
          message: replicaOf('Primary'),
          data: { source: 'Primary' },
          underline: 'SourceDBInstanceIdentifier: !Ref Primary\n                            ~~~~~~~~~~~~',
          related: [{ message: 'Source DB instance Primary, which is unencrypted', underline: 'Primary:\n~~~~~~~' }],
        },
      ],
      // The replica's own finding offers no fix: encrypting the source is the fix.
      output: resourcesYaml(`
        Primary:
          Type: AWS::RDS::DBInstance
          Properties:
            Engine: mysql
            StorageEncrypted: true
        Replica:
          Type: AWS::RDS::DBInstance
          Properties:
            SourceDBInstanceIdentifier: !Ref Primary
            StorageEncrypted: true
      `),
    },
    {
      name: 'a chain of replicas: each names its own source',
      yaml: resourcesYaml(`
        Primary:
          Type: AWS::RDS::DBInstance
          Properties: { StorageEncrypted: false }
        First:
          Type: AWS::RDS::DBInstance
          Properties: { SourceDBInstanceIdentifier: !GetAtt Primary.DBInstanceArn }
        Second:
          Type: AWS::RDS::DBInstance
          Properties: { SourceDBInstanceIdentifier: !Ref First }
      `),
      errors: [
        { messageId: 'disabled', text: 'false' },
        {
          messageId: 'replicaOfUnencrypted',
          data: { source: 'Primary' },
          text: '!GetAtt Primary.DBInstanceArn',
          related: [{ text: 'Primary', line: 3 }],
        },
        {
          messageId: 'replicaOfUnencrypted',
          data: { source: 'First' },
          text: '!Ref First',
          related: [{ text: 'First', line: 6 }],
        },
      ],
      output: resourcesYaml(`
        Primary:
          Type: AWS::RDS::DBInstance
          Properties: { StorageEncrypted: true }
        First:
          Type: AWS::RDS::DBInstance
          Properties: { SourceDBInstanceIdentifier: !GetAtt Primary.DBInstanceArn }
        Second:
          Type: AWS::RDS::DBInstance
          Properties: { SourceDBInstanceIdentifier: !Ref First }
      `),
    },
    {
      name: 'the unencrypted branch of an undecided !If is named',
      yaml:
        ENV +
        resourcesYaml(
          'Db:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    StorageEncrypted: !If [Prod, true, false]\n',
        ),
      errors: [
        {
          messageId: 'disabled',
          message: under(DISABLED, 'when condition Prod is false'),
          underline: 'StorageEncrypted: !If [Prod, true, false]\n                                   ~~~~~',
        },
      ],
      // Only the literal that is false changes; the condition is the author's to simplify.
      output:
        ENV +
        resourcesYaml(
          'Db:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    StorageEncrypted: !If [Prod, true, true]\n',
        ),
    },
    {
      name: 'a parameter default of false is what deploys',
      yaml:
        "Parameters:\n  Encrypt:\n    Type: String\n    AllowedValues: ['true', 'false']\n    Default: 'false'\n" +
        resourcesYaml('Db:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    StorageEncrypted: !Ref Encrypt\n'),
      errors: [
        {
          messageId: 'disabled',
          message: under(DISABLED, 'by the default of parameter Encrypt'),
          text: '!Ref Encrypt',
        },
      ],
      output: null,
    },
    {
      name: 'a replica of a source unencrypted on one branch is unencrypted on that branch',
      yaml:
        ENV +
        resourcesYaml(`
        Primary:
          Type: AWS::RDS::DBInstance
          Properties: { StorageEncrypted: !If [Prod, true, false] }
        Replica:
          Type: AWS::RDS::DBInstance
          Properties: { SourceDBInstanceIdentifier: !Ref Primary }
      `),
      errors: [
        { messageId: 'disabled', message: under(DISABLED, 'when condition Prod is false'), text: 'false' },
        {
          messageId: 'replicaOfUnencrypted',
          message: under(replicaOf('Primary'), 'when condition Prod is false'),
          text: '!Ref Primary',
          related: [{ text: 'Primary', line: 8 }],
        },
      ],
      output:
        ENV +
        resourcesYaml(`
        Primary:
          Type: AWS::RDS::DBInstance
          Properties: { StorageEncrypted: !If [Prod, true, true] }
        Replica:
          Type: AWS::RDS::DBInstance
          Properties: { SourceDBInstanceIdentifier: !Ref Primary }
      `),
    },
    {
      name: 'an engine mode that is serverless on one branch only',
      yaml:
        ENV +
        resourcesYaml(
          'Cluster:\n  Type: AWS::RDS::DBCluster\n  Properties:\n    Engine: aurora-mysql\n    EngineMode: !If [Prod, provisioned, serverless]\n',
        ),
      errors: [
        {
          messageId: 'missing',
          message: under(MISSING_INSTANCE.replace('DB instance', 'DB cluster'), 'when condition Prod is true'),
          text: 'Properties',
          line: 10,
        },
      ],
      output: null,
    },
    {
      name: 'JSON: an instance in the cluster on one branch only is judged on the other',
      json: `
        {
          "Parameters": { "Env": { "Type": "String" } },
          "Conditions": { "Clustered": { "Fn::Equals": [{ "Ref": "Env" }, "prod"] } },
          "Resources": {
            "Cluster": { "Type": "AWS::RDS::DBCluster", "Properties": { "Engine": "aurora-mysql", "StorageEncrypted": true } },
            "Db": {
              "Type": "AWS::RDS::DBInstance",
              "Properties": {
                "Engine": "aurora-mysql",
                "DBClusterIdentifier": { "Fn::If": ["Clustered", { "Ref": "Cluster" }, { "Ref": "AWS::NoValue" }] }
              }
            }
          }
        }
      `,
      errors: [
        {
          messageId: 'missing',
          message: under(MISSING_INSTANCE, 'when condition Clustered is false'),
          text: '"Properties"',
          line: 8,
        },
      ],
      output: null,
    },
    {
      name: 'fix, JSON across lines: after the last member, with a comma',
      json: `
        {
          "Resources": {
            "Cluster": {
              "Type": "AWS::RDS::DBCluster",
              "Properties": {
                "Engine": "aurora-postgresql",
                "DeletionProtection": true
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', text: '"Properties"' }],
      output: `
        {
          "Resources": {
            "Cluster": {
              "Type": "AWS::RDS::DBCluster",
              "Properties": {
                "Engine": "aurora-postgresql",
                "DeletionProtection": true,
                "StorageEncrypted": true
              }
            }
          }
        }
      `,
    },
    {
      name: 'fix, JSON with tabs and an empty Properties',
      json: '{\n\t"Resources": {\n\t\t"Db": {\n\t\t\t"Type": "AWS::RDS::DBInstance",\n\t\t\t"Properties": {}\n\t\t}\n\t}\n}\n',
      errors: [{ messageId: 'missing', text: '"Properties"' }],
      output:
        '{\n\t"Resources": {\n\t\t"Db": {\n\t\t\t"Type": "AWS::RDS::DBInstance",\n\t\t\t"Properties": {\n\t\t\t\t"StorageEncrypted": true\n\t\t\t}\n\t\t}\n\t}\n}\n',
    },
    {
      name: 'fix, YAML flow style',
      yaml: resourcesYaml(`
        Db:
          Type: AWS::RDS::DBInstance
          Properties: {Engine: mysql, StorageEncrypted: 'false'}
      `),
      errors: [{ messageId: 'disabled', text: "'false'" }],
      output: resourcesYaml(`
        Db:
          Type: AWS::RDS::DBInstance
          Properties: {Engine: mysql, StorageEncrypted: true}
      `),
    },
    {
      name: 'fix, YAML flow style: a key added to a one-line map',
      yaml: resourcesYaml(`
        Db:
          Type: AWS::RDS::DBInstance
          Properties: {Engine: mysql}
      `),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(`
        Db:
          Type: AWS::RDS::DBInstance
          Properties: {Engine: mysql, StorageEncrypted: true}
      `),
    },
    {
      name: 'Terraform: an instance without storage_encrypted; the fix sets it and says the database is replaced',
      tf: tfResource('aws_db_instance', 'db', '"engine": "postgres"'),
      errors: [
        {
          messageId: 'missing',
          message: TF_MISSING_INSTANCE,
          data: { kind: 'DB instance', setting: 'storage_encrypted' },
          text: '"db"',
        },
      ],
      output: tfResource('aws_db_instance', 'db', '"engine": "postgres",\n        "storage_encrypted": true'),
    },
    {
      name: 'Terraform: a provisioned cluster with storage_encrypted false',
      tf: tfResource('aws_rds_cluster', 'main', '"engine_mode": "provisioned", "storage_encrypted": false'),
      errors: [{ messageId: 'disabled', message: TF_DISABLED, data: { setting: 'storage_encrypted' }, text: 'false' }],
      output: tfResource('aws_rds_cluster', 'main', '"engine_mode": "provisioned", "storage_encrypted": true'),
    },
    {
      name: 'Terraform: a replica of an unencrypted source, named by interpolation',
      tf: tfReplica('"engine": "mysql"', '"replicate_source_db": "${aws_db_instance.primary.identifier}"'),
      errors: [
        { messageId: 'missing', text: '"primary"' },
        {
          messageId: 'replicaOfUnencrypted',
          message: replicaOf('aws_db_instance.primary'),
          text: '"${aws_db_instance.primary.identifier}"',
          related: [{ message: 'Source DB instance aws_db_instance.primary, which is unencrypted', text: '"primary"' }],
        },
      ],
      output: tfReplica(
        '"engine": "mysql", "storage_encrypted": true',
        '"replicate_source_db": "${aws_db_instance.primary.identifier}"',
      ),
    },
    {
      name: 'Terraform: a replica of an unencrypted source, named by its identifier',
      tf: tfReplica('"identifier": "orders", "storage_encrypted": false', '"replicate_source_db": "orders"'),
      errors: [
        { messageId: 'disabled', text: 'false' },
        {
          messageId: 'replicaOfUnencrypted',
          data: { source: 'aws_db_instance.primary' },
          text: '"orders"',
          line: 5,
          related: [{ text: '"primary"' }],
        },
      ],
      output: tfReplica('"identifier": "orders", "storage_encrypted": true', '"replicate_source_db": "orders"'),
    },
    {
      name: 'plan: a replica of an unencrypted source, tied by the configuration',
      plan: planReplica('"storage_encrypted": false'),
      errors: [
        {
          messageId: 'disabled',
          message: inPlan(TF_DISABLED, 'aws_db_instance.primary'),
          text: 'false',
          line: 6,
        },
        {
          messageId: 'replicaOfUnencrypted',
          message: inPlan(replicaOf('aws_db_instance.primary'), 'aws_db_instance.replica'),
          text: '"orders"',
          line: 7,
          related: [{ text: '"aws_db_instance.primary"', line: 6 }],
        },
      ],
      output: null,
    },
  ],
});
