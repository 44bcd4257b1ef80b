import { isSeq, scalarText, type MapEntry, type ScalarValue, type SourceNode } from '../parsing/nodes';
import type { Resource } from './template';

/** One place where a resource points at another (`Ref`, `Fn::GetAtt`, `Fn::Sub`). */
export interface Reference {
  readonly from: Resource;
  readonly to: string;
  readonly attribute: string | undefined;
  /** The intrinsic that refers. */
  readonly node: SourceNode;
  /** Keys from the resource body down to the reference, e.g. `['Properties', 'GroupId']`. */
  readonly path: readonly string[];
}

/** Answers "which resources point at this one", built on first use so rules that never ask pay nothing. */
export interface ReferenceIndex {
  to(id: string): readonly Reference[];
  from(id: string): readonly Reference[];
}

const NONE: readonly Reference[] = [];

interface Indexes {
  readonly byTarget: ReadonlyMap<string, readonly Reference[]>;
  readonly bySource: ReadonlyMap<string, readonly Reference[]>;
}

/** A reference index over the references an adapter lists, built on first use. */
export class ListedReferences implements ReferenceIndex {
  private indexes: Indexes | undefined;

  constructor(private readonly list: () => readonly Reference[]) {}

  to(id: string): readonly Reference[] {
    return this.index().byTarget.get(id) ?? NONE;
  }

  from(id: string): readonly Reference[] {
    return this.index().bySource.get(id) ?? NONE;
  }

  private index(): Indexes {
    if (this.indexes === undefined) {
      const byTarget = new Map<string, Reference[]>();
      const bySource = new Map<string, Reference[]>();
      for (const reference of this.list()) {
        push(byTarget, reference.to, reference);
        push(bySource, reference.from.id, reference);
      }
      this.indexes = { byTarget, bySource };
    }
    return this.indexes;
  }
}

/** The references of a CloudFormation template: `Ref`, `Fn::GetAtt` and `Fn::Sub` to its own resources. */
export function cloudFormationReferences(
  resources: readonly Resource[],
  isResource: (id: string) => boolean,
): Reference[] {
  const found: Reference[] = [];
  for (const resource of resources) new ReferenceWalk(resource, found, isResource, undefined).walk(resource.node);
  return found;
}

/**
 * The references of one CloudFormation resource whose path begins with one of `prefixes` (keys from the resource
 * body, e.g. `['Properties', 'LoggingConfiguration']`), as `cloudFormationReferences` lists them; only the parts
 * of the resource those paths can lead into are walked, so a rule that cares about a few properties does not pay
 * for an index of the whole template.
 */
export function cloudFormationReferencesUnder(
  resource: Resource,
  prefixes: readonly (readonly string[])[],
  isResource: (id: string) => boolean,
): Reference[] {
  const found: Reference[] = [];
  new ReferenceWalk(resource, found, isResource, prefixes).walk(resource.node);
  return found.filter((reference) => prefixes.some((prefix) => startsWith(reference.path, prefix)));
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((key, i) => path[i] === key);
}

function push(map: Map<string, Reference[]>, key: string, reference: Reference): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [reference]);
  else list.push(reference);
}

/** The functions that refer to resources. */
const REFERRING: ReadonlySet<ScalarValue> = new Set(['Ref', 'Fn::GetAtt', 'Fn::Sub']);

const SUB_VARIABLE = /\$\{([^!}][^}.]*)(?:\.([^}]*))?\}/g;

/**
 * One resource's walk. The index visits every node of the template, so it keeps one path stack and copies it
 * only where a reference is found. With `prefixes`, it skips whatever no path starting with one of them reaches.
 */
class ReferenceWalk {
  private readonly path: string[] = [];

  constructor(
    private readonly resource: Resource,
    private readonly found: Reference[],
    private readonly isResource: (id: string) => boolean,
    private readonly prefixes: readonly (readonly string[])[] | undefined,
  ) {}

  walk(node: SourceNode): void {
    // Scalars hold no reference, so the loops step over them without a call; this walk visits every node.
    if (node.kind === 'map') {
      const entries = node.entries;
      const only = entries.length === 1 ? (entries[0] as MapEntry) : undefined;
      if (only !== undefined && REFERRING.has(only.key.value)) {
        this.intrinsic(node, only.key.value, only.value);
        return;
      }
      for (const entry of entries) {
        if (entry.value.kind === 'scalar') continue;
        const key = entry.key.value;
        this.child(typeof key === 'string' ? key : (scalarText(entry.key) ?? ''), entry.value);
      }
    } else if (node.kind === 'seq') {
      const items = node.items;
      for (let index = 0; index < items.length; index++) {
        const item = items[index] as SourceNode;
        if (item.kind !== 'scalar') this.child(String(index), item);
      }
    }
  }

  private child(key: string, node: SourceNode): void {
    this.path.push(key);
    if (this.prefixes === undefined || this.mayReach(this.prefixes)) this.walk(node);
    this.path.pop();
  }

  /** Whether the current path can still lead to a path that starts with one of `prefixes`. */
  private mayReach(prefixes: readonly (readonly string[])[]): boolean {
    const path = this.path;
    for (const prefix of prefixes) {
      const length = Math.min(path.length, prefix.length);
      let i = 0;
      while (i < length && path[i] === prefix[i]) i++;
      if (i === length) return true;
    }
    return false;
  }

  /** Records the references of a `Ref`, `Fn::GetAtt` or `Fn::Sub`. */
  private intrinsic(node: SourceNode, name: ScalarValue, args: SourceNode): void {
    if (name === 'Ref') {
      this.add(node, scalarText(args), undefined);
    } else if (name === 'Fn::GetAtt') {
      if (isSeq(args)) this.add(node, scalarText(args.items[0]), scalarText(args.items[1]));
      else {
        const [to, attribute] = (scalarText(args) ?? '').split(/\.(.*)/s);
        this.add(node, to, attribute);
      }
    } else {
      const pattern = scalarText(isSeq(args) ? args.items[0] : args) ?? '';
      if (pattern.includes('${'))
        for (const match of pattern.matchAll(SUB_VARIABLE)) this.add(node, match[1], match[2]);
      if (isSeq(args) && args.items[1] !== undefined) this.walk(args.items[1]);
    }
  }

  private add(node: SourceNode, to: string | undefined, attribute: string | undefined): void {
    if (to !== undefined && this.isResource(to))
      this.found.push({ from: this.resource, to, attribute, node, path: [...this.path] });
  }
}
