/*
 * Terraform inputs for the tests of the rules on public entry points (WAF, CloudFront, load balancers, API
 * Gateway): a `.tf.json` text laid out one resource type per line, and a plan whose planned values, unknown
 * attributes and configuration references are given as data.
 */

/** A `.tf.json` configuration with these members of `resource` (`"aws_x": { … }`), one per line. */
export function tfJson(members: readonly string[], extra = ''): string {
  return `{\n${extra}  "resource": {\n${members.map((member) => `    ${member}`).join(',\n')}\n  }\n}\n`;
}

/** One planned resource of the root module. */
export interface PlannedResource {
  /** `type.name`. */
  readonly address: string;
  readonly values: { readonly [key: string]: unknown };
  /** `after_unknown` of its change. */
  readonly unknown?: { readonly [key: string]: unknown };
  /**
   * The configuration's references, by attribute path (`load_balancer_arn`, or `origin.domain_name` inside a
   * nested block): each a full reference such as `aws_lb.web.arn`.
   */
  readonly references?: { readonly [path: string]: readonly string[] };
}

/** A plan (`terraform show -json`) that creates these resources, with two-space indentation. */
export function planJson(resources: readonly PlannedResource[]): string {
  const names = (address: string): { type: string; name: string } => {
    const [type = '', name = ''] = address.split('.');
    return { type, name };
  };
  const document = {
    format_version: '1.2',
    planned_values: {
      root_module: {
        resources: resources.map(({ address, values }) => ({ address, mode: 'managed', ...names(address), values })),
      },
    },
    resource_changes: resources.map(({ address, unknown }) => ({
      address,
      ...names(address),
      change: { actions: ['create'], after_unknown: unknown ?? {} },
    })),
    configuration: {
      root_module: {
        resources: resources.map(({ address, references }) => ({
          address,
          ...names(address),
          expressions: expressions(references ?? {}),
        })),
      },
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Terraform writes a reference `a.b.c` as `["a.b.c", "a.b"]`, and a nested block's expressions as an array. */
function expressions(references: { readonly [path: string]: readonly string[] }): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, targets] of Object.entries(references)) {
    const keys = path.split('.');
    let map = root;
    for (const key of keys.slice(0, -1)) {
      const blocks = (map[key] ??= [{}]) as Record<string, unknown>[];
      map = blocks[0] as Record<string, unknown>;
    }
    const listed = targets.flatMap((target) => [target, target.split('.').slice(0, 2).join('.')]);
    map[keys.at(-1) as string] = { references: [...new Set(listed)] };
  }
  return root;
}
