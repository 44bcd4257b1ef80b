import type { FixProposal, JsonValue } from '../../edits/changes';
import { editableMap, isUnconditional, jsonOf, setProperty, within } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { entryOf } from '../../parsing/nodes';
import { itemValues } from '../branches';
import type { Rule, RuleContext } from '../types';

type MessageId = 'noThrottling' | 'noRouteThrottling';

/** A throttle answer: `unknown` whenever a value the answer hangs on cannot be read. */
type Verdict = 'throttled' | 'open' | 'unknown';

/**
 * The limits the fix writes: 100 requests per second steady, bursts of 200 — 1% of the account's default quota,
 * so one stage can no longer take the whole account's share, and well above what most single APIs serve.
 */
const RATE_LIMIT = 100;
const BURST_LIMIT = 200;
const THROTTLE_KEYS = ['ThrottlingRateLimit', 'ThrottlingBurstLimit'];

export const apiGatewayStageThrottling = {
  meta: {
    id: 'firewall/api-gateway-stage-throttling',
    title: 'API Gateway stages set throttling limits',
    severity: 'warning',
    responsibility: 'firewall',
    messages: {
      noThrottling:
        'Stage {{stage}} sets no throttling (no MethodSettings for */* with ThrottlingRateLimit or ' +
        'ThrottlingBurstLimit, no usage plan with a throttle): it is limited only by the account-level quota of ' +
        '10,000 requests per second (bursts of 5,000), which every API in this account and region shares, so one ' +
        'flood on this API starves the others.',
      noRouteThrottling:
        'Stage {{stage}} sets no throttling (no ThrottlingRateLimit or ThrottlingBurstLimit in ' +
        'DefaultRouteSettings): it is limited only by the account-level quota of 10,000 requests per second ' +
        '(bursts of 5,000), which every API in this account and region shares, so one flood on this API starves ' +
        'the others.',
    },
    rationale:
      'Rate limiting the traffic an API accepts is the customer’s firewall configuration. API Gateway applies an ' +
      'account-level throttle by default — 10,000 requests per second with bursts of 5,000 per account and region — ' +
      'but that quota is shared by every REST, HTTP and WebSocket API in the region: a flood or a runaway client on ' +
      'one stage uses it up, and every other API of the account answers 429 Too Many Requests, while the backend ' +
      'behind the flooded stage takes the full load and its bill.',
    remediation:
      'Set ThrottlingRateLimit and ThrottlingBurstLimit in a MethodSettings item with HttpMethod "*" and ' +
      'ResourcePath "/*" (the stage-wide default), sized to what the backend can serve; or attach the stage to a ' +
      'usage plan with a Throttle.',
    references: [
      {
        tool: 'kics',
        id: '7f8f1b60-43df-4c28-aa21-fb836dbd8071',
        match: 'related',
        name: 'API Gateway stage without usage plan associated',
      },
      {
        tool: 'kics',
        id: '783860a3-6dca-4c8b-81d0-7b62769ccbca',
        match: 'related',
        name: 'API Gateway deployment without usage plan associated',
      },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::ApiGateway::Stage': checkStage,
      'AWS::ApiGatewayV2::Stage': checkRouteStage,
    },
  },
} satisfies Rule<MessageId>;

function checkStage(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  if (usagePlanVerdict(resource, properties, context) !== 'open') return;
  const settingsOutcomes = values.lookup(properties, 'MethodSettings');
  for (const settings of settingsOutcomes) {
    if (settings.kind !== 'absent' && settings.kind !== 'seq') continue;
    const items = settings.kind === 'seq' ? itemValues(values, settings.seq, settings.node, settings.via) : [];
    if (items.flat().some((item) => stageWideVerdict(item, context) !== 'open')) continue;
    const entry = resource.properties === undefined ? undefined : entryOf(resource.properties, 'MethodSettings');
    const node = settings.kind === 'seq' && entry?.value === settings.seq ? entry.key : settings.node;
    const fixes = isUnconditional(settingsOutcomes) ? throttle(settings, items, resource, context) : [];
    context.report({ node, via: settings.via, messageId: 'noThrottling', data: { stage: resource.id }, fixes });
  }
}

