import type { Change, FixProposal, JsonValue } from '../../edits/changes';
import { editableMap, isUnconditional, jsonOf, setProperty, within } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { entryOf } from '../../parsing/nodes';
import {
  CLOUDFORMATION_PLANS,
  TERRAFORM_PLANS,
  TF_METHOD_SETTINGS,
  limitVerdict,
  methodSettingsVerdict,
  usagePlanVerdict,
  type Verdict,
} from '../api-gateway';
import { itemValues } from '../branches';
import { companionFix, reference } from '../terraform';
import { resourceMembers, resourceName } from '../terraform-links';
import type { Rule, RuleContext } from '../types';

type MessageId = 'noThrottling' | 'noRouteThrottling';

/**
 * The limits the fix writes: 100 requests per second steady, bursts of 200 — 1% of the account's default quota,
 * so one stage can no longer take the whole account's share, and well above what most single APIs serve.
 */
const RATE_LIMIT = 100;
const BURST_LIMIT = 200;
const THROTTLE_KEYS = ['ThrottlingRateLimit', 'ThrottlingBurstLimit'];
const METHOD_TITLE = `Throttle every method of the stage at ${RATE_LIMIT} requests per second, bursts of ${BURST_LIMIT}`;
const ROUTE_TITLE = `Throttle every route of the stage at ${RATE_LIMIT} requests per second, bursts of ${BURST_LIMIT}`;

export const apiGatewayStageThrottling = {
  meta: {
    id: 'firewall/api-gateway-stage-throttling',
    title: 'API Gateway stages set throttling limits',
    severity: 'warning',
    responsibility: 'firewall',
    messages: {
      noThrottling:
        'Stage {{stage}} sets no throttling (no {{settings}} for */* with {{rate}} or ' +
        '{{burst}}, no usage plan with a throttle): it is limited only by the account-level quota of ' +
        '10,000 requests per second (bursts of 5,000), which every API in this account and region shares, so one ' +
        'flood on this API starves the others.',
      noRouteThrottling:
        'Stage {{stage}} sets no throttling (no {{rate}} or {{burst}} in ' +
        '{{settings}}): it is limited only by the account-level quota of 10,000 requests per second ' +
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
      'usage plan with a Throttle. In Terraform: an aws_api_gateway_method_settings with method_path "*/*" and ' +
      'settings { throttling_rate_limit, throttling_burst_limit } for the aws_api_gateway_stage, or ' +
      'default_route_settings on an aws_apigatewayv2_stage.',
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
      'AWS::ApiGatewayV2::Stage': (resource, context) => checkRouteStage(resource, context, ROUTES),
    },
    terraform: {
      aws_api_gateway_stage: checkTerraformStage,
      aws_apigatewayv2_stage: (resource, context) => checkRouteStage(resource, context, TF_ROUTES),
    },
  },
} satisfies Rule<MessageId>;

/** How each dialect names the stage-wide settings and their two limits, for messages and fixes. */
interface Names {
  readonly settings: string;
  readonly rate: string;
  readonly burst: string;
}

const METHODS: Names = { settings: 'MethodSettings', rate: 'ThrottlingRateLimit', burst: 'ThrottlingBurstLimit' };
const ROUTES: Names = { ...METHODS, settings: 'DefaultRouteSettings' };
const TF_METHODS: Names = {
  settings: TF_METHOD_SETTINGS,
  rate: 'throttling_rate_limit',
  burst: 'throttling_burst_limit',
};
const TF_ROUTES: Names = { ...TF_METHODS, settings: 'default_route_settings' };

function limits(names: Names): { readonly [key: string]: JsonValue } {
  return { [names.rate]: RATE_LIMIT, [names.burst]: BURST_LIMIT };
}

function dataOf(resource: Resource, names: Names): Record<string, string> {
  return { stage: resource.id, settings: names.settings, rate: names.rate, burst: names.burst };
}

function checkStage(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  if (usagePlanVerdict(resource, context, CLOUDFORMATION_PLANS) !== 'open') return;
  const settingsOutcomes = values.lookup(properties, 'MethodSettings');
  for (const settings of settingsOutcomes) {
    if (settings.kind !== 'absent' && settings.kind !== 'seq') continue;
    const items = settings.kind === 'seq' ? itemValues(values, settings.seq, settings.node, settings.via) : [];
    if (items.flat().some((item) => stageWideVerdict(item, context) !== 'open')) continue;
    const entry = resource.properties === undefined ? undefined : entryOf(resource.properties, 'MethodSettings');
    const node = settings.kind === 'seq' && entry?.value === settings.seq ? entry.key : settings.node;
    const fixes = isUnconditional(settingsOutcomes) ? throttle(settings, items, resource, context) : [];
    context.report({ node, via: settings.via, messageId: 'noThrottling', data: dataOf(resource, METHODS), fixes });
  }
}

