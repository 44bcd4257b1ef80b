import type { FixProposal, JsonValue } from '../../edits/changes';
import { unusedName, within } from '../../edits/propose';
import { isIntrinsic } from '../../edits/values';
import type { Resource, Template } from '../../model/template';
import type { Reference } from '../../model/references';
import {
  entryOf,
  getValue,
  isMap,
  isSeq,
  scalarText,
  singleEntry,
  type MapNode,
  type ScalarNode,
  type SourceNode,
} from '../../parsing/nodes';
import type { Rule, RuleContext } from '../types';

type MessageId = 'noPolicy' | 'noDeny';

const FIX_TITLE = 'Deny requests to the bucket that do not use TLS (clients without TLS lose access)';

export const s3BucketTlsOnly = {
  meta: {
    id: 'encryption/s3-bucket-tls-only',
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
  },
  visitors: {
    cloudformation: {
      'AWS::S3::Bucket': checkBucket,
    },
  },
} satisfies Rule<MessageId>;

function checkBucket(bucket: Resource, context: RuleContext<MessageId>): void {
  const tls: TlsContext = { bucket, values: context.values };
  const policies: Resource[] = [];
  for (const resource of context.template.resources) {
    if (resource.type !== 'AWS::S3::BucketPolicy') continue;
    const target = policyTargets(resource, tls, context.template.references.to(bucket.id));
    // A policy that may be this bucket's (a name from a parameter, another stack's export) leaves the answer open.
    if (target === 'unknown') return;
    if (target) policies.push(resource);
  }
  if (policies.length === 0) {
    if (hiddenResources(context.template)) return;
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

/**
 * Whether the template has resources it does not show: a CloudFormation module (`…::MODULE`) or a resource whose
 * `Type` is a tag for a packaging tool (`!Rain::Module`). Either may bring the bucket's policy.
 */
function hiddenResources(template: Template): boolean {
  const resources = getValue(template.root, 'Resources');
  if (!isMap(resources)) return false;
  return resources.entries.some(({ value }) => {
    const type = isMap(value) ? getValue(value, 'Type') : undefined;
    return type !== undefined && (type.kind !== 'scalar' || String(type.value).endsWith('::MODULE'));
  });
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

/** A node as the JSON data it holds; functions are kept as their long-form maps, which the renderer writes back. */
function jsonOf(node: SourceNode): JsonValue | undefined {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq': {
      const items = node.items.map(jsonOf);
      return items.some((item) => item === undefined) ? undefined : (items as JsonValue[]);
    }
    case 'map':
      return mapJson(node);
  }
}

function mapJson(node: MapNode): JsonValue | undefined {
  const result: { [key: string]: JsonValue } = {};
  for (const entry of node.entries) {
    const value = jsonOf(entry.value);
    if (value === undefined || entry.key.value === null) return undefined;
    result[String(entry.key.value)] = value;
  }
  return result;
}

/* ---- Reading bucket policies: three-valued, unknown whenever a value cannot be known. ---- */

interface TlsContext {
  readonly bucket: Resource;
  readonly values: RuleContext['values'];
}

type Truth = boolean | 'unknown';

interface PolicyTruth {
  readonly truth: Truth;
  /** The `Statement` value node, for the fix. */
  readonly statements?: SourceNode;
}

/** Stands for the bucket's name when the template does not write it: S3 generates one no literal can equal. */
const GENERATED = '\u0001bucket\u0001';

/** Whether a bucket policy is this bucket's: by `Ref`, or by a name equal to the bucket's `BucketName`. */
function policyTargets(policy: Resource, tls: TlsContext, references: readonly Reference[]): Truth {
  const refers = references.some(
    (reference) =>
      reference.from === policy &&
      reference.attribute === undefined &&
      reference.path.join('.') === 'Properties.Bucket',
  );
  if (refers) return true;
  const written = getValue(policy.properties, 'Bucket');
  if (written !== undefined && sameNode(written, bucketName(tls.bucket))) return true;
  const name = nameOf(tls);
  let truth: Truth = false;
  for (const outcome of tls.values.resolve(written, policy.anchor)) {
    if (outcome.kind === 'resource' && outcome.id === tls.bucket.id) return true;
    if (outcome.kind === 'unknown') truth = 'unknown';
    else if (outcome.kind === 'scalar') {
      if (name === undefined) truth = 'unknown';
      else if (String(outcome.value) === name) return true;
    }
  }
  return truth;
}

function bucketName(bucket: Resource): SourceNode | undefined {
  return getValue(bucket.properties, 'BucketName');
}

/** The bucket's name: written, GENERATED when absent, undefined when it cannot be known. */
function nameOf(tls: TlsContext): string | undefined {
  const outcomes = tls.values.resolve(bucketName(tls.bucket), tls.bucket.anchor);
  const only = outcomes.length === 1 ? outcomes[0] : undefined;
  if (only?.kind === 'absent') return GENERATED;
  return only?.kind === 'scalar' && only.via.length === 0 && only.value !== null ? String(only.value) : undefined;
}

/** Whether a policy has a statement that denies every request to the bucket made without TLS. */
function denyWithoutTls(policy: Resource, tls: TlsContext): PolicyTruth {
  const documents = tls.values.lookup(tls.values.resolve(policy.properties, policy.anchor), 'PolicyDocument');
  const document = documents.length === 1 ? documents[0] : undefined;
  if (document?.kind === 'absent') return { truth: false };
  if (document?.kind !== 'map' || document.via.length > 0) return { truth: 'unknown' };
  const statements = getValue(document.map, 'Statement');
  if (statements === undefined) return { truth: false };
  const items = isSeq(statements)
    ? statements.items
    : isMap(statements) && !isIntrinsic(statements)
      ? [statements]
      : [];
  if (items.length === 0 && !isSeq(statements)) return { truth: 'unknown' };
  let truth: Truth = false;
  for (const item of items) {
    const verdict = isMap(item) && !isIntrinsic(item) ? judgeStatement(item, tls) : 'unknown';
    if (verdict === true) return { truth: true };
    if (verdict === 'unknown') truth = 'unknown';
  }
  return { truth, statements };
}

/** Deny, to everyone, every S3 action, on the bucket and its objects, when the request does not use TLS. */
function judgeStatement(statement: MapNode, tls: TlsContext): Truth {
  // NotPrincipal, NotAction and NotResource turn a statement inside out: not the documented deny.
  if (['NotPrincipal', 'NotAction', 'NotResource'].some((key) => entryOf(statement, key) !== undefined)) return false;
  const checks: (() => Truth)[] = [
    () => textIs(getValue(statement, 'Effect'), tls, (text) => text === 'Deny'),
    () => everyone(getValue(statement, 'Principal'), tls),
    () => anyItem(getValue(statement, 'Action'), tls, (text) => ['*', 's3:*'].includes(text.toLowerCase())),
    () => coversBucket(getValue(statement, 'Resource'), tls),
    () => withoutTls(getValue(statement, 'Condition'), tls),
  ];
  let truth: Truth = true;
  for (const check of checks) {
    const result = check();
    if (result === false) return false;
    if (result === 'unknown') truth = 'unknown';
  }
  return truth;
}

function everyone(principal: SourceNode | undefined, tls: TlsContext): Truth {
  if (isMap(principal) && !isIntrinsic(principal)) {
    const aws = entryOf(principal, 'AWS');
    return aws === undefined ? false : anyItem(aws.value, tls, (text) => text === '*');
  }
  return textIs(principal, tls, (text) => text === '*');
}

/** `Condition: { Bool: { aws:SecureTransport: false } }` and nothing else that would narrow the deny. */
function withoutTls(condition: SourceNode | undefined, tls: TlsContext): Truth {
  if (!isMap(condition) || isIntrinsic(condition)) return condition === undefined ? false : 'unknown';
  const only = condition.entries.length === 1 ? condition.entries[0] : undefined;
  if (only === undefined || !['Bool', 'BoolIfExists'].includes(String(only.key.value))) return false;
  const block = only.value;
  if (!isMap(block) || isIntrinsic(block)) return 'unknown';
  const key = block.entries.length === 1 ? block.entries[0] : undefined;
  if (key === undefined || String(key.key.value).toLowerCase() !== 'aws:securetransport') return false;
  return anyItem(key.value, tls, (text) => text.toLowerCase() === 'false');
}

/** A value or each item of a list; true when one item passes, unknown when one cannot be read. */
function anyItem(node: SourceNode | undefined, tls: TlsContext, test: (text: string) => Truth): Truth {
  if (node === undefined) return false;
  const items = isSeq(node) ? node.items : [node];
  let truth: Truth = false;
  for (const item of items) {
    const result = textIs(item, tls, test);
    if (result === true) return true;
    if (result === 'unknown') truth = 'unknown';
  }
  return truth;
}

function textIs(node: SourceNode | undefined, tls: TlsContext, test: (text: string) => Truth): Truth {
  if (node === undefined) return false;
  const text = textOf(node, tls);
  return text === undefined ? 'unknown' : test(text);
}

/** Whether the statement's resources cover both the bucket and the objects in it. */
function coversBucket(resource: SourceNode | undefined, tls: TlsContext): Truth {
  if (resource === undefined) return false;
  const name = nameOf(tls);
  const token = name ?? GENERATED;
  const targets = [`arn:aws:s3:::${token}`, `arn:aws:s3:::${token}/object`];
  const covered = targets.map((target) =>
    anyItem(resource, tls, (text) => {
      const pattern = text.replace(/^arn:aws[a-z-]*:/, 'arn:aws:');
      if (glob(pattern).test(target)) return true;
      // A literal ARN against a name the template does not let us read could be this bucket's.
      if (name === undefined && !pattern.includes(GENERATED)) return 'unknown';
      return false;
    }),
  );
  return covered.includes(false) ? false : covered.includes('unknown') ? 'unknown' : true;
}

/** An IAM wildcard pattern (`*`, `?`) as a regular expression over the whole text. */
function glob(pattern: string): RegExp {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's');
}

