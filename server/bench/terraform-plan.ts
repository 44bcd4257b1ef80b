import type { Json } from './emit';
import { VARIABLES } from './terraform-inputs';
import { evaluateBody, type Lookup, sensitiveShape } from './terraform-evaluate';
import { instanceAddress, type TfResource } from './terraform-resource';
import { existingValue, schemaOf } from './terraform-schema';

/** What the plan does to a resource; `retire` is a resource the configuration no longer has (a lone delete). */
export type Action = 'create' | 'replace' | 'no-op' | 'update' | 'retire';

/** A resource of the plan: where it lives (`['app', 'data']` is `module.app.module.data`) and what happens to it. */
export interface Placed {
  readonly resource: TfResource;
  readonly module: readonly string[];
  readonly action: Action;
}

const PROVIDER = 'registry.terraform.io/hashicorp/aws';
const ACTIONS: Readonly<Record<Action, string[]>> = {
  create: ['create'],
  replace: ['delete', 'create'],
  'no-op': ['no-op'],
  update: ['update'],
  retire: ['delete'],
};
/** Attributes the AWS provider marks sensitive. */
const SENSITIVE: ReadonlySet<string> = new Set(['password']);

const modulePrefix = (module: readonly string[]): string => module.map((name) => `module.${name}.`).join('');

interface Planned {
  readonly placed: Placed;
  readonly address: string;
  readonly values: Record<string, Json>;
  readonly unknown: Record<string, Json>;
  readonly expressions: Record<string, Json>;
}

/**
 * `terraform show -json` of a plan over `placed`, written compact as Terraform writes it: `planned_values` (root
 * module and nested `child_modules`), `resource_changes` with `before`/`after`/`after_unknown`, and
 * `configuration` with each resource's expressions and `module_calls`.
 */
export function planText(placed: readonly Placed[]): string {
  const planned = planResources(placed);
  const plan = {
    format_version: '1.2',
    terraform_version: '1.9.5',
    variables: Object.fromEntries(Object.entries(VARIABLES).map(([name, { value }]) => [name, { value }])),
    planned_values: {
      root_module: plannedModule(
        planned.filter((item) => item.placed.action !== 'retire'),
        [],
      ),
    },
    resource_changes: planned.map(resourceChange),
    configuration: {
      provider_config: {
        aws: { name: 'aws', full_name: PROVIDER, expressions: { region: { constant_value: 'eu-west-1' } } },
      },
      root_module: {
        ...configurationModule(
          planned.filter((item) => item.placed.action !== 'retire'),
          [],
        ),
        variables: Object.fromEntries(
          Object.entries(VARIABLES).map(([name, { default: value }]) => [
            name,
            value === undefined ? {} : { default: value },
          ]),
        ),
      },
    },
    timestamp: '2026-11-28T09:00:00Z',
    applyable: true,
    complete: true,
    errored: false,
  };
  return JSON.stringify(plan);
}

/** Evaluates every resource in order; a reference is to an earlier resource of the same module. */
function planResources(placed: readonly Placed[]): Planned[] {
  const byAddress = new Map<string, Planned>();
  const out: Planned[] = [];
  for (const item of placed) {
    const prefix = modulePrefix(item.module);
    const lookup: Lookup = (address) => {
      const target = byAddress.get(prefix + address);
      if (target === undefined) throw new Error(`bench generator: ${prefix}${address} is not planned before its use`);
      return { known: isExisting(target.placed), values: target.values };
    };
    const { planned: values, unknown, expressions } = evaluateBody(item.resource.body, lookup);
    const { defaults, computed } = schemaOf(item.resource.type);
    for (const [key, value] of Object.entries(defaults)) if (!(key in expressions)) values[key] = value;
    for (const key of computed) {
      if (key in expressions) continue;
      if (isExisting(item)) values[key] = existingValue(item.resource, key, values);
      else if (key === 'tags_all' && values['tags'] !== undefined) values[key] = values['tags'];
      else unknown[key] = true;
    }
    const result = { placed: item, address: prefix + instanceAddress(item.resource), values, unknown, expressions };
    byAddress.set(prefix + `${item.resource.type}.${item.resource.name}`, result);
    out.push(result);
  }
  return out;
}

function isExisting(placed: Placed): boolean {
  return placed.action === 'no-op' || placed.action === 'update' || placed.action === 'retire';
}

function plannedModule(planned: readonly Planned[], module: readonly string[]): Record<string, Json> {
  const own = planned.filter((item) => sameModule(item.placed.module, module));
  const children = childModules(planned, module);
  return {
    ...(module.length === 0 ? {} : { address: modulePrefix(module).slice(0, -1) }),
    resources: own.map((item) => ({
      address: item.address,
      mode: 'managed',
      type: item.placed.resource.type,
      name: item.placed.resource.name,
      ...(item.placed.resource.counted === true ? { index: 0 } : {}),
      provider_name: PROVIDER,
      schema_version: 0,
      values: item.values,
      sensitive_values: sensitiveShape(item.values, SENSITIVE),
    })),
    ...(children.length === 0 ? {} : { child_modules: children.map((child) => plannedModule(planned, child)) }),
  };
}

function resourceChange(item: Planned): Record<string, Json> {
  const { resource, module, action } = item.placed;
  const after = action === 'retire' ? null : item.values;
  // An update here is a tag someone changed by hand; a replacement started from the values it had.
  const before =
    action === 'create'
      ? null
      : action === 'update'
        ? { ...item.values, tags: { ...(item.values['tags'] as Record<string, Json>), ManagedBy: 'console' } }
        : item.values;
  return {
    address: item.address,
    ...(module.length === 0 ? {} : { module_address: modulePrefix(module).slice(0, -1) }),
    mode: 'managed',
    type: resource.type,
    name: resource.name,
    ...(resource.counted === true ? { index: 0 } : {}),
    provider_name: PROVIDER,
    change: {
      actions: ACTIONS[action],
      before,
      after,
      after_unknown: action === 'retire' ? {} : item.unknown,
      before_sensitive: before === null ? false : sensitiveShape(before, SENSITIVE),
      after_sensitive: after === null ? false : sensitiveShape(after, SENSITIVE),
    },
  };
}

function configurationModule(planned: readonly Planned[], module: readonly string[]): Record<string, Json> {
  const own = planned.filter((item) => sameModule(item.placed.module, module));
  const children = childModules(planned, module);
  const calls: Record<string, Json> = {};
  for (const child of children) {
    calls[child[child.length - 1] ?? ''] = {
      source: `./modules/${child.join('/')}`,
      expressions: { environment: { references: ['var.environment'] } },
      module: { ...configurationModule(planned, child), variables: { environment: {} } },
    };
  }
  return {
    resources: own.map((item) => ({
      address: `${item.placed.resource.type}.${item.placed.resource.name}`,
      mode: 'managed',
      type: item.placed.resource.type,
      name: item.placed.resource.name,
      provider_config_key: 'aws',
      expressions: item.expressions,
      schema_version: 0,
      ...(item.placed.resource.counted === true ? { count_expression: { constant_value: 1 } } : {}),
    })),
    ...(children.length === 0 ? {} : { module_calls: calls }),
  };
}

function sameModule(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

/** The modules directly under `module` that hold resources, in order of first appearance. */
function childModules(planned: readonly Planned[], module: readonly string[]): string[][] {
  const found = new Map<string, string[]>();
  for (const { placed } of planned) {
    if (placed.module.length <= module.length || !module.every((name, i) => placed.module[i] === name)) continue;
    const child = placed.module.slice(0, module.length + 1);
    found.set(child.join('.'), child);
  }
  return [...found.values()];
}
