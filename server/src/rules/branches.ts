import { sameStep, type Outcome, type Step, type ValueResolver } from '../model/values';
import type { SeqNode, SourceNode } from '../parsing/nodes';

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

/** The outcomes that can occur together with `via`, each carrying the joined steps. */
export function along(outcomes: readonly Outcome[], via: readonly Step[]): Outcome[] {
  if (outcomes.length === 1) {
    const outcome = outcomes[0] as Outcome;
    const joined = joinSteps(via, outcome.via);
    return joined === undefined ? [] : [sameSteps(outcome.via, joined) ? outcome : { ...outcome, via: joined }];
  }
  const result: Outcome[] = [];
  for (const outcome of outcomes) {
    const joined = joinSteps(via, outcome.via);
    if (joined !== undefined) result.push(sameSteps(outcome.via, joined) ? outcome : { ...outcome, via: joined });
  }
  return result;
}

/** Most combinations of branch values a rule explores for one rule item; past it, the item is unknown. */
export const MAX_COMBINATIONS = 256;

/**
 * The consistent combinations of several properties' values, one outcome from each list per combination, each
 * outcome carrying the steps of the whole combination. Bounded: when more than MAX_COMBINATIONS would exist —
 * only a template built to explode can get there — the answer is "unknown" (an empty list), never a hang.
 */
export function combinations(lists: readonly (readonly Outcome[])[], via: readonly Step[] = []): Outcome[][] {
  if (lists.every((list) => list.length === 1)) return single(lists, via);
  let partial: { values: Outcome[]; via: readonly Step[] }[] = [{ values: [], via }];
  for (const list of lists) {
    const next: typeof partial = [];
    for (const combination of partial) {
      for (const outcome of list) {
        const joined = joinSteps(combination.via, outcome.via);
        if (joined === undefined) continue;
        if (next.length === MAX_COMBINATIONS) return [];
        next.push({ values: [...combination.values, outcome], via: joined });
      }
    }
    partial = next;
  }
  return partial.map(({ values, via: joined }) =>
    values.map((outcome) => (sameSteps(outcome.via, joined) ? outcome : { ...outcome, via: joined })),
  );
}

/** `combinations` of lists of one outcome each: the one combination, or none when its steps contradict. */
function single(lists: readonly (readonly Outcome[])[], via: readonly Step[]): Outcome[][] {
  let joined: readonly Step[] | undefined = via;
  for (const list of lists) {
    joined = joinSteps(joined, (list[0] as Outcome).via);
    if (joined === undefined) return [];
  }
  const steps = joined;
  return [
    lists.map((list) => {
      const outcome = list[0] as Outcome;
      return sameSteps(outcome.via, steps) ? outcome : { ...outcome, via: steps };
    }),
  ];
}

/**
 * The values of each item of a sequence, reached along `via`. `at` is where a finding about something an item
 * lacks goes: the key that names the sequence, since items have no key of their own.
 */
export function itemValues(values: ValueResolver, seq: SeqNode, at: SourceNode, via: readonly Step[]): Outcome[][] {
  return seq.items.map((item) => along(values.resolve(item, at), via));
}

/** Whether an outcome already carries exactly these steps, so that it can stand for itself rather than a copy. */
function sameSteps(a: readonly Step[], b: readonly Step[]): boolean {
  return a === b || (a.length === 0 && b.length === 0);
}

function contradicts(a: Step, b: Step): boolean {
  return a.kind === b.kind && a.name === b.name && String(a.value) !== String(b.value);
}
