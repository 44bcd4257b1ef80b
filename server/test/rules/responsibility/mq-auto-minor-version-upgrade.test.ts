import { mqAutoMinorVersionUpgrade } from '../../../src/rules/responsibility/mq-auto-minor-version-upgrade';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const DISABLED =
  'AutoMinorVersionUpgrade is false, so the broker will not receive the ActiveMQ or RabbitMQ patch versions AWS ' +
  'releases, which carry security fixes; patching the broker engine is the customer’s job, and nothing else will do it.';

const TF_DISABLED = DISABLED.replace('AutoMinorVersionUpgrade', 'auto_minor_version_upgrade');
const TF_MISSING =
  'auto_minor_version_upgrade is not set, and the AWS provider for Terraform then turns automatic upgrades off, so ' +
  'the broker will not receive the ActiveMQ or RabbitMQ patch versions AWS releases, which carry security fixes; ' +
  'patching the broker engine is the customer’s job, and nothing else will do it.';

/** A `.tf.json` broker whose body ends with `last`. */
const tfBroker = (last: string): string =>
  tfResource(
    'aws_mq_broker',
    'orders',
    `"broker_name": "orders",\n        "engine_type": "RabbitMQ",\n        "engine_version": "3.13",\n        ${last}`,
  );

const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

/** A broker in block style whose properties end with `last`. */
const broker = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Broker:
      Type: AWS::AmazonMQ::Broker
      Properties:
        BrokerName: orders
        EngineType: ACTIVEMQ
        EngineVersion: '5.17.6'
        DeploymentMode: SINGLE_INSTANCE
        HostInstanceType: mq.t3.micro
        PubliclyAccessible: false
        ${last}
  `);

new RuleTester().run(mqAutoMinorVersionUpgrade, {
  valid: [
    { name: 'Terraform: true, said outright', tf: tfBroker('"auto_minor_version_upgrade": true') },
    {
      name: 'plan: true in the planned values',
      plan: planOf([
        {
          type: 'aws_mq_broker',
          name: 'orders',
          values: '{ "broker_name": "orders", "auto_minor_version_upgrade": true }',
        },
      ]),
    },
    { name: 'absent means true, AWS’s default', yaml: broker('StorageType: efs') },
    { name: 'true, said outright', yaml: broker('AutoMinorVersionUpgrade: true') },
    {
      name: 'a parameter with neither default nor allowed values is unknown',
      yaml: broker('AutoMinorVersionUpgrade: !Ref Upgrade', 'Parameters:\n  Upgrade:\n    Type: String\n'),
    },
    {
      name: 'a condition decided from literals keeps only its branch',
      yaml: broker('AutoMinorVersionUpgrade: !If [Always, true, false]', 'Conditions:\n  Always: !Equals [1, 1]\n'),
    },
  ],
  invalid: [
    {
      name: 'block style, false',
      yaml: broker('AutoMinorVersionUpgrade: false'),
      errors: [
        {
          messageId: 'disabled',
          message: DISABLED,
          underline: 'AutoMinorVersionUpgrade: false\n                         ~~~~~',
        },
      ],
      output: broker('AutoMinorVersionUpgrade: true'),
    },
    {
      name: 'flow style, "false" as a string',
      yaml: resourcesYaml(`
        Broker:
          Type: AWS::AmazonMQ::Broker
          Properties: { BrokerName: q, EngineType: RABBITMQ, EngineVersion: '3.12.13', DeploymentMode: SINGLE_INSTANCE, HostInstanceType: mq.t3.micro, PubliclyAccessible: false, AutoMinorVersionUpgrade: 'false' }
      `),
      errors: [{ messageId: 'disabled', text: "'false'" }],
      output: resourcesYaml(`
        Broker:
          Type: AWS::AmazonMQ::Broker
          Properties: { BrokerName: q, EngineType: RABBITMQ, EngineVersion: '3.12.13', DeploymentMode: SINGLE_INSTANCE, HostInstanceType: mq.t3.micro, PubliclyAccessible: false, AutoMinorVersionUpgrade: true }
      `),
    },
    {
      name: 'JSON',
      json: `
        {
          "Resources": {
            "Broker": {
              "Type": "AWS::AmazonMQ::Broker",
              "Properties": {
                "BrokerName": "orders",
                "EngineType": "ACTIVEMQ",
                "AutoMinorVersionUpgrade": false
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: `
        {
          "Resources": {
            "Broker": {
              "Type": "AWS::AmazonMQ::Broker",
              "Properties": {
                "BrokerName": "orders",
                "EngineType": "ACTIVEMQ",
                "AutoMinorVersionUpgrade": true
              }
            }
          }
        }
      `,
    },
    {
      name: 'a parameter default of false is what deploys; a person decides the fix',
      yaml: broker(
        'AutoMinorVersionUpgrade: !Ref Upgrade',
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
      yaml: broker('AutoMinorVersionUpgrade: !If [Prod, true, false]', ENV),
      errors: [
        {
          messageId: 'disabled',
          message: under(DISABLED, 'when condition Prod is false'),
          underline:
            'AutoMinorVersionUpgrade: !If [Prod, true, false]\n                                          ~~~~~',
        },
      ],
      output: null,
    },
    {
      name: 'Terraform: absent, which the AWS provider deploys as false; the fix adds true, as a suggestion',
      tf: tfBroker('"host_instance_type": "mq.m5.large"'),
      errors: [
        {
          messageId: 'missing',
          message: TF_MISSING,
          data: { setting: 'auto_minor_version_upgrade' },
          underline: '"orders": {\n~~~~~~~~',
          line: 5,
        },
      ],
      output: tfBroker('"host_instance_type": "mq.m5.large",\n        "auto_minor_version_upgrade": true'),
    },
    {
      name: 'Terraform: false is replaced',
      tf: tfBroker('"auto_minor_version_upgrade": false'),
      errors: [{ messageId: 'disabled', message: TF_DISABLED, text: 'false' }],
      output: tfBroker('"auto_minor_version_upgrade": true'),
    },
    {
      name: 'plan: the provider’s default, false, in the planned values',
      plan: planOf([
        {
          type: 'aws_mq_broker',
          name: 'orders',
          values: '{ "broker_name": "orders", "auto_minor_version_upgrade": false }',
        },
      ]),
      errors: [{ messageId: 'disabled', message: inPlan(TF_DISABLED, 'aws_mq_broker.orders'), text: 'false', line: 6 }],
      output: null,
    },
  ],
});
