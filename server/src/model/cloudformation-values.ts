import {
  entryOf,
  getValue,
  isMap,
  isSeq,
  scalarText,
  singleEntry,
  type MapNode,
  type SourceNode,
} from '../parsing/nodes';
import { ConditionTruths } from './cloudformation-conditions';
import type { Parameter } from './template';
import { type Outcome, type Step, type Truth, type ValueResolver, stringOf } from './values';

const NO_STEPS: readonly Step[] = Object.freeze([]);

/** Past this many outcomes for one value, the answer is "unknown": linear time beats an exhaustive answer. */
const MAX_OUTCOMES = 64;

interface TemplateFacts {
  readonly parameters: ReadonlyMap<string, Parameter>;
  readonly conditions: MapNode | undefined;
  readonly mappings: MapNode | undefined;
  hasResource(id: string): boolean;
}

/**
 * CloudFormation's value semantics. Parameter defaults are followed (a default is what deploys when nobody
 * overrides it); without one, each `AllowedValues` entry is an outcome; otherwise a parameter is unknown.
 * Conditions are decided from literals only; an undecided `Fn::If` yields both branches, each labelled.
 */
export class CloudFormationValues implements ValueResolver {
  private readonly conditions: ConditionTruths;

  constructor(private readonly facts: TemplateFacts) {
    this.conditions = new ConditionTruths(facts.conditions);
  }

  resolve(node: SourceNode | undefined, at: SourceNode): Outcome[] {
    return this.values(node, at, NO_STEPS, node ?? at);
  }

  lookup(from: readonly Outcome[], ...keys: string[]): Outcome[] {
    let current = from as Outcome[];
    for (const key of keys) {
      // Most lookups start from one value, whose member's values are then the answer as they are.
      if (current.length === 1) {
        current = cap(this.member(current[0] as Outcome, key));
        continue;
      }
      const next: Outcome[] = [];
      for (const outcome of current) next.push(...this.member(outcome, key));
      current = cap(next);
    }
    return current;
  }

  /** The values of `key` in one value: absent from a map that lacks it, unknown in anything but a map. */
  private member(outcome: Outcome, key: string): Outcome[] {
    if (outcome.kind === 'map') {
      const entry = entryOf(outcome.map, key);
      return entry === undefined
        ? [{ kind: 'absent', node: outcome.at, via: outcome.via }]
        : this.values(entry.value, entry.key, outcome.via, entry.value);
    }
    if (outcome.kind === 'absent') return [outcome];
    return [{ kind: 'unknown', node: outcome.node, via: outcome.via }];
  }

  condition(name: string): Truth {
    return this.conditions.truthOf(name);
  }

  private values(node: SourceNode | undefined, at: SourceNode, via: readonly Step[], report: SourceNode): Outcome[] {
    if (node === undefined) return [{ kind: 'absent', node: at, via }];
    switch (node.kind) {
      case 'scalar':
        return [{ kind: 'scalar', value: node.value, node: report, source: node, via }];
      case 'seq':
        return [{ kind: 'seq', seq: node, node: report, via }];
      case 'map': {
        const intrinsic = singleEntry(node);
        const name = intrinsic?.key.value;
        if (intrinsic === undefined || typeof name !== 'string' || (name !== 'Ref' && !name.startsWith('Fn::')))
          return [{ kind: 'map', map: node, at, node: report, via }];
        return this.intrinsicValues(node, name, intrinsic.value, at, via, report);
      }
    }
  }

