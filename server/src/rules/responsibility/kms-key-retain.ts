import type { FixProposal } from '../../edits/changes';
import { isUnconditional } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { getValue } from '../../parsing/nodes';
import { combinations } from '../branches';
import { preventDestroy, preventDestroyFix } from '../prevent-destroy';
import type { Rule, RuleContext } from '../types';

type MessageId = 'neither' | 'oneMissing' | 'notRetain' | 'notPrevented';

type Attribute = 'DeletionPolicy' | 'UpdateReplacePolicy';

/**
 * The values that keep the key when CloudFormation would otherwise delete it. `RetainExceptOnCreate` deletes only
 * a key created by a stack operation that rolls back, before anything can depend on it; it is not valid for
 * `UpdateReplacePolicy`.
 */
const KEEPS: Readonly<Record<Attribute, readonly string[]>> = {
  DeletionPolicy: ['Retain', 'RetainExceptOnCreate'],
  UpdateReplacePolicy: ['Retain'],
};

const ATTRIBUTES: readonly Attribute[] = ['DeletionPolicy', 'UpdateReplacePolicy'];

const WINDOW =
  'KMS then deletes the key after its waiting period (PendingWindowInDays, 7 to 30 days, 30 by default), and ' +
  'everything encrypted under it becomes unreadable for good.';

export const kmsKeyRetain = {
  meta: {
    id: 'responsibility/kms-key-retain',
    title: 'KMS keys are retained when the stack deletes or replaces them',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      neither:
        'Neither DeletionPolicy nor UpdateReplacePolicy is set, so deleting the stack, removing the key from the ' +
        `template or replacing it schedules the key for deletion. ${WINDOW}`,
      oneMissing: `{{attribute}} is not set (only {{other}} is), so {{event}} schedules the key for deletion. ${WINDOW}`,
      notRetain: `{{attribute}} is '{{value}}', not Retain, so {{event}} schedules the key for deletion. ${WINDOW}`,
      notPrevented:
        'lifecycle.prevent_destroy is {{state}}, so terraform destroy, or a change that replaces the key, schedules ' +
        'the key for deletion. KMS then deletes it after its waiting period (deletion_window_in_days, 7 to 30 days, ' +
        '30 by default), and everything encrypted under it becomes unreadable for good.',
    },
    rationale:
      'Keeping data recoverable is the customer’s side of the shared-responsibility model, and a KMS key is the one ' +
      'thing without which encrypted data cannot be read. CloudFormation deletes what a stack stops managing: deleting ' +
      'the stack, renaming the key’s logical id or a change that replaces it schedules the key for deletion, and once ' +
      'the waiting period ends every bucket object, volume, snapshot, database and backup encrypted under it is lost ' +
      'for good — AWS cannot recover it. The waiting period leaves time to cancel, hence a warning rather than an error.',
    remediation:
      'Add DeletionPolicy: Retain and UpdateReplacePolicy: Retain to the key, as siblings of Type and Properties. A key ' +
      'the stack no longer needs is then left in the account, to be disabled and scheduled for deletion deliberately ' +
      'once nothing encrypted under it remains. In Terraform, add lifecycle { prevent_destroy = true } to the key, and ' +
      'let go of a key with a removed block whose lifecycle sets destroy = false.',
    references: [
      {
        tool: 'kics',
        id: '0b530315-0ea4-497f-b34c-4ff86268f59d',
        match: 'related',
        name: 'Terraform: a KMS key states its deletion window',
      },
    ],
    fix: 'safe',
    cdk: 'removalPolicy: RemovalPolicy.RETAIN',
  },
  visitors: {
    cloudformation: {
      'AWS::KMS::Key': checkKey,
      'AWS::KMS::ReplicaKey': checkKey,
    },
    // The provider splits keys by origin; each is scheduled for deletion when Terraform destroys it.
    terraform: {
      aws_kms_key: checkTerraformKey,
      aws_kms_external_key: checkTerraformKey,
      aws_kms_replica_key: checkTerraformKey,
      aws_kms_replica_external_key: checkTerraformKey,
    },
  },
} satisfies Rule<MessageId>;

