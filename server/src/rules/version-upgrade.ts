import type { FixProposal } from '../edits/changes';
import { isUnconditional } from '../edits/propose';
import type { Resource } from '../model/template';
import { truthOf, type Outcome } from '../model/values';
import { combinations } from './branches';
import type { RuleContext } from './types';

/**
 * Whether the setting means anything for one combination of the scope properties' values (an engine, its
 * version): `yes` judges it, `no` (AWS ignores the setting there) and `unknown` (it may) never report.
 */
export type Applies = 'yes' | 'no' | 'unknown';

/** A boolean property that AWS defaults to true (take upgrades) and that only an explicit false turns off. */
export interface UpgradeSetting<MessageId extends string> {
  readonly property: string;
  readonly messageId: MessageId;
  readonly data?: Readonly<Record<string, string>>;
  /** The quick fix's title: it reverses a deliberate choice, so it is always a suggestion. */
  readonly fixTitle: string;
  /** Properties read together with the setting, so a finding names the branch they take. */
  readonly scope?: readonly string[];
  readonly applies?: (scope: readonly Outcome[]) => Applies;
}

/**
 * Reports every deployment in which the setting is explicitly false. Absent is AWS's default, true, and is never
 * reported; unknown values never are. A fix (false → true, in place) is offered only where the finding holds in
 * every deployment and the false is a literal written on the property itself, since a parameter's or a branch's
 * value is a person's call.
 */
export function reportUpgradeTurnedOff<MessageId extends string>(
  resource: Resource,
  context: RuleContext<MessageId>,
  setting: UpgradeSetting<MessageId>,
): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const flags = values.lookup(properties, setting.property);
  const scopes = (setting.scope ?? []).map((name) => values.lookup(properties, name));
  const applies = setting.applies ?? (() => 'yes');
  const fixable = isUnconditional(flags) && combinations(scopes).every((scope) => applies(scope) === 'yes');
  for (const combination of combinations([...scopes, flags])) {
    const flag = combination[combination.length - 1];
    if (flag === undefined || truthOf(flag) !== false) continue;
    if (applies(combination.slice(0, -1)) !== 'yes') continue;
    context.report({
      node: flag.node,
      messageId: setting.messageId,
      data: setting.data,
      via: flag.via,
      fixes: fixable ? replaceFix(flag, setting.fixTitle) : [],
    });
  }
}

/** Replaces a literal `false` written on the property itself; the update needs no replacement of the resource. */
function replaceFix(value: Outcome, title: string): FixProposal[] {
  if (value.kind !== 'scalar' || value.source !== value.node) return [];
  return [{ title, safe: false, changes: [{ kind: 'replace', node: value.source, value: true }] }];
}
