/**
 * The one module that touches `@aws-cdk/cloudformation-diff`, and the entry of its own bundle
 * (`server/dist/diff.js`): the library carries AWS's resource specification (~2.6 MB compressed), which only
 * `iacsec diff` needs. Everything else reaches it through `loadTemplateChanges`, never by a static import.
 */
import { fullDiff, ResourceImpact, type ResourceDifference, type TemplateDiff } from '@aws-cdk/cloudformation-diff';
import type { Change, IamChange, Replacement, SecurityGroupChange, StatementChange, TemplateChanges } from './types';

type Template = { readonly [key: string]: unknown };

const EFFECTS: readonly StatementChange['effect'][] = ['Allow', 'Deny', 'Unknown'];

/** The library's classes, as far as this module reads them; its own typings keep some of them internal. */
type IamChanges = TemplateDiff['iamChanges'];
type Statement = IamChanges['statements']['additions'][number];
type GroupRule = TemplateDiff['securityGroupChanges']['ingress']['additions'][number];

/**
 * Compares two templates, given as plain JSON values, the way `cdk diff` does: IAM and security-group changes,
 * and the resources CloudFormation would replace (from the specification's "update requires replacement").
 */
export function templateChanges(oldTemplate: Template, newTemplate: Template): TemplateChanges {
  // The library copies both templates before normalising them: the values given are left as they were.
  const diff = fullDiff(oldTemplate, newTemplate);
  const iam = iamChanges(diff.iamChanges);
  const securityGroups = securityGroupChanges(diff.securityGroupChanges);
  return {
    // Not the library's `permissionsBroadened`: see `statementBroadens`.
    security: { iam, securityGroups, broadened: [...iam, ...securityGroups].some((change) => change.broadens) },
    replacements: replacements(diff),
  };
}

function iamChanges(iam: IamChanges): IamChange[] {
  const changes: IamChange[] = [
    ...iam.statements.additions.map((statement) => statementChange(statement, 'added')),
    ...iam.statements.removals.map((statement) => statementChange(statement, 'removed')),
  ];
  for (const [change, list] of [
    ['added', iam.managedPolicies.additions],
    ['removed', iam.managedPolicies.removals],
  ] as const) {
    for (const attachment of list) {
      changes.push({
        kind: 'managed-policy',
        change,
        broadens: change === 'added',
        identity: attachment.identityArn,
        policyArn: attachment.managedPolicyArn,
      });
    }
  }
  const identityCenter = [
    ['sso-permission-set', iam.ssoPermissionSets],
    ['sso-assignment', iam.ssoAssignments],
    ['sso-access-control', iam.ssoInstanceACAConfigs],
  ] as const;
  for (const [kind, collection] of identityCenter) {
    for (const [change, list] of [
      ['added', collection.additions],
      ['removed', collection.removals],
    ] as const) {
      for (const entry of list) {
        changes.push({ kind, change, broadens: change === 'added', resource: entry.cfnLogicalId ?? null });
      }
    }
  }
  return changes;
}

function statementChange(statement: Statement, change: Change): StatementChange {
  const effect = EFFECTS.find((name) => name === String(statement.effect)) ?? 'Unknown';
  const unread =
    effect === 'Unknown' && statement.actions.values.length === 0 && statement.resources.values.length === 0;
  return {
    kind: 'statement',
    change,
    broadens: statementBroadens(effect, change),
    effect,
    sid: statement.sid ?? null,
    actions: targets(statement.actions),
    resources: targets(statement.resources),
    principals: targets(statement.principals),
    condition: statement.condition ?? null,
    // A statement written as an intrinsic is kept only as its rendered text, which `render` shows as its resource.
    intrinsic: unread ? statement.render().resource : null,
  };
}

/**
 * Adding an Allow, or removing a Deny, gives access, whether or not it is written with `NotAction`,
 * `NotResource` or `NotPrincipal`. The library counts an Allow with `NotAction` as a "negative" statement, so
 * adding one (`Allow NotAction iam:*` on `*`, nearly everything) would not count as broadening there. A
 * statement whose effect cannot be read (an intrinsic) may give anything: it counts, for a person to read.
 */
function statementBroadens(effect: StatementChange['effect'], change: Change): boolean {
  if (effect === 'Unknown') return true;
  return change === 'added' ? effect === 'Allow' : effect === 'Deny';
}

function targets(list: { readonly not: boolean; readonly values: readonly string[] }): {
  not: boolean;
  values: string[];
} {
  return { not: list.not, values: [...list.values] };
}

function securityGroupChanges(groups: TemplateDiff['securityGroupChanges']): SecurityGroupChange[] {
  const lists = [
    ['ingress', 'added', groups.ingress.additions],
    ['egress', 'added', groups.egress.additions],
    ['ingress', 'removed', groups.ingress.removals],
    ['egress', 'removed', groups.egress.removals],
  ] as const;
  return lists.flatMap(([direction, change, rules]) => rules.map((rule) => groupRule(rule, direction, change)));
}

function groupRule(rule: GroupRule, direction: 'ingress' | 'egress', change: Change): SecurityGroupChange {
  return {
    change,
    broadens: change === 'added',
    direction,
    group: rule.groupId,
    ipProtocol: rule.ipProtocol,
    fromPort: rule.fromPort ?? null,
    toPort: rule.toPort ?? null,
    peer: peerOf(rule.peer),
    protocolText: rule.describeProtocol(),
    peerText: rule.describePeer(),
  };
}

function peerOf(peer: GroupRule['peer']): SecurityGroupChange['peer'] {
  if (peer === undefined) return null;
  switch (peer.kind) {
    case 'cidr-ip':
      return { kind: peer.kind, value: peer.ip };
    case 'security-group':
      return { kind: peer.kind, value: peer.securityGroupId };
    case 'prefix-list':
      return { kind: peer.kind, value: peer.prefixListId };
  }
}

function replacements(diff: TemplateDiff): TemplateChanges['replacements'] {
  const found: Omit<Replacement, 'file' | 'line' | 'column'>[] = [];
  diff.resources.forEachDifference((logicalId: string, resource: ResourceDifference) => {
    const impact = impactOf(resource.changeImpact);
    if (impact === undefined) return;
    const properties = Object.entries(resource.propertyUpdates)
      .filter(([, property]) => impactOf(property.changeImpact) !== undefined)
      .map(([name]) => name);
    if (resource.resourceTypeChanged) properties.push('Type');
    found.push({
      logicalId,
      type: resource.newResourceType ?? resource.oldResourceType ?? '',
      impact,
      properties: properties.sort(),
    });
  });
  return found;
}

function impactOf(impact: ResourceImpact | undefined): Replacement['impact'] | undefined {
  if (impact === ResourceImpact.WILL_REPLACE) return 'will-replace';
  if (impact === ResourceImpact.MAY_REPLACE) return 'may-replace';
  return undefined;
}
