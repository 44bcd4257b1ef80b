import { kmsKeyPolicyWildcardPrincipal } from '../../../src/rules/encryption/kms-key-policy-wildcard-principal';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const WILDCARD =
  'The key policy allows principal * without a Condition: any principal in any AWS account that this policy ' +
  'grants can use or manage the key, and so read the data it protects.';

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
      errors: [{ messageId: 'weakCondition', data: { keys: 'aws:SecureTransport' }, text: "{ AWS: '*' }" }],
    },
    {
      name: 'an IfExists test does not restrict',
      yaml: key(
        "- Effect: Allow\n  Principal: '*'\n  Action: kms:Decrypt\n  Resource: '*'\n  Condition:\n    StringEqualsIfExists:\n      aws:SourceAccount: '123456789012'",
      ),
      errors: [
        { messageId: 'weakCondition', data: { keys: 'StringEqualsIfExists aws:SourceAccount' }, text: "'*'", line: 17 },
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
