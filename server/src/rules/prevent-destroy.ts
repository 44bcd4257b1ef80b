import type { Change, FixProposal } from '../edits/changes';
import type { Resource, Template } from '../model/template';
import { getValue, isMap, isScalar, isSeq, type MapNode, type SourceNode } from '../parsing/nodes';
import { isPlan } from './terraform';

/*
 * Terraform's nearest counterpart of CloudFormation's DeletionPolicy/UpdateReplacePolicy: Retain is the resource's
 * `lifecycle { prevent_destroy = true }`, which makes every plan that would destroy the resource — `terraform
 * destroy`, or a change that replaces it — fail instead. It is a meta-argument Terraform reads before any value is
 * known, so only a literal counts, and a plan's JSON does not record it at all.
 */

/** `node`: where a finding goes — the `false` written, or the resource's name when nothing is. */
export type PreventDestroy =
  | { readonly state: 'on' }
  | { readonly state: 'unknown' }
  | { readonly state: 'absent'; readonly node: SourceNode }
  | { readonly state: 'off'; readonly node: SourceNode };

export function preventDestroy(template: Template, resource: Resource): PreventDestroy {
  if (isPlan(template)) return { state: 'unknown' };
  const lifecycle = lifecycleBlock(resource);
  if (lifecycle === 'other') return { state: 'unknown' };
  const value = lifecycle === undefined ? undefined : getValue(lifecycle, 'prevent_destroy');
  if (value === undefined || (isScalar(value) && value.value === null))
    return { state: 'absent', node: resource.anchor };
  if (!isScalar(value)) return { state: 'unknown' };
  const text = String(value.value).toLowerCase();
  if (text === 'true') return { state: 'on' };
  return text === 'false' ? { state: 'off', node: value } : { state: 'unknown' };
}

/**
 * `"lifecycle": {"prevent_destroy": true}`: added to the resource body (or to its lifecycle block), or in place of a
 * `false`. A suggestion: it changes nothing deployed, but every later `terraform destroy` of the resource fails
 * until someone removes it, which a person should accept.
 */
export function preventDestroyFix(resource: Resource, found: PreventDestroy, title: string): FixProposal[] {
  let change: Change | undefined;
  if (found.state === 'off' && isScalar(found.node)) change = { kind: 'replace', node: found.node, value: true };
  else if (found.state === 'absent') {
    const lifecycle = lifecycleBlock(resource);
    if (lifecycle === undefined) {
      change = { kind: 'set', map: resource.node, path: ['lifecycle', 'prevent_destroy'], value: true };
    } else if (lifecycle !== 'other') change = { kind: 'set', map: lifecycle, path: ['prevent_destroy'], value: true };
  }
  return change === undefined ? [] : [{ title, safe: false, changes: [change] }];
}

/** The resource's one `lifecycle` block (`.tf.json` writes it as an object or a one-item array), or 'other'. */
function lifecycleBlock(resource: Resource): MapNode | undefined | 'other' {
  const lifecycle = getValue(resource.node, 'lifecycle');
  if (lifecycle === undefined) return undefined;
  if (isMap(lifecycle)) return lifecycle;
  if (isSeq(lifecycle) && lifecycle.items.length === 1 && isMap(lifecycle.items[0])) return lifecycle.items[0];
  return 'other';
}
