import type { Change, FixProposal } from '../../edits/changes';
import { editableMap, literalIn, setProperty } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, truthOf, type Outcome } from '../../model/values';
import { getValue } from '../../parsing/nodes';
import { bucketCompanions, companionBase, inlineBlocks } from '../s3-bucket-companions';
import { attributes, companionFix, reference } from '../terraform';
import type { Rule, RuleContext } from '../types';
import { flatMap } from '../lists';

type MessageId = 'missing' | 'flagsMissing' | 'flagOff';

/** The four bucket-level settings; S3 reads a setting left out of a configuration as false. */
const FLAGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const;

const ALL_ON = Object.fromEntries(FLAGS.map((flag) => [flag, true]));

/** Canned ACLs that make a bucket public: their author wants public access, so blocking it is not neutral. */
const PUBLIC_ACLS: readonly string[] = ['PublicRead', 'PublicReadWrite', 'AuthenticatedRead'];

export const s3PublicAccessBlock = {
  meta: {
    id: 'responsibility/s3-public-access-block',
    title: 'S3 buckets block public access with all four settings',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      missing:
        '{{setting}} is not set. Since April 2023 AWS turns on all four Block Public Access ' +
        'settings for every new bucket by default; the setting should be explicit, so the template rather than an ' +
        'account default keeps a later policy or ACL from exposing the data.',
      flagsMissing:
        '{{setting}} leaves out {{flags}}, which S3 then reads as false, so a bucket policy or ACL ' +
        'can make the data public.',
      flagOff: '{{flag}} is false, so {{effect}}.',
    },
    rationale:
      'Keeping data from being exposed is the customer’s side of the shared-responsibility model: S3 enforces whatever ' +
      'policies and ACLs the customer writes, and one public grant exposes every object it covers. Block Public Access ' +
      'overrides such grants. AWS has turned all four settings on for new buckets since April 2023, but a template that ' +
      'leaves them out relies on a default reviewers cannot see, and a bucket created earlier has none of them.',
    remediation:
      'Set PublicAccessBlockConfiguration with BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and ' +
      'RestrictPublicBuckets all true. Serve public content through CloudFront with origin access control instead of ' +
      'a public bucket. In Terraform (AWS provider 4 and later), add an aws_s3_bucket_public_access_block for the ' +
      'bucket with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets true.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_53', match: 'related', name: 'BlockPublicAcls only' },
      { tool: 'checkov', id: 'CKV_AWS_54', match: 'related', name: 'BlockPublicPolicy only' },
      { tool: 'checkov', id: 'CKV_AWS_55', match: 'related', name: 'IgnorePublicAcls only' },
      { tool: 'checkov', id: 'CKV_AWS_56', match: 'related', name: 'RestrictPublicBuckets only' },
      { tool: 'cdkNag', id: 'AwsSolutions-S2', match: 'equivalent' },
      { tool: 'trivy', id: 'AVD-AWS-0086', match: 'related', name: 'aws-s3-block-public-acls' },
      { tool: 'trivy', id: 'AVD-AWS-0087', match: 'related', name: 'aws-s3-block-public-policy' },
      { tool: 'trivy', id: 'AVD-AWS-0091', match: 'related', name: 'aws-s3-ignore-public-acls' },
      { tool: 'trivy', id: 'AVD-AWS-0093', match: 'related', name: 'aws-s3-no-public-buckets' },
      {
        tool: 'trivy',
        id: 'AVD-AWS-0094',
        match: 'related',
        name: 'aws-s3-specify-public-access-block',
      },
    ],
    fix: 'safe',
    cdk: 'blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL',
  },
  visitors: {
    cloudformation: {
      'AWS::S3::Bucket': checkBucket,
    },
    terraform: {
      aws_s3_bucket: checkTerraformBucket,
      aws_s3_bucket_public_access_block: checkTerraformBlock,
    },
  },
} satisfies Rule<MessageId>;

const CFN_SETTING = 'PublicAccessBlockConfiguration';

/** What each setting stops, for the message about it being off. */
const EFFECT: Readonly<Record<(typeof FLAGS)[number], string>> = {
  BlockPublicAcls: 'S3 accepts ACLs that grant public access to the bucket and its objects',
  BlockPublicPolicy: 'S3 accepts a bucket policy that grants public access',
  IgnorePublicAcls: 'public ACLs on the bucket and its objects are honoured',
  RestrictPublicBuckets: 'a public bucket policy gives anyone, and other accounts, access to the data',
};