/**
 * Terraform: `lifecycle.prevent_destroy` is what keeps Terraform from deleting the key (see the docs page for what it
 * does not cover). A plan does not record it, so a plan is not judged.
 */
function checkTerraformKey(resource: Resource, context: RuleContext<MessageId>): void {
  const found = preventDestroy(context.template, resource);
  if (found.state === 'on' || found.state === 'unknown') return;
  const fixes = preventDestroyFix(resource, found, TF_FIX_TITLE);
  const state = found.state === 'off' ? 'false' : 'not set';
  context.report({ node: found.node, messageId: 'notPrevented', data: { state }, fixes });
}

const TF_FIX_TITLE = 'Refuse to destroy the key (lifecycle.prevent_destroy: true) — terraform destroy then fails';

/** What each attribute guards against, for messages. */
const EVENT: Readonly<Record<Attribute, string>> = {
  DeletionPolicy: 'deleting the stack or removing the key from the template',
  UpdateReplacePolicy: 'a change that replaces the key',
};

function checkKey(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const deletions = values.resolve(getValue(resource.node, 'DeletionPolicy'), resource.idNode);
  const replaces = values.resolve(getValue(resource.node, 'UpdateReplacePolicy'), resource.idNode);
  // Each attribute is fixed only where its own value is the same in every deployment; the other's branches do
  // not matter, since Retain is right whatever they are.
  const fixable = { DeletionPolicy: isUnconditional(deletions), UpdateReplacePolicy: isUnconditional(replaces) };
  for (const [deletion, replace] of combinations([deletions, replaces])) {
    if (deletion === undefined || replace === undefined) continue;
    if (deletion.kind === 'absent' && replace.kind === 'absent') {
      const fixes = fixable.DeletionPolicy && fixable.UpdateReplacePolicy ? [retainFix(resource, ATTRIBUTES)] : [];
      context.report({ node: resource.idNode, messageId: 'neither', via: deletion.via, fixes });
      continue;
    }
    judge(resource, context, 'DeletionPolicy', deletion, fixable.DeletionPolicy);
    judge(resource, context, 'UpdateReplacePolicy', replace, fixable.UpdateReplacePolicy);
  }
}

/** One attribute on a branch where the other is set: absent, a value that does not keep the key, or fine. */
function judge(
  resource: Resource,
  context: RuleContext<MessageId>,
  attribute: Attribute,
  value: Outcome,
  fixable: boolean,
): void {
  if (value.kind === 'absent') {
    const other = attribute === 'DeletionPolicy' ? 'UpdateReplacePolicy' : 'DeletionPolicy';
    const fixes = fixable ? [retainFix(resource, [attribute])] : [];
    const data = { attribute, other, event: EVENT[attribute] };
    context.report({ node: resource.idNode, messageId: 'oneMissing', data, via: value.via, fixes });
    return;
  }
  const text = stringOf(value);
  if (text === undefined || KEEPS[attribute].includes(text)) return;
  // Only a literal written on the attribute itself is rewritten; a parameter's value is a person's call. An
  // explicit Delete is a choice someone made, so overriding it is a suggestion, never a bulk fix.
  const literal = fixable && value.kind === 'scalar' && value.source === value.node;
  const fixes: FixProposal[] = literal
    ? [{ title: titleFor([attribute]), safe: false, changes: [{ kind: 'replace', node: value.node, value: 'Retain' }] }]
    : [];
  const data = { attribute, value: text, event: EVENT[attribute] };
  context.report({ node: value.node, messageId: 'notRetain', data, via: value.via, fixes });
}

function retainFix(resource: Resource, attributes: readonly Attribute[]): FixProposal {
  return {
    title: titleFor(attributes),
    safe: true,
    changes: attributes.map((attribute) => ({ kind: 'set', map: resource.node, path: [attribute], value: 'Retain' })),
  };
}

function titleFor(attributes: readonly Attribute[]): string {
  return `Keep the key when CloudFormation would delete it (${attributes.map((a) => `${a}: Retain`).join(', ')})`;
}
