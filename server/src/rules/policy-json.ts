import type { Outcome } from '../model/values';
import { DEFAULT_LIMITS } from '../parsing/errors';
import { readJson } from '../parsing/json';
import { isMap, isScalar, type MapNode } from '../parsing/nodes';

/**
 * A policy the AWS provider takes as a JSON string (`policy` of `aws_kms_key`, …), read into a tree that rules
 * walk with the template's value resolver, as they walk a CloudFormation `KeyPolicy` map.
 *
 * In `.tf.json` the string is often a template: `"arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"`
 * inside the JSON. The resolver calls such a string unknown, but its text still parses when every interpolation
 * sits inside a JSON string, where Terraform can only change that string; the resolver then reads each of those
 * strings (a whole `${var.x}` follows the variable's default, anything else is unknown). An interpolation outside a
 * string (`"Statement": ${jsonencode(…)}`) makes the text unparseable, so the policy stays unknown.
 *
 * Offsets in the tree are offsets in the string's text, not the file's: a finding goes on the attribute's value.
 */
export function policyDocument(policy: Outcome): MapNode | undefined {
  const text = policyText(policy);
  if (text === undefined) return undefined;
  try {
    const root = readJson(text.trim(), DEFAULT_LIMITS);
    return isMap(root) ? root : undefined;
  } catch {
    return undefined;
  }
}

function policyText(policy: Outcome): string | undefined {
  if (policy.kind === 'scalar') return typeof policy.value === 'string' ? policy.value : undefined;
  // Only a template is read through: an unknown that is not one (a plan's after-apply value) has no text.
  const node = policy.node;
  if (policy.kind === 'unknown' && isScalar(node) && typeof node.value === 'string' && node.value.includes('${'))
    return node.value;
  return undefined;
}