function checkBucket(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  for (const configuration of values.lookup(properties, 'PublicAccessBlockConfiguration')) {
    if (configuration.kind === 'absent') {
      const change =
        configuration.via.length === 0 ? setProperty(resource, ['PublicAccessBlockConfiguration'], ALL_ON) : undefined;
      // Writing down AWS's default is neutral, unless the bucket asks to be public (a public ACL or a website):
      // then blocking is a person's decision.
      const safe = !wantsPublic(resource, context);
      context.report({
        node: configuration.node,
        messageId: 'missing',
        data: { setting: CFN_SETTING },
        via: configuration.via,
        fixes: fixOf(change === undefined ? [] : [change], safe),
      });
    } else if (configuration.kind === 'map') checkFlags(configuration, resource, context);
  }
}

function checkFlags(
  configuration: Outcome & { kind: 'map' },
  resource: Resource,
  context: RuleContext<MessageId>,
): void {
  const missing: string[] = [];
  const editable = editableMap(configuration, resource);
  for (const flag of FLAGS) {
    for (const value of context.values.lookup([configuration], flag)) {
      if (value.kind === 'absent') {
        // A flag absent on one branch only is reported there without a fix.
        if (value.via.length === 0) missing.push(flag);
        else report(context, 'flagsMissing', value, { flags: flag, setting: CFN_SETTING }, []);
      } else if (truthOf(value) === false) {
        const literal = value.via.length === 0 ? literalIn(value, resource) : undefined;
        const changes: Change[] = literal === undefined ? [] : [{ kind: 'replace', node: literal, value: true }];
        report(context, 'flagOff', value, { flag, effect: EFFECT[flag] }, fixOf(changes, false));
      }
    }
  }
  if (missing.length === 0) return;
  const changes: Change[] = editable
    ? missing.map((flag) => ({ kind: 'set', map: configuration.map, path: [flag], value: true }))
    : [];
  const flags = missing.join(', ');
  context.report({
    node: configuration.at,
    messageId: 'flagsMissing',
    data: { flags, setting: CFN_SETTING },
    via: configuration.via,
    // The configuration's author chose which settings to write; adding the rest changes access, so it is a suggestion.
    fixes: fixOf(changes, false),
  });
}

/** The provider's names of the four settings, in the order of FLAGS. */
const TF_FLAGS: Readonly<Record<(typeof FLAGS)[number], string>> = {
  BlockPublicAcls: 'block_public_acls',
  BlockPublicPolicy: 'block_public_policy',
  IgnorePublicAcls: 'ignore_public_acls',
  RestrictPublicBuckets: 'restrict_public_buckets',
};
const TF_BLOCK = 'aws_s3_bucket_public_access_block';
const TF_ACCOUNT_BLOCK = 'aws_s3_account_public_access_block';

/**
 * Terraform: a bucket needs an aws_s3_bucket_public_access_block (judged on its own visit), unless the
 * configuration's account-level block turns all four settings on — S3 applies the stricter of the two — or a module
 * may bring one. The fix adds the companion with all four true.
 */
function checkTerraformBucket(bucket: Resource, context: RuleContext<MessageId>): void {
  if (bucketCompanions(context, bucket, TF_BLOCK).length > 0) return;
  if (FLAGS.every((flag) => accountBlocks(context).has(flag)) || context.template.hasHiddenResources()) return;
  const body = {
    bucket: reference(bucket, 'id'),
    ...Object.fromEntries(FLAGS.map((flag) => [TF_FLAGS[flag], true])),
  };
  const safe = !wantsPublicTerraform(bucket, context);
  const fixes = companionFix(context.template, TF_BLOCK, companionBase(bucket), body, { title: titleOf(safe), safe });
  const data = { setting: `Block Public Access (an ${TF_BLOCK} for this bucket)` };
  context.report({ node: bucket.anchor, messageId: 'missing', data, fixes });
}

