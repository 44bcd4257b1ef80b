import { s3BucketTlsOnly } from '../../../src/rules/encryption/s3-bucket-tls-only';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf } from '../terraform-fixtures';

const NO_POLICY =
  'No bucket policy in the template denies requests without TLS (aws:SecureTransport false), so S3 accepts ' +
  'plain-HTTP requests and the bucket’s data can cross the network unencrypted.';
const NO_DENY =
  'The bucket policy has no statement that denies requests without TLS (Effect: Deny, Principal: *, Action: s3:*, ' +
  'the bucket and its objects, Condition Bool aws:SecureTransport: false), so S3 accepts plain-HTTP requests and ' +
  'the bucket’s data can cross the network unencrypted.';

/** The statement the fix writes, as block YAML list items at `indent` spaces. */
const denyBlock = (bucket: string, indent: number): string =>
  `- Sid: DenyWithoutTls
  Effect: Deny
  Principal: '*'
  Action: s3:*
  Resource:
    - !GetAtt ${bucket}.Arn
    - !Sub \${${bucket}.Arn}/*
  Condition:
    Bool:
      aws:SecureTransport: false`.replace(/^/gm, ' '.repeat(indent));

const DENY_FLOW =
  "{ Sid: DenyWithoutTls, Effect: Deny, Principal: '*', Action: s3:*, Resource: [!GetAtt Bucket.Arn, !Sub '${Bucket.Arn}/*'], Condition: { Bool: { aws:SecureTransport: false } } }";

/** A bucket and a policy for it whose statements are `statements` (block YAML items at the list's indentation). */
const withPolicy = (statements: string, bucket = '', header = ''): string =>
  `${header}Resources:
  Bucket:
    Type: AWS::S3::Bucket${bucket}
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
${statements.replace(/^/gm, '          ')}
`;

/** The documented deny, with `Resource` and `Condition` lines replaceable. */
const deny = (
  resource = 'Resource:\n  - !GetAtt Bucket.Arn\n  - !Sub ${Bucket.Arn}/*',
  condition = 'Condition:\n  Bool:\n    aws:SecureTransport: false',
  head = "- Effect: Deny\n  Principal: '*'\n  Action: s3:*",
): string => `${head}\n${resource.replace(/^/gm, '  ')}\n${condition.replace(/^/gm, '  ')}`;

const ALLOW_LOGS =
  '- Effect: Allow\n  Principal:\n    Service: logging.s3.amazonaws.com\n  Action: s3:PutObject\n  Resource: !Sub ${Bucket.Arn}/*';

/** Statements that look like the deny but are not: narrowed, allowing, for TLS, or for someone else. */
const NARROWED = [
  deny(
    undefined,
    "Condition:\n  Bool:\n    aws:SecureTransport: false\n  StringEquals:\n    aws:PrincipalAccount: '111122223333'",
  ),
  deny(undefined, undefined, "- Effect: Allow\n  Principal: '*'\n  Action: s3:*"),
  deny(undefined, 'Condition:\n  Bool:\n    aws:SecureTransport: true'),
  deny(
    undefined,
    undefined,
    '- Effect: Deny\n  NotPrincipal:\n    AWS: arn:aws:iam::111122223333:root\n  Action: s3:*',
  ),
].join('\n');

/** A policy document as the JSON string a `.tf.json` file writes for `policy` (quotes escaped). */
const policyText = (statements: readonly object[]): string =>
  JSON.stringify(JSON.stringify({ Version: '2012-10-17', Statement: statements }));

/** The documented deny for `resources`. */
const tfDeny = (resources: readonly string[]): object => ({
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: resources,
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});
const BY_REFERENCE = ['${aws_s3_bucket.logs.arn}', '${aws_s3_bucket.logs.arn}/*'];
const TF_ALLOW = {
  Effect: 'Allow',
  Principal: { Service: 'logging.s3.amazonaws.com' },
  Action: 's3:PutObject',
  Resource: '${aws_s3_bucket.logs.arn}/*',
};

/** A `.tf.json` configuration: the bucket `logs` (its body `bucket`) and, when given, a bucket policy with `policy`. */
const tfBucket = (bucket: string, policy?: string, policyBucket = '${aws_s3_bucket.logs.id}'): string => `{
  "resource": {
    "aws_s3_bucket": {
      "logs": { "bucket": "acme-logs"${bucket} }
    }${
      policy === undefined
        ? ''
        : `,
    "aws_s3_bucket_policy": {
      "logs": {
        "bucket": "${policyBucket}",
        "policy": ${policy}
      }
    }`
    }
  }
}
`;

