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

export class CloudFormationReferences implements ReferenceIndex {
  private byTarget: Map<string, Reference[]> | undefined;
  private bySource: Map<string, Reference[]> | undefined;

  constructor(
    private readonly resources: readonly Resource[],
    private readonly isResource: (id: string) => boolean,
  ) {}

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
      for (const resource of this.resources) {
        const found: Reference[] = [];
        this.walk(resource, resource.node, [], found);
        if (found.length > 0) bySource.set(resource.id, found);
        for (const reference of found) {
          const list = byTarget.get(reference.to);
          if (list === undefined) byTarget.set(reference.to, [reference]);
          else list.push(reference);
        }
      }
      this.byTarget = byTarget;
      this.bySource = bySource;
    }
    return { byTarget: this.byTarget, bySource: this.bySource };
  }

  private walk(resource: Resource, node: SourceNode, path: string[], found: Reference[]): void {
    if (isSeq(node)) {
      node.items.forEach((item, index) => this.walk(resource, item, [...path, String(index)], found));
      return;
    }
    if (!isMap(node)) return;
    const intrinsic = singleEntry(node);
    if (intrinsic !== undefined) {
      const add = (to: string | undefined, attribute: string | undefined): void => {
        if (to !== undefined && this.isResource(to)) found.push({ from: resource, to, attribute, node, path });
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
          if (isSeq(args) && args.items[1] !== undefined) this.walk(resource, args.items[1], path, found);
          return;
        }
        default:
          break;
      }
    }
    for (const entry of node.entries) {
      const key = scalarText(entry.key) ?? '';
      this.walk(resource, entry.value, [...path, key], found);
    }
  }
}
