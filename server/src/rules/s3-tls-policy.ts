import { jsonOf } from '../edits/propose';
import { isIntrinsic } from '../edits/values';
import type { Reference } from '../model/references';
import type { Resource } from '../model/template';
import type { ValueResolver } from '../model/values';
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
} from '../parsing/nodes';

/**
 * Reading S3 bucket policies for `encryption/s3-bucket-tls-only`: which policy is a bucket's, and whether it
 * denies every request made without TLS. Three-valued: unknown whenever a value cannot be known.
 */

export interface TlsContext {
  readonly bucket: Resource;
  readonly values: ValueResolver;
  /** Terraform: the bucket's name and the policy's texts, read by the dialect instead of as CloudFormation. */
  readonly reader?: PolicyReader;
}

/** How a dialect other than CloudFormation reads a bucket's name and the strings of a policy document. */
export interface PolicyReader {
  /** The bucket's name: written, `null` when AWS generates it, undefined when it cannot be known. */
  readonly name: string | null | undefined;
  /** The text a policy string evaluates to, with `bucket` for the bucket's name; undefined when unknown. */
  readonly text: (node: SourceNode, bucket: string) => string | undefined;
}

export type Truth = boolean | 'unknown';

export interface PolicyTruth {
  readonly truth: Truth;
  /** The `Statement` value node, for the fix. */
  readonly statements?: SourceNode;
}

/** Stands for the bucket's name when the template does not write it: S3 generates one no literal can equal. */
const GENERATED = '\u0001bucket\u0001';

/** Whether a bucket policy is this bucket's: by `Ref`, or by a name equal to the bucket's `BucketName`. */
export function policyTargets(policy: Resource, tls: TlsContext, references: readonly Reference[]): Truth {
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
export function nameOf(tls: TlsContext): string | undefined {
  if (tls.reader !== undefined) return tls.reader.name === null ? GENERATED : tls.reader.name;
  const outcomes = tls.values.resolve(bucketName(tls.bucket), tls.bucket.anchor);
  const only = outcomes.length === 1 ? outcomes[0] : undefined;
  if (only?.kind === 'absent') return GENERATED;
  return only?.kind === 'scalar' && only.via.length === 0 && only.value !== null ? String(only.value) : undefined;
}

/** Whether a policy has a statement that denies every request to the bucket made without TLS. */
export function denyWithoutTls(policy: Resource, tls: TlsContext): PolicyTruth {
  const documents = tls.values.lookup(tls.values.resolve(policy.properties, policy.anchor), 'PolicyDocument');
  const document = documents.length === 1 ? documents[0] : undefined;
  if (document?.kind === 'absent') return { truth: false };
  if (document?.kind !== 'map' || document.via.length > 0) return { truth: 'unknown' };
  return documentDeniesWithoutTls(document.map, tls);
}

/** Whether a policy document (a map of `Version` and `Statement`) denies every request made without TLS. */
export function documentDeniesWithoutTls(document: MapNode, tls: TlsContext): PolicyTruth {
  const statements = getValue(document, 'Statement');
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
  if (tls.reader !== undefined) return tls.reader.text(node, name);
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
