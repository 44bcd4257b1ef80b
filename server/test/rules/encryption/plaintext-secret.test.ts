import { plaintextSecret } from '../../../src/rules/encryption/plaintext-secret';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const LITERAL =
  'MasterUserPassword is written in the template in plain text: anyone who can read the template, its S3 copy or ' +
  'the stack’s history has the secret. Use a dynamic reference to Secrets Manager or an SSM SecureString.';

/** A database in block style with `password` as its MasterUserPassword, after an optional template header. */
const db = (password: string, header = ''): string =>
  header +
  resourcesYaml(`
    Db:
      Type: AWS::RDS::DBInstance
      Properties:
        Engine: postgres
        MasterUsername: admin
        MasterUserPassword: ${password}
  `);

const TF_LITERAL =
  'password is written in the Terraform configuration in plain text: anyone who can read the configuration or its ' +
  'repository’s history has the secret. Pass it in from a variable without a default, or let the service manage it.';
const tfDefault = (property: string, variable: string): string =>
  `${property} comes from the default of variable ${variable}: the secret is written in the Terraform configuration ` +
  'in plain text for anyone who can read it. Remove the default, so each plan must supply it.';

/** A database instance in `.tf.json` whose body ends with `body`. */
const tfDb = (body: string, head = ''): string =>
  tfResource('aws_db_instance', 'orders', `"engine": "postgres",\n        "username": "admin",\n        ${body}`, head);

/** A planned database instance whose password the configuration writes as `expression` (JSON text). */
const planDb = (expression: string, variables = '{}'): string =>
  planOf(
    [{ type: 'aws_db_instance', name: 'orders', values: '{ "engine": "postgres", "password": "s3cr3t-Passw0rd" }' }],
    `{ "root_module": { "resources": [ { "address": "aws_db_instance.orders", "mode": "managed", "type": "aws_db_instance", "name": "orders", "expressions": { "password": ${expression} } } ], "variables": ${variables} } }`,
  );

/** A plan whose database sits in module `data`, reading its password from the module's variable `password`. */
const PLAN_IN_MODULE = `{
  "format_version": "1.2",
  "planned_values": { "root_module": { "child_modules": [ { "address": "module.data", "resources": [
    { "address": "module.data.aws_rds_cluster.main[0]", "mode": "managed", "type": "aws_rds_cluster", "name": "main", "index": 0,
      "values": { "master_password": "changeme-please" } }
  ] } ] } },
  "configuration": { "root_module": { "module_calls": { "data": { "source": "./data", "module": {
    "resources": [ { "address": "aws_rds_cluster.main", "mode": "managed", "type": "aws_rds_cluster", "name": "main",
      "expressions": { "master_password": { "references": ["var.password"] } } } ],
    "variables": { "password": { "default": "changeme-please", "sensitive": true } }
  } } } } }
}
`;

const param = (lines: string): string => `Parameters:\n  DbPassword:\n${lines}`;

