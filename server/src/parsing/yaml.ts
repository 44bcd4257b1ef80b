import * as jsyaml from 'js-yaml';
import { type Limits, raiseHint, ReadError } from './errors';
import type { SourceNode } from './nodes';
import { RAIN_PREFIX, SHORT_FORM_TAGS } from './short-form-tags';
import { readBlockYaml } from './yaml-block';
import { type ListenerState, TreeBuilder } from './yaml-tree';

export { SHORT_FORM_TAGS } from './short-form-tags';

/**
 * Reads YAML into the source tree with exact offsets. Block-style templates, most of them, are read straight
 * into the tree (`readBlockYaml`, about half a bare js-yaml load); any other text on `js-yaml`'s fast path: its
 * `listener` reports every node's open and close, and the tree is built from those events (~1.5× a bare load,
 * against ~10× for the `yaml` package's document, which is kept for edits only). Both give the same tree.
 * CloudFormation short-form tags become the long form (`!Ref x` → `{ Ref: x }`, marked `shortForm`). Depth and
 * alias expansion are bounded while parsing, so neither a deep document nor a "billion laughs" can exhaust the
 * stack or the heap.
 */
export function readYaml(text: string, limits: Pick<Limits, 'maxDepth' | 'maxAliases'>): SourceNode {
  return readBlockYaml(text, limits.maxDepth) ?? readYamlWithJsYaml(text, limits);
}

/** `readYaml` on js-yaml's path alone, whatever the text: the reference the block reader is tested against. */
export function readYamlWithJsYaml(text: string, limits: Pick<Limits, 'maxDepth' | 'maxAliases'>): SourceNode {
  const builder = new TreeBuilder(text, limits);
  try {
    const options: jsyaml.LoadOptions & { maxDepth: number } = {
      schema: CLOUDFORMATION_SCHEMA,
      // A safety net for the stack (js-yaml ≥ 4.3). It counts parse attempts, not nodes (a flow entry or a
      // compact mapping is probed more than once), so the exact limit is enforced on the built tree instead.
      maxDepth: limits.maxDepth * 3 + 10,
      listener: (event, state) => {
        if (event === 'open') {
          builder.open(state.position);
          return;
        }
        const live = state as unknown as ListenerState;
        builder.close(live);
        // js-yaml's own result is never read, yet it would stay reachable to the end of the parse, doubling what
        // the garbage collector copies: a closed mapping hands its parent a stand-in instead. js-yaml only
        // tests a child mapping for null, or turns it into the key "[object Object]", which the stand-in
        // gives alike (CORE_SCHEMA has no merge key, the one reader of a mapping's content).
        if (live.kind === 'mapping') live.result = CLOSED_MAPPING;
      },
    };
    jsyaml.load(text, options);
  } catch (error) {
    if (error instanceof ReadError) throw error;
    if (error instanceof jsyaml.YAMLException) {
      // The mark may sit on the line break js-yaml appends to a text that lacks one.
      const offset = Math.min(error.mark?.position ?? 0, text.length);
      if (/maxDepth/.test(error.reason)) {
        throw new ReadError('limit', `nesting deeper than ${limits.maxDepth} levels${raiseHint('maxDepth')}`, offset);
      }
      const unknownTag = /unknown tag !<(!?[^>]*)>/.exec(error.reason)?.[1];
      // js-yaml marks the end of the tagged node; the tag itself is what the user must change.
      const tagAt = unknownTag === undefined ? -1 : text.lastIndexOf(unknownTag, offset);
      throw new ReadError(
        'parse',
        `${error.reason.replace(/!<(!?[^>]*)>/, '$1')} in YAML`,
        tagAt >= 0 ? tagAt : offset,
      );
    }
    throw error;
  }
  return builder.root();
}

/** What js-yaml keeps of a closed mapping (see the listener). */
const CLOSED_MAPPING: object = Object.freeze({});

const KINDS = ['scalar', 'sequence', 'mapping'] as const;

const CLOUDFORMATION_SCHEMA = jsyaml.CORE_SCHEMA.extend([
  // The tree is built from the events; js-yaml's own result only has to carry the raw data.
  ...[...SHORT_FORM_TAGS.keys()].flatMap((tag) =>
    KINDS.map((kind) => new jsyaml.Type(tag, { kind, construct: (data: unknown) => data })),
  ),
  ...KINDS.map((kind) => new jsyaml.Type(RAIN_PREFIX, { kind, multi: true, construct: (data: unknown) => data })),
]);