/**
 * The text a policy value evaluates to, with the bucket's name (or GENERATED) where it refers to the bucket, and
 * `aws` for the partition; undefined when it cannot be known.
 */
function textOf(node: SourceNode, tls: TlsContext): string | undefined {
  const bucket = tls.bucket;
  const name = nameOf(tls) ?? GENERATED;
  if (sameNode(node, bucketName(bucket))) return name;
  const call = isMap(node) && isIntrinsic(node) ? node.entries[0] : undefined;
  if (call === undefined) return node.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
  const args = call.value;
  switch (call.key.value) {
    case 'Ref':
      return variable(scalarText(args) ?? '', tls, name);
    case 'Fn::GetAtt': {
      const parts = isSeq(args) ? args.items.map(scalarText) : (scalarText(args) ?? '').split(/\.(.*)/s);
      return parts[0] === bucket.id && parts[1] === 'Arn' ? `arn:aws:s3:::${name}` : known(node, tls);
    }
    case 'Fn::Sub': {
      const written = scalarText(isSeq(args) ? args.items[0] : args);
      const bindings = isSeq(args) && isMap(args.items[1]) ? args.items[1] : undefined;
      if (written === undefined) return undefined;
      // `!Sub arn:…:s3:::${AppName}-data/*` beside `BucketName: !Sub ${AppName}-data`: the same words, the same name.
      const named = subPattern(bucketName(bucket));
      const pattern = named === undefined ? written : written.split(named).join(`\${${bucket.id}}`);
      let failed = false;
      const text = pattern.replace(/\$\{([^}]*)\}/g, (_, inner: string) => {
        if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
        const bound = bindings === undefined ? undefined : getValue(bindings, inner);
        const value = bound !== undefined ? textOf(bound, tls) : variable(inner, tls, name);
        if (value === undefined) failed = true;
        return value ?? '';
      });
      return failed ? undefined : text;
    }
    case 'Fn::Join': {
      const [delimiter, list] = isSeq(args) ? args.items : [];
      const separator = delimiter === undefined ? undefined : (scalarText(delimiter) ?? '');
      if (separator === undefined || !isSeq(list)) return undefined;
      const parts = list.items.map((item) => textOf(item, tls));
      return parts.some((part) => part === undefined) ? undefined : parts.join(separator);
    }
    default:
      return known(node, tls);
  }
}

