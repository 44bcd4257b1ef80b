import type { Template } from '../model/template';
import { sameStep, type Outcome, type Step, type ValueResolver } from '../model/values';
import { entryOf, type SeqNode, type SourceNode } from '../parsing/nodes';
import { flat } from './lists';

/**
 * Joins two accounts of how values were reached. Undefined when they contradict — a condition both true and
 * false, a parameter with two values — because no single deployment takes both, so a rule that combined them
 * would report a finding nobody can deploy.
 */
export function joinSteps(a: readonly Step[], b: readonly Step[]): readonly Step[] | undefined {
  // Most values depend on no decision at all: nothing to join, and the steps are shared rather than copied.
  if (b.length === 0) return a;
  if (a.length === 0 && b.length === 1) return b;
  // Plain loops: with many conditions in play, this runs for every pair of values a rule combines.
  const joined = [...a];
  for (const step of b) {
    for (const other of a) if (contradicts(other, step)) return undefined;
    if (!includesStep(joined, step)) joined.push(step);
  }
  return joined;
}

function includesStep(steps: readonly Step[], step: Step): boolean {
  for (const other of steps) if (sameStep(other, step)) return true;
  return false;
}

/**
 * The outcomes that can occur together with `via`, each carrying the joined steps. A single outcome that keeps its
 * own steps comes back in the list it came in (the usual case: no condition on either side), rather than a copy.
 */
export function along(outcomes: readonly Outcome[], via: readonly Step[]): readonly Outcome[] {
  if (outcomes.length === 1) {
    const outcome = outcomes[0] as Outcome;
    const joined = joinSteps(via, outcome.via);
    if (joined === undefined) return NONE;
    return sameSteps(outcome.via, joined) ? outcomes : [{ ...outcome, via: joined }];
  }
  const result: Outcome[] = [];
  for (const outcome of outcomes) {
    const joined = joinSteps(via, outcome.via);
    if (joined !== undefined) result.push(withSteps(outcome, joined));
  }
  return result;
}

const NONE: readonly Outcome[] = Object.freeze([]);

/** Most combinations of branch values a rule explores for one rule item; past it, the item is unknown. */
export const MAX_COMBINATIONS = 256;

/**
 * The consistent combinations of several properties' values, one outcome from each list per combination, each
 * outcome carrying the steps of the whole combination. Bounded: when more than MAX_COMBINATIONS would exist —
 * only a template built to explode can get there — the answer is "unknown" (an empty list), never a hang.
 */
export function combinations(lists: readonly (readonly Outcome[])[], via: readonly Step[] = []): Outcome[][] {
  let branching = false;
  for (const list of lists) if (list.length !== 1) branching = true;
  if (!branching) return single(lists, via);
  // Depth first, in the order a breadth-first product would list them: one array per combination rather than a
  // copy of every partial one at every depth. The bound is the breadth-first one, on the consistent partial
  // combinations of each depth.
  const found: Outcome[][] = [];
  const counts = new Array<number>(lists.length).fill(0);
  const chosen: Outcome[] = [];
  const visit = (depth: number, steps: readonly Step[]): boolean => {
    const list = lists[depth];
    if (list === undefined) {
      found.push(chosen.map((outcome) => withSteps(outcome, steps)));
      return true;
    }
    for (const outcome of list) {
      const joined = joinSteps(steps, outcome.via);
      if (joined === undefined) continue;
      const count = (counts[depth] ?? 0) + 1;
      if (count > MAX_COMBINATIONS) return false;
      counts[depth] = count;
      chosen[depth] = outcome;
      if (!visit(depth + 1, joined)) return false;
    }
    return true;
  };
  return visit(0, via) ? found : [];
}

/** `combinations` of lists of one outcome each: the one combination, or none when its steps contradict. */
function single(lists: readonly (readonly Outcome[])[], via: readonly Step[]): Outcome[][] {
  let joined: readonly Step[] | undefined = via;
  for (const list of lists) {
    joined = joinSteps(joined, (list[0] as Outcome).via);
    if (joined === undefined) return [];
  }
  const steps = joined;
  return [lists.map((list) => withSteps(list[0] as Outcome, steps))];
}

/**
 * The values of each item of a sequence, reached along `via`. `at` is where a finding about something an item
 * lacks goes: the key that names the sequence, since items have no key of their own.
 */
export function itemValues(
  values: ValueResolver,
  seq: SeqNode,
  at: SourceNode,
  via: readonly Step[],
): (readonly Outcome[])[] {
  return seq.items.map((item) => along(values.resolve(item, at), via));
}

/** The outcome reached along `steps` (the join of its own steps with others'): itself when they are its own. */
export function withSteps(outcome: Outcome, steps: readonly Step[]): Outcome {
  return sameSteps(outcome.via, steps) ? outcome : { ...outcome, via: steps };
}

/** `itemValues(…).flat()`, without the list of lists: every value of every item, in order. */
export function itemOutcomes(values: ValueResolver, seq: SeqNode, at: SourceNode, via: readonly Step[]): Outcome[] {
  return flat(itemValues(values, seq, at, via));
}

/** Whether an outcome already carries exactly these steps, so that it can stand for itself rather than a copy. */
function sameSteps(a: readonly Step[], b: readonly Step[]): boolean {
  return a === b || (a.length === 0 && b.length === 0);
}

function contradicts(a: Step, b: Step): boolean {
  return a.kind === b.kind && a.name === b.name && String(a.value) !== String(b.value);
}

/**
 * Whether `key` is certainly absent below a resource's resolved properties: one map, reached on no branch, that does
 * not write it. Its one value would be absent with no steps, which joins no step to a combination and fails none, so
 * a rule that only acts on a written value may skip reading it. Never in a plan, whose model may read a key it
 * lacks as known only after apply.
 */
export function unwritten(properties: readonly Outcome[], key: string, template: Template): boolean {
  const only = properties.length === 1 ? properties[0] : undefined;
  return (
    only?.kind === 'map' &&
    only.via.length === 0 &&
    template.format !== 'terraform-plan' &&
    entryOf(only.map, key) === undefined
  );
}
