import type { Resource } from '../model/template';
import { stringOf, type Outcome } from '../model/values';
import type { PlanNames } from './api-gateway';
import { inSourceOrder, KeyedIndex, pairKey, type Ordered } from './keyed-index';
import { identityOf, members } from './terraform-links';
import type { RuleContext } from './types';

/*
 * The API stages of every usage plan of a template, read once per lint and filed under the API and stage they
 * name, so that judging a REST API stage against the usage plans looks at the few that can be its own.
 */

/** One item of a usage plan's API stages, with what judging it against any stage needs. */
export interface PlanStage extends Ordered {
  readonly plan: Resource;
  readonly planThrottle: readonly Outcome[];
  /** The item: a map, or a value that cannot be seen into (unknown for every stage). */
  readonly apiStage: Outcome;
  /** What its API id identifies (`identityOf`), per outcome; undefined where it cannot be read. */
  readonly api: readonly (string | undefined)[];
  /** The outcomes of its stage. */
  readonly name: readonly Outcome[];
  /** Its API or stage cannot be read: it may be any stage's. */
  readonly unreadable: boolean;
  /** Judging it ends the search once it applies: it cannot be read into, or it carries a throttle. */
  readonly decisive: boolean;
}

/** Usage plan stages that apply to every stage alike: the first of them, and the first that ends a search. */
interface Class {
  readonly first: PlanStage | undefined;
  readonly firstDecisive: PlanStage | undefined;
}

export interface PlanStageIndex {
  /** Every item, in source order. */
  readonly all: Class;
  /** Items that cannot be seen into, or whose API or stage cannot be read: unknown for every stage. */
  readonly anyStage: Class;
  /** Items that name their stage by a literal: unknown for a stage whose own name cannot be read. */
  readonly literalName: Class;
  /** Items by API identity and stage name (`name:`) or stage resource (`ref:`). */
  readonly byApiAndStage: KeyedIndex<PlanStage>;
}

/** The usage plans' API stages of the template, read once per lint. */
export function usagePlanStages(context: RuleContext, names: PlanNames): PlanStageIndex {
  return context.memo(`api-gateway:usage-plan-stages:${names.plan}`, () => build(context, names));
}

/**
 * The items that can change a stage's verdict, in source order: those filed under its API and names, and of each
 * class that applies to it, the first item (it alone makes the verdict unknown) and the first decisive one (the
 * earliest that can end the search). A stage whose API cannot be read finds every item unknown.
 */
export function planStageCandidates(
  index: PlanStageIndex,
  stage: Resource,
  apis: readonly (string | undefined)[],
  stageNames: readonly (string | undefined)[],
): PlanStage[] {
  const classes = apis.includes(undefined)
    ? [index.all]
    : stageNames.includes(undefined)
      ? [index.anyStage, index.literalName]
      : [index.anyStage];
  const lists: (readonly (PlanStage | undefined)[])[] = classes.map((one) => [one.first, one.firstDecisive]);
  for (const api of apis) {
    if (api === undefined) continue;
    lists.push(index.byApiAndStage.get(pairKey(api, `ref:${stage.id}`)));
    for (const name of stageNames)
      if (name !== undefined) lists.push(index.byApiAndStage.get(pairKey(api, `name:${name}`)));
  }
  return inSourceOrder(lists);
}

function build(context: RuleContext, names: PlanNames): PlanStageIndex {
  const values = context.values;
  const all: PlanStage[] = [];
  for (const plan of context.template.resources) {
    if (plan.type !== names.plan) continue;
    const planProperties = values.resolve(plan.properties, plan.anchor);
    const planThrottle = members(context, planProperties, names.planThrottle);
    for (const apiStage of members(context, planProperties, names.apiStages)) {
      if (apiStage.kind === 'absent') continue;
      const map = apiStage.kind === 'map';
      const api = map
        ? values
            .lookup([apiStage], names.apiId)
            .map((id) => identityOf(context, plan, id, [names.apiStages, names.apiId]))
        : [];
      const name = map ? values.lookup([apiStage], names.stage) : [];
      const unreadable = [...api, ...name.map((outcome) => identityOf(context, plan, outcome, []))].includes(undefined);
      const throttle = map ? [...members(context, [apiStage], names.stageThrottle), ...planThrottle] : [];
      const decisive = !map || throttle.some((outcome) => outcome.kind !== 'absent');
      all.push({ order: all.length, plan, planThrottle, apiStage, api, name, unreadable, decisive });
    }
  }
  const byApiAndStage = new KeyedIndex<PlanStage>();
  for (const item of all) {
    for (const api of item.api) {
      if (api === undefined) continue;
      for (const outcome of item.name) {
        if (outcome.kind === 'resource') byApiAndStage.add(pairKey(api, `ref:${outcome.id}`), item);
        const text = stringOf(outcome);
        if (text !== undefined) byApiAndStage.add(pairKey(api, `name:${text}`), item);
      }
    }
  }
  const classOf = (items: readonly PlanStage[]): Class => ({
    first: items[0],
    firstDecisive: items.find((item) => item.decisive),
  });
  return {
    all: classOf(all),
    anyStage: classOf(all.filter((item) => item.apiStage.kind !== 'map' || item.unreadable)),
    literalName: classOf(
      all.filter((item) => item.apiStage.kind === 'map' && item.name.some((outcome) => outcome.kind === 'scalar')),
    ),
    byApiAndStage,
  };
}
