import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { DEFAULT_LIMITS, type Limits } from '../../src/parsing/errors';
import type { SourceNode } from '../../src/parsing/nodes';
import { readYaml, readYamlWithJsYaml } from '../../src/parsing/yaml';
import { readBlockYaml } from '../../src/parsing/yaml-block';
import { listCorpusFiles } from '../corpus/corpus-files';
import { mutantArb, mutate } from '../fuzz/mutators';
import { corpusSeeds, exampleSeeds } from '../fuzz/seeds';
import { outline } from './tree';

type Outcome = { tree: SourceNode } | { error: string };

function jsYamlOutcome(text: string, limits: Pick<Limits, 'maxDepth' | 'maxAliases'>): Outcome {
  try {
    return { tree: readYamlWithJsYaml(text, limits) };
  } catch (error) {
    return { error: String(error) };
  }
}

/**
 * The block reader's promise: wherever it answers, js-yaml's path gives the same tree, node for node, and does
 * not fail (it answers undefined for anything js-yaml would refuse). Returns whether it answered.
 */
function agrees(text: string, limits: Pick<Limits, 'maxDepth' | 'maxAliases'> = DEFAULT_LIMITS): boolean {
  const block = readBlockYaml(text, limits.maxDepth);
  if (block === undefined) return false;
  assert.deepEqual({ tree: block }, jsYamlOutcome(text, limits), JSON.stringify(text.slice(0, 400)));
  return true;
}

/** Block-style YAML from a seed: the constructs the block reader takes, and their near misses, nested. */
function generated(seed: number): string {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const lines: string[] = [];
  const block = (indent: number, depth: number, inSequence: boolean): void => {
    const pad = ' '.repeat(indent);
    for (let i = 0, n = 1 + Math.floor(next() * 3); i < n; i++) {
      if (next() < 0.1) lines.push(pick(['', ' ', '# c', `${pad}# c`, `${pad}    # d`]));
      const head = inSequence ? `${pad}- ` : `${pad}${pick(KEYS)}:${next() < 0.9 ? ' ' : ''}`;
      const roll = next();
      if (roll < 0.45 || depth > 3) {
        lines.push(head + pick(SCALARS) + (next() < 0.1 ? pick([' ', ' # c', '#', ':']) : ''));
      } else if (roll < 0.6) {
        lines.push(head + pick(['|', '|-', '|+', '>', '| # c', '|2']));
        const inner = ' '.repeat(indent + pick([0, 1, 2, 2, 4]));
        for (let k = Math.floor(next() * 4); k > 0; k--)
          lines.push(
            next() < 0.2 ? pick(['', inner, `${inner}   `]) : inner + pick(['text', '#x', 'a: b', '- y', '  z ']),
          );
      } else if (roll < 0.75) {
        const tag = pick(['!Ref', '!Sub', '!If', '!GetAZs', '!Equals', '!Rain::Embed', '!Foo']);
        if (next() < 0.5) lines.push(`${head}${tag} ${pick(SCALARS)}`);
        else {
          lines.push(head + tag + pick(['', ' ', ' # c']));
          if (next() < 0.8) block(indent + pick([1, 2, 4]), depth + 1, next() < 0.5);
        }
      } else if (inSequence && next() < 0.5) {
        // A compact mapping or sequence: the first line of the nested block moves up behind the dash.
        const first = lines.length;
        block(indent + 2, depth + 1, next() < 0.2);
        const line = lines[first];
        if (line !== undefined && line.startsWith(' '.repeat(indent + 2)) && line.trim() !== '')
          lines[first] = `${head}${line.slice(indent + 2)}`;
      } else {
        lines.push(head.trimEnd() + pick(['', ' ', ' # c']));
        block(indent + (inSequence ? 2 : pick([0, 1, 2, 2, 4])), depth + 1, next() < 0.4);
      }
    }
  };
  block(0, 0, false);
  const text = lines.join('\n') + pick(['\n', '', '\n\n', '\n  ']);
  if (next() < 0.6) return text;
  // A near miss: one character more or less, or a line twice.
  const at = Math.floor(next() * (text.length + 1));
  const roll = next();
  if (roll < 0.4)
    return text.slice(0, at) + pick([' ', '\n', '-', ':', '#', "'", '!', '|', '\t', '\r']) + text.slice(at);
  if (roll < 0.8) return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at);
}

const KEYS = ['a', 'b', 'Key', 'Fn::If', 'x.y', '1', 'null', 'a b', '"q"', "'q'", '"a\\nb"', '/etc/x', '$s', '', '?'];
const SCALARS = [
  ...['a', 'Fn::Sub', 'x.y', 'a-b', 'A/B', 'a b', 'a#b', 'a #c', 'arn:aws:s3:::x', 'x:', 'a: b', "it's", '${X}'],
  ...['1', '0x1F', '1.5', '-1', '.inf', '1e3', '01', '0o7', '+.5', 'true', 'False', 'null', 'NULL', '~', 'yes'],
  ...['- x', '-x', '?x', ':x', '%x', '@x', '"q"', "'s'", "'it''s'", '""', "''", '"a\\"b"', '"\\u0041\\t"', '"\\x41"'],
  ...['[]', '{ }', '[a]', '{a: 1}', '&a x', '*a', '!Ref X', '!!str x', '|', '- - a', '__proto__', '#', ''],
];

