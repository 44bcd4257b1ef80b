import type { FixProposal, JsonValue } from '../edits/changes';
import { literalIn, unusedName } from '../edits/propose';
import type { Resource } from '../model/template';
import { entryOf, getValue, isMap, isSeq } from '../parsing/nodes';
import type { CidrKey, NarrowingParameter, OpenRule } from './security-group';
import type { RuleContext } from './types';

/*
 * The Terraform half of narrowing an open range (security-group.ts's `narrow`): a range written in the resource
 * becomes `${var.<name>}` of a new variable without a default; a range that comes from a variable's default loses
 * that default. Either way every deployment must name the range, which no tool can choose for it: a suggestion.
 */

/**
 * The CloudFormation fix's AllowedPattern, spelt for an HCL string inside `.tf.json`: `[0-9]` and `[.]` instead of
 * `\d` and `\.`, whose backslashes HCL would read as (invalid) escapes.
 */
const FAMILY: Readonly<Record<CidrKey, { suffix: string; family: string; pattern: string; example: string }>> = {
  CidrIp: {
    suffix: '_cidr',
    family: 'IPv4',
    pattern:
      '^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])[.]){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])/([1-9]|[12][0-9]|3[0-2])$',
    example: '203.0.113.0/24',
  },
  CidrIpv6: {
    suffix: '_cidr_ipv6',
    family: 'IPv6',
    pattern: '^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/([1-9]|[1-9][0-9]|1[01][0-9]|12[0-8])$',
    example: '2001:db8:1234::/48',
  },
};

export function narrowToVariable<M extends string>(
  rule: OpenRule,
  resource: Resource,
  context: RuleContext<M>,
  parameter: NarrowingParameter,
): FixProposal[] {
  const template = context.template;
  // A plan is output: the engine offers no fix there.
  if (template.format !== 'terraform') return [];
  const { cidr, text, key } = rule;
  const literal = literalIn(cidr, resource);
  if (literal !== undefined) {
    const variables = getValue(template.root, 'variable');
    // Variables written as an array of objects take no new member; no fix rather than a second `variable` key.
    if (variables !== undefined && !isMap(variables)) return [];
    const family = FAMILY[key];
    const name = unusedName(template, parameter.prefix.toLowerCase() + family.suffix);
    const definition: { [key: string]: JsonValue } = {
      type: 'string',
      description: `The ${family.family} range (CIDR) allowed to ${parameter.purpose} ${resource.id}; no default, so each deployment must choose it.`,
      validation: {
        condition: `\${can(regex("${family.pattern}", var.${name}))}`,
        error_message: `The value must be an ${family.family} CIDR narrower than the whole internet, such as ${family.example}.`,
      },
    };
    return [
      {
        title: `Replace ${text} with a new variable ${name} that each deployment must set`,
        safe: false,
        changes: [
          { kind: 'set', map: template.root, path: ['variable', name], value: definition },
          { kind: 'replace', node: literal, value: `\${var.${name}}` },
        ],
      },
    ];
  }
  for (const step of cidr.via) {
    if (step.kind !== 'parameter' || step.source !== 'default' || cidr.kind !== 'scalar') continue;
    const variable = template.parameters.get(step.name);
    const entry = variable === undefined ? undefined : entryOf(variable.node, 'default');
    if (variable === undefined || entry === undefined) continue;
    // The range is the default itself, or one item of a list default (`cidr_blocks = var.ranges`).
    const inList = isSeq(entry.value) && entry.value.items.includes(cidr.source);
    if (entry.value !== cidr.source && !inList) continue;
    const title = inList
      ? `Remove the default of variable ${variable.name}, which includes ${text}, so each deployment must set the ranges`
      : `Remove the default ${text} of variable ${variable.name}, so each deployment must set the range`;
    return [{ title, safe: false, changes: [{ kind: 'remove', key: entry.key }] }];
  }
  return [];
}
