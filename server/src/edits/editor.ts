import { entryOf, type MapEntry, type MapNode, type SourceNode } from '../parsing/nodes';
import { DEFAULT_LIMITS, type Limits } from '../parsing/errors';
import { insertBlockEntry, removeBlockEntry, replaceInBlock } from './block-edits';
import type { Change, FixProposal, JsonValue, TextEdit } from './changes';
import { EditDocument, EditError } from './document';
import { insertFlowEntry, removeFlowEntry, replaceInFlow, type FlowWriter } from './flow-edits';
import { JsonRenderer } from './render-json';
import { YamlRenderer } from './render-yaml';
import { jsonStyle, yamlStyle } from './style';
import { isIntrinsic, nested, sameValue } from './values';

/** Top-level sections that CloudFormation's template anatomy lists after `Parameters`: a new one goes before them. */
const AFTER_PARAMETERS = ['Rules', 'Mappings', 'Conditions', 'Transform', 'Resources', 'Outputs'];

/**
 * Turns fixes into minimal text edits on one text, in the file's own style. It reads the text once (with the
 * same reader as the linter, so ranges in changes are found exactly) and can then serve many fixes; every
 * change is worked out against that one reading, so the changes of one fix must not touch the same place.
 */
export class FixEditor {
  private readonly doc: EditDocument;
  private readonly yaml: YamlRenderer | undefined;
  private readonly flow: FlowWriter;

  constructor(text: string, file: string, limits: Limits = DEFAULT_LIMITS) {
    this.doc = new EditDocument(text, file, limits);
    if (this.doc.syntax === 'json') {
      this.yaml = undefined;
      this.flow = jsonWriter(new JsonRenderer(jsonStyle(this.doc)));
    } else {
      const yaml = new YamlRenderer(yamlStyle(this.doc));
      this.yaml = yaml;
      this.flow = yamlFlowWriter(yaml);
    }
  }

  /** The edits of one fix, sorted, with insertions at one place joined in the order of its changes. */
  edits(fix: FixProposal): TextEdit[] {
    const edits = fix.changes.flatMap((change) => this.change(change)).map((edit, order) => ({ edit, order }));
    edits.sort((a, b) => a.edit.start - b.edit.start || a.order - b.order);
    const merged: TextEdit[] = [];
    for (const { edit } of edits) {
      const previous = merged.at(-1);
      if (
        previous !== undefined &&
        previous.start === edit.start &&
        previous.end === edit.start &&
        edit.end === edit.start
      ) {
        merged[merged.length - 1] = { start: edit.start, end: edit.end, text: previous.text + edit.text };
      } else if (previous !== undefined && edit.start < previous.end) {
        throw new EditError(`the changes of "${fix.title}" overlap`);
      } else {
        merged.push(edit);
      }
    }
    return merged;
  }

  private change(change: Change): TextEdit[] {
    switch (change.kind) {
      case 'set':
        return this.set(this.plainMap(this.doc.mapAt(change.map)), change.path, change.value);
      case 'replace': {
        const node = this.doc.nodeAt(change.node);
        return sameValue(node, change.value) ? [] : this.replace(node, change.value);
      }
      case 'remove': {
        const { map, entry } = this.doc.entryAt(change.key);
        return this.isFlow(map)
          ? removeFlowEntry(this.doc, map, entry)
          : removeBlockEntry(this.doc, this.yamlRenderer(), map, entry);
      }
      case 'addParameter':
        return this.addParameter(change.name, change.definition);
    }
  }

  /** Sets `path` under `map`: descends through plain maps, creates what is missing, replaces the value at the end. */
  private set(map: MapNode, path: readonly string[], value: JsonValue): TextEdit[] {
    const [key, ...rest] = path;
    if (key === undefined) throw new EditError('a set change without a path');
    const entry = entryOf(map, key);
    if (entry === undefined) return this.insert(map, key, nested(rest, value));
    if (rest.length === 0) return sameValue(entry.value, value) ? [] : this.replace(entry.value, value);
    if (entry.value.kind === 'scalar' && entry.value.value === null)
      return this.replace(entry.value, nested(rest, value));
    if (entry.value.kind !== 'map') throw new EditError(`${key} is not a map`);
    return this.set(this.plainMap(entry.value), rest, value);
  }

  private addParameter(name: string, definition: { readonly [key: string]: JsonValue }): TextEdit[] {
    const root = this.doc.root;
    const section = entryOf(root, 'Parameters');
    if (section === undefined) {
      const before = root.entries.find((entry) => AFTER_PARAMETERS.includes(String(entry.key.value)));
      return this.insert(root, 'Parameters', { [name]: definition }, before);
    }
    const existing = section.value.kind === 'map' ? entryOf(section.value, name) : undefined;
    if (existing !== undefined) {
      if (sameValue(existing.value, definition)) return [];
      throw new EditError(`parameter ${name} already exists`);
    }
    return this.set(root, ['Parameters', name], definition);
  }

  private insert(map: MapNode, key: string, value: JsonValue, before?: MapEntry): TextEdit[] {
    if (this.isFlow(map)) return insertFlowEntry(this.doc, this.flow, map, key, value, before);
    return insertBlockEntry(this.doc, this.yamlRenderer(), map, key, value, before);
  }

  private replace(node: SourceNode, value: JsonValue): TextEdit[] {
    const doc = this.doc;
    if (this.yaml !== undefined && node.kind === 'scalar' && typeof value === 'string') {
      // A quoted scalar stays quoted, in its own quotes.
      const quote = doc.text.charAt(node.start);
      if (quote === "'" || quote === '"')
        return [{ start: node.start, end: node.end, text: this.yaml.quoted(value, quote) }];
    }
    const parent = doc.parentOf(node);
    const container = parent.kind === 'entry' ? parent.map : parent.kind === 'item' ? parent.seq : undefined;
    if (container === undefined) throw new EditError('cannot replace the document itself');
    if (this.isFlow(container)) return replaceInFlow(doc, this.flow, node, value);
    return replaceInBlock(doc, this.yamlRenderer(), node, value);
  }

  /** A map to add keys to: never a function call, whose one key is the function. */
  private plainMap(map: MapNode): MapNode {
    if (isIntrinsic(map)) throw new EditError('the map is a function call, not a map of properties');
    return map;
  }

  private isFlow(node: SourceNode): boolean {
    return this.doc.isFlow(node);
  }

  private yamlRenderer(): YamlRenderer {
    if (this.yaml === undefined) throw new EditError('a YAML edit in a JSON document');
    return this.yaml;
  }
}

function jsonWriter(json: JsonRenderer): FlowWriter {
  return {
    member: (key, value) => json.member(key, value),
    memberAt: (key, value, indent) => json.memberAt(key, value, indent),
    value: (value, indent, multiline) => json.value(value, indent, multiline),
    padded: json.padded,
    unit: json.unit,
    expandEmpty: true,
  };
}

/** YAML flow collections hold flow values only, so members stay on one line whatever the layout. */
function yamlFlowWriter(yaml: YamlRenderer): FlowWriter {
  const member = (key: string, value: JsonValue): string => `${yaml.scalar(key, true)}: ${yaml.flow(value)}`;
  return {
    member,
    memberAt: member,
    value: (value) => yaml.flow(value),
    padded: yaml.padsMaps,
    unit: '',
    expandEmpty: false,
  };
}
