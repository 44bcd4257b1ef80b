import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '../../../..');
const SYNTAXES = path.join(ROOT, 'syntaxes');
/** VS Code's own YAML and JSON extensions, shipped unchanged by these packages. */
const HOST_EXTENSIONS = [
  '@codingame/monaco-vscode-yaml-default-extension',
  '@codingame/monaco-vscode-json-default-extension',
];
const OURS = /\.(?:cloudformation|iacsec|checkov)$/;
const INTRINSIC = 'support.function.intrinsic.cloudformation';
const TAG = 'storage.type.tag.shorthand.yaml';
const TAGS = ['Ref', 'Sub', 'GetAtt', 'If', 'Join', 'Select', 'Split', 'FindInMap', 'Base64', 'Cidr', 'ImportValue'];
const MORE_TAGS = ['GetAZs', 'Equals', 'And', 'Or', 'Not', 'Condition', 'Transform'];
/** AWS::LanguageExtensions' and the Rules section's, as in the extension's yaml.customTags. */
const EXTENSION_TAGS = [
  'Length',
  'ToJsonString',
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'RefAll',
  'ValueOf',
  'ValueOfAll',
];

interface Contribution {
  readonly scopeName: string;
  readonly path: string;
  readonly injectTo?: readonly string[];
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function grammarFiles(): string[] {
  return fs
    .readdirSync(SYNTAXES)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** The extension manifest's grammars; undefined until the manifest contributes them. */
function contributedGrammars(): Contribution[] | undefined {
  const manifest = readJson(path.join(ROOT, 'package.json')) as { contributes?: { grammars?: Contribution[] } };
  return manifest.contributes?.grammars;
}

/** The host grammars live in the test-only package test/grammar (`npm ci --prefix test/grammar`). */
const GRAMMAR_PACKAGE = path.join(ROOT, 'test/grammar');
const hostRequire = createRequire(path.join(GRAMMAR_PACKAGE, 'package.json'));

function hostGrammarFiles(): Map<string, string> {
  assert.ok(
    fs.existsSync(path.join(GRAMMAR_PACKAGE, 'node_modules')),
    'test/grammar/node_modules is missing: run `npm ci --prefix test/grammar` (the root `npm test` does it for you)',
  );
  const files = new Map<string, string>();
  for (const extension of HOST_EXTENSIONS) {
    const manifestPath = hostRequire.resolve(`${extension}/resources/package.json`);
    const manifest = readJson(manifestPath) as { contributes: { grammars: Contribution[] } };
    for (const grammar of manifest.contributes.grammars) {
      files.set(grammar.scopeName, path.join(path.dirname(manifestPath), path.basename(grammar.path)));
    }
  }
  return files;
}

/** Loads the real host grammars with our injections registered the way VS Code does (by scope-name prefix). */
async function loadGrammars(): Promise<{ yaml: IGrammar; json: IGrammar }> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files = hostGrammarFiles();
  const injectionsByHost = new Map<string, string[]>();
  // Before the manifest lists them, inject every grammar into both hosts: their selectors alone decide where.
  const contributions = contributedGrammars() ?? grammarFiles().map((name) => fallbackContribution(name));
  for (const grammar of contributions) {
    files.set(grammar.scopeName, path.join(ROOT, grammar.path));
    for (const host of grammar.injectTo ?? []) {
      injectionsByHost.set(host, [...(injectionsByHost.get(host) ?? []), grammar.scopeName]);
    }
  }
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: (scopeName) => {
      const file = files.get(scopeName);
      return Promise.resolve(file === undefined ? null : parseRawGrammar(fs.readFileSync(file, 'utf8'), file));
    },
    getInjections: (scopeName) => {
      const parts = scopeName.split('.');
      return parts.flatMap((_, i) => injectionsByHost.get(parts.slice(0, i + 1).join('.')) ?? []);
    },
  });
  const [yaml, json] = await Promise.all([registry.loadGrammar('source.yaml'), registry.loadGrammar('source.json')]);
  assert.ok(yaml && json, 'the host grammars did not load');
  return { yaml, json };
}

function fallbackContribution(name: string): Contribution {
  const grammar = readJson(path.join(SYNTAXES, name)) as { scopeName: string };
  return { scopeName: grammar.scopeName, path: `./syntaxes/${name}`, injectTo: ['source.yaml', 'source.json'] };
}

/**
 * Every non-blank token that our grammars scoped, as [its text, the host scope it sits in, ...our scopes], in
 * text order: a test states all of them, so a stray match anywhere in the snippet fails it.
 */