/** An aws_s3_bucket_public_access_block: each setting true, here or in the account-level block. */
function checkTerraformBlock(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = attributes(resource, values);
  const account = accountBlocks(context);
  const missing: (typeof FLAGS)[number][] = [];
  for (const flag of FLAGS) {
    if (account.has(flag)) continue;
    const name = TF_FLAGS[flag];
    for (const value of values.lookup(properties, name)) {
      if (value.kind === 'absent') {
        if (value.via.length === 0) missing.push(flag);
        else report(context, 'flagsMissing', value, { flags: name, setting: 'This public access block' }, []);
      } else if (truthOf(value) === false) {
        const literal = value.via.length === 0 ? literalIn(value, resource) : undefined;
        const changes: Change[] = literal === undefined ? [] : [{ kind: 'replace', node: literal, value: true }];
        report(context, 'flagOff', value, { flag: name, effect: EFFECT[flag] }, fixOf(changes, false));
      }
    }
  }
  if (missing.length === 0) return;
  // The provider reads a setting left out as false, as S3 does; adding them changes access: a suggestion.
  const changes: Change[] = missing.flatMap((flag) => {
    const change = setProperty(resource, [TF_FLAGS[flag]], true);
    return change === undefined ? [] : [change];
  });
  const data = { flags: missing.map((flag) => TF_FLAGS[flag]).join(', '), setting: 'This public access block' };
  context.report({ node: resource.anchor, messageId: 'flagsMissing', data, fixes: fixOf(changes, false) });
}

/** The settings the configuration's aws_s3_account_public_access_block turns on with a literal true. */
function accountBlocks(context: RuleContext<MessageId>): ReadonlySet<(typeof FLAGS)[number]> {
  return context.memo('responsibility/s3-public-access-block:account', () => {
    const on = new Set<(typeof FLAGS)[number]>();
    for (const resource of context.template.resources) {
      if (resource.type !== TF_ACCOUNT_BLOCK) continue;
      const properties = attributes(resource, context.values);
      for (const flag of FLAGS) {
        const values = context.values.lookup(properties, TF_FLAGS[flag]);
        if (values.length > 0 && values.every((value) => truthOf(value) === true)) on.add(flag);
      }
    }
    return on;
  });
}

/** Canned ACLs in the provider's spelling that make a bucket public. */
const TF_PUBLIC_ACLS: readonly string[] = ['public-read', 'public-read-write', 'authenticated-read'];

/**
 * Terraform: a bucket written to be public — a public canned ACL (inline, or an aws_s3_bucket_acl) or static website
 * hosting (the provider-3 `website` block, or an aws_s3_bucket_website_configuration).
 */
function wantsPublicTerraform(bucket: Resource, context: RuleContext<MessageId>): boolean {
  if (inlineBlocks(context, bucket, 'website').length > 0) return true;
  if (bucketCompanions(context, bucket, 'aws_s3_bucket_website_configuration').length > 0) return true;
  const acls = flatMap([bucket, ...bucketCompanions(context, bucket, 'aws_s3_bucket_acl')], (resource) =>
    context.values.lookup(attributes(resource, context.values), 'acl'),
  );
  return acls.some((acl) => {
    const text = stringOf(acl);
    return acl.kind === 'unknown' || (text !== undefined && TF_PUBLIC_ACLS.includes(text));
  });
}

function report(
  context: RuleContext<MessageId>,
  messageId: MessageId,
  value: Outcome,
  data: Record<string, string>,
  fixes: FixProposal[],
): void {
  context.report({ node: value.node, messageId, data, via: value.via, fixes });
}

/** Whether the bucket is written to be public: a public canned ACL or static website hosting. */
function wantsPublic(resource: Resource, context: RuleContext<MessageId>): boolean {
  if (resource.properties === undefined) return false;
  if (getValue(resource.properties, 'WebsiteConfiguration') !== undefined) return true;
  const acl = context.values.resolve(getValue(resource.properties, 'AccessControl'), resource.anchor);
  return acl.some((value) => {
    const text = stringOf(value);
    return value.kind === 'unknown' || (text !== undefined && PUBLIC_ACLS.includes(text));
  });
}

function fixOf(changes: Change[], safe: boolean): FixProposal[] {
  return changes.length === 0 ? [] : [{ title: titleOf(safe), safe, changes }];
}

function titleOf(safe: boolean): string {
  return safe
    ? 'Declare the default Block Public Access settings explicitly (all four true)'
    : 'Block public access (all four Block Public Access settings true); public grants stop working';
}
