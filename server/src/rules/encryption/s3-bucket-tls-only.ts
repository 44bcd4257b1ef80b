import type { FixProposal, JsonValue } from '../../edits/changes';
import { jsonOf, unusedName, within } from '../../edits/propose';
import { isIntrinsic } from '../../edits/values';
import type { Resource } from '../../model/template';
import { entryOf, getValue, isMap, isSeq } from '../../parsing/nodes';
import { cloudFormationCandidates, terraformCandidates } from '../bucket-policy-index';
import {
  denyWithoutTls,
  documentDeniesWithoutTls,
  policyTargets,
  type PolicyTruth,
  type TlsContext,
} from '../s3-tls-policy';
import {
  readPolicy,
  terraformDeny,
  terraformPolicyTargets,
  terraformReader,
  withStatement,
  type TerraformPolicy,
} from '../s3-tls-policy-terraform';
import { companionFix, reference } from '../terraform';
import type { Rule, RuleContext } from '../types';

type MessageId = 'noPolicy' | 'noDeny';

const ID = 'encryption/s3-bucket-tls-only';

const FIX_TITLE = 'Deny requests to the bucket that do not use TLS (clients without TLS lose access)';

export const s3BucketTlsOnly = {
  meta: {
    id: ID,
    title: 'S3 bucket policies deny requests without TLS',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      noPolicy:
        'No bucket policy in the template denies requests without TLS (aws:SecureTransport false), so S3 accepts ' +
        'plain-HTTP requests and the bucket’s data can cross the network unencrypted.',
      noDeny:
        'The bucket policy has no statement that denies requests without TLS (Effect: Deny, Principal: *, Action: s3:*, ' +
        'the bucket and its objects, Condition Bool aws:SecureTransport: false), so S3 accepts plain-HTTP requests and ' +
        'the bucket’s data can cross the network unencrypted.',
    },
    rationale:
      'Protecting data in transit is the customer’s side of the shared-responsibility model. S3 serves both HTTP and ' +
      'HTTPS endpoints, and AWS leaves it to the bucket owner to refuse plain HTTP: a misconfigured SDK, a script with ' +
      'an http:// URL or a proxy that downgrades the connection sends objects and credentials-signed requests in the ' +
      'clear, where anyone on the path can read or replay them. Only a Deny statement in the bucket policy makes TLS ' +
      'a condition of every request, whoever makes it.',
    remediation:
      'Add to the bucket’s AWS::S3::BucketPolicy a statement with Effect: Deny, Principal: "*", Action: "s3:*", ' +
      'Resource: [!GetAtt Bucket.Arn, !Sub "${Bucket.Arn}/*"] and Condition: { Bool: { aws:SecureTransport: false } } ' +
      '(or NumericLessThan s3:TlsVersion 1.2 to require a modern TLS version as well).',
    references: [
      { tool: 'cdkNag', id: 'AwsSolutions-S10', match: 'equivalent' },
      { tool: 'cdkNag', id: 'NIST.800.53.R5-S3BucketSSLRequestsOnly', match: 'equivalent' },
      {
        tool: 'kics',
        id: '38c64e76-c71e-4d92-a337-60174d1de1c9',
        match: 'related',
        name: 'S3 Bucket Without SSL In Write Actions',
      },
    ],
    fix: 'suggestion',
    cdk: 'enforceSSL: true',
  },
  visitors: {
    cloudformation: {
      'AWS::S3::Bucket': checkBucket,
    },
    terraform: {
      aws_s3_bucket: checkTerraformBucket,
    },
  },
} satisfies Rule<MessageId>;

function checkBucket(bucket: Resource, context: RuleContext<MessageId>): void {
  const tls: TlsContext = { bucket, values: context.values };
  const policies: Resource[] = [];
  // The policies that may be this bucket's, from an index built once per lint: a scan of every policy per bucket
  // is quadratic. Without any policy in the template, the index answers before reading references.
  for (const resource of cloudFormationCandidates(context, tls)) {
    const target = policyTargets(resource, tls, context.template.references.to(bucket.id));
    // A policy that may be this bucket's (a name from a parameter, another stack's export) leaves the answer open.
    if (target === 'unknown') return;
    if (target) policies.push(resource);
  }
  if (policies.length === 0) {
    if (context.template.hasHiddenResources()) return;
    context.report({ node: bucket.idNode, messageId: 'noPolicy', fixes: newPolicy(bucket, context) });
    return;
  }
  const verdicts = policies.map((policy) => ({ policy, verdict: denyWithoutTls(policy, tls) }));
  if (verdicts.some(({ verdict }) => verdict.truth !== false)) return;
  for (const { policy, verdict } of verdicts) {
    const document = policy.properties === undefined ? undefined : entryOf(policy.properties, 'PolicyDocument');
    context.report({
      node: document?.key ?? policy.anchor,
      messageId: 'noDeny',
      resource: policy,
      fixes: appendStatement(policy, verdict, bucket),
    });
  }
}