function injected(grammar: IGrammar, text: string): string[][] {
  const out: string[][] = [];
  let state: StateStack = INITIAL;
  for (const line of text.split('\n')) {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    for (const token of result.tokens) {
      const tokenText = line.slice(token.startIndex, token.endIndex);
      const first = token.scopes.findIndex((scope) => OURS.test(scope));
      if (first === -1 || tokenText.trim() === '') continue;
      out.push([tokenText, token.scopes[first - 1] ?? '', ...token.scopes.slice(first)]);
    }
  }
  return out;
}

/** The full scopes of the token whose text is exactly `tokenText`, to show where the host put it. */
function scopesOf(grammar: IGrammar, line: string, tokenText: string): string[] {
  const token = grammar
    .tokenizeLine(line, INITIAL)
    .tokens.find((t) => line.slice(t.startIndex, t.endIndex) === tokenText);
  assert.ok(token, `no token ${JSON.stringify(tokenText)} in ${JSON.stringify(line)}`);
  return token.scopes;
}

describe('syntaxes: grammar files and manifest', () => {
  it('holds only valid injection grammars, each with a scopeName and a selector', () => {
    const names = grammarFiles();
    assert.deepEqual(names, [
      'cloudformation-functions.tmLanguage.json',
      'cloudformation-substitutions.tmLanguage.json',
      'cloudformation-tags.tmLanguage.json',
      'iacsec-suppressions.tmLanguage.json',
    ]);
    for (const name of names) {
      const grammar = readJson(path.join(SYNTAXES, name)) as Record<string, unknown>;
      assert.equal(typeof grammar['scopeName'], 'string', `${name} has no scopeName`);
      assert.equal(typeof grammar['injectionSelector'], 'string', `${name} has no injectionSelector`);
      assert.ok(Array.isArray(grammar['patterns']), `${name} has no patterns`);
    }
  });

  it('contributes every grammar file, by its own scopeName, to the extension manifest', function () {
    const contributions = contributedGrammars();
    if (contributions === undefined) this.skip(); // package.json has no contributes.grammars yet
    const byPath = new Map(contributions.map((c) => [path.normalize(c.path), c]));
    for (const name of grammarFiles()) {
      const contribution = byPath.get(path.normalize(`syntaxes/${name}`));
      assert.ok(contribution, `package.json does not contribute syntaxes/${name}`);
      const grammar = readJson(path.join(SYNTAXES, name)) as { scopeName: string };
      assert.equal(contribution.scopeName, grammar.scopeName, name);
      assert.ok(contribution.injectTo && contribution.injectTo.length > 0, `${name} is injected nowhere`);
    }
    for (const contribution of contributions) {
      assert.ok(fs.existsSync(path.join(ROOT, contribution.path)), `missing ${contribution.path}`);
    }
  });
});

