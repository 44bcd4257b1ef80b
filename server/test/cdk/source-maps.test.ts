import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as ts from 'typescript';
import { readAssembly } from '../../src/cdk/index';
import { BUCKET_TEMPLATE, manifest, remove, scratch, stackArtifact, writeFiles } from './hand-made';

/** The app's source: type-only lines vanish from the JavaScript, so its lines differ from the compiled ones. */
const SOURCE = [
  "import * as s3 from 'aws-cdk-lib/aws-s3';",
  "import type { Construct } from 'constructs';",
  '',
  'interface SiteProps {',
  '  readonly versioned: boolean;',
  '}',
  '',
  'export class Site {',
  '  constructor(scope: Construct, props: SiteProps) {',
  "    new s3.Bucket(scope, 'Bucket', { versioned: props.versioned });",
  '  }',
  '}',
  '',
].join('\n');

/** The compiled file, its map's JSON, and where `new s3.Bucket` landed in it (1-based). */
function compile(): { js: string; map: Record<string, unknown>; line: number; column: number } {
  const output = ts.transpileModule(SOURCE, {
    fileName: 'site.ts',
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, sourceMap: true },
  });
  const lines = output.outputText.split('\n');
  const index = lines.findIndex((line) => line.includes('new s3.Bucket'));
  const map = JSON.parse(output.sourceMapText ?? '{}') as Record<string, unknown>;
  return { js: output.outputText, map, line: index + 1, column: (lines[index] ?? '').indexOf('new s3.Bucket') + 1 };
}

describe('creation stacks in compiled JavaScript, through source maps', () => {
  let root: string;
  beforeEach(async () => {
    root = await scratch();
  });
  afterEach(async () => {
    await remove(root);
  });

  async function originOf(frameFile: string, line: number, column: number) {
    await writeFiles(root, {
      'cdk.out/manifest.json': manifest({ Web: stackArtifact('Web') }),
      'cdk.out/Web.template.json': BUCKET_TEMPLATE,
      'cdk.out/Web.metadata.json': {
        '/Web/Site/Bucket/Resource': [
          { type: 'aws:cdk:logicalId', data: 'SiteBucket397A1860' },
          {
            type: 'aws:cdk:creationStack',
            data: ['...new Bucket2 in aws-cdk-lib...', `new Site (${frameFile}:${line}:${column})`],
          },
        ],
      },
    });
    const assembly = await readAssembly(path.join(root, 'cdk.out'), root);
    assert.deepEqual(assembly.problems, []);
    return assembly.templates[0]?.origins.get('SiteBucket397A1860')?.source;
  }

  it('maps a line of dist/*.js back to src/*.ts through the .js.map beside it, from another machine', async () => {
    const { js, map, line, column } = compile();
    assert.notEqual(line, 10, 'the compiled line should differ from the source line');
    await writeFiles(root, {
      'src/site.ts': SOURCE,
      'dist/site.js': js.replace(/\/\/# sourceMappingURL=.*$/m, '//# sourceMappingURL=site.js.map'),
      'dist/site.js.map': { ...map, sources: ['../src/site.ts'] },
    });
    // The frame names the CI machine's checkout, which this machine does not have: found by its suffix.
    assert.deepEqual(await originOf('/home/ci/build/web/dist/site.js', line, column), {
      file: path.join(root, 'src', 'site.ts'),
      line: 10,
      column: 5,
      approximate: false,
    });
  });

  it('reads a source map inlined as a data URL, with a sourceRoot', async () => {
    const { js, map, line, column } = compile();
    const inline = { ...map, sourceRoot: '../src/', sources: ['site.ts'] };
    await writeFiles(root, {
      'src/site.ts': SOURCE,
      'dist/site.js': js.replace(
        /\/\/# sourceMappingURL=.*$/m,
        `//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(inline)).toString('base64')}`,
      ),
    });
    assert.deepEqual(await originOf(path.join(root, 'dist', 'site.js'), line, column), {
      file: path.join(root, 'src', 'site.ts'),
      line: 10,
      column: 5,
      approximate: false,
    });
  });

  it('keeps the JavaScript line when there is no map, or the map cannot be read', async () => {
    const { js, line, column } = compile();
    await writeFiles(root, { 'dist/site.js': js.replace(/\/\/# sourceMappingURL=.*$/m, '') });
    const compiled = path.join(root, 'dist', 'site.js');
    assert.deepEqual(await originOf(compiled, line, column), { file: compiled, line, column, approximate: false });
    await writeFiles(root, { 'dist/site.js': js, 'dist/site.js.map': '{ not json' });
    assert.deepEqual(await originOf(compiled, line, column), { file: compiled, line, column, approximate: false });
  });
});
