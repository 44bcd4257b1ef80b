import { applyEdits, fixEdits, type Change } from '../../src/edits/index';
import { readDocument } from '../../src/parsing/detect';
import { DEFAULT_LIMITS } from '../../src/parsing/errors';
import type { MapEntry, ScalarNode, SourceNode } from '../../src/parsing/nodes';

/** A step down the source tree: a map key, or a sequence index. */
export type Step = string | number;

/** The node at a path of keys and indexes, in the text as the linter reads it (so ranges match the engine's). */
export function nodeAt(text: string, file: string, ...path: Step[]): SourceNode {
  return walk(text, file, path).node;
}

/** The key node of the last step of a path: where a `remove` change points. */
export function keyAt(text: string, file: string, ...path: Step[]): ScalarNode {
  const key = walk(text, file, path).key;
  if (key === undefined) throw new Error(`${path.join('.')} does not end in a key`);
  return key;
}

/** The text after one fix made of `changes`, through the public builder. */
export function edit(text: string, file: string, ...changes: Change[]): string {
  return applyEdits(text, fixEdits(text, file, { title: 'test fix', safe: true, changes }));
}

function walk(text: string, file: string, path: readonly Step[]): { node: SourceNode; key: ScalarNode | undefined } {
  const outcome = readDocument(text, file, DEFAULT_LIMITS);
  if (outcome.kind !== 'document') throw new Error(`not a template: ${JSON.stringify(outcome)}`);
  let node: SourceNode = outcome.document.root;
  let key: ScalarNode | undefined;
  for (const step of path) {
    if (typeof step === 'number') {
      if (node.kind !== 'seq') throw new Error(`${step}: not a sequence`);
      node = node.items[step] as SourceNode;
      key = undefined;
    } else {
      if (node.kind !== 'map') throw new Error(`${step}: not a map`);
      const entry: MapEntry | undefined = node.entries.find((candidate) => candidate.key.value === step);
      if (entry === undefined) throw new Error(`no key ${step}`);
      key = entry.key;
      node = entry.value;
    }
  }
  return { node, key };
}