  private intrinsicValues(
    node: MapNode,
    name: string,
    args: SourceNode,
    at: SourceNode,
    via: readonly Step[],
    report: SourceNode,
  ): Outcome[] {
    switch (name) {
      case 'Ref':
        return this.ref(scalarText(args), at, via, report);
      case 'Fn::If':
        return this.ifValues(args, at, via, report);
      case 'Fn::GetAtt': {
        const [id, attribute] = getAttParts(args);
        return id !== undefined && this.facts.hasResource(id)
          ? [{ kind: 'resource', id, attribute, node: report, via }]
          : unknown(report, via);
      }
      case 'Fn::Select': {
        if (!isSeq(args) || args.items.length !== 2) return unknown(report, via);
        const index = this.single(args.items[0], at, via);
        const list = args.items[1];
        if (index === undefined || !isSeq(list)) return unknown(report, via);
        const item = list.items[Number(index.text)];
        return /^\d+$/.test(index.text) && item !== undefined
          ? this.values(item, at, [...via, ...index.via], report)
          : unknown(report, via);
      }
      case 'Fn::FindInMap': {
        if (!isSeq(args) || args.items.length < 3) return unknown(report, via);
        const keys = args.items.slice(0, 3).map((item) => this.single(item, at, via));
        let target: SourceNode | undefined = this.facts.mappings;
        const steps = [...via];
        for (const key of keys) {
          if (key === undefined || !isMap(target)) return unknown(report, via);
          target = getValue(target, key.text);
          steps.push(...key.via);
        }
        return target === undefined ? unknown(report, via) : this.values(target, at, dedupe(steps), report);
      }
      case 'Fn::Sub':
      case 'Fn::Join': {
        const text = name === 'Fn::Sub' ? this.sub(args, at, via) : this.join(args, at, via);
        return text === undefined
          ? unknown(report, via)
          : [{ kind: 'scalar', value: text.text, node: report, source: node, via: text.via }];
      }
      default:
        return unknown(report, via);
    }
  }

  private ref(target: string | undefined, at: SourceNode, via: readonly Step[], report: SourceNode): Outcome[] {
    if (target === 'AWS::NoValue') return [{ kind: 'absent', node: at, via }];
    if (target === undefined) return [{ kind: 'unknown', node: report, via }];
    const parameter = this.facts.parameters.get(target);
    if (parameter !== undefined) return this.parameterValues(parameter, via, report);
    if (this.facts.hasResource(target))
      return [{ kind: 'resource', id: target, attribute: undefined, node: report, via }];
    return [{ kind: 'unknown', node: report, via }];
  }

  private parameterValues(parameter: Parameter, via: readonly Step[], report: SourceNode): Outcome[] {
    // List parameters deploy as lists; their defaults are comma-separated text, not a value a rule can read.
    if (parameter.type !== undefined && parameter.type.includes('List')) return unknown(report, via);
    const scalarOutcome = (source: SourceNode, from: 'default' | 'allowed'): Outcome => {
      const value = source.kind === 'scalar' ? source.value : null;
      const step: Step = { kind: 'parameter', name: parameter.name, source: from, value: String(value), node: source };
      return source.kind === 'scalar'
        ? { kind: 'scalar', value, node: report, source, via: [...via, step] }
        : { kind: 'unknown', node: report, via };
    };
    if (parameter.defaultValue !== undefined) return [scalarOutcome(parameter.defaultValue, 'default')];
    if (parameter.allowedValues !== undefined && parameter.allowedValues.length > 0) {
      return cap(parameter.allowedValues.map((value) => scalarOutcome(value, 'allowed')));
    }
    return unknown(report, via);
  }

  private ifValues(args: SourceNode, at: SourceNode, via: readonly Step[], report: SourceNode): Outcome[] {
    if (!isSeq(args) || args.items.length !== 3) return [{ kind: 'unknown', node: report, via }];
    const [conditionNode, whenTrue, whenFalse] = args.items as [SourceNode, SourceNode, SourceNode];
    const name = scalarText(conditionNode);
    if (name === undefined) return [{ kind: 'unknown', node: report, via }];
    const truth = this.condition(name);
    // A branch's value is reported on the branch itself, so a squiggle lands on the value that is wrong.
    if (truth === true) return this.values(whenTrue, at, via, whenTrue);
    if (truth === false) return this.values(whenFalse, at, via, whenFalse);
    return cap([
      ...this.values(whenTrue, at, [...via, { kind: 'condition', name, value: true, node: conditionNode }], whenTrue),
      ...this.values(
        whenFalse,
        at,
        [...via, { kind: 'condition', name, value: false, node: conditionNode }],
        whenFalse,
      ),
    ]);
  }

