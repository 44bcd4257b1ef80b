import type { Change, FixProposal } from '../edits/changes';
import { editableMap, isUnconditional, literalIn, setProperty } from '../edits/propose';
import type { Resource } from '../model/template';
import { truthOf, type Outcome } from '../model/values';
import { getValue } from '../parsing/nodes';
import { attributes, blocks } from './terraform';
import type { RuleContext } from './types';

/*
 * The three OpenSearch rules share one shape: a switch `Enabled`-like boolean inside an options map of the
 * domain (`EncryptionAtRestOptions.Enabled`, …; in Terraform a nested block, `encrypt_at_rest.enabled`) whose
 * absence means off. This module judges it once for both dialects.
 */

/** The current resource type and the legacy one it replaced; both take the same options. */
export const OPENSEARCH_DOMAIN = 'AWS::OpenSearchService::Domain';
export const ELASTICSEARCH_DOMAIN = 'AWS::Elasticsearch::Domain';
/** The AWS provider's two domain resources, with the same nested blocks. */
export const TF_OPENSEARCH_DOMAIN = 'aws_opensearch_domain';
export const TF_ELASTICSEARCH_DOMAIN = 'aws_elasticsearch_domain';

type MessageId = 'missing' | 'disabled';

export interface DomainSwitch {
  /** The options map (`EncryptionAtRestOptions`) and the boolean in it (`Enabled`). */
  readonly options: string;
  readonly key: string;
  /**
   * The fix's title and safety, given whether the options map is being added (`added`) or an options map the
   * template already has is being changed: CloudFormation treats the two differently for some options.
   */
  readonly fix: (resource: Resource, added: boolean) => Omit<FixProposal, 'changes'>;
}

/** The same switch in the AWS provider: a nested block (`encrypt_at_rest`) and the boolean in it (`enabled`). */
export interface TerraformDomainSwitch {
  readonly block: string;
  readonly attribute: string;
  readonly fix: Omit<FixProposal, 'changes'>;
}

/**
 * Reports every branch where the switch is off: `missing` when the options map or the key in it is absent
 * (on the `Properties` key, the logical id or the options key), `disabled` when it is literally false.
 * Unknown values report nothing.
 */
export function checkDomainSwitch(resource: Resource, context: RuleContext<MessageId>, setting: DomainSwitch): void {
  const values = context.values;
  const data = { setting: `${setting.options}.${setting.key}` };
  const properties = values.resolve(resource.properties, resource.anchor);
  // A fix is offered only where the finding holds in every deployment.
  const fixable = isUnconditional(values.lookup(properties, setting.options, setting.key));
  for (const options of values.lookup(properties, setting.options)) {
    if (options.kind === 'absent') {
      const change = fixable ? setProperty(resource, [setting.options, setting.key], true) : undefined;
      const fixes = proposal(change, setting.fix(resource, true));
      context.report({ node: options.node, messageId: 'missing', data, via: options.via, fixes });
      continue;
    }
    if (options.kind !== 'map') continue;
    for (const value of values.lookup([options], setting.key)) {
      const messageId = switchedOff(value);
      if (messageId === undefined) continue;
      let change: Change | undefined;
      if (messageId === 'missing' && fixable && editableMap(options, resource))
        change = { kind: 'set', map: options.map, path: [setting.key], value: true };
      else if (messageId === 'disabled' && fixable) change = replaceLiteral(value, resource);
      context.report({
        node: value.node,
        messageId,
        data,
        via: value.via,
        fixes: proposal(change, setting.fix(resource, false)),
      });
    }
  }
}

/**
 * Terraform: the same judgement of the provider's nested block. No block at all is `missing`, on the resource's
 * name; false is `disabled`. A written block without the attribute is never reported: `enforce_https` defaults
 * to true, and `enabled` is required, so Terraform refuses such a block before anything deploys.
 */
export function checkTerraformDomainSwitch(
  resource: Resource,
  context: RuleContext<MessageId>,
  setting: TerraformDomainSwitch,
): void {
  const values = context.values;
  const data = { setting: `${setting.block}.${setting.attribute}` };
  for (const block of blocks(values, attributes(resource, values), setting.block)) {
    const found = block.kind === 'absent' ? [block] : values.lookup([block], setting.attribute);
    for (const value of found) {
      const messageId = block.kind !== 'absent' && value.kind === 'absent' ? undefined : switchedOff(value);
      if (messageId === undefined) continue;
      const change = value.via.length > 0 ? undefined : terraformChange(resource, block, value, setting);
      context.report({ node: value.node, messageId, data, via: value.via, fixes: proposal(change, setting.fix) });
    }
  }
}

/** The block with the switch on where none is written, else the literal false turned true. */
function terraformChange(
  resource: Resource,
  block: Outcome,
  value: Outcome,
  setting: TerraformDomainSwitch,
): Change | undefined {
  if (block.kind !== 'absent') return replaceLiteral(value, resource);
  // A block written as `[]` is no block, but not a map to set the attribute in.
  if (getValue(resource.properties, setting.block) !== undefined) return undefined;
  return setProperty(resource, [setting.block, setting.attribute], true);
}

/** One value of a switch whose absence means off: `missing`, `disabled`, or nothing (on, or unknown). */
function switchedOff(value: Outcome): MessageId | undefined {
  if (value.kind === 'absent') return 'missing';
  return truthOf(value) === false ? 'disabled' : undefined;
}

function replaceLiteral(value: Outcome, resource: Resource): Change | undefined {
  const literal = literalIn(value, resource);
  return literal === undefined ? undefined : { kind: 'replace', node: literal, value: true };
}

function proposal(change: Change | undefined, fix: Omit<FixProposal, 'changes'>): FixProposal[] {
  return change === undefined ? [] : [{ ...fix, changes: [change] }];
}
