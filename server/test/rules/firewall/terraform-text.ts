/*
 * Builders of Terraform inputs for the security-group and network-ACL tests: the shared `.tf.json` and plan
 * builders (terraform-entry-points.ts), with references given as the addresses of the resources referred to, and
 * the text the narrowing fix writes.
 */
import { planJson, tfJson, type PlannedResource } from './terraform-entry-points';

/** A `.tf.json` configuration with these members of `resource`, one per line, after `extra` root members. */
export const tf = tfJson;

/** One planned resource; its `references` name the addresses an attribute refers to (`aws_security_group.web`). */
export type Planned = PlannedResource;

/** A plan of root-module resources; each reference to an address is written as Terraform does, to its `id`. */
export function plan(resources: readonly Planned[]): string {
  return planJson(
    resources.map((resource) => ({
      ...resource,
      ...(resource.references === undefined
        ? {}
        : {
            references: Object.fromEntries(
              Object.entries(resource.references).map(([path, targets]) => [path, targets.map((t) => `${t}.id`)]),
            ),
          }),
    })),
  );
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
