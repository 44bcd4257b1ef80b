import { redshiftEncryption } from '../../../src/rules/encryption/redshift-encryption';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const MISSING =
  'Encrypted is not set. Since January 2025 Redshift encrypts new provisioned clusters by default (with an ' +
  'AWS-owned key), but a cluster created earlier from this template is unencrypted; the setting should be explicit.';
const DISABLED =
  'The data warehouse is not encrypted at rest: Encrypted is false, so its disks, backups and snapshots are ' +
  'readable to anyone who obtains them, despite Redshift’s encrypted default.';

/** A cluster in block style whose properties end with `last`. */
const cluster = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Warehouse:
      Type: AWS::Redshift::Cluster
      Properties:
        ClusterType: single-node
        NodeType: ra3.large
        ${last}
  `);

const TF_MISSING = MISSING.replace('Encrypted', 'encrypted');
const TF_DISABLED = DISABLED.replace('Encrypted', 'encrypted');

/** A `.tf.json` cluster whose body holds `body`. */
const tfCluster = (body: string): string => tfResource('aws_redshift_cluster', 'warehouse', body);

/** A plan with the cluster, and its configuration's expressions. */
const planCluster = (values: string, unknown: string, expressions: string): string =>
  planOf(
    [{ type: 'aws_redshift_cluster', name: 'warehouse', values, unknown }],
    `{ "root_module": { "resources": [ { "address": "aws_redshift_cluster.warehouse", "type": "aws_redshift_cluster", "name": "warehouse", "expressions": ${expressions} } ] } }`,
  );

new RuleTester().run(redshiftEncryption, {
  valid: [
    { name: 'Encrypted: true', yaml: cluster('Encrypted: true') },
    { name: 'with a customer-managed key', yaml: cluster('Encrypted: true\n        KmsKeyId: !Ref Key') },
    {
      name: 'JSON, "true" as a string',
      json: '{"Resources": {"W": {"Type": "AWS::Redshift::Cluster", "Properties": {"Encrypted": "true"}}}}',
    },
    {
      name: 'restored from a snapshot: the snapshot decides',
      yaml: cluster('SnapshotIdentifier: nightly-2026-01-01\n        Encrypted: false'),
    },
    {
      name: 'a value from a parameter without default is unknown',
      yaml: cluster('Encrypted: !Ref Encrypt', 'Parameters:\n  Encrypt:\n    Type: String\n'),
    },
    { name: 'Terraform: encrypted', tf: tfCluster('"node_type": "ra3.large", "encrypted": true') },
    {
      name: 'Terraform: restored from a snapshot, which decides',
      tf: tfCluster('"snapshot_identifier": "nightly", "encrypted": false'),
    },
    {
      name: 'plan: a blank snapshot identifier is none; encrypted planned',
      plan: planCluster(
        '{"snapshot_identifier": "", "encrypted": true}',
        '{}',
        '{"encrypted": {"constant_value": true}}',
      ),
    },
  ],
  invalid: [
    {
      name: 'no Properties: on the logical id, and the fix adds them',
      yaml: resourcesYaml('Warehouse:\n  Type: AWS::Redshift::Cluster\n'),
      errors: [{ messageId: 'missing', message: MISSING, underline: 'Warehouse:\n~~~~~~~~~' }],
      output: resourcesYaml('Warehouse:\n  Type: AWS::Redshift::Cluster\n  Properties:\n    Encrypted: true\n'),
    },
    {
      name: 'block style without Encrypted',
      yaml: cluster('DBName: sales'),
      errors: [{ messageId: 'missing', underline: 'Properties:\n~~~~~~~~~~' }],
      output: cluster('DBName: sales\n        Encrypted: true'),
    },
    {
      name: 'block style, Encrypted: false',
      yaml: cluster('Encrypted: false'),
      errors: [{ messageId: 'disabled', message: DISABLED, underline: 'Encrypted: false\n           ~~~~~' }],
      output: cluster('Encrypted: true'),
    },
    {
      name: 'flow style without Encrypted',
      yaml: resourcesYaml('W:\n  Type: AWS::Redshift::Cluster\n  Properties: { NodeType: ra3.large, DBName: sales }\n'),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(
        'W:\n  Type: AWS::Redshift::Cluster\n  Properties: { NodeType: ra3.large, DBName: sales, Encrypted: true }\n',
      ),
    },
    {
      name: 'flow style, Encrypted: false',
      yaml: resourcesYaml('W:\n  Type: AWS::Redshift::Cluster\n  Properties: { Encrypted: false, DBName: sales }\n'),
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: resourcesYaml('W:\n  Type: AWS::Redshift::Cluster\n  Properties: { Encrypted: true, DBName: sales }\n'),
    },
    {
      name: 'JSON without Encrypted',
      json: `
        {
          "Resources": {
            "W": {
              "Type": "AWS::Redshift::Cluster",
              "Properties": {
                "DBName": "sales"
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', text: '"Properties"' }],
      output: `
        {
          "Resources": {
            "W": {
              "Type": "AWS::Redshift::Cluster",
              "Properties": {
                "DBName": "sales",
                "Encrypted": true
              }
            }
          }
        }
      `,
    },
    {
      name: 'JSON, Encrypted: "false"',
      json: '{"Resources": {"W": {"Type": "AWS::Redshift::Cluster", "Properties": {"Encrypted": "false"}}}}',
      errors: [{ messageId: 'disabled', text: '"false"' }],
      output: '{"Resources": {"W": {"Type": "AWS::Redshift::Cluster", "Properties": {"Encrypted": true}}}}',
    },
    {
      name: 'a parameter default of false is what deploys; no fix rewrites the parameter',
      yaml: cluster('Encrypted: !Ref Encrypt', "Parameters:\n  Encrypt:\n    Type: String\n    Default: 'false'\n"),
      errors: [
        {
          messageId: 'disabled',
          text: '!Ref Encrypt',
          message: `${DISABLED.replace(/\.$/, '')} (by the default of parameter Encrypt).`,
        },
      ],
      output: null,
    },
    {
      name: 'one branch of a condition: the branch is named, no fix',
      yaml: cluster(
        'Encrypted: !If [Prod, true, !Ref AWS::NoValue]',
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n',
      ),
      errors: [
        {
          messageId: 'missing',
          text: 'Encrypted',
          message: `${MISSING.replace(/\.$/, '')} (when condition Prod is false).`,
        },
      ],
      output: null,
    },
    {
      name: 'Terraform: not set, on the resource name; the fix sets it',
      tf: tfCluster('"node_type": "ra3.large"'),
      errors: [{ messageId: 'missing', message: TF_MISSING, data: { setting: 'encrypted' }, text: '"warehouse"' }],
      output: tfCluster('"node_type": "ra3.large",\n        "encrypted": true'),
    },
    {
      name: 'Terraform: encrypted false',
      tf: tfCluster('"encrypted": false'),
      errors: [{ messageId: 'disabled', message: TF_DISABLED, text: 'false' }],
      output: tfCluster('"encrypted": true'),
    },
    {
      name: 'plan: encrypted false, judged by the planned values',
      plan: planCluster(
        '{"node_type": "ra3.large", "snapshot_identifier": null, "encrypted": false}',
        '{}',
        '{"encrypted": {"constant_value": false}}',
      ),
      errors: [
        {
          messageId: 'disabled',
          message: inPlan(TF_DISABLED, 'aws_redshift_cluster.warehouse'),
          text: 'false',
          line: 6,
        },
      ],
      output: null,
    },
  ],
});