describe('syntaxes: injections into the VS Code YAML and JSON grammars', () => {
  let yaml: IGrammar;
  let json: IGrammar;

  before(async () => {
    ({ yaml, json } = await loadGrammars());
  });

  describe('short-form tags (YAML)', () => {
    it('scopes !Ref inside the host tag token', () => {
      assert.deepEqual(injected(yaml, 'BucketName: !Ref Name'), [['!Ref', TAG, INTRINSIC]]);
    });

    it('scopes tags in flow sequences, nested ones included', () => {
      assert.deepEqual(injected(yaml, "Value: !Join ['', [!GetAtt Bucket.Arn, '/*']]"), [
        ['!Join', TAG, INTRINSIC],
        ['!GetAtt', TAG, INTRINSIC],
      ]);
      assert.deepEqual(injected(yaml, '- !Not [!Equals [!Ref Env, prod]]'), [
        ['!Not', TAG, INTRINSIC],
        ['!Equals', TAG, INTRINSIC],
        ['!Ref', TAG, INTRINSIC],
      ]);
    });

    it('knows every short form CloudFormation defines', () => {
      for (const name of [...TAGS, ...MORE_TAGS, ...EXTENSION_TAGS]) {
        assert.deepEqual(injected(yaml, `Key: !${name} value`), [[`!${name}`, TAG, INTRINSIC]], name);
      }
    });

    it("scopes rain's directives apart from CloudFormation's", () => {
      assert.deepEqual(injected(yaml, 'Code: !Rain::Embed handler.py'), [
        ['!Rain::Embed', TAG, 'support.function.directive.rain.cloudformation'],
      ]);
    });

    it('leaves other tags, a tag in a comment and a tag in a quoted string alone', () => {
      assert.deepEqual(injected(yaml, 'a: [!Reference x, !ref y, !!str z, !Ref!x w]'), []);
      assert.deepEqual(injected(yaml, 'Name: x # BucketName: !Ref Name'), []);
      assert.equal(
        scopesOf(yaml, 'Name: x # BucketName: !Ref Name', ' BucketName: !Ref Name').at(-1),
        'comment.line.number-sign.yaml',
      );
      assert.deepEqual(injected(yaml, `a: "!Ref Name"\nb: '!Sub x'`), []);
      assert.equal(scopesOf(yaml, 'a: "!Ref Name"', '!Ref Name').at(-1), 'string.quoted.double.yaml');
    });
  });

  describe('long-form function keys', () => {
    it('scopes Fn:: and Ref keys in YAML, plain, quoted, in flow mappings and sequences', () => {
      const text = [
        'Fn::Sub: x',
        '"Fn::GetAtt": [Bucket, Arn]',
        "'Ref': x",
        'a: { Ref: Bucket, "Fn::If": [C, x, y] }',
        '- Fn::Base64: x',
        'b: [Ref: x]',
        'Fn::ForEach::Topics: x',
        '? Fn::Select',
        ': x',
      ].join('\n');
      const plain = 'entity.name.tag.yaml';
      assert.deepEqual(injected(yaml, text), [
        ['Fn::Sub', plain, INTRINSIC],
        ['Fn::GetAtt', plain, INTRINSIC],
        ['Ref', plain, INTRINSIC],
        ['Ref', plain, INTRINSIC],
        ['Fn::If', plain, INTRINSIC],
        ['Fn::Base64', plain, INTRINSIC],
        ['Ref', plain, INTRINSIC],
        ['Fn::ForEach::Topics', plain, INTRINSIC],
        ['Fn::Select', plain, INTRINSIC],
      ]);
    });

    it('does not scope look-alike keys, values or mismatched quotes in YAML', () => {
      const text = ['Ref::Foo: x', 'MyRef: x', 'Fn::Subs: x', '"Ref\'": x', 'Type: Ref', 'c: Fn::Sub'].join('\n');
      assert.deepEqual(injected(yaml, text), []);
    });

    it('scopes Fn:: and Ref property names in JSON, not string values', () => {
      assert.deepEqual(injected(json, '{ "Fn::Sub": "x", "Ref": ["Ref"], "Refs": 1 }'), [
        ['Fn::Sub', 'support.type.property-name.json', INTRINSIC],
        ['Ref', 'support.type.property-name.json', INTRINSIC],
      ]);
    });
  });

  describe('substitutions', () => {
    const expression = (part: string) => ['meta.template.expression.cloudformation', `${part}.cloudformation`];
    const BEGIN = expression('punctuation.definition.template-expression.begin');
    const END = expression('punctuation.definition.template-expression.end');
    const PSEUDO = expression('variable.language.pseudo-parameter');
    const NAME = expression('variable.other.substitution');
    const ESCAPE = 'constant.character.escape.substitution.cloudformation';

    it('scopes ${AWS::Region} and ${Name} in a YAML Sub string, quoted or plain', () => {
      const double = 'string.quoted.double.yaml';
      const plain = 'string.unquoted.plain.out.yaml';
      assert.deepEqual(injected(yaml, 'Name: !Sub "${AWS::Region}-${Bucket.Arn}"\nOther: !Sub ${AWS::StackName}-x'), [
        ['!Sub', TAG, INTRINSIC],
        ['${', double, ...BEGIN],
        ['AWS::Region', double, ...PSEUDO],
        ['}', double, ...END],
        ['${', double, ...BEGIN],
        ['Bucket.Arn', double, ...NAME],
        ['}', double, ...END],
        ['!Sub', TAG, INTRINSIC],
        ['${', plain, ...BEGIN],
        ['AWS::StackName', plain, ...PSEUDO],
        ['}', plain, ...END],
      ]);
    });

    it('scopes substitutions in a block scalar', () => {
      const block = 'string.unquoted.block.yaml';
      assert.deepEqual(injected(yaml, 'UserData: !Sub |\n  echo ${Queue}'), [
        ['!Sub', TAG, INTRINSIC],
        ['${', block, ...BEGIN],
        ['Queue', block, ...NAME],
        ['}', block, ...END],
      ]);
    });

    it('scopes ${AWS::Region} inside a JSON Fn::Sub string', () => {
      const string = 'string.quoted.double.json';
      assert.deepEqual(injected(json, '{ "Fn::Sub": "arn:${AWS::Region}" }'), [
        ['Fn::Sub', 'support.type.property-name.json', INTRINSIC],
        ['${', string, ...BEGIN],
        ['AWS::Region', string, ...PSEUDO],
        ['}', string, ...END],
      ]);
    });

    it('marks ${!Literal} as an escape, not a substitution, in YAML and JSON', () => {
      assert.deepEqual(injected(yaml, "a: !Sub '${!Literal}'"), [
        ['!Sub', TAG, INTRINSIC],
        ['${!', 'string.quoted.single.yaml', ESCAPE],
      ]);
      assert.deepEqual(injected(json, '["${!Literal}"]'), [['${!', 'string.quoted.double.json', ESCAPE]]);
    });

    it('leaves keys, comments and GitHub Actions expressions alone', () => {
      assert.deepEqual(injected(yaml, '"${X}": 1\nb: 2 # ${X}\nrun: echo ${{ github.ref }}'), []);
      assert.deepEqual(injected(json, '{ "${X}": 1 }'), []);
    });
  });

  describe('suppression comments (YAML)', () => {
    const COMMENT = 'comment.line.number-sign.yaml';
    const IACSEC = 'comment.line.number-sign.suppression.iacsec';
    const CHECKOV = 'comment.line.number-sign.suppression.checkov';

    it('scopes the marker, each rule id and the reason of an iacsec-ignore comment', () => {
      const text = 'Bucket: # iacsec-ignore encryption/*, firewall/open-port -- audited jump host  ';
      assert.deepEqual(injected(yaml, text), [
        ['iacsec-ignore', COMMENT, IACSEC, 'keyword.other.suppression.iacsec'],
        ['encryption/*', COMMENT, IACSEC, 'variable.other.constant.rule-id.iacsec'],
        [',', COMMENT, IACSEC, 'punctuation.separator.comma.iacsec'],
        ['firewall/open-port', COMMENT, IACSEC, 'variable.other.constant.rule-id.iacsec'],
        ['--', COMMENT, IACSEC, 'punctuation.separator.reason.iacsec'],
        ['audited jump host', COMMENT, IACSEC, 'string.unquoted.reason.iacsec'],
      ]);
    });

    it('scopes a comment of its own line without a reason, and one without a space after #', () => {
      assert.deepEqual(injected(yaml, '  #iacsec-ignore encryption/kms-key-rotation\nKey: x'), [
        ['iacsec-ignore', COMMENT, IACSEC, 'keyword.other.suppression.iacsec'],
        ['encryption/kms-key-rotation', COMMENT, IACSEC, 'variable.other.constant.rule-id.iacsec'],
      ]);
    });

    it('needs the marker to open a real comment', () => {
      const text = 'a: x # see iacsec-ignore y\nb: "# iacsec-ignore z"\nc: x # iacsec-ignored w';
      assert.deepEqual(injected(yaml, text), []);
    });

    it("scopes a checkov skip comment's id and reason", () => {
      assert.deepEqual(injected(yaml, 'Type: AWS::S3::Bucket # checkov:skip=CKV_AWS_18:logs go elsewhere'), [
        ['checkov:skip', COMMENT, CHECKOV, 'keyword.other.suppression.checkov'],
        ['=', COMMENT, CHECKOV, 'punctuation.separator.key-value.checkov'],
        ['CKV_AWS_18', COMMENT, CHECKOV, 'variable.other.constant.rule-id.checkov'],
        [':', COMMENT, CHECKOV, 'punctuation.separator.reason.checkov'],
        ['logs go elsewhere', COMMENT, CHECKOV, 'string.unquoted.reason.checkov'],
      ]);
      assert.deepEqual(injected(yaml, 'a: "checkov:skip=CKV_AWS_18:x"'), []);
    });

    it('reads a checkov skip inside an iacsec reason as reason text', () => {
      assert.deepEqual(injected(yaml, '# iacsec-ignore x -- as checkov:skip=CKV_1:y'), [
        ['iacsec-ignore', COMMENT, IACSEC, 'keyword.other.suppression.iacsec'],
        ['x', COMMENT, IACSEC, 'variable.other.constant.rule-id.iacsec'],
        ['--', COMMENT, IACSEC, 'punctuation.separator.reason.iacsec'],
        ['as checkov:skip=CKV_1:y', COMMENT, IACSEC, 'string.unquoted.reason.iacsec'],
      ]);
    });
  });
});