  /** The one string a node evaluates to, or undefined when it can take several or none is known. */
  private single(
    node: SourceNode | undefined,
    at: SourceNode,
    via: readonly Step[],
  ): { text: string; via: Step[] } | undefined {
    const outcomes = this.values(node, at, via, node ?? at);
    const only = outcomes.length === 1 ? outcomes[0] : undefined;
    const text = only === undefined ? undefined : stringOf(only);
    return text === undefined || only === undefined ? undefined : { text, via: [...only.via] };
  }

  private sub(args: SourceNode, at: SourceNode, via: readonly Step[]): { text: string; via: Step[] } | undefined {
    const pattern = isSeq(args) ? args.items[0] : args;
    const variables = isSeq(args) && isMap(args.items[1]) ? args.items[1] : undefined;
    const source = scalarText(pattern);
    if (source === undefined) return undefined;
    const steps: Step[] = [...via];
    let failed = false;
    const text = source.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      const bound = variables === undefined ? undefined : entryOf(variables, name);
      const value = bound !== undefined ? this.single(bound.value, at, via) : this.subVariable(name, at, via);
      if (value === undefined) {
        failed = true;
        return whole;
      }
      steps.push(...value.via);
      return value.text;
    });
    return failed ? undefined : { text, via: dedupe(steps) };
  }

  private subVariable(name: string, at: SourceNode, via: readonly Step[]): { text: string; via: Step[] } | undefined {
    const parameter = this.facts.parameters.get(name);
    if (parameter === undefined) return undefined;
    const outcomes = this.parameterValues(parameter, via, at);
    const only = outcomes.length === 1 ? outcomes[0] : undefined;
    const text = only === undefined ? undefined : stringOf(only);
    return text === undefined || only === undefined ? undefined : { text, via: [...only.via] };
  }

  private join(args: SourceNode, at: SourceNode, via: readonly Step[]): { text: string; via: Step[] } | undefined {
    if (!isSeq(args) || args.items.length !== 2) return undefined;
    const [delimiterNode, list] = args.items as [SourceNode, SourceNode];
    const delimiter = scalarText(delimiterNode) ?? (isScalar0(delimiterNode) ? '' : undefined);
    if (delimiter === undefined || !isSeq(list)) return undefined;
    const parts: string[] = [];
    const steps: Step[] = [...via];
    for (const item of list.items) {
      const part = this.single(item, at, via);
      if (part === undefined) return undefined;
      parts.push(part.text);
      steps.push(...part.via);
    }
    return { text: parts.join(delimiter), via: dedupe(steps) };
  }
}

function unknown(node: SourceNode, via: readonly Step[]): Outcome[] {
  return [{ kind: 'unknown', node, via }];
}

function isScalar0(node: SourceNode): boolean {
  return node.kind === 'scalar' && node.value === null;
}

function getAttParts(args: SourceNode): [string | undefined, string | undefined] {
  if (isSeq(args)) return [scalarText(args.items[0]), scalarText(args.items[1])];
  const text = scalarText(args);
  if (text === undefined) return [undefined, undefined];
  const dot = text.indexOf('.');
  return dot === -1 ? [text, undefined] : [text.slice(0, dot), text.slice(dot + 1)];
}

function cap(outcomes: Outcome[]): Outcome[] {
  if (outcomes.length <= MAX_OUTCOMES) return outcomes;
  const first = outcomes[0] as Outcome;
  return [{ kind: 'unknown', node: first.node, via: [] }];
}

function dedupe(steps: Step[]): Step[] {
  const seen = new Set<string>();
  return steps.filter((step) => {
    const key = `${step.kind}:${step.name}:${step.kind === 'condition' ? step.value : step.source}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