/** The statement the fix adds: S3's documented way to refuse every request made without TLS. */
function denyStatement(bucket: Resource): JsonValue {
  return {
    Sid: 'DenyWithoutTls',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [{ 'Fn::GetAtt': [bucket.id, 'Arn'] }, { 'Fn::Sub': `\${${bucket.id}.Arn}/*` }],
    Condition: { Bool: { 'aws:SecureTransport': false } },
  };
}

/**
 * A new AWS::S3::BucketPolicy beside the bucket, under the bucket's own condition if it has one. The change types
 * have no "add resource", so the fix sets a new key in the `Resources` map.
 */
function newPolicy(bucket: Resource, context: RuleContext<MessageId>): FixProposal[] {
  const resources = getValue(context.template.root, 'Resources');
  if (!isMap(resources) || isIntrinsic(resources)) return [];
  const condition = getValue(bucket.node, 'Condition');
  if (condition !== undefined && condition.kind !== 'scalar') return [];
  const policy: { [key: string]: JsonValue } = { Type: 'AWS::S3::BucketPolicy' };
  if (condition !== undefined) policy['Condition'] = condition.value;
  policy['Properties'] = {
    Bucket: { Ref: bucket.id },
    PolicyDocument: { Version: '2012-10-17', Statement: [denyStatement(bucket)] },
  };
  const name = unusedName(context.template, `${bucket.id}TlsOnlyPolicy`);
  return [{ title: FIX_TITLE, safe: false, changes: [{ kind: 'set', map: resources, path: [name], value: policy }] }];
}

/**
 * The policy's statements with the deny appended. The change types cannot append to a list, so the whole list is
 * rewritten with the same data — only when the statements are written in the policy itself, not produced by a
 * function; a single statement written as a map becomes a list of two.
 */
function appendStatement(policy: Resource, verdict: PolicyTruth, bucket: Resource): FixProposal[] {
  const statements = verdict.statements;
  if (statements === undefined || !within(policy.node, statements)) return [];
  if (isMap(statements) && isIntrinsic(statements)) return [];
  const items = isSeq(statements) ? statements.items : [statements];
  const written = items.map(jsonOf);
  if (written.some((item) => item === undefined)) return [];
  const value = [...(written as JsonValue[]), denyStatement(bucket)];
  return [{ title: FIX_TITLE, safe: false, changes: [{ kind: 'replace', node: statements, value }] }];
}

/**
 * Terraform: the `aws_s3_bucket_policy` resources that name the bucket, and the bucket's own `policy` (AWS provider
 * 3). Each `policy` is a JSON string, read when it is written out (interpolations in its strings are evaluated);
 * `jsonencode(…)` and data sources are unknown.
 */
function checkTerraformBucket(bucket: Resource, context: RuleContext<MessageId>): void {
  const reader = terraformReader(bucket, context);
  const tls: TlsContext = { bucket, values: context.values, reader };
  const policies: TerraformPolicy[] = [];
  for (const resource of terraformCandidates(context, bucket, reader.name)) {
    const target = terraformPolicyTargets(resource, bucket, context, reader.name);
    if (target === 'unknown') return;
    const policy = target ? readPolicy(resource, context) : undefined;
    if (policy !== undefined) policies.push(policy);
  }
  const inline = readPolicy(bucket, context);
  if (inline !== undefined) policies.push(inline);
  if (policies.length === 0) {
    if (context.template.hasHiddenResources()) return;
    const fixes = companionFix(
      context.template,
      'aws_s3_bucket_policy',
      bucket.id.slice(bucket.id.indexOf('.') + 1),
      {
        bucket: reference(bucket, 'id'),
        policy: JSON.stringify({ Version: '2012-10-17', Statement: [terraformDeny(bucket)] }),
      },
      { title: FIX_TITLE, safe: false },
    );
    context.report({ node: bucket.anchor, messageId: 'noPolicy', fixes });
    return;
  }
  const verdicts = policies.map((policy) =>
    policy.document === undefined ? 'unknown' : documentDeniesWithoutTls(policy.document, tls).truth,
  );
  if (verdicts.some((truth) => truth !== false)) return;
  for (const policy of policies) {
    const text = policy.document === undefined ? undefined : withStatement(policy.document, terraformDeny(bucket));
    const fixes =
      text === undefined || policy.literal === undefined
        ? []
        : [
            {
              title: FIX_TITLE,
              safe: false,
              changes: [{ kind: 'replace' as const, node: policy.literal, value: text }],
            },
          ];
    context.report({ node: policy.key, messageId: 'noDeny', resource: policy.resource, fixes });
  }
}