/**
 * HTTP and WebSocket API stages: `DefaultRouteSettings` throttles every route that `RouteSettings` does not
 * override. Usage plans do not apply to them.
 */
function checkRouteStage(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const defaultsOutcomes = values.lookup(values.resolve(resource.properties, resource.anchor), 'DefaultRouteSettings');
  for (const defaults of defaultsOutcomes) {
    if (defaults.kind !== 'absent' && defaults.kind !== 'map') continue;
    if (defaults.kind === 'map' && limitVerdict(defaults, THROTTLE_KEYS, context) !== 'open') continue;
    const limits = { ThrottlingRateLimit: RATE_LIMIT, ThrottlingBurstLimit: BURST_LIMIT };
    const title = `Throttle every route of the stage at ${RATE_LIMIT} requests per second, bursts of ${BURST_LIMIT}`;
    let fixes: FixProposal[] = [];
    if (isUnconditional(defaultsOutcomes) && defaults.kind === 'absent') {
      const change = setProperty(resource, ['DefaultRouteSettings'], limits);
      if (change !== undefined) fixes = [{ title, safe: false, changes: [change] }];
    } else if (isUnconditional(defaultsOutcomes) && defaults.kind === 'map' && editableMap(defaults, resource)) {
      const changes = Object.entries(limits).map(([key, value]) => ({
        kind: 'set' as const,
        map: defaults.map,
        path: [key],
        value,
      }));
      fixes = [{ title, safe: false, changes }];
    }
    const node = defaults.kind === 'map' ? defaults.at : defaults.node;
    context.report({ node, via: defaults.via, messageId: 'noRouteThrottling', data: { stage: resource.id }, fixes });
  }
}

/**
 * Whether one MethodSettings item throttles the whole stage: `open` when it is known not to (another method or
 * path, or no limit written), `unknown` when its method, path or limits cannot be read.
 */
function stageWideVerdict(item: Outcome, context: RuleContext<MessageId>): Verdict {
  if (item.kind === 'absent') return 'open';
  if (item.kind !== 'map') return 'unknown';
  const read = (key: string): (string | undefined)[] => context.values.lookup([item], key).map(stringOf);
  const method = read('HttpMethod');
  const path = read('ResourcePath');
  if (method.some((text) => text === undefined) || path.some((text) => text === undefined)) return 'unknown';
  if (!method.includes('*') || !path.includes('/*')) return 'open';
  return limitVerdict(item, THROTTLE_KEYS, context);
}

/** A limit of zero or more throttles; none written, or only negative ones, leaves the stage open. */
function limitVerdict(map: Outcome, keys: readonly string[], context: RuleContext<MessageId>): Verdict {
  let verdict: Verdict = 'open';
  for (const key of keys) {
    for (const limit of context.values.lookup([map], key)) {
      if (limit.kind === 'absent') continue;
      const number = limit.kind === 'scalar' ? Number(limit.value) : NaN;
      if (Number.isNaN(number)) verdict = 'unknown';
      else if (number >= 0) return 'throttled';
    }
  }
  return verdict;
}

/**
 * Whether a usage plan of the template throttles this stage: one whose `ApiStages` name this stage's API and
 * stage, with a `Throttle` on the plan or on that API stage. Any usage plan whose API stages cannot be read
 * makes the answer unknown, since it might be this stage's.
 */