/** A plan: the bucket, and its policy (`policy` as a JSON string) tied to it by the configuration. */
const planBucket = (policy: string): string =>
  planOf(
    [
      { type: 'aws_s3_bucket', name: 'logs', values: '{"bucket": "acme-logs"}', unknown: '{"policy": true}' },
      { type: 'aws_s3_bucket_policy', name: 'logs', values: `{"bucket": "acme-logs", "policy": ${policy}}` },
    ],
    `{ "root_module": { "resources": [
      { "address": "aws_s3_bucket.logs", "type": "aws_s3_bucket", "name": "logs", "expressions": { "bucket": { "constant_value": "acme-logs" } } },
      { "address": "aws_s3_bucket_policy.logs", "type": "aws_s3_bucket_policy", "name": "logs",
        "expressions": { "bucket": { "references": ["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"] }, "policy": {} } }
    ] } }`,
  );
const LITERAL_ARNS = ['arn:aws:s3:::acme-logs', 'arn:aws:s3:::acme-logs/*'];

new RuleTester().run(s3BucketTlsOnly, {
  valid: [
    { name: 'the documented deny', yaml: withPolicy(deny()) },
    {
      name: 'among other statements, with "false" as a string, Principal { AWS: "*" }, Action "*" in a list',
      yaml: withPolicy(
        `${ALLOW_LOGS}\n${deny(undefined, "Condition: { Bool: { 'aws:SecureTransport': 'false' } }", "- Effect: Deny\n  Principal: { AWS: ['*'] }\n  Action: [s3:GetObject, '*']")}`,
      ),
    },
    { name: 'Resource "*" covers the bucket and its objects', yaml: withPolicy(deny("Resource: '*'")) },
    {
      name: 'literal names and ARNs',
      yaml: `
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
            Properties: { BucketName: logs-example }
          Policy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: logs-example
              PolicyDocument:
                Statement:
                  - Effect: Deny
                    Principal: '*'
                    Action: 's3:*'
                    Resource: ['arn:aws:s3:::logs-example', 'arn:aws-us-gov:s3:::logs-example/*']
                    Condition: { BoolIfExists: { aws:securetransport: false } }
      `,
    },
    {
      name: 'a name from a parameter, written the same way in both places',
      yaml: `
        Parameters:
          AppName: { Type: String }
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
            Properties: { BucketName: !Sub '\${AppName}-\${AWS::Region}-data' }
          Policy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Sub '\${AppName}-\${AWS::Region}-data'
              PolicyDocument:
                Statement:
                  - Effect: Deny
                    Principal: '*'
                    Action: 's3:*'
                    Resource:
                      - !Sub 'arn:\${AWS::Partition}:s3:::\${AppName}-\${AWS::Region}-data'
                      - !Join ['', ['arn:aws:s3:::', !Sub '\${AppName}-\${AWS::Region}-data', '/*']]
                    Condition: { Bool: { aws:SecureTransport: false } }
      `,
    },
    {
      name: 'a name from a parameter with no default, in the bucket, the policy and the ARNs',
      yaml: `
        Parameters:
          Name: { Type: String }
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
            Properties: { BucketName: !Ref Name }
          Policy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref Name
              PolicyDocument:
                Statement:
                  - Effect: Deny
                    Principal: '*'
                    Action: 's3:*'
                    Resource: [!Sub 'arn:\${AWS::Partition}:s3:::\${Name}', !Sub 'arn:\${AWS::Partition}:s3:::\${Name}/*']
                    Condition: { Bool: { aws:SecureTransport: false } }
      `,
    },
    {
      name: 'a module, or a resource a packaging tool expands, may bring the policy',
      yaml: resourcesYaml(`
        Bucket: { Type: AWS::S3::Bucket }
        Policy:
          Type: Org::Storage::TlsPolicy::MODULE
          Properties: { BucketName: !Ref Bucket }
      `),
    },
    {
      name: 'a literal ARN for a bucket whose name cannot be read might be its ARN: unknown',
      yaml: withPolicy(
        deny("Resource: ['arn:aws:s3:::shared-data', 'arn:aws:s3:::shared-data/*']"),
        '\n    Properties:\n      BucketName: !ImportValue SharedBucketName',
      ),
    },
    {
      name: 'a policy whose Bucket is chosen by a condition',
      yaml: withPolicy(
        deny(),
        '',
        'Parameters:\n  Env: { Type: String }\nConditions:\n  A: !Equals [!Ref Env, a]\n',
      ).replace('Bucket: !Ref Bucket', 'Bucket: !If [A, !Ref Bucket, other-bucket]'),
    },
    {
      name: '!Sub with a binding and !Ref Bucket',
      yaml: withPolicy(
        deny(
          "Resource:\n  - !Sub ['arn:${AWS::Partition}:s3:::${Name}', { Name: !Ref Bucket }]\n  - !Sub arn:aws:s3:::${Bucket}/*",
        ),
      ),
    },
    {
      name: 'a policy for a bucket named by a parameter nobody can read: unknown',
      yaml: `
        Parameters:
          Target: { Type: String }
        Resources:
          Bucket: { Type: AWS::S3::Bucket }
          Policy:
            Type: AWS::S3::BucketPolicy
            Properties: { Bucket: !Ref Target, PolicyDocument: { Statement: [] } }
      `,
    },
    {
      name: 'two policies, each for its bucket or a bucket from a parameter: each leaves the other bucket open',
      yaml: `
        Parameters:
          Target: { Type: String }
        Conditions:
          Own: !Equals [!Ref Target, '']
        Resources:
          First: { Type: AWS::S3::Bucket }
          Second: { Type: AWS::S3::Bucket }
          FirstPolicy:
            Type: AWS::S3::BucketPolicy
            Properties: { Bucket: !If [Own, !Ref First, !Ref Target], PolicyDocument: { Statement: [] } }
          SecondPolicy:
            Type: AWS::S3::BucketPolicy
            Properties: { Bucket: !If [Own, !Ref Second, !Ref Target], PolicyDocument: { Statement: [] } }
      `,
    },
    {
      name: 'a document or statements from a parameter, a condition or a mapping: unknown',
      yaml: withPolicy(
        "- !If [Strict, { Effect: Deny, Principal: '*', Action: 's3:*', Resource: '*' }, !Ref AWS::NoValue]",
        '',
        'Parameters:\n  Env: { Type: String }\nConditions:\n  Strict: !Equals [!Ref Env, prod]\n',
      ),
    },
    {
      name: 'a condition value that cannot be known',
      yaml: withPolicy(deny(undefined, 'Condition:\n  Bool:\n    aws:SecureTransport: !ImportValue Flag')),
    },
    {
      name: 'JSON',
      json: `
        {
          "Resources": {
            "Bucket": { "Type": "AWS::S3::Bucket" },
            "Policy": {
              "Type": "AWS::S3::BucketPolicy",
              "Properties": {
                "Bucket": { "Ref": "Bucket" },
                "PolicyDocument": {
                  "Statement": [{
                    "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                    "Resource": [{ "Fn::GetAtt": ["Bucket", "Arn"] }, { "Fn::Sub": "\${Bucket.Arn}/*" }],
                    "Condition": { "Bool": { "aws:SecureTransport": "false" } }
                  }]
                }
              }
            }
          }
        }
      `,
    },
    {
      name: 'Terraform: a bucket policy with the deny, by reference',
      tf: tfBucket('', policyText([tfDeny(BY_REFERENCE)])),
    },
    {
      name: 'Terraform: by the bucket’s literal name, with literal ARNs and the partition from a data source',
      tf: tfBucket(
        '',
        policyText([
          tfDeny(['arn:${data.aws_partition.current.partition}:s3:::acme-logs', 'arn:aws:s3:::acme-logs/*']),
        ]),
        'acme-logs',
      ),
    },
    {
      name: 'Terraform: a policy from jsonencode is unknown',
      tf: tfBucket('', '"${jsonencode({Statement = []})}"'),
    },
    {
      name: 'Terraform: a policy from a data source is unknown',
      tf: tfBucket('', '"${data.aws_iam_policy_document.tls.json}"'),
    },
    {
      name: 'Terraform: a policy for a bucket named by a variable without default leaves the answer open',
      tf: `{"variable": {"name": {}}, ${tfBucket('', policyText([]), '${var.name}').slice(1)}`,
    },
    {
      name: 'Terraform: the bucket’s policy, and one for a bucket from a variable without default: open',
      tf: `{"variable": {"other": {}}, ${tfBucket('', policyText([])).slice(1)}`.replace(
        '"policy": "{',
        `"policy": ${policyText([])} }, "other": { "bucket": "\${var.other}", "policy": "{`,
      ),
    },
    {
      name: 'Terraform: the inline policy of AWS provider 3',
      tf: tfBucket(`, "policy": ${policyText([tfDeny(BY_REFERENCE)])}`),
    },
    {
      name: 'Terraform: a module may bring the policy',
      tf: `{"module": {"policies": {"source": "./policies"}}, ${tfBucket('').slice(1)}`,
    },
    {
      name: 'plan: the deny in the policy tied by the configuration',
      plan: planBucket(policyText([tfDeny(LITERAL_ARNS)])),
    },
  ],
  invalid: [
    {
      name: 'no policy: reported on the bucket, a new policy is added',
      yaml: resourcesYaml('Bucket:\n  Type: AWS::S3::Bucket\n'),
      errors: [{ messageId: 'noPolicy', message: NO_POLICY, underline: 'Bucket:\n~~~~~~' }],
      // The file has no short-form tags, so the functions are written in long form, like the rest of it.
      output: resourcesYaml(`
        Bucket:
          Type: AWS::S3::Bucket
        BucketTlsOnlyPolicy:
          Type: AWS::S3::BucketPolicy
          Properties:
            Bucket:
              Ref: Bucket
            PolicyDocument:
              Version: '2012-10-17'
              Statement:
                - Sid: DenyWithoutTls
                  Effect: Deny
                  Principal: '*'
                  Action: s3:*
                  Resource:
                    - Fn::GetAtt:
                        - Bucket
                        - Arn
                    - Fn::Sub: \${Bucket.Arn}/*
                  Condition:
                    Bool:
                      aws:SecureTransport: false
      `),
    },
    {
      name: 'no policy, flow style, a conditional bucket, a name already taken',
      yaml: `
        Conditions:
          IsProd: !Equals [!Ref 'AWS::Region', eu-west-1]
        Resources: { Bucket: { Type: AWS::S3::Bucket, Condition: IsProd }, BucketTlsOnlyPolicy: { Type: AWS::SNS::Topic } }
      `,
      errors: [{ messageId: 'noPolicy', text: 'Bucket', line: 3, column: 14 }],
      output: `
        Conditions:
          IsProd: !Equals [!Ref 'AWS::Region', eu-west-1]
        Resources: { Bucket: { Type: AWS::S3::Bucket, Condition: IsProd }, BucketTlsOnlyPolicy: { Type: AWS::SNS::Topic }, BucketTlsOnlyPolicy2: { Type: AWS::S3::BucketPolicy, Condition: IsProd, Properties: { Bucket: !Ref Bucket, PolicyDocument: { Version: '2012-10-17', Statement: [${DENY_FLOW}] } } } }
      `,
    },
    {
      name: 'no policy, JSON',
      json: '{ "Resources": { "Bucket": { "Type": "AWS::S3::Bucket" } } }',
      errors: [{ messageId: 'noPolicy', text: '"Bucket"' }],
      output:
        '{ "Resources": { "Bucket": { "Type": "AWS::S3::Bucket" }, "BucketTlsOnlyPolicy": { "Type": "AWS::S3::BucketPolicy", "Properties": { "Bucket": { "Ref": "Bucket" }, "PolicyDocument": { "Version": "2012-10-17", "Statement": [ { "Sid": "DenyWithoutTls", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": [ { "Fn::GetAtt": [ "Bucket", "Arn" ] }, { "Fn::Sub": "${Bucket.Arn}/*" } ], "Condition": { "Bool": { "aws:SecureTransport": false } } } ] } } } } }',
    },
    {
      name: 'a policy without the deny: reported on PolicyDocument, the statement is appended',
      yaml: withPolicy(ALLOW_LOGS),
      errors: [{ messageId: 'noDeny', message: NO_DENY, underline: 'PolicyDocument:\n~~~~~~~~~~~~~~' }],
      output: withPolicy(`${ALLOW_LOGS}\n${denyBlock('Bucket', 0)}`),
    },
    {
      name: 'a single statement written as a map becomes a list of two',
      yaml: withPolicy(ALLOW_LOGS)
        .replace('Statement:\n          - Effect', 'Statement:\n            Effect')
        .replace(/^ {12}(?=\w)/gm, '            '),
      errors: [{ messageId: 'noDeny', text: 'PolicyDocument' }],
      output: withPolicy(`${ALLOW_LOGS}\n${denyBlock('Bucket', 0)}`),
    },
    {
      name: 'flow style: the list is rewritten in flow style',
      yaml: resourcesYaml(`
        Bucket: { Type: AWS::S3::Bucket }
        Policy:
          Type: AWS::S3::BucketPolicy
          Properties: { Bucket: !Ref Bucket, PolicyDocument: { Statement: [{ Effect: Allow, Principal: '*', Action: s3:GetObject, Resource: !Sub '\${Bucket.Arn}/*' }] } }
      `),
      errors: [{ messageId: 'noDeny', text: 'PolicyDocument' }],
      output: resourcesYaml(`
        Bucket: { Type: AWS::S3::Bucket }
        Policy:
          Type: AWS::S3::BucketPolicy
          Properties: { Bucket: !Ref Bucket, PolicyDocument: { Statement: [{ Effect: Allow, Principal: '*', Action: s3:GetObject, Resource: !Sub '\${Bucket.Arn}/*' }, ${DENY_FLOW}] } }
      `),
    },
    {
      name: 'JSON: an empty list gets the statement',
      json: `
        {
          "Resources": {
            "Bucket": { "Type": "AWS::S3::Bucket" },
            "Policy": {
              "Type": "AWS::S3::BucketPolicy",
              "Properties": { "Bucket": { "Ref": "Bucket" }, "PolicyDocument": { "Statement": [] } }
            }
          }
        }
      `,
      errors: [{ messageId: 'noDeny', text: '"PolicyDocument"' }],
      output: `
        {
          "Resources": {
            "Bucket": { "Type": "AWS::S3::Bucket" },
            "Policy": {
              "Type": "AWS::S3::BucketPolicy",
              "Properties": { "Bucket": { "Ref": "Bucket" }, "PolicyDocument": { "Statement": [ { "Sid": "DenyWithoutTls", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": [ { "Fn::GetAtt": [ "Bucket", "Arn" ] }, { "Fn::Sub": "\${Bucket.Arn}/*" } ], "Condition": { "Bool": { "aws:SecureTransport": false } } } ] } }
            }
          }
        }
      `,
    },
    {
      name: 'a deny that covers the objects only leaves bucket-level requests in plain HTTP',
      yaml: withPolicy(deny('Resource: !Sub ${Bucket.Arn}/*')),
      errors: [{ messageId: 'noDeny', text: 'PolicyDocument' }],
      output: withPolicy(`${deny('Resource: !Sub ${Bucket.Arn}/*')}\n${denyBlock('Bucket', 0)}`),
    },
    {
      name: 's3:TlsVersion alone: a plain-HTTP request has no TLS version, so the condition never matches it',
      yaml: withPolicy(deny(undefined, 'Condition:\n  NumericLessThan:\n    s3:TlsVersion: 1.2')),
      errors: [{ messageId: 'noDeny', text: 'PolicyDocument' }],
      output: withPolicy(
        `${deny(undefined, 'Condition:\n  NumericLessThan:\n    s3:TlsVersion: 1.2')}\n${denyBlock('Bucket', 0)}`,
      ),
    },
    {
      name: 'a deny narrowed by another condition, an Allow, or SecureTransport true',
      yaml: withPolicy(NARROWED),
      errors: [{ messageId: 'noDeny', text: 'PolicyDocument' }],
      output: withPolicy(`${NARROWED}\n${denyBlock('Bucket', 0)}`),
    },
    {
      name: 'a policy for another bucket does not count; a literal name different from BucketName neither',
      yaml: resourcesYaml(`
        Bucket:
          Type: AWS::S3::Bucket
          Properties: { BucketName: data-example }
        Logs: { Type: AWS::S3::Bucket }
        LogsPolicy:
          Type: AWS::S3::BucketPolicy
          Properties:
            Bucket: !Ref Logs
            PolicyDocument: { Statement: [{ Effect: Deny, Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { aws:SecureTransport: false } } }] }
        OtherPolicy:
          Type: AWS::S3::BucketPolicy
          Properties: { Bucket: logs-example, PolicyDocument: { Statement: [] } }
      `),
      errors: [{ messageId: 'noPolicy', text: 'Bucket', line: 3 }],
      output: resourcesYaml(`
        Bucket:
          Type: AWS::S3::Bucket
          Properties: { BucketName: data-example }
        Logs: { Type: AWS::S3::Bucket }
        LogsPolicy:
          Type: AWS::S3::BucketPolicy
          Properties:
            Bucket: !Ref Logs
            PolicyDocument: { Statement: [{ Effect: Deny, Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { aws:SecureTransport: false } } }] }
        OtherPolicy:
          Type: AWS::S3::BucketPolicy
          Properties: { Bucket: logs-example, PolicyDocument: { Statement: [] } }
        BucketTlsOnlyPolicy:
          Type: AWS::S3::BucketPolicy
          Properties:
            Bucket: !Ref Bucket
            PolicyDocument:
              Version: '2012-10-17'
              Statement:
${denyBlock('Bucket', 16)}
      `),
    },
    {
      name: 'no fix: the policy has no PolicyDocument to add to',
      yaml: resourcesYaml(`
        Bucket: { Type: AWS::S3::Bucket }
        Policy:
          Type: AWS::S3::BucketPolicy
          Properties: { Bucket: !Ref Bucket }
      `),
      errors: [{ messageId: 'noDeny', text: 'Properties' }],
      output: null,
    },
    {
      name: 'Terraform: no bucket policy; the fix adds one with the deny',
      tf: tfBucket(''),
      errors: [{ messageId: 'noPolicy', message: NO_POLICY, text: '"logs"' }],
      output: tfBucket('', policyText([{ Sid: 'DenyWithoutTls', ...tfDeny(BY_REFERENCE) }])),
    },
    {
      name: 'Terraform: a bucket policy without the deny; the fix adds it to the document',
      tf: tfBucket('', policyText([TF_ALLOW])),
      errors: [{ messageId: 'noDeny', message: NO_DENY, text: '"policy"' }],
      output: tfBucket('', policyText([TF_ALLOW, { Sid: 'DenyWithoutTls', ...tfDeny(BY_REFERENCE) }])),
    },
    {
      name: 'Terraform: a deny that covers only the objects',
      tf: tfBucket('', policyText([tfDeny(['${aws_s3_bucket.logs.arn}/*'])])),
      errors: [{ messageId: 'noDeny', text: '"policy"' }],
      output: tfBucket(
        '',
        policyText([tfDeny(['${aws_s3_bucket.logs.arn}/*']), { Sid: 'DenyWithoutTls', ...tfDeny(BY_REFERENCE) }]),
      ),
    },
    {
      name: 'Terraform: the inline policy without the deny',
      tf: tfBucket(`, "policy": ${policyText([TF_ALLOW])}`),
      errors: [{ messageId: 'noDeny', text: '"policy"' }],
      output: tfBucket(`, "policy": ${policyText([TF_ALLOW, { Sid: 'DenyWithoutTls', ...tfDeny(BY_REFERENCE) }])}`),
    },
    {
      name: 'plan: the policy tied by the configuration has no deny',
      plan: planBucket(policyText([{ ...TF_ALLOW, Resource: 'arn:aws:s3:::acme-logs/*' }])),
      errors: [
        {
          messageId: 'noDeny',
          message: inPlan(NO_DENY, 'aws_s3_bucket_policy.logs'),
          text: '"policy"',
          line: 7,
        },
      ],
      output: null,
    },
    {
      name: 'plan: no policy, and the bucket’s computed inline policy was never written',
      plan: planOf(
        [{ type: 'aws_s3_bucket', name: 'logs', values: '{"bucket": "acme-logs"}', unknown: '{"policy": true}' }],
        '{ "root_module": { "resources": [ { "address": "aws_s3_bucket.logs", "type": "aws_s3_bucket", "name": "logs", "expressions": {} } ] } }',
      ),
      errors: [{ messageId: 'noPolicy', message: inPlan(NO_POLICY, 'aws_s3_bucket.logs'), text: '"values"' }],
      output: null,
    },
  ],
});
