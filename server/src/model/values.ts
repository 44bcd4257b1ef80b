import type { MapNode, ScalarNode, ScalarValue, SeqNode, SourceNode } from '../parsing/nodes';

/**
 * How a value was reached when it depends on a decision the template leaves open: a branch of a condition,
 * or a parameter's default or one of its allowed values. Findings name these, so a user sees which
 * deployment is affected.
 */
export type Step =
  | { readonly kind: 'condition'; readonly name: string; readonly value: boolean; readonly node: SourceNode }
  | {
      readonly kind: 'parameter';
      readonly name: string;
      readonly source: 'default' | 'allowed';
      readonly value: string;
      readonly node: SourceNode;
      /** What the dialect calls it: a CloudFormation parameter, a Terraform variable. */
      readonly label?: 'variable';
    };

interface OutcomeBase {
  /** Where a finding about this value goes: the node in the resource that holds (or leads to) it. */
  readonly node: SourceNode;
  readonly via: readonly Step[];
}

/**
 * One value a node can take. Values have three answers: known (`scalar`, `map`, `seq`, `resource`), absent
 * (not written, or `AWS::NoValue`), and `unknown`, which never produces a finding.
 */
export type Outcome =
  | (OutcomeBase & { readonly kind: 'absent' })
  | (OutcomeBase & { readonly kind: 'unknown' })
  | (OutcomeBase & { readonly kind: 'scalar'; readonly value: ScalarValue; readonly source: SourceNode })
  /** `at`: the key that names the map, where a finding about a member it lacks goes. */
  | (OutcomeBase & { readonly kind: 'map'; readonly map: MapNode; readonly at: SourceNode })
  | (OutcomeBase & { readonly kind: 'seq'; readonly seq: SeqNode })
  | (OutcomeBase & { readonly kind: 'resource'; readonly id: string; readonly attribute: string | undefined });

/** Answers what values nodes take, in the dialect's own semantics. */
export interface ValueResolver {
  /**
   * Every value `node` can take. An undefined node is absent, reported at `at` (the key of the map that
   * lacks it).
   */
  resolve(node: SourceNode | undefined, at: SourceNode): Outcome[];
  /** Walks keys down from the values of `from`, through conditional values at every level. */
  lookup(from: readonly Outcome[], ...keys: string[]): Outcome[];
  /** Decides a named condition from literals alone. */
  condition(name: string): Truth;
}

export type Truth = true | false | 'unknown';

/** Reads a scalar as a boolean the way CloudFormation coerces it (`true`, `"true"`, `"True"`). */
export function truthOf(outcome: Outcome): Truth {
  if (outcome.kind !== 'scalar') return 'unknown';
  const value = outcome.value;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return 'unknown';
}

/** Reads a scalar as an integer (`22`, `"22"`); undefined when it is not one. */
export function integerOf(outcome: Outcome): number | undefined {
  if (outcome.kind !== 'scalar') return undefined;
  const value =
    typeof outcome.value === 'string' && /^-?\d+$/.test(outcome.value.trim()) ? Number(outcome.value) : outcome.value;
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** Reads a scalar as a string (numbers and booleans in canonical form); undefined for anything else. */
export function stringOf(outcome: Outcome): string | undefined {
  return outcome.kind === 'scalar' && outcome.value !== null ? String(outcome.value) : undefined;
}

/** A one-line account of the steps, for messages: "when condition IsProd is false, with parameter X's default". */
export function describeSteps(steps: readonly Step[]): string {
  // Concatenated rather than mapped and joined: every finding that depends on a decision is described.
  let text = '';
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as Step;
    if (i > 0) text += ', ';
    text +=
      step.kind === 'condition'
        ? `when condition ${step.name} is ${step.value}`
        : step.source === 'default'
          ? `by the default of ${step.label ?? 'parameter'} ${step.name}`
          : `when ${step.label ?? 'parameter'} ${step.name} is '${step.value}'`;
  }
  return text;
}

export function stepKey(step: Step): string {
  return step.kind === 'condition' ? `c:${step.name}:${step.value}` : `p:${step.name}:${step.source}:${step.value}`;
}

/**
 * Whether two steps are one decision: `stepKey(a) === stepKey(b)`, decided without building either key (steps are
 * compared for every pair of values a rule combines). Only names with a colon in them need the keys themselves.
 */
export function sameStep(a: Step, b: Step): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  if (a.name !== b.name) return (a.name.includes(':') || b.name.includes(':')) && stepKey(a) === stepKey(b);
  if (a.kind === 'condition' || b.kind === 'condition') return String(a.value) === String(b.value);
  return a.source === b.source && String(a.value) === String(b.value);
}

export type { ScalarNode };
