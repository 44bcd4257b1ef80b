import type { Resource } from '../model/template';
import { stringOf, type Outcome } from '../model/values';
import { attributes } from './terraform';
import { appliesTo, methodSettingsCandidates, type StageWide } from './method-settings-index';
import { identityOf, members, propertyOf } from './terraform-links';
import type { RuleContext } from './types';
import { planStageCandidates, usagePlanStages } from './usage-plan-index';

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
 * makes the answer unknown, since it might be this stage's. The plans' API stages are indexed once per lint; the
 * candidates are judged here in source order, as a scan of every plan would judge them.
 */
export function usagePlanVerdict(stage: Resource, context: RuleContext, names: PlanNames): Verdict {
  const apis = propertyOf(context, stage, names.stageApi).map((api) =>
    identityOf(context, stage, api, [names.stageApi]),
  );
  const stageNames = propertyOf(context, stage, names.stageName).map(stringOf);
  let verdict: Verdict = 'open';
  for (const item of planStageCandidates(usagePlanStages(context, names), stage, apis, stageNames)) {
    if (item.apiStage.kind !== 'map') return 'unknown';
    const { api, name } = item;
    const refersHere = name.some((outcome) => outcome.kind === 'resource' && outcome.id === stage.id);
    const sameName = name.map(stringOf).some((text) => text !== undefined && stageNames.includes(text));
    const sameApi = api.some((id) => id !== undefined && apis.includes(id));
    const literalName = name.some((outcome) => outcome.kind === 'scalar');
    const unknown = item.unreadable || apis.includes(undefined) || (literalName && stageNames.includes(undefined));
    if (!unknown && !(sameApi && (refersHere || sameName))) continue;
    // A throttle on the plan or the API stage: an API stage's throttle is per method path.
    if (item.decisive) return unknown ? 'unknown' : 'throttled';
    if (unknown) verdict = 'unknown';
  }
  return verdict;
}

export { TF_METHOD_SETTINGS } from './method-settings-index';
export const TF_THROTTLE_KEYS: readonly string[] = ['throttling_rate_limit', 'throttling_burst_limit'];

/**
 * Terraform: whether the `aws_api_gateway_method_settings` of the configuration throttle every method of this
 * stage — one for `method_path = "*\/*"` whose `settings` hold a limit of zero or more (the provider's default,
 * -1, throttles nothing). One that names the stage by reference, or by the same API and stage name, applies;
 * one whose API, stage or path cannot be read may apply, which is unknown. `stageWide`: the ones that apply to
 * every method of this stage without throttling it, where a fix can set the limits. The method settings are
 * indexed once per lint; the candidates are judged here in source order.
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
  const judge = (settings: Resource): StageWide => throttlesEveryMethod(settings, context);
  for (const settings of methodSettingsCandidates(context, stage, stageApi, stageName, judge)) {
    const applies = appliesTo(settings, stage, stageApi, stageName);
    if (applies === 'no' || settings.stageWide === 'skip') continue;
    const one = settings.stageWide;
    if (applies === 'yes' && one === 'throttled') return { verdict: 'throttled', stageWide: [] };
    if (applies === 'maybe' && one !== 'open') verdict = 'unknown';
    if (applies === 'yes' && one === 'unknown') verdict = 'unknown';
    if (applies === 'yes' && one === 'open') stageWide.push(settings.settings);
  }
  return { verdict, stageWide };
}

/** What method settings throttle for every method (`*\/*`); `skip` when they are for other paths only. */
function throttlesEveryMethod(settings: Resource, context: RuleContext): StageWide {
  const paths = propertyOf(context, settings, 'method_path').map(stringOf);
  if (paths.includes(undefined)) return 'unknown';
  if (!paths.includes('*/*')) return 'skip';
  const limits = members(context, attributes(settings, context.values), 'settings').map((block) =>
    block.kind === 'absent'
      ? 'open'
      : block.kind === 'map'
        ? limitVerdict(block, TF_THROTTLE_KEYS, context)
        : 'unknown',
  );
  return limits.includes('throttled') ? 'throttled' : limits.includes('unknown') ? 'unknown' : 'open';
}
