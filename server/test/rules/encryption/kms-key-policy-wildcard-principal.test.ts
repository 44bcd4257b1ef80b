import { kmsKeyPolicyWildcardPrincipal } from '../../../src/rules/encryption/kms-key-policy-wildcard-principal';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const WILDCARD =
  'The key policy allows principal * without a Condition: any principal in any AWS account that this policy ' +
  'grants can use or manage the key, and so read the data it protects.';

/** The message for a Terraform policy, which names the statement (the finding underlines the whole policy). */
const inStatement = (statement: string): string =>
  WILDCARD.replace('principal *', `principal * in statement ${statement}`);

/** The account-root statement of AWS's default key policy, with the account id interpolated as Terraform would. */
const ROOT = {
  Sid: 'Root',
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::${data.aws_caller_identity.current.account_id}:root' },
  Action: 'kms:*',
  Resource: '*',
};

/** A key policy as the AWS provider takes it, a JSON string, written as a `.tf.json` string literal. */
const policy = (...statements: object[]): string =>
  JSON.stringify(JSON.stringify({ Version: '2012-10-17', Statement: [ROOT, ...statements] }));

const OPEN = policy({ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' });
const TLS_ONLY = policy({
  Effect: 'Allow',
  Principal: { AWS: ['arn:aws:iam::123456789012:root', '*'] },
  Action: 'kms:Decrypt',
  Resource: '*',
  Condition: { Bool: { 'aws:SecureTransport': 'true' } },
});
const PARTNER = policy({
  Sid: 'Partner',
  Effect: 'Allow',
  Principal: { AWS: '${var.partner}' },
  Action: 'kms:Decrypt',
  Resource: '*',
});
const PLANNED = JSON.stringify(
  JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' }] }),
);

const tfKey = (body: string, type = 'aws_kms_key', head = ''): string => tfResource(type, 'orders', body, head);

/** A key whose policy has the account-root statement and then `statement` (block style, list item lines). */
const key = (statement: string, header = ''): string =>
  header +
  resourcesYaml(`
    Key:
      Type: AWS::KMS::Key
      Properties:
        EnableKeyRotation: true
        KeyPolicy:
          Version: '2012-10-17'
          Statement:
            - Sid: Root
              Effect: Allow
              Principal:
                AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root'
              Action: 'kms:*'
              Resource: '*'
${statement.replace(/^/gm, '            ')}
  `);

new RuleTester().run(kmsKeyPolicyWildcardPrincipal, {
  valid: [
    { name: 'Terraform: the account root, its id interpolated', tf: tfKey(`"policy": ${policy()}`) },
    {
      name: 'Terraform: principal * restricted to the organization',
      tf: tfKey(
        `"policy": ${policy({ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })}`,
      ),
    },
    {
      name: 'Terraform: a policy document from a data source is unknown',
      tf: tfKey('"policy": "${data.aws_iam_policy_document.orders.json}"'),
    },
    {
      name: 'Terraform: an interpolation outside a JSON string leaves the policy unknown',
      tf: tfKey('"policy": "{\\"Statement\\": ${jsonencode(local.statements)}}"'),
    },
    {
      name: 'plan: a policy known only after apply',
      plan: planOf([
        { type: 'aws_kms_key', name: 'orders', values: '{ "description": "orders" }', unknown: '{ "policy": true }' },
      ]),
    },
    {
      name: 'AWS’s default policy: kms:* to the account root',
      yaml: key(
        '- Effect: Allow\n  Principal:\n    Service: logs.amazonaws.com\n  Action: kms:Decrypt\n  Resource: "*"',
      ),
    },
    {
      name: 'principal * restricted to the organization',
      yaml: key(
        "- Effect: Allow\n  Principal: '*'\n  Action: kms:Decrypt\n  Resource: '*'\n  Condition:\n    StringEquals:\n      aws:PrincipalOrgID: o-abc123",
      ),
    },
    {
      name: 'principal * restricted to a calling service and account',
      yaml: key(
        "- Effect: Allow\n  Principal:\n    AWS: '*'\n  Action: kms:Decrypt\n  Resource: '*'\n  Condition:\n    StringEquals:\n      kms:CallerAccount: '123456789012'\n      kms:ViaService: s3.eu-west-1.amazonaws.com",
      ),
    },
    {
      name: 'a Deny statement with principal *',
      yaml: key(
        "- Effect: Deny\n  Principal: '*'\n  Action: kms:*\n  Resource: '*'\n  Condition:\n    Bool:\n      aws:SecureTransport: false",
      ),
    },
    {
      name: 'a policy from a parameter is unknown',
      yaml: resourcesYaml('Key:\n  Type: AWS::KMS::Key\n  Properties:\n    KeyPolicy: !ImportValue shared-policy\n'),
    },
    {
      name: 'a Condition written as a function is unknown',
      yaml: key(
        "- Effect: Allow\n  Principal: '*'\n  Action: kms:Decrypt\n  Resource: '*'\n  Condition: !If [Strict, {StringEquals: {aws:PrincipalOrgID: o-1}}, !Ref AWS::NoValue]",
        'Parameters:\n  Mode:\n    Type: String\nConditions:\n  Strict: !Equals [!Ref Mode, strict]\n',
      ).replace('Condition: !If', 'Condition: !ImportValue x\n#'),
    },
    {
      name: 'JSON, an explicit account root',
      json: '{"Resources": {"Key": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "kms:*", "Resource": "*"}]}}}}}',
    },
  ],
  invalid: [
    {
      name: 'Terraform: principal * without a condition, named by its Sid; the whole policy is underlined',
      tf: tfKey(`"policy": ${OPEN}`),
      errors: [
        { messageId: 'wildcard', message: inStatement('"Open"'), data: { where: ' in statement "Open"' }, text: OPEN },
      ],
    },
    {
      name: 'Terraform: aws_kms_key_policy, a statement without Sid named by its position',
      tf: tfKey(`"key_id": "\${aws_kms_key.main.id}",\n        "policy": ${TLS_ONLY}`, 'aws_kms_key_policy'),
      errors: [
        { messageId: 'weakCondition', data: { where: ' in statement 2', keys: 'aws:SecureTransport' }, text: TLS_ONLY },
      ],
    },
    {
      name: 'Terraform: a principal interpolated from a variable whose default is *',
      tf: tfKey(`"policy": ${PARTNER}`, 'aws_kms_replica_key', '"variable": { "partner": { "default": "*" } },'),
      errors: [
        {
          messageId: 'wildcard',
          message: `${inStatement('"Partner"').replace(/\.$/, '')} (by the default of variable partner).`,
          text: PARTNER,
        },
      ],
    },
    {
      name: 'plan: the planned policy opens the key',
      plan: planOf([{ type: 'aws_kms_key', name: 'orders', values: `{ "policy": ${PLANNED} }` }]),
      errors: [
        { messageId: 'wildcard', message: inPlan(inStatement('1'), 'aws_kms_key.orders'), text: PLANNED, line: 6 },
      ],
    },
    {
      name: 'a replica key, a whole statement chosen by Fn::If',
      yaml: resourcesYaml(
        "Replica:\n  Type: AWS::KMS::ReplicaKey\n  Properties:\n    PrimaryKeyArn: arn:aws:kms:us-east-1:123456789012:key/mrk-1\n    KeyPolicy:\n      Statement:\n        - !If\n          - Open\n          - { Effect: Allow, Principal: '*', Action: 'kms:*', Resource: '*' }\n          - !Ref AWS::NoValue\n",
      ).replace(
        'Resources:',
        'Parameters:\n  Mode:\n    Type: String\nConditions:\n  Open: !Equals [!Ref Mode, open]\nResources:',
      ),
      errors: [
        {
          messageId: 'wildcard',
          text: "'*'",
          line: 16,
          column: 43,
          message: `${WILDCARD.replace(/\.$/, '')} (when condition Open is true).`,
        },
      ],
    },
    {
      name: "Principal: '*' without a Condition",
      yaml: key("- Sid: Everyone\n  Effect: Allow\n  Principal: '*'\n  Action: kms:Decrypt\n  Resource: '*'"),
      errors: [{ messageId: 'wildcard', message: WILDCARD, text: "'*'", line: 18 }],
    },
    {
      name: 'AWS: [*] in a list with an account',
      yaml: key(
        "- Effect: Allow\n  Principal:\n    AWS:\n      - arn:aws:iam::123456789012:root\n      - '*'\n  Action: kms:*\n  Resource: '*'",
      ),
      errors: [
        {
          messageId: 'wildcard',
          underline:
            "AWS:\n~~~~\n  - arn:aws:iam::123456789012:root\n  ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n  - '*'\n  ~~~~~",
        },
      ],
    },
    {
      name: 'flow style, { AWS: "*" } conditioned only on TLS',
      yaml: resourcesYaml(
        "Key:\n  Type: AWS::KMS::Key\n  Properties:\n    KeyPolicy: { Statement: [ { Effect: Allow, Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*', Condition: { Bool: { aws:SecureTransport: 'true' } } } ] }\n",
      ),
      errors: [{ messageId: 'weakCondition', data: { keys: 'aws:SecureTransport', where: '' }, text: "{ AWS: '*' }" }],
    },
    {
      name: 'an IfExists test does not restrict',
      yaml: key(
        "- Effect: Allow\n  Principal: '*'\n  Action: kms:Decrypt\n  Resource: '*'\n  Condition:\n    StringEqualsIfExists:\n      aws:SourceAccount: '123456789012'",
      ),
      errors: [
        {
          messageId: 'weakCondition',
          data: { keys: 'StringEqualsIfExists aws:SourceAccount', where: '' },
          text: "'*'",
          line: 17,
        },
      ],
    },
    {
      name: 'one branch of Fn::If opens the key',
      yaml: key(
        "- Effect: Allow\n  Principal: !If [Shared, '*', !Sub 'arn:aws:iam::${AWS::AccountId}:root']\n  Action: kms:Decrypt\n  Resource: '*'",
        'Parameters:\n  Mode:\n    Type: String\nConditions:\n  Shared: !Equals [!Ref Mode, shared]\n',
      ),
      errors: [
        {
          messageId: 'wildcard',
          text: "'*'",
          line: 22,
          message: `${WILDCARD.replace(/\.$/, '')} (when condition Shared is true).`,
        },
      ],
    },
    {
      name: 'JSON, a single statement written as a map',
      json: '{"Resources": {"Key": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Statement": {"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "kms:*", "Resource": "*"}}}}}}',
      errors: [{ messageId: 'wildcard', text: '{"AWS": ["*"]}' }],
    },
  ],
});