/** A `Ref` or `${…}` name: the bucket, its ARN, the partition, or a parameter or value the resolver knows. */
function variable(reference: string, tls: TlsContext, name: string): string | undefined {
  if (reference === tls.bucket.id) return name;
  if (reference === `${tls.bucket.id}.Arn`) return `arn:aws:s3:::${name}`;
  if (reference === 'AWS::Partition') return 'aws';
  const written = bucketName(tls.bucket);
  const ref = singleEntry(written);
  if (ref?.key.value === 'Ref' && scalarText(ref.value) === reference) return name;
  // A parameter or pseudo parameter, read as `{ Ref: name }` would be.
  const scalar = (value: string): ScalarNode => ({ kind: 'scalar', value, start: 0, end: 0 });
  return known({ kind: 'map', start: 0, end: 0, entries: [{ key: scalar('Ref'), value: scalar(reference) }] }, tls);
}

/** The text of a `!Sub` without bindings that has variables, e.g. a bucket name built from the stack's name. */
function subPattern(node: SourceNode | undefined): string | undefined {
  const call = singleEntry(node);
  const pattern = call?.key.value === 'Fn::Sub' ? scalarText(call.value) : undefined;
  return pattern !== undefined && pattern.includes('${') ? pattern : undefined;
}

/** The one text a value takes in every deployment, or undefined. */
function known(node: SourceNode, tls: TlsContext): string | undefined {
  const outcomes = tls.values.resolve(node, tls.bucket.anchor);
  const only = outcomes.length === 1 ? outcomes[0] : undefined;
  return only?.kind === 'scalar' && only.via.length === 0 && only.value !== null ? String(only.value) : undefined;
}

/** Two values written alike (`!Ref Name` in both places): they deploy to the same text, whatever it is. */
function sameNode(a: SourceNode, b: SourceNode | undefined): boolean {
  if (b === undefined || a.kind === 'scalar') return false;
  return JSON.stringify(jsonOf(a)) === JSON.stringify(jsonOf(b));
}
