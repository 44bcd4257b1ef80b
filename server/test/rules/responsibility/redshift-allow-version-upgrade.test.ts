import { redshiftAllowVersionUpgrade } from '../../../src/rules/responsibility/redshift-allow-version-upgrade';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const DISABLED =
  'AllowVersionUpgrade is false, so the Redshift cluster will not receive the engine versions AWS releases, ' +
  'which carry security fixes; keeping the warehouse engine patched is the customer’s job, and nothing else will do it.';

const TF_DISABLED = DISABLED.replace('AllowVersionUpgrade', 'allow_version_upgrade');

/** A `.tf.json` cluster whose body ends with `last`. */
const tfCluster = (last: string, head = ''): string =>
  tfResource('aws_redshift_cluster', 'warehouse', `"cluster_identifier": "sales",\n        ${last}`, head);

const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

/** A cluster in block style whose properties end with `last`. */
const cluster = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Warehouse:
      Type: AWS::Redshift::Cluster
      Properties:
        ClusterType: single-node
        NodeType: ra3.large
        DBName: sales
        MasterUsername: admin
        ManageMasterPassword: true
        ${last}
  `);

new RuleTester().run(redshiftAllowVersionUpgrade, {
  valid: [
    { name: 'Terraform: absent is the AWS provider’s default, true', tf: tfCluster('"node_type": "ra3.large"') },
    {
      name: 'plan: true in the planned values',
      plan: planOf([
        {
          type: 'aws_redshift_cluster',
          name: 'warehouse',
          values: '{ "cluster_identifier": "sales", "allow_version_upgrade": true }',
        },
      ]),
    },
    { name: 'absent means true, AWS’s default', yaml: cluster('MaintenanceTrackName: trailing') },
    { name: 'true, said outright', yaml: cluster('AllowVersionUpgrade: true') },
    {
      name: 'a parameter with neither default nor allowed values is unknown',
      yaml: cluster('AllowVersionUpgrade: !Ref Upgrade', 'Parameters:\n  Upgrade:\n    Type: String\n'),
    },
    {
      name: 'an imported value is unknown',
      yaml: cluster('AllowVersionUpgrade: !ImportValue shared-upgrade-policy'),
    },
  ],
  invalid: [
    {
      name: 'block style, false',
      yaml: cluster('AllowVersionUpgrade: false'),
      errors: [
        {
          messageId: 'disabled',
          message: DISABLED,
          underline: 'AllowVersionUpgrade: false\n                     ~~~~~',
        },
      ],
      output: cluster('AllowVersionUpgrade: true'),
    },
    {
      name: 'flow style',
      yaml: resourcesYaml(`
        Warehouse:
          Type: AWS::Redshift::Cluster
          Properties: { ClusterType: single-node, NodeType: ra3.large, DBName: sales, MasterUsername: admin, AllowVersionUpgrade: false }
      `),
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: resourcesYaml(`
        Warehouse:
          Type: AWS::Redshift::Cluster
          Properties: { ClusterType: single-node, NodeType: ra3.large, DBName: sales, MasterUsername: admin, AllowVersionUpgrade: true }
      `),
    },
    {
      name: 'JSON, "false" as a string',
      json: `
        {
          "Resources": {
            "Warehouse": {
              "Type": "AWS::Redshift::Cluster",
              "Properties": {
                "ClusterType": "single-node",
                "NodeType": "ra3.large",
                "AllowVersionUpgrade": "false"
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'disabled', text: '"false"' }],
      output: `
        {
          "Resources": {
            "Warehouse": {
              "Type": "AWS::Redshift::Cluster",
              "Properties": {
                "ClusterType": "single-node",
                "NodeType": "ra3.large",
                "AllowVersionUpgrade": true
              }
            }
          }
        }
      `,
    },
    {
      name: 'a parameter default of false is what deploys; a person decides the fix',
      yaml: cluster(
        'AllowVersionUpgrade: !Ref Upgrade',
        "Parameters:\n  Upgrade:\n    Type: String\n    AllowedValues: ['true', 'false']\n    Default: 'false'\n",
      ),
      errors: [
        {
          messageId: 'disabled',
          message: under(DISABLED, 'by the default of parameter Upgrade'),
          text: '!Ref Upgrade',
        },
      ],
      output: null,
    },
    {
      name: 'the disabled branch of an undecided !If is named, and left to a person',
      yaml: cluster('AllowVersionUpgrade: !If [Prod, false, true]', ENV),
      errors: [{ messageId: 'disabled', message: under(DISABLED, 'when condition Prod is true'), text: 'false' }],
      output: null,
    },
    {
      name: 'Terraform: false is replaced',
      tf: tfCluster('"allow_version_upgrade": false'),
      errors: [
        { messageId: 'disabled', message: TF_DISABLED, data: { setting: 'allow_version_upgrade' }, text: 'false' },
      ],
      output: tfCluster('"allow_version_upgrade": true'),
    },
    {
      name: 'Terraform: a variable default of false names the variable, without a fix',
      tf: tfCluster('"allow_version_upgrade": "${var.upgrades}"', '"variable": { "upgrades": { "default": false } },'),
      errors: [
        {
          messageId: 'disabled',
          message: under(TF_DISABLED, 'by the default of variable upgrades'),
          text: '"${var.upgrades}"',
        },
      ],
      output: null,
    },
    {
      name: 'plan: false in the planned values, without a fix',
      plan: planOf([
        {
          type: 'aws_redshift_cluster',
          name: 'warehouse',
          values: '{ "cluster_identifier": "sales", "allow_version_upgrade": false }',
        },
      ]),
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
