import * as assert from 'node:assert/strict';
import { DEFAULT_LIMITS, ReadError } from '../../src/parsing/errors';
import { readYaml, SHORT_FORM_TAGS } from '../../src/parsing/yaml';
import { outline } from './tree';

function tree(text: string): string[] {
  return outline(text, readYaml(text, DEFAULT_LIMITS));
}

function failure(text: string, limits = DEFAULT_LIMITS): ReadError {
  try {
    readYaml(text, limits);
  } catch (error) {
    assert.ok(error instanceof ReadError, `expected a ReadError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the read to fail');
}

describe('readYaml', () => {
  it('records the exact range of every key and value, without comments or trailing space', () => {
    const text = 'a: 1 # one\nb:\n  - x\n  - "y"  \nc:\nd: plain words  \ne: |\n  block\n\nf: { g: 1, h: [ ] }\n';
    assert.deepEqual(tree(text), [
      `map @${JSON.stringify(text.trimEnd())}`,
      '  key "a" @"a"',
      '    1 @"1"',
      '  key "b" @"b"',
      '    seq @"- x\\n  - \\"y\\""',
      '      "x" @"x"',
      '      "y" @"\\"y\\""',
      '  key "c" @"c"',
      '    null @""',
      '  key "d" @"d"',
      '    "plain words" @"plain words"',
      '  key "e" @"e"',
      '    "block\\n" @"|\\n  block"',
      '  key "f" @"f"',
      '    map @"{ g: 1, h: [ ] }"',
      '      key "g" @"g"',
      '        1 @"1"',
      '      key "h" @"h"',
      '        seq @"[ ]"',
    ]);
  });

  it('reads every short-form tag as its long form, with the tag as the key', () => {
    for (const [tag, longName] of SHORT_FORM_TAGS) {
      const text = `v: ${tag} x\n`;
      assert.deepEqual(
        tree(text).slice(2),
        [`    map short @"${tag} x"`, `      key "${longName}" @"${tag}"`, '        "x" @"x"'],
        tag,
      );
    }
  });

  it('reads tags on sequences and mappings, in flow and block style, nested', () => {
    const text = 'v: !If [C, !Ref A, !Ref "AWS::NoValue"]\nw: !Sub\n  - "${x}"\n  - x: !GetAtt B.Arn\n';
    assert.deepEqual(tree(text).slice(1), [
      '  key "v" @"v"',
      '    map short @"!If [C, !Ref A, !Ref \\"AWS::NoValue\\"]"',
      '      key "Fn::If" @"!If"',
      '        seq @"[C, !Ref A, !Ref \\"AWS::NoValue\\"]"',
      '          "C" @"C"',
      '          map short @"!Ref A"',
      '            key "Ref" @"!Ref"',
      '              "A" @"A"',
      '          map short @"!Ref \\"AWS::NoValue\\""',
      '            key "Ref" @"!Ref"',
      '              "AWS::NoValue" @"\\"AWS::NoValue\\""',
      '  key "w" @"w"',
      '    map short @"!Sub\\n  - \\"${x}\\"\\n  - x: !GetAtt B.Arn"',
      '      key "Fn::Sub" @"!Sub"',
      '        seq @"- \\"${x}\\"\\n  - x: !GetAtt B.Arn"',
      '          "${x}" @"\\"${x}\\""',
      '          map @"x: !GetAtt B.Arn"',
      '            key "x" @"x"',
      '              map short @"!GetAtt B.Arn"',
      '                key "Fn::GetAtt" @"!GetAtt"',
      '                  "B.Arn" @"B.Arn"',
    ]);
  });

  it('reads a tag with nothing after it as the function of an empty string, as CloudFormation does', () => {
    const text = 'A: !Select\n  - 0\n  - !GetAZs\nB: !GetAZs\n';
    assert.deepEqual(tree(text), [
      `map @${JSON.stringify(text.trimEnd())}`,
      '  key "A" @"A"',
      '    map short @"!Select\\n  - 0\\n  - !GetAZs"',
      '      key "Fn::Select" @"!Select"',
      '        seq @"- 0\\n  - !GetAZs"',
      '          0 @"0"',
      '          map short @"!GetAZs"',
      '            key "Fn::GetAZs" @"!GetAZs"',
      '              "" @""',
      '  key "B" @"B"',
      '    map short @"!GetAZs"',
      '      key "Fn::GetAZs" @"!GetAZs"',
      '        "" @""',
    ]);
  });

  it("reads the Rules section's functions and Rain's directives as functions", () => {
    const text = 'R: !EachMemberIn [!ValueOfAll [T, A], !RefAll T]\nM: !Rain::Module ./b.yml\n';
    assert.deepEqual(
      tree(text)
        .filter((line) => line.includes('key "') && !/key "[RM]"/.test(line))
        .map((line) => line.trim()),
      [
        'key "Fn::EachMemberIn" @"!EachMemberIn"',
        'key "Fn::ValueOfAll" @"!ValueOfAll"',
        'key "Fn::RefAll" @"!RefAll"',
        'key "Rain::Module" @"!Rain::Module"',
      ],
    );
  });

  it('keeps the long form as written', () => {
    const text = 'v:\n  Fn::GetAtt: [B, Arn]\n';
    assert.deepEqual(tree(text).slice(2, 4), [
      '    map @"Fn::GetAtt: [B, Arn]"',
      '      key "Fn::GetAtt" @"Fn::GetAtt"',
    ]);
  });

  it('reads compact mappings in sequences and values on the line after their key', () => {
    const text = 'r:\n  - k: v\n    k2:\n      nested\n  - !Ref x\n';
    assert.deepEqual(tree(text).slice(2), [
      '    seq @"- k: v\\n    k2:\\n      nested\\n  - !Ref x"',
      '      map @"k: v\\n    k2:\\n      nested"',
      '        key "k" @"k"',
      '          "v" @"v"',
      '        key "k2" @"k2"',
      '          "nested" @"nested"',
      '      map short @"!Ref x"',
      '        key "Ref" @"!Ref"',
      '          "x" @"x"',
    ]);
  });

  it('keeps scalars as YAML 1.2 core types: no timestamps, no merge keys', () => {
    const text = 'AWSTemplateFormatVersion: 2010-09-09\nn: 22\nb: true\ns: "22"\n<<: x\n';
    assert.deepEqual(
      tree(text)
        .filter((line) => !line.includes('key'))
        .slice(1),
      ['    "2010-09-09" @"2010-09-09"', '    22 @"22"', '    true @"true"', '    "22" @"\\"22\\""', '    "x" @"x"'],
    );
  });

  it('gives an alias its own range and the anchored content', () => {
    const text = 'a: &cidr [0.0.0.0/0] # c\nb: *cidr # again\n';
    assert.deepEqual(tree(text).slice(1), [
      '  key "a" @"a"',
      '    seq @"&cidr [0.0.0.0/0]"',
      '      "0.0.0.0/0" @"0.0.0.0/0"',
      '  key "b" @"b"',
      '    seq @"*cidr"',
      '      "0.0.0.0/0" @"0.0.0.0/0"',
    ]);
  });

  it('reports syntax errors with their offset', () => {
    const text = 'a: [1, 2\nb: 3\n';
    const error = failure(text);
    assert.equal(error.code, 'parse');
    assert.match(error.message, /in YAML$/);
    assert.equal(error.offset, text.indexOf('b'));
  });

  it('reports duplicate keys and unknown tags', () => {
    assert.match(failure('a: 1\na: 2\n').message, /duplicated mapping key/);
    const unknown = failure('a: !Foo\n  - x\nb: 1\n');
    assert.match(unknown.message, /unknown tag !Foo/);
    assert.equal(unknown.offset, 3, 'the error points at the tag, not past the node it tags');
  });

  it('refuses nesting deeper than the limit before the stack can overflow', () => {
    const deepFlow = failure('['.repeat(100_000));
    assert.equal(deepFlow.code, 'limit');
    assert.match(deepFlow.message, /nesting deeper than 200 levels/);
    const deepBlock = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    assert.equal(failure(deepBlock).code, 'limit');
    const justFits = `${'['.repeat(200)}${']'.repeat(200)}`;
    assert.doesNotThrow(() => readYaml(justFits, DEFAULT_LIMITS));
  });

  it('refuses a "billion laughs" alias bomb and too many aliases', () => {
    const levels = ['a: &a [x,x,x,x,x,x,x,x,x,x]'];
    for (let i = 1; i < 9; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(',')}]`);
    }
    const bomb = failure(levels.join('\n'));
    assert.equal(bomb.code, 'limit');
    const many = `a: &a 1\nb: [${Array(101).fill('*a').join(', ')}]\n`;
    assert.deepEqual(
      [failure(many).code, failure(many).message],
      ['limit', 'more than 100 YAML aliases; to lint it, raise limits.maxAliases in .iacsec.yaml'],
    );
  });
});
