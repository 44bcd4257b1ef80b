import type { Resource } from '../model/template';
import { stringOf } from '../model/values';
import type { Verdict } from './api-gateway';
import { inSourceOrder, KeyedIndex, pairKey, type Ordered } from './keyed-index';
import { identityOf, propertyOf, referredResources } from './terraform-links';
import type { RuleContext } from './types';

/*
 * Terraform: the `aws_api_gateway_method_settings` of a configuration, read once per lint and filed under the stage
 * they refer to or the API and stage name they spell, so that judging a stage looks at the few that can be its own.
 */

export const TF_METHOD_SETTINGS = 'aws_api_gateway_method_settings';

/** What one method settings resource throttles for every method (`*\/*`), or `skip` when it is another path's. */
export type StageWide = Verdict | 'skip';

/** One method settings resource, with what judging it against any stage needs. */
export interface MethodSettings extends Ordered {
  readonly settings: Resource;
  /** The stages its `stage_name` refers to; when there are any, it applies to those alone. */
  readonly stages: readonly Resource[];
  /** What its `rest_api_id` identifies, per outcome; undefined where it cannot be read. */
  readonly api: readonly (string | undefined)[];
  /** Its `stage_name` as text, per outcome. */
  readonly name: readonly (string | undefined)[];
  readonly stageWide: StageWide;
}

interface Index {
  readonly byStage: KeyedIndex<MethodSettings, Resource>;
  readonly byApiAndName: KeyedIndex<MethodSettings>;
  /** The first that names no stage, whose API or stage name cannot be read, and that may throttle: any stage's. */
  readonly unreadable: MethodSettings | undefined;
  /** The first that names no stage, is readable, and may throttle: any stage's whose own API or name is unreadable. */
  readonly readable: MethodSettings | undefined;
}

/**
 * The method settings that can change a stage's verdict, in source order: those that refer to it or spell its API
 * and name, and the first of those that may apply to any stage (one is enough to make the verdict unknown).
 */
export function methodSettingsCandidates(
  context: RuleContext,
  stage: Resource,
  stageApi: readonly (string | undefined)[],
  stageName: readonly (string | undefined)[],
  judge: (settings: Resource) => StageWide,
): MethodSettings[] {
  const index = context.memo('api-gateway:method-settings', () => build(context, judge));
  const lists: (readonly (MethodSettings | undefined)[])[] = [index.byStage.get(stage), [index.unreadable]];
  if ([...stageApi, ...stageName].includes(undefined)) lists.push([index.readable]);
  else
    for (const api of stageApi)
      for (const name of stageName) lists.push(index.byApiAndName.get(pairKey(api ?? '', name ?? '')));
  return inSourceOrder(lists);
}

/** Whether method settings apply to a stage: `yes` by reference or by the same API and name, `maybe` when unreadable. */
export function appliesTo(
  settings: MethodSettings,
  stage: Resource,
  stageApi: readonly (string | undefined)[],
  stageName: readonly (string | undefined)[],
): 'yes' | 'no' | 'maybe' {
  if (settings.stages.includes(stage)) return 'yes';
  // Named by reference, but another stage of the configuration.
  if (settings.stages.length > 0) return 'no';
  const { api, name } = settings;
  if ([...api, ...stageApi, ...name, ...stageName].includes(undefined)) return 'maybe';
  const sameApi = api.some((id) => stageApi.includes(id));
  const sameName = name.some((text) => stageName.includes(text));
  return sameApi && sameName ? 'yes' : 'no';
}

function build(context: RuleContext, judge: (settings: Resource) => StageWide): Index {
  const byStage = new KeyedIndex<MethodSettings, Resource>();
  const byApiAndName = new KeyedIndex<MethodSettings>();
  let unreadable: MethodSettings | undefined;
  let readable: MethodSettings | undefined;
  let order = 0;
  for (const settings of context.template.resources) {
    if (settings.type !== TF_METHOD_SETTINGS) continue;
    const item: MethodSettings = {
      order: order++,
      settings,
      stages: referredResources(context, settings, ['stage_name']),
      api: propertyOf(context, settings, 'rest_api_id').map((id) => identityOf(context, settings, id, ['rest_api_id'])),
      name: propertyOf(context, settings, 'stage_name').map(stringOf),
      stageWide: judge(settings),
    };
    for (const stage of item.stages) byStage.add(stage, item);
    if (item.stages.length > 0) continue;
    // Where the stage is not known, only whether one of these may throttle counts.
    const mayThrottle = item.stageWide === 'throttled' || item.stageWide === 'unknown';
    if ([...item.api, ...item.name].includes(undefined)) {
      if (mayThrottle) unreadable ??= item;
      continue;
    }
    if (mayThrottle) readable ??= item;
    for (const api of item.api) for (const name of item.name) byApiAndName.add(pairKey(api ?? '', name ?? ''), item);
  }
  return { byStage, byApiAndName, unreadable, readable };
}
