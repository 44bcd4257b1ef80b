import { plaintextSecret } from '../../../src/rules/encryption/plaintext-secret';
import { RuleTester, resourcesYaml } from '../../rule-tester';

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

const param = (lines: string): string => `Parameters:\n  DbPassword:\n${lines}`;

new RuleTester().run(plaintextSecret, {
  valid: [
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
