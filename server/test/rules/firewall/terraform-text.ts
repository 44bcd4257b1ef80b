/*
 * Builders of Terraform inputs for the firewall rules' tests: a `.tf.json` text with the file layout the cases
 * assert ranges and fixes against, and a plan whose planned values (and configuration references) are given as data.
 */

/** A `.tf.json` configuration with these members of `resource` (`"aws_x": { … }`), one per line, after `extra` root members. */
export function tf(members: readonly string[], extra = ''): string {
  return `{\n${extra}  "resource": {\n${members.map((member) => `    ${member}`).join(',\n')}\n  }\n}\n`;
}

/** One planned resource: its address (type.name) and its planned values. */
export interface Planned {
  readonly address: string;
  readonly values: { readonly [key: string]: unknown };
  /** `after_unknown` of its change, when some values are known only after apply. */
  readonly unknown?: { readonly [key: string]: unknown };
  /** Configuration expressions that refer to other resources: attribute → addresses. */
  readonly references?: { readonly [attribute: string]: readonly string[] };
}

/** A plan (`terraform show -json`) of root-module resources, written with two-space indentation. */
export function plan(resources: readonly Planned[]): string {
  const split = (address: string): { type: string; name: string } => {
    const [type = '', name = ''] = address.split('.');
    return { type, name };
  };
  const document = {
    format_version: '1.2',
    planned_values: {
      root_module: {
        resources: resources.map(({ address, values }) => ({ address, mode: 'managed', ...split(address), values })),
      },
    },
    resource_changes: resources.map(({ address, unknown }) => ({
      address,
      ...split(address),
      change: { actions: ['create'], after_unknown: unknown ?? {} },
    })),
    configuration: {
      root_module: {
        resources: resources.map(({ address, references }) => ({
          address,
          ...split(address),
          expressions: Object.fromEntries(
            Object.entries(references ?? {}).map(([attribute, targets]) => [
              attribute,
              { references: targets.flatMap((target) => [`${target}.id`, target]) },
            ]),
          ),
        })),
      },
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

const PATTERNS = {
  IPv4: '^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])[.]){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])/([1-9]|[12][0-9]|3[0-2])$',
  IPv6: '^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/([1-9]|[1-9][0-9]|1[01][0-9]|12[0-8])$',
};
const EXAMPLES = { IPv4: '203.0.113.0/24', IPv6: '2001:db8:1234::/48' };

/**
 * `tf(...)` text after the narrowing fix: the first `range` replaced by `${var.<name>}`, and the variable (no
 * default, a validation that refuses /0) added as the last root member.
 */
export function withCidrVariable(
  text: string,
  range: string,
  name: string,
  allowedTo: string,
  family: 'IPv4' | 'IPv6' = 'IPv4',
): string {
  const condition = `\${can(regex(\\"${PATTERNS[family]}\\", var.${name}))}`;
  const variable = `,
  "variable": {
    "${name}": {
      "type": "string",
      "description": "The ${family} range (CIDR) allowed to ${allowedTo}; no default, so each deployment must choose it.",
      "validation": {
        "condition": "${condition}",
        "error_message": "The value must be an ${family} CIDR narrower than the whole internet, such as ${EXAMPLES[family]}."
      }
    }
  }
}
`;
  return text.replace(`"${range}"`, `"\${var.${name}}"`).replace(/\n}\n$/, variable);
}
