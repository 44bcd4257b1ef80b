import { isMap, isSeq, scalarText, singleEntry, type SourceNode } from '../parsing/nodes';
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

/** A reference index over the references an adapter lists, built on first use. */
export class ListedReferences implements ReferenceIndex {
  private byTarget: Map<string, Reference[]> | undefined;
  private bySource: Map<string, Reference[]> | undefined;

  constructor(private readonly list: () => readonly Reference[]) {}

  to(id: string): readonly Reference[] {
    return this.index().byTarget.get(id) ?? NONE;
  }

  from(id: string): readonly Reference[] {
    return this.index().bySource.get(id) ?? NONE;
  }

  private index(): { byTarget: Map<string, Reference[]>; bySource: Map<string, Reference[]> } {
    if (this.byTarget === undefined || this.bySource === undefined) {
      const byTarget = new Map<string, Reference[]>();
      const bySource = new Map<string, Reference[]>();
      for (const reference of this.list()) {
        push(byTarget, reference.to, reference);
        push(bySource, reference.from.id, reference);
      }
      this.byTarget = byTarget;
      this.bySource = bySource;
    }
    return { byTarget: this.byTarget, bySource: this.bySource };
  }
}

/** The references of a CloudFormation template: `Ref`, `Fn::GetAtt` and `Fn::Sub` to its own resources. */
export function cloudFormationReferences(
  resources: readonly Resource[],
  isResource: (id: string) => boolean,
): Reference[] {
  const found: Reference[] = [];
  for (const resource of resources) walk(resource, resource.node, [], found, isResource);
  return found;
}

function push(map: Map<string, Reference[]>, key: string, reference: Reference): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [reference]);
  else list.push(reference);
}

function walk(
  resource: Resource,
  node: SourceNode,
  path: string[],
  found: Reference[],
  isResource: (id: string) => boolean,
): void {
  if (isSeq(node)) {
    node.items.forEach((item, index) => walk(resource, item, [...path, String(index)], found, isResource));
    return;
  }
  if (!isMap(node)) return;
  const intrinsic = singleEntry(node);
  if (intrinsic !== undefined) {
    const add = (to: string | undefined, attribute: string | undefined): void => {
      if (to !== undefined && isResource(to)) found.push({ from: resource, to, attribute, node, path });
    };
    switch (intrinsic.key.value) {
      case 'Ref':
        add(scalarText(intrinsic.value), undefined);
        return;
      case 'Fn::GetAtt': {
        const args = intrinsic.value;
        if (isSeq(args)) add(scalarText(args.items[0]), scalarText(args.items[1]));
        else {
          const [to, attribute] = (scalarText(args) ?? '').split(/\.(.*)/s);
          add(to, attribute);
        }
        return;
      }
      case 'Fn::Sub': {
        const args = intrinsic.value;
        const pattern = scalarText(isSeq(args) ? args.items[0] : args) ?? '';
        for (const match of pattern.matchAll(/\$\{([^!}][^}.]*)(?:\.([^}]*))?\}/g)) add(match[1], match[2]);
        if (isSeq(args) && args.items[1] !== undefined) walk(resource, args.items[1], path, found, isResource);
        return;
      }
      default:
        break;
    }
  }
  for (const entry of node.entries) {
    const key = scalarText(entry.key) ?? '';
    walk(resource, entry.value, [...path, key], found, isResource);
  }
}
