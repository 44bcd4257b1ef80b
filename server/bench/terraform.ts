import type { Json } from './emit';
import { CYCLE } from './terraform-cycle';
import { LOCALS, VARIABLES } from './terraform-inputs';
import { type Placed, planText } from './terraform-plan';
import { Expression, instanceAddress, isPlainMap, seeded, type TfResource, type Value } from './terraform-resource';

/*
 * The Terraform inputs of the bench: a root module of `count` resources as Terraform JSON (`main.tf.json`), and
 * a plan of the same resources as `terraform show -json` writes it. Both are drawn from one seeded cycle, so a
 * count always gives the same bytes.
 */

const CONTENT_SEED = 0x7f4a7c15;
const PLAN_SEED = 0x2545f491;

/** `count` resources of the cycle, each cycle's variants drawn in order, so a smaller count is a prefix. */
export function terraformResources(count: number): TfResource[] {
  const random = seeded(CONTENT_SEED);
  const resources: TfResource[] = [];
  for (let i = 0; i < count; i++) {
    const slot = CYCLE[i % CYCLE.length];
    if (slot !== undefined) resources.push(slot(Math.floor(i / CYCLE.length), random));
  }
  return resources;
}

/** `main.tf.json` of `count` resources: settings, variables, locals, resources by type, a few outputs. */
export function terraformJson(count: number): string {
  const resources = terraformResources(count);
  const byType: Record<string, Record<string, Json>> = {};
  for (const resource of resources) (byType[resource.type] ??= {})[resource.name] = written(resource.body);
  const document = {
    '//': `Generated benchmark configuration with ${count} resources`,
    terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '~> 5.0' } } },
    provider: { aws: { region: 'eu-west-1', default_tags: { tags: { Owner: 'platform' } } } },
    variable: Object.fromEntries(
      Object.entries(VARIABLES).map(([name, { type, default: value }]) => [
        name,
        {
          type,
          ...(value === undefined ? {} : { default: value }),
          ...(name.includes('password') ? { sensitive: true } : {}),
        },
      ]),
    ),
    locals: Object.fromEntries(Object.entries(LOCALS).map(([name, { text }]) => [name, text])),
    resource: byType,
    output: Object.fromEntries(
      resources
        .slice(0, 20)
        .map((resource) => [`${resource.name}_${resource.type}_id`, { value: `\${${instanceAddress(resource)}.id}` }]),
    ),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * The plan of the same `count` resources: cycles 1, 6, 11, … live in `module.app`, cycles 3, 8, 13, … in
 * `module.app.module.data`; about 30% of cycles exist already (their resources `no-op`, one in five `update`d,
 * and a retired queue deleted), the rest are created (3% replaced), so their references are unknown until apply.
 */
export function terraformPlan(count: number): string {
  const random = seeded(PLAN_SEED);
  const placed: Placed[] = [];
  const resources = terraformResources(count);
  for (let start = 0; start < resources.length; start += CYCLE.length) {
    const n = start / CYCLE.length;
    const module = n % 5 === 1 ? ['app'] : n % 5 === 3 ? ['app', 'data'] : [];
    const existing = random() < 0.3;
    for (const resource of resources.slice(start, start + CYCLE.length)) {
      const action = existing ? (random() < 0.2 ? 'update' : 'no-op') : random() < 0.03 ? 'replace' : 'create';
      placed.push({ resource, module, action });
    }
    if (existing) {
      const retired: TfResource = {
        type: 'aws_sqs_queue',
        name: `retired_${n}`,
        body: { name: `retired-${n}`, sqs_managed_sse_enabled: false },
      };
      placed.push({ resource: retired, module, action: 'retire' });
    }
  }
  return planText(placed);
}

/** A body as `.tf.json` holds it: expressions as their text. */
function written(value: Value): Json {
  if (value instanceof Expression) return value.text;
  if (Array.isArray(value)) return value.map(written);
  if (isPlainMap(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, written(item)]));
  return value;
}