describe('readBlockYaml', () => {
  it('reads block-style templates as js-yaml does, node for node', () => {
    const text = [
      '# a comment line',
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Role: !GetAtt Role.Arn # trailing comment',
      '      Timeout: 30',
      '      Code:',
      '        ZipFile: |',
      '          def handler(event, context):',
      '',
      '              return 1',
      '      Tags:',
      '      - Key: Name',
      "        Value: !Sub '${AWS::StackName}-fn'",
      '      Layers: []',
      '      Environment:',
      '        Variables:',
      '          EMPTY:',
      '          AZ: !Select',
      '            - 0',
      '            - !GetAZs',
      '          LIST:',
      '            - - a',
      '              - b',
      '',
    ].join('\n');
    assert.ok(agrees(text), 'read by the block reader');
    const lines = outline(text, readYaml(text, DEFAULT_LIMITS)).map((line) => line.slice(14));
    assert.deepEqual(lines.slice(lines.indexOf('    key "ZipFile" @"ZipFile"')), [
      '    key "ZipFile" @"ZipFile"',
      '      "def handler(event, context):\\n\\n    return 1\\n" @"|\\n          def handler(event, context):\\n\\n              return 1"',
      'key "Tags" @"Tags"',
      '  seq @"- Key: Name\\n        Value: !Sub \'${AWS::StackName}-fn\'"',
      '    map @"Key: Name\\n        Value: !Sub \'${AWS::StackName}-fn\'"',
      '      key "Key" @"Key"',
      '        "Name" @"Name"',
      '      key "Value" @"Value"',
      '        map short @"!Sub \'${AWS::StackName}-fn\'"',
      '          key "Fn::Sub" @"!Sub"',
      '            "${AWS::StackName}-fn" @"\'${AWS::StackName}-fn\'"',
      'key "Layers" @"Layers"',
      '  seq @"[]"',
      'key "Environment" @"Environment"',
      '  map @"Variables:\\n          EMPTY:\\n          AZ: !Select\\n            - 0\\n            - !GetAZs\\n          LIST:\\n            - - a\\n              - b"',
      '    key "Variables" @"Variables"',
      '      map @"EMPTY:\\n          AZ: !Select\\n            - 0\\n            - !GetAZs\\n          LIST:\\n            - - a\\n              - b"',
      '        key "EMPTY" @"EMPTY"',
      '          null @""',
      '        key "AZ" @"AZ"',
      '          map short @"!Select\\n            - 0\\n            - !GetAZs"',
      '            key "Fn::Select" @"!Select"',
      '              seq @"- 0\\n            - !GetAZs"',
      '                0 @"0"',
      '                map short @"!GetAZs"',
      '                  key "Fn::GetAZs" @"!GetAZs"',
      '                    "" @""',
      '        key "LIST" @"LIST"',
      '          seq @"- - a\\n              - b"',
      '            seq @"- a\\n              - b"',
      '              "a" @"a"',
      '              "b" @"b"',
    ]);
  });

  it('leaves flow collections, anchors, multi-line flow scalars and errors to js-yaml', () => {
    for (const text of [
      'a: [1, 2]\n',
      'a: &x 1\nb: *x\n',
      'a: >+\n  kept\n',
      'a: "multi\n  line"\n',
      'a: plain\n  continued\n',
      'a: 1\na: 2\n',
      'a:\tb\n',
      '---\na: 1\n',
      '- root sequence\n',
      'a: b: c\n',
    ]) {
      assert.equal(readBlockYaml(text, DEFAULT_LIMITS.maxDepth), undefined, JSON.stringify(text));
    }
  });

  it('leaves nesting deeper than the limit to js-yaml, which reports it', () => {
    const text = 'a:\n  b:\n    c:\n      d: 1\n';
    assert.ok(agrees(text, { maxDepth: 4, maxAliases: 0 }));
    assert.equal(readBlockYaml(text, 3), undefined);
  });

  it('agrees with js-yaml on every example and corpus template it reads', () => {
    const roots = [path.resolve(__dirname, '../../../../examples')];
    const corpus = process.env['IACSEC_CORPUS'];
    if (corpus !== undefined && corpus !== '' && fs.existsSync(corpus)) roots.push(corpus);
    const read: string[] = [];
    for (const root of roots) {
      for (const file of listCorpusFiles(root).filter((name) => /\.(?:ya?ml|template)$/i.test(name))) {
        const text = fs.readFileSync(path.join(root, file), 'utf8');
        if (agrees(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)) read.push(file);
      }
    }
    for (const example of ['cloudformation/functions.yaml', 'cloudformation/instances.yaml', 'cloudformation/waf.yaml'])
      assert.ok(read.includes(example), `${example} is not block-style any more? read: ${read.join(', ')}`);
  });

  it('agrees with js-yaml on mutants of the examples and corpus', () => {
    const seeds = [...exampleSeeds(), ...corpusSeeds(20261129)].filter((seed) => !seed.file.endsWith('.json'));
    fc.assert(
      fc.property(mutantArb(seeds), ({ seed, mutations }) => {
        agrees(mutations.reduce(mutate, seed.text));
      }),
      { seed: 20261129, numRuns: 3000 },
    );
  });

  it('agrees with js-yaml on generated block-style YAML and its near misses', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(200, 3, 2), (seed, maxDepth) => {
        agrees(generated(seed), { maxDepth, maxAliases: 100 });
      }),
      { seed: 20261129, numRuns: 20000 },
    );
  });
});
