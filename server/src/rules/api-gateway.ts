import type { Resource } from '../model/template';
import { stringOf, type Outcome } from '../model/values';
import { attributes } from './terraform';
import { identityOf, members, propertyOf, referredResources } from './terraform-links';
import type { RuleContext } from './types';

/*
 * What throttles an API Gateway REST API stage besides its own method settings: a usage plan that lists the stage
 * with a throttle (`AWS::ApiGateway::UsagePlan`, `aws_api_gateway_usage_plan`), and in Terraform the separate
 * `aws_api_gateway_method_settings` resources that hold a stage's method settings.
 */

/** A throttle answer: `unknown` whenever a value the answer hangs on cannot be read. */
export type Verdict = 'throttled' | 'open' | 'unknown';

/** How each dialect names a stage's API and name, and a usage plan's stages and throttles. */
export interface PlanNames {
  readonly plan: string;
  readonly planThrottle: string;
  readonly apiStages: string;
  readonly apiId: string;
  readonly stage: string;
  readonly stageThrottle: string;
  readonly stageApi: string;
  readonly stageName: string;
}

export const CLOUDFORMATION_PLANS: PlanNames = {
  plan: 'AWS::ApiGateway::UsagePlan',
  planThrottle: 'Throttle',
  apiStages: 'ApiStages',
  apiId: 'ApiId',
  stage: 'Stage',
  stageThrottle: 'Throttle',
  stageApi: 'RestApiId',
  stageName: 'StageName',
};
export const TERRAFORM_PLANS: PlanNames = {
  plan: 'aws_api_gateway_usage_plan',
  planThrottle: 'throttle_settings',
  apiStages: 'api_stages',
  apiId: 'api_id',
  stage: 'stage',
  stageThrottle: 'throttle',
  stageApi: 'rest_api_id',
  stageName: 'stage_name',
};

/** A limit of zero or more throttles; none written, or only negative ones, leaves the stage open. */
export function limitVerdict(map: Outcome, keys: readonly string[], context: RuleContext): Verdict {
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
 * Whether a usage plan of the template throttles this stage: one whose API stages name this stage's API and
 * stage, with a throttle on the plan or on that API stage. Any usage plan whose API stages cannot be read
 * makes the answer unknown, since it might be this stage's.
 */
export function usagePlanVerdict(stage: Resource, context: RuleContext, names: PlanNames): Verdict {
  const values = context.values;
  const apis = propertyOf(context, stage, names.stageApi).map((api) =>
    identityOf(context, stage, api, [names.stageApi]),
  );
  const stageNames = propertyOf(context, stage, names.stageName).map(stringOf);
  let verdict: Verdict = 'open';
  for (const plan of context.template.resources) {
    if (plan.type !== names.plan) continue;
    const planProperties = values.resolve(plan.properties, plan.anchor);
    const planThrottle = members(context, planProperties, names.planThrottle);
    for (const apiStage of members(context, planProperties, names.apiStages)) {
      if (apiStage.kind === 'absent') continue;
      if (apiStage.kind !== 'map') return 'unknown';
      const api = values
        .lookup([apiStage], names.apiId)
        .map((id) => identityOf(context, plan, id, [names.apiStages, names.apiId]));
      const name = values.lookup([apiStage], names.stage);
      const refersHere = name.some((outcome) => outcome.kind === 'resource' && outcome.id === stage.id);
      const sameName = name.map(stringOf).some((text) => text !== undefined && stageNames.includes(text));
      const sameApi = api.some((id) => id !== undefined && apis.includes(id));
      const literalName = name.some((outcome) => outcome.kind === 'scalar');
      const unknown =
        [...api, ...name.map((outcome) => identityOf(context, plan, outcome, [])), ...apis].some(
          (id) => id === undefined,
        ) ||
        (literalName && stageNames.includes(undefined));
      if (!unknown && !(sameApi && (refersHere || sameName))) continue;
      const throttle = [...members(context, [apiStage], names.stageThrottle), ...planThrottle];
      // A throttle on the plan or the API stage: an API stage's throttle is per method path.
      if (throttle.some((outcome) => outcome.kind !== 'absent')) return unknown ? 'unknown' : 'throttled';
      if (unknown) verdict = 'unknown';
    }
  }
  return verdict;
}

export const TF_METHOD_SETTINGS = 'aws_api_gateway_method_settings';
export const TF_THROTTLE_KEYS: readonly string[] = ['throttling_rate_limit', 'throttling_burst_limit'];

/**
 * Terraform: whether the `aws_api_gateway_method_settings` of the configuration throttle every method of this
 * stage — one for `method_path = "*\/*"` whose `settings` hold a limit of zero or more (the provider's default,
 * -1, throttles nothing). One that names the stage by reference, or by the same API and stage name, applies;
 * one whose API, stage or path cannot be read may apply, which is unknown. `stageWide`: the ones that apply to
 * every method of this stage without throttling it, where a fix can set the limits.
 */
export function methodSettingsVerdict(
  stage: Resource,
  context: RuleContext,
): { readonly verdict: Verdict; readonly stageWide: readonly Resource[] } {
  const stageApi = propertyOf(context, stage, 'rest_api_id').map((api) =>
    identityOf(context, stage, api, ['rest_api_id']),
  );
  const stageName = propertyOf(context, stage, 'stage_name').map(stringOf);
  let verdict: Verdict = 'open';
  const stageWide: Resource[] = [];
  for (const settings of context.template.resources) {
    if (settings.type !== TF_METHOD_SETTINGS) continue;
    const applies = appliesTo(settings, stage, stageApi, stageName, context);
    if (applies === 'no') continue;
    const paths = propertyOf(context, settings, 'method_path').map(stringOf);
    let one: Verdict;
    if (paths.includes(undefined)) one = 'unknown';
    else if (!paths.includes('*/*')) continue;
    else {
      const limits = members(context, attributes(settings, context.values), 'settings').map((block) =>
        block.kind === 'absent'
          ? 'open'
          : block.kind === 'map'
            ? limitVerdict(block, TF_THROTTLE_KEYS, context)
            : 'unknown',
      );
      one = limits.includes('throttled') ? 'throttled' : limits.includes('unknown') ? 'unknown' : 'open';
    }
    if (applies === 'yes' && one === 'throttled') return { verdict: 'throttled', stageWide: [] };
    if (applies === 'maybe' && one !== 'open') verdict = 'unknown';
    if (applies === 'yes' && one === 'unknown') verdict = 'unknown';
    if (applies === 'yes' && one === 'open') stageWide.push(settings);
  }
  return { verdict, stageWide };
}

/** Whether method settings apply to a stage: `yes` by reference or by the same API and name, `maybe` when unreadable. */
function appliesTo(
  settings: Resource,
  stage: Resource,
  stageApi: readonly (string | undefined)[],
  stageName: readonly (string | undefined)[],
  context: RuleContext,
): 'yes' | 'no' | 'maybe' {
  const stages = referredResources(context, settings, ['stage_name']);
  if (stages.includes(stage)) return 'yes';
  // Named by reference, but another stage of the configuration.
  if (stages.length > 0) return 'no';
  const api = propertyOf(context, settings, 'rest_api_id').map((id) =>
    identityOf(context, settings, id, ['rest_api_id']),
  );
  const name = propertyOf(context, settings, 'stage_name').map(stringOf);
  if ([...api, ...stageApi, ...name, ...stageName].includes(undefined)) return 'maybe';
  const sameApi = api.some((id) => stageApi.includes(id));
  const sameName = name.some((text) => stageName.includes(text));
  return sameApi && sameName ? 'yes' : 'no';
}