/**
 * Terraform: a REST API stage's method settings live in `aws_api_gateway_method_settings` resources; a module may
 * bring one. The fix sets the limits in the stage-wide one, or adds one.
 */
function checkTerraformStage(resource: Resource, context: RuleContext<MessageId>): void {
  if (usagePlanVerdict(resource, context, TERRAFORM_PLANS) !== 'open') return;
  const { verdict, stageWide } = methodSettingsVerdict(resource, context);
  if (verdict !== 'open' || context.template.hasHiddenResources()) return;
  let fixes: FixProposal[] = [];
  if (stageWide.length === 0) {
    const body = {
      rest_api_id: reference(resource, 'rest_api_id'),
      stage_name: reference(resource, 'stage_name'),
      method_path: '*/*',
      settings: limits(TF_METHODS),
    };
    fixes = companionFix(context.template, TF_METHOD_SETTINGS, resourceName(resource), body, {
      title: METHOD_TITLE,
      safe: false,
    });
  } else if (stageWide.length === 1 && stageWide[0] !== undefined) {
    const settings = resourceMembers(context, stageWide[0], 'settings');
    const only = settings.length === 1 ? settings[0] : undefined;
    if (only?.kind === 'map' && editableMap(only, stageWide[0])) fixes = setLimits(only, TF_METHODS, METHOD_TITLE);
  }
  context.report({ node: resource.anchor, messageId: 'noThrottling', data: dataOf(resource, TF_METHODS), fixes });
}

/**
 * HTTP and WebSocket API stages: `DefaultRouteSettings` (`default_route_settings`) throttles every route that
 * `RouteSettings` does not override. Usage plans do not apply to them.
 */
function checkRouteStage(resource: Resource, context: RuleContext<MessageId>, names: Names): void {
  const defaultsOutcomes = resourceMembers(context, resource, names.settings);
  for (const defaults of defaultsOutcomes) {
    if (defaults.kind !== 'absent' && defaults.kind !== 'map') continue;
    if (defaults.kind === 'map' && limitVerdict(defaults, [names.rate, names.burst], context) !== 'open') continue;
    let fixes: FixProposal[] = [];
    if (isUnconditional(defaultsOutcomes) && defaults.kind === 'absent') {
      const change = setProperty(resource, [names.settings], limits(names));
      if (change !== undefined) fixes = [{ title: ROUTE_TITLE, safe: false, changes: [change] }];
    } else if (isUnconditional(defaultsOutcomes) && defaults.kind === 'map' && editableMap(defaults, resource)) {
      fixes = setLimits(defaults, names, ROUTE_TITLE);
    }
    const node = defaults.kind === 'map' ? defaults.at : defaults.node;
    context.report({ node, via: defaults.via, messageId: 'noRouteThrottling', data: dataOf(resource, names), fixes });
  }
}

/** Sets both limits in a settings map written in the template. */
function setLimits(map: Outcome & { kind: 'map' }, names: Names, title: string): FixProposal[] {
  const changes: Change[] = Object.entries(limits(names)).map(([key, value]) => ({
    kind: 'set',
    map: map.map,
    path: [key],
    value,
  }));
  return [{ title, safe: false, changes }];
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

/**
 * Sets stage-wide limits: in the existing `*`/`/*` item when there is one written in the resource, else as a new
 * item — `set` when `MethodSettings` is missing, else the literal list replaced by its items plus the new one.
 */
function throttle(
  settings: Outcome,
  items: readonly (readonly Outcome[])[],
  resource: Resource,
  context: RuleContext<MessageId>,
): FixProposal[] {
  const title = METHOD_TITLE;
  const written = limits(METHODS);
  if (settings.kind === 'absent') {
    const change = setProperty(resource, ['MethodSettings'], [{ HttpMethod: '*', ResourcePath: '/*', ...written }]);
    return change === undefined ? [] : [{ title, safe: false, changes: [change] }];
  }
  if (settings.kind !== 'seq' || !within(resource.node, settings.seq)) return [];
  if (!items.every(isUnconditional)) return [];
  const stageWide = items.map((item) => item[0]).find((item) => item?.kind === 'map' && isStageWide(item, context));
  if (stageWide?.kind === 'map') return editableMap(stageWide, resource) ? setLimits(stageWide, METHODS, title) : [];
  const existing = jsonOf(settings.seq);
  if (!Array.isArray(existing)) return [];
  const value: JsonValue = [...(existing as JsonValue[]), { HttpMethod: '*', ResourcePath: '/*', ...written }];
  return [{ title, safe: false, changes: [{ kind: 'replace', node: settings.seq, value }] }];
}

function isStageWide(item: Outcome, context: RuleContext<MessageId>): boolean {
  const read = (key: string): (string | undefined)[] => context.values.lookup([item], key).map(stringOf);
  return read('HttpMethod').includes('*') && read('ResourcePath').includes('/*');
}