new RuleTester().run(plaintextSecret, {
  valid: [
    { name: 'Terraform: the service manages the password', tf: tfDb('"manage_master_user_password": true') },
    { name: 'Terraform: a variable without a default', tf: tfDb('"password": "${var.db_password}"') },
    { name: 'Terraform: a generated password', tf: tfDb('"password": "${random_password.db.result}"') },
    { name: 'Terraform: an empty password is no secret', tf: tfDb('"password": ""') },
    {
      name: 'Terraform: a placeholder the configuration tells Terraform to ignore',
      tf: tfDb('"password": "replace-me-after-create",\n        "lifecycle": { "ignore_changes": ["password"] }'),
    },
    {
      name: 'Terraform: a secret string built by a function is unknown',
      tf: tfResource(
        'aws_secretsmanager_secret_version',
        'db',
        '"secret_id": "${aws_secretsmanager_secret.db.id}",\n        "secret_string": "${jsonencode(var.credentials)}"',
      ),
    },
    {
      name: 'plan: the password comes from a variable without a default (its planned value is no finding)',
      plan: planDb('{ "references": ["var.db_password"] }', '{ "db_password": { "sensitive": true } }'),
    },
    {
      name: 'plan: a plan without its configuration cannot tell a literal',
      plan: planOf([{ type: 'aws_db_instance', name: 'orders', values: '{ "password": "s3cr3t-Passw0rd" }' }]),
    },
    {
      name: 'a NoEcho parameter with allowed values and no default',
      yaml: db(
        '!Ref DbPassword',
        param('    Type: String\n    NoEcho: true\n    AllowedValues: [one-secret, another-secret]\n'),
      ),
    },
    {
      name: 'a Secrets Manager dynamic reference',
      yaml: db("'{{resolve:secretsmanager:prod/db:SecretString:password}}'"),
    },
    { name: 'an SSM SecureString dynamic reference', yaml: db("'{{resolve:ssm-secure:/prod/db/password:1}}'") },
    {
      name: 'a dynamic reference built with Fn::Sub from a secret in the template',
      yaml:
        db("!Sub '{{resolve:secretsmanager:${Secret}:SecretString:password}}'") +
        '  Secret:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      GenerateSecretString: {}\n',
    },
    {
      name: 'a dynamic reference built with Fn::Join',
      yaml: db("!Join ['', ['{{resolve:secretsmanager:', prod/db, ':SecretString:password}}']]"),
    },
    {
      name: 'a NoEcho parameter without a default',
      yaml: db('!Ref DbPassword', param('    Type: String\n    NoEcho: true\n')),
    },
    {
      name: 'NoEcho written as the string "true"',
      yaml: db('!Ref DbPassword', param("    Type: String\n    NoEcho: 'true'\n")),
    },
    {
      name: 'an SSM-typed parameter names the secret, it does not hold it',
      yaml: db('!Ref DbPassword', param("    Type: 'AWS::SSM::Parameter::Value<String>'\n    Default: /prod/db\n")),
    },
    {
      name: 'ManageMasterUserPassword: RDS keeps the password in Secrets Manager',
      yaml: resourcesYaml(
        'Db:\n  Type: AWS::RDS::DBCluster\n  Properties:\n    Engine: aurora-postgresql\n    MasterUsername: admin\n    ManageMasterUserPassword: true\n',
      ),
    },
    {
      name: 'Fn::GetAtt to a resource is not a literal',
      yaml: db('!GetAtt Other.Value') + '  Other:\n    Type: Custom::Secret\n',
    },
    { name: 'an imported value is unknown', yaml: db('!ImportValue shared-db-password') },
    {
      name: 'a property not on the list is not judged',
      yaml: resourcesYaml('Q:\n  Type: AWS::SQS::Queue\n  Properties:\n    Password: hunter2\n'),
    },
    {
      name: 'JSON, dynamic reference',
      json: '{"Resources": {"Ad": {"Type": "AWS::DirectoryService::SimpleAD", "Properties": {"Password": "{{resolve:secretsmanager:ad}}"}}}}',
    },
  ],
  invalid: [
    {
      name: 'Terraform: a literal password; the fix moves it into a new sensitive variable',
      tf: tfDb('"password": "s3cr3t-Passw0rd"'),
      errors: [
        {
          messageId: 'configurationLiteral',
          message: TF_LITERAL,
          data: { property: 'password' },
          text: '"s3cr3t-Passw0rd"',
        },
      ],
      output: `{
  
  "resource": {
    "aws_db_instance": {
      "orders": {
        "engine": "postgres",
        "username": "admin",
        "password": "\${var.orders_password}"
      }
    }
  },
  "variable": {
    "orders_password": {
      "type": "string",
      "sensitive": true,
      "description": "password of aws_db_instance.orders; no default."
    }
  }
}
`,
    },
    {
      name: 'Terraform: a variable’s default; the fix removes it and marks the variable sensitive',
      tf: tfResource(
        'aws_rds_cluster',
        'main',
        '"master_password": "${var.password}"',
        '"variable": { "password": { "type": "string", "default": "changeme-please" } },',
      ),
      errors: [
        {
          messageId: 'variableDefault',
          message: tfDefault('master_password', 'password'),
          text: '"${var.password}"',
          related: [{ text: '"password"', line: 2, message: 'Variable password' }],
        },
      ],
      output: tfResource(
        'aws_rds_cluster',
        'main',
        '"master_password": "${var.password}"',
        '"variable": { "password": { "type": "string", "sensitive": true } },',
      ),
    },
    {
      name: 'Terraform: a literal in a local is written in the configuration too; no fix outside the resource',
      tf: tfDb('"password": "${local.db_password}"', '"locals": { "db_password": "s3cr3t-Passw0rd" },'),
      errors: [{ messageId: 'configurationLiteral', message: TF_LITERAL, text: '"${local.db_password}"' }],
      output: null,
    },
    {
      name: 'Terraform: a literal among a user’s passwords; no fix inside a list',
      tf: tfResource(
        'aws_elasticache_user',
        'app',
        '"user_id": "app",\n        "passwords": ["${var.current}", "0ld-but-still-valid-pw"]',
      ),
      errors: [
        { messageId: 'configurationLiteral', data: { property: 'passwords' }, text: '"0ld-but-still-valid-pw"' },
      ],
      output: null,
    },
    {
      name: 'Terraform: a broker user block written as a list',
      tf: tfResource('aws_mq_broker', 'events', '"user": [{ "username": "app", "password": "rabbit-Passw0rd" }]'),
      errors: [{ messageId: 'configurationLiteral', data: { property: 'user.password' }, text: '"rabbit-Passw0rd"' }],
      output: tfResource(
        'aws_mq_broker',
        'events',
        '"user": [{ "username": "app", "password": "${var.events_password}" }]',
      ).replace(
        '\n}\n',
        ',\n  "variable": {\n    "events_password": {\n      "type": "string",\n      "sensitive": true,\n      "description": "user.password of aws_mq_broker.events; no default."\n    }\n  }\n}\n',
      ),
    },
    {
      name: 'plan: the configuration writes the password literally',
      plan: planDb('{ "constant_value": "s3cr3t-Passw0rd" }'),
      errors: [
        {
          messageId: 'configurationLiteral',
          message: inPlan(TF_LITERAL, 'aws_db_instance.orders'),
          text: '"s3cr3t-Passw0rd"',
          line: 6,
        },
      ],
      output: null,
    },
    {
      name: 'plan: a module’s variable default, found through its module call',
      plan: PLAN_IN_MODULE,
      errors: [
        {
          messageId: 'variableDefault',
          message: inPlan(tfDefault('master_password', 'password'), 'module.data.aws_rds_cluster.main'),
          text: '"changeme-please"',
          line: 5,
          related: [{ text: '"password"', line: 10, message: 'Variable password' }],
        },
      ],
      output: null,
    },
    {
      name: 'JSON, a parameter without NoEcho; the safe fix hides it',
      json: '{"Parameters": {"P": {"Type": "String"}}, "Resources": {"U": {"Type": "AWS::IAM::User", "Properties": {"LoginProfile": {"Password": {"Ref": "P"}}}}}}',
      errors: [{ messageId: 'parameterEcho', text: '{"Ref": "P"}', related: [{ text: '"P"', line: 1, column: 17 }] }],
      output:
        '{"Parameters": {"P": {"Type": "String", "NoEcho": true}}, "Resources": {"U": {"Type": "AWS::IAM::User", "Properties": {"LoginProfile": {"Password": {"Ref": "P"}}}}}}',
    },
    {
      name: 'flow style parameter with a default: the suggestion rewrites it without the default, with NoEcho',
      yaml: 'Parameters:\n  Token: { Type: String, MinLength: 20, Default: abcdefghijklmnopqrstuvwxyz }\nResources:\n  App:\n    Type: AWS::Amplify::App\n    Properties: { Name: site, OauthToken: !Ref Token }\n',
      errors: [{ messageId: 'parameterDefault', text: '!Ref Token', related: [{ text: 'Token', line: 2 }] }],
      output:
        'Parameters:\n  Token:\n    Type: String\n    MinLength: 20\n    NoEcho: true\nResources:\n  App:\n    Type: AWS::Amplify::App\n    Properties: { Name: site, OauthToken: !Ref Token }\n',
    },
    {
      name: 'every password of an ElastiCache user is judged',
      yaml: resourcesYaml(
        "U:\n  Type: AWS::ElastiCache::User\n  Properties:\n    Engine: redis\n    UserId: app\n    UserName: app\n    AccessString: 'on ~* +@all'\n    Passwords: ['{{resolve:secretsmanager:cache}}', averylongpassword123]\n",
      ),
      errors: [{ messageId: 'literal', data: { property: 'Passwords' }, text: 'averylongpassword123' }],
      output:
        "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  UPasswords:\n    Type: String\n    NoEcho: true\n    Description: Passwords of U; no default.\n" +
        "Resources:\n  U:\n    Type: AWS::ElastiCache::User\n    Properties:\n      Engine: redis\n      UserId: app\n      UserName: app\n      AccessString: 'on ~* +@all'\n" +
        "      Passwords: ['{{resolve:secretsmanager:cache}}', { Ref: UPasswords }]\n",
    },
    {
      name: 'a literal password, block style; the suggestion moves it into a NoEcho parameter',
      yaml: db('Sup3rSecret!'),
      errors: [
        {
          messageId: 'literal',
          message: LITERAL,
          underline: 'MasterUserPassword: Sup3rSecret!\n                    ~~~~~~~~~~~~',
        },
      ],
      output:
        "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  DbMasterUserPassword:\n    Type: String\n    NoEcho: true\n    Description: MasterUserPassword of Db; no default.\n" +
        'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      MasterUsername: admin\n      MasterUserPassword:\n        Ref: DbMasterUserPassword\n',
    },
    {
      name: 'flow style, IAM user login profile',
      yaml: resourcesYaml('User:\n  Type: AWS::IAM::User\n  Properties: { LoginProfile: { Password: Welcome1 } }\n'),
      errors: [{ messageId: 'literal', data: { property: 'LoginProfile.Password' }, text: 'Welcome1' }],
      output:
        "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  UserPassword:\n    Type: String\n    NoEcho: true\n    Description: LoginProfile.Password of User; no default.\n" +
        'Resources:\n  User:\n    Type: AWS::IAM::User\n    Properties: { LoginProfile: { Password: { Ref: UserPassword } } }\n',
    },
    {
      name: 'JSON, ElastiCache AuthToken',
      json: '{"Resources": {"Cache": {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": {"AuthToken": "0123456789abcdef0123"}}}}',
      errors: [{ messageId: 'literal', data: { property: 'AuthToken' }, text: '"0123456789abcdef0123"' }],
      output:
        '{"Parameters": {"CacheAuthToken": {"Type": "String", "NoEcho": true, "Description": "AuthToken of Cache; no default."}}, ' +
        '"Resources": {"Cache": {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": {"AuthToken": {"Ref": "CacheAuthToken"}}}}}',
    },
    {
      name: 'every user of an Amazon MQ broker is judged',
      yaml: resourcesYaml(`
        Broker:
          Type: AWS::AmazonMQ::Broker
          Properties:
            Users:
              - Username: app
                Password: '{{resolve:secretsmanager:mq:SecretString:app}}'
              - Username: admin
                Password: letmein-please
      `),
      errors: [{ messageId: 'literal', data: { property: 'Users.Password' }, text: 'letmein-please' }],
      output:
        "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  BrokerPassword:\n    Type: String\n    NoEcho: true\n    Description: Users.Password of Broker; no default.\n" +
        'Resources:\n  Broker:\n    Type: AWS::AmazonMQ::Broker\n    Properties:\n      Users:\n' +
        "        - Username: app\n          Password: '{{resolve:secretsmanager:mq:SecretString:app}}'\n" +
        '        - Username: admin\n          Password:\n            Ref: BrokerPassword\n',
    },
    {
      name: 'a parameter without NoEcho; the safe fix hides it',
      yaml: db('!Ref DbPassword', param('    Type: String\n')),
      errors: [
        {
          messageId: 'parameterEcho',
          text: '!Ref DbPassword',
          message:
            'MasterUserPassword comes from parameter DbPassword, which has no NoEcho: true, so CloudFormation shows the ' +
            'secret in the console and returns it from DescribeStacks to anyone who may read the stack.',
          related: [{ text: 'DbPassword', line: 2, message: 'Parameter DbPassword' }],
        },
      ],
      output: db('!Ref DbPassword', param('    Type: String\n    NoEcho: true\n')),
    },
    {
      name: 'a parameter with a default and no NoEcho',
      yaml: db('!Ref DbPassword', param('    Type: String\n    Default: changeme123\n')),
      errors: [{ messageId: 'parameterDefault', text: '!Ref DbPassword', related: [{ text: 'DbPassword', line: 2 }] }],
      output: db('!Ref DbPassword', param('    Type: String\n    NoEcho: true\n')),
    },
    {
      name: 'a NoEcho parameter with a default is still plain text in the template',
      yaml: db('!Ref DbPassword', param('    Type: String\n    NoEcho: true\n    Default: changeme123\n')),
      errors: [
        {
          messageId: 'noEchoDefault',
          text: '!Ref DbPassword',
          message:
            'MasterUserPassword comes from the Default of parameter DbPassword: NoEcho hides the value in the console, ' +
            'but the Default is written in the template in plain text for anyone who can read it.',
          related: [{ text: 'DbPassword', line: 2 }],
        },
      ],
      output: db('!Ref DbPassword', param('    Type: String\n    NoEcho: true\n')),
    },
    {
      name: 'one branch of a condition is a literal: reported on it, no fix',
      yaml: db(
        "!If [Prod, '{{resolve:secretsmanager:prod/db}}', dev-password]",
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n',
      ),
      errors: [
        {
          messageId: 'literal',
          text: 'dev-password',
          message: `${LITERAL.replace(/\.$/, '')} (when condition Prod is false).`,
        },
      ],
      output: null,
    },
    {
      name: 'a literal password assembled with Fn::Join is reported, without a fix',
      yaml: db("!Join ['-', [pw, static]]"),
      errors: [{ messageId: 'literal', text: "!Join ['-', [pw, static]]" }],
      output: null,
    },
  ],
});