function usagePlanVerdict(stage: Resource, properties: Outcome[], context: RuleContext<MessageId>): Verdict {
  const values = context.values;
  const apis = values.lookup(properties, 'RestApiId').map(identity);
  const names = values.lookup(properties, 'StageName').map(stringOf);
  let verdict: Verdict = 'open';
  for (const plan of context.template.resources) {
    if (plan.type !== 'AWS::ApiGateway::UsagePlan') continue;
    const planProperties = values.resolve(plan.properties, plan.anchor);
    const planThrottle = values.lookup(planProperties, 'Throttle');
    for (const apiStages of values.lookup(planProperties, 'ApiStages')) {
      if (apiStages.kind === 'absent') continue;
      if (apiStages.kind !== 'seq') return 'unknown';
      for (const apiStage of itemValues(values, apiStages.seq, apiStages.node, apiStages.via).flat()) {
        if (apiStage.kind === 'absent') continue;
        const api = values.lookup([apiStage], 'ApiId').map(identity);
        const name = values.lookup([apiStage], 'Stage');
        const refersHere = name.some((outcome) => outcome.kind === 'resource' && outcome.id === stage.id);
        const sameName = name.map(stringOf).some((text) => text !== undefined && names.includes(text));
        const sameApi = api.some((id) => id !== undefined && apis.includes(id));
        const literalName = name.some((outcome) => outcome.kind === 'scalar');
        const unknown =
          [...api, ...name.map(identity), ...apis].some((id) => id === undefined) ||
          (literalName && names.includes(undefined));
        if (!unknown && !(sameApi && (refersHere || sameName))) continue;
        const throttle = [...values.lookup([apiStage], 'Throttle'), ...planThrottle];
        // A throttle on the plan or the API stage: `Throttle` of an API stage is a map of method paths.
        if (throttle.some((outcome) => outcome.kind !== 'absent')) return unknown ? 'unknown' : 'throttled';
        if (unknown) verdict = 'unknown';
      }
    }
  }
  return verdict;
}

/** A comparable name for an API or stage reference: the resource it refers to, or the literal id; undefined if unknown. */
function identity(outcome: Outcome): string | undefined {
  if (outcome.kind === 'resource') return `resource:${outcome.id}`;
  const text = stringOf(outcome);
  return text === undefined ? undefined : `literal:${text}`;
}

/**
 * Sets stage-wide limits: in the existing `*`/`/*` item when there is one written in the resource, else as a new
 * item — `set` when `MethodSettings` is missing, else the literal list replaced by its items plus the new one.
 */
function throttle(
  settings: Outcome,
  items: Outcome[][],
  resource: Resource,
  context: RuleContext<MessageId>,
): FixProposal[] {
  const title = `Throttle every method of the stage at ${RATE_LIMIT} requests per second, bursts of ${BURST_LIMIT}`;
  const limits = { ThrottlingRateLimit: RATE_LIMIT, ThrottlingBurstLimit: BURST_LIMIT };
  if (settings.kind === 'absent') {
    const change = setProperty(resource, ['MethodSettings'], [{ HttpMethod: '*', ResourcePath: '/*', ...limits }]);
    return change === undefined ? [] : [{ title, safe: false, changes: [change] }];
  }
  if (settings.kind !== 'seq' || !within(resource.node, settings.seq)) return [];
  if (!items.every(isUnconditional)) return [];
  const stageWide = items.map((item) => item[0]).find((item) => item?.kind === 'map' && isStageWide(item, context));
  if (stageWide?.kind === 'map') {
    if (!editableMap(stageWide, resource)) return [];
    const changes = Object.entries(limits).map(([key, value]) => ({
      kind: 'set' as const,
      map: stageWide.map,
      path: [key],
      value,
    }));
    return [{ title, safe: false, changes }];
  }
  const existing = jsonOf(settings.seq);
  if (!Array.isArray(existing)) return [];
  const value: JsonValue = [...(existing as JsonValue[]), { HttpMethod: '*', ResourcePath: '/*', ...limits }];
  return [{ title, safe: false, changes: [{ kind: 'replace', node: settings.seq, value }] }];
}

function isStageWide(item: Outcome, context: RuleContext<MessageId>): boolean {
  const read = (key: string): (string | undefined)[] => context.values.lookup([item], key).map(stringOf);
  return read('HttpMethod').includes('*') && read('ResourcePath').includes('/*');
}
