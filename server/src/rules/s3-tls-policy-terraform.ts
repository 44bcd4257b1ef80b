import type { JsonValue } from '../edits/changes';
import { jsonOf, within } from '../edits/propose';
import type { Resource } from '../model/template';
import { stringOf, type Outcome } from '../model/values';
import { readJson } from '../parsing/json';
import { entryOf, getValue, isMap, isSeq, type MapNode, type ScalarNode, type SourceNode } from '../parsing/nodes';
import type { PolicyReader, Truth } from './s3-tls-policy';
import { isPlan, reference } from './terraform';
import { attributeValues } from './terraform-computed';
import type { RuleContext } from './types';

/*
 * Reading S3 bucket policies written for the AWS provider, for `encryption/s3-bucket-tls-only`: which
 * `aws_s3_bucket_policy` is a bucket's, and the policy document its `policy` string holds. The document is judged by
 * the same reader as CloudFormation's (`s3-tls-policy.ts`), with the strings evaluated here.
 */

/** A bucket's policy as written: where it is, and its document when the string can be read. */
export interface TerraformPolicy {
  readonly resource: Resource;
  /** The `policy` key, where a finding goes; the resource's anchor when the key is missing. */
  readonly key: SourceNode;
  /** The parsed document; undefined when the policy cannot be known (an expression, a data source, bad JSON). */
  readonly document: MapNode | undefined;
  /** The JSON string written in the resource itself, which a fix may rewrite. */
  readonly literal: ScalarNode | undefined;
}

/** The bucket's name and the policy's strings, in Terraform's terms. */
export function terraformReader(bucket: Resource, context: RuleContext): PolicyReader {
  const names = attributeValues(bucket, context, 'bucket');
  const only = names.length === 1 ? names[0] : undefined;
  const prefixed = attributeValues(bucket, context, 'bucket_prefix').some((value) => value.kind !== 'absent');
  // Without `bucket`, AWS (or the provider, from `bucket_prefix`) names the bucket: no literal can equal it.
  // A name from a variable's default is one deployment's name, not the bucket's: unknown, as in CloudFormation.
  const written = only?.kind === 'scalar' && only.via.length === 0 ? stringOf(only) : undefined;
  const name = only?.kind === 'absent' && !prefixed ? null : written;
  const interpolate = !isPlan(context.template);
  return {
    name,
    text: (node, bucketName) => {
      const text = node.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
      if (text === undefined || !interpolate) return text;
      return evaluate(text, bucket, bucketName, context);
    },
  };
}

/** Whether an `aws_s3_bucket_policy` is this bucket's: by reference, or by the bucket's literal name. */
export function terraformPolicyTargets(
  policy: Resource,
  bucket: Resource,
  context: RuleContext,
  name: string | null | undefined,
): Truth {
  const references = context.template.references.from(policy.id).filter((item) => item.path[0] === 'bucket');
  if (references.length > 0) return references.some((item) => item.to === bucket.id);
  let truth: Truth = false;
  for (const outcome of attributeValues(policy, context, 'bucket')) {
    if (outcome.kind === 'unknown') truth = 'unknown';
    else if (outcome.kind === 'scalar') {
      if (name === undefined) truth = 'unknown';
      else if (name !== null && stringOf(outcome) === name) return true;
    }
  }
  return truth;
}

/** The `policy` of a bucket policy, or of a bucket (AWS provider 3); undefined when the bucket has none. */
export function readPolicy(resource: Resource, context: RuleContext): TerraformPolicy | undefined {
  const entry = resource.properties === undefined ? undefined : entryOf(resource.properties, 'policy');
  const key = entry?.key ?? resource.anchor;
  const written = entry?.value;
  // A JSON document written as a string, with `${…}` inside its strings: read as it is, not as one expression.
  if (written?.kind === 'scalar' && typeof written.value === 'string' && written.value.trimStart().startsWith('{'))
    return {
      resource,
      key,
      document: parse(written.value),
      literal: within(resource.node, written) ? written : undefined,
    };
  const outcomes = attributeValues(resource, context, 'policy');
  if (outcomes.every((outcome) => outcome.kind === 'absent')) return undefined;
  const only = outcomes.length === 1 ? outcomes[0] : undefined;
  const text = only === undefined ? undefined : textOf(only);
  return { resource, key, document: text === undefined ? undefined : parse(text), literal: undefined };
}

function textOf(outcome: Outcome): string | undefined {
  return outcome.kind === 'scalar' && typeof outcome.value === 'string' ? outcome.value : undefined;
}

function parse(text: string): MapNode | undefined {
  try {
    const root = readJson(text, { maxDepth: 200 });
    return isMap(root) ? root : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The document with `statement` added to its `Statement`, as the JSON string a fix writes; undefined when the
 * document cannot be rewritten as data.
 */
export function withStatement(document: MapNode, statement: JsonValue): string | undefined {
  const data = jsonOf(document);
  if (data === undefined || data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const statements = getValue(document, 'Statement');
  const written =
    statements === undefined ? [] : isSeq(statements) ? statements.items.map(jsonOf) : [jsonOf(statements)];
  if (written.some((item) => item === undefined)) return undefined;
  return JSON.stringify({
    ...(data as { [key: string]: JsonValue }),
    Statement: [...(written as JsonValue[]), statement],
  });
}

/** S3's documented deny of every request made without TLS, for this bucket and its objects. */
export function terraformDeny(bucket: Resource): JsonValue {
  const arn = reference(bucket, 'arn');
  return {
    Sid: 'DenyWithoutTls',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [arn, `${arn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/** A policy string's interpolations, evaluated where they name the bucket, the partition or a known value. */
function evaluate(text: string, bucket: Resource, name: string, context: RuleContext): string | undefined {
  if (text.includes('%{')) return undefined;
  let failed = false;
  const evaluated = text.replace(/(?<!\$)\$\{([^{}]*)\}/g, (_, inner: string) => {
    const value = interpolation(inner.trim(), bucket, name, context);
    if (value === undefined) failed = true;
    return value ?? '';
  });
  return failed ? undefined : evaluated.replace(/\$\$\{/g, '${');
}

function interpolation(expression: string, bucket: Resource, name: string, context: RuleContext): string | undefined {
  if (/^data\.aws_partition\.[\w-]+\.partition$/.test(expression)) return 'aws';
  const node: ScalarNode = { kind: 'scalar', value: `\${${expression}}`, start: 0, end: 0 };
  const outcomes = context.values.resolve(node, bucket.anchor);
  const only = outcomes.length === 1 ? outcomes[0] : undefined;
  if (only?.kind === 'resource') {
    if (only.id !== bucket.id) return undefined;
    if (only.attribute === 'arn') return `arn:aws:s3:::${name}`;
    return only.attribute === 'id' || only.attribute === 'bucket' ? name : undefined;
  }
  return only?.kind === 'scalar' && only.via.length === 0 ? stringOf(only) : undefined;
}
