import type { FixProposal } from '../edits/changes';
import { isUnconditional, propertyFix } from '../edits/propose';
import type { Resource } from '../model/template';
import { truthOf, type Outcome } from '../model/values';
import { combinations } from './branches';
import type { RuleContext } from './types';

/**
 * Whether the setting means anything for one combination of the scope properties' values (an engine, its
 * version): `yes` judges it, `no` (AWS ignores the setting there) and `unknown` (it may) never report.
 */
export type Applies = 'yes' | 'no' | 'unknown';

/**
 * A boolean property that turns automatic engine upgrades on, named as the template's dialect names it
 * (`AutoMinorVersionUpgrade`, `auto_minor_version_upgrade`); the name is passed to messages as `{{setting}}`.
 */
export interface UpgradeSetting<MessageId extends string> {
  readonly property: string;
  readonly messageId: MessageId;
  readonly data?: Readonly<Record<string, string>>;
  /** The quick fix's title: it reverses a deliberate choice, so it is always a suggestion. */
  readonly fixTitle: string;
  /** Properties read together with the setting, so a finding names the branch they take. */
  readonly scope?: readonly string[];
  readonly applies?: (scope: readonly Outcome[]) => Applies;
  /**
   * Where the tool that deploys the template turns upgrades off when the property is absent (the AWS provider's
   * `aws_mq_broker`): the message and fix for that case. Without it, absent is AWS's default, true.
   */
  readonly absentIsOff?: { readonly messageId: MessageId; readonly fixTitle: string };
}

/**
 * Reports every deployment in which the setting is explicitly false (or absent, where `absentIsOff` says absent
 * deploys false). Unknown values never are. A fix (false → true, in place; or the property added) is offered only
 * where the finding holds in every deployment and the false is a literal written on the property itself, since a
 * parameter's, a variable's or a branch's value is a person's call.
 */
export function reportUpgradeTurnedOff<MessageId extends string>(
  resource: Resource,
  context: RuleContext<MessageId>,
  setting: UpgradeSetting<MessageId>,
): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const flags = values.lookup(properties, setting.property);
  // Most resources leave upgrades on: then no combination can report, and the scope is not read at all.
  if (!flags.some((flag) => (flag.kind === 'absent' ? setting.absentIsOff !== undefined : truthOf(flag) === false)))
    return;
  const scopes = (setting.scope ?? []).map((name) => values.lookup(properties, name));
  const applies = setting.applies ?? (() => 'yes');
  let fixable: boolean | undefined;
  const data = { setting: setting.property, ...setting.data };
  for (const combination of combinations([...scopes, flags])) {
    const flag = combination[combination.length - 1];
    if (flag === undefined) continue;
    const absent = flag.kind === 'absent' ? setting.absentIsOff : undefined;
    if (absent === undefined && truthOf(flag) !== false) continue;
    if (applies(combination.slice(0, -1)) !== 'yes') continue;
    fixable ??= isUnconditional(flags) && combinations(scopes).every((scope) => applies(scope) === 'yes');
    let fixes: FixProposal[] = [];
    if (fixable) {
      fixes =
        absent === undefined
          ? replaceFix(flag, setting.fixTitle)
          : propertyFix(resource, setting.property, flag, true, { title: absent.fixTitle, safe: false });
    }
    context.report({
      node: flag.node,
      messageId: absent?.messageId ?? setting.messageId,
      data,
      via: flag.via,
      fixes,
    });
  }
}

/** Replaces a literal `false` written on the property itself; the update needs no replacement of the resource. */
function replaceFix(value: Outcome, title: string): FixProposal[] {
  if (value.kind !== 'scalar' || value.source !== value.node) return [];
  return [{ title, safe: false, changes: [{ kind: 'replace', node: value.source, value: true }] }];
}
