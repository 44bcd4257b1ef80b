/*
 * Terraform documents for rule tests: one resource in a `.tf.json` configuration, or in a plan. Written out in
 * full so that a case's expected ranges and fixed text can be read off the same shape.
 */

/**
 * A `.tf.json` configuration with one resource `type`.`name`, whose body holds `body` (members written as they
 * would appear, on one line or several); `head` goes before the `resource` block (variables, locals, modules).
 */
export function tfResource(type: string, name: string, body: string, head = ''): string {
  return `{
  ${head}
  "resource": {
    "${type}": {
      "${name}": {
        ${body}
      }
    }
  }
}
`;
}

export interface PlannedResource {
  readonly type: string;
  readonly name: string;
  /** The planned `values`, as JSON text. */
  readonly values: string;
  /** `after_unknown`, as JSON text; `{}` when omitted. */
  readonly unknown?: string;
}

/**
 * A plan (`terraform show -json`) with these resources in the root module, each created; `configuration` is the
 * plan's `configuration` object as JSON text, when the case needs it.
 */
export function planOf(resources: readonly PlannedResource[], configuration?: string): string {
  const planned = resources
    .map(
      (r) =>
        `      { "address": "${r.type}.${r.name}", "mode": "managed", "type": "${r.type}", "name": "${r.name}", "values": ${r.values} }`,
    )
    .join(',\n');
  const changes = resources
    .map(
      (r) =>
        `    { "address": "${r.type}.${r.name}", "change": { "actions": ["create"], "after": ${r.values}, "after_unknown": ${r.unknown ?? '{}'} } }`,
    )
    .join(',\n');
  return `{
  "format_version": "1.2",
  "planned_values": {
    "root_module": {
      "resources": [
${planned}
      ]
    }
  },
  "resource_changes": [
${changes}
  ]${configuration === undefined ? '' : `,\n  "configuration": ${configuration}`}
}
`;
}

/** The sentence the engine appends to a finding in a plan. */
export function inPlan(message: string, address: string): string {
  return `${message} This is a plan: fix ${address} in the Terraform configuration and plan again.`;
}
