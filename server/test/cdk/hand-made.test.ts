import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { findAssembly, readAssembly } from '../../src/cdk/index';
import type { CdkTemplate } from '../../src/cdk/types';
import { BUCKET_TEMPLATE, manifest, remove, scratch, stackArtifact, writeFiles } from './hand-made';

/** `logical id → construct path file:line:column` (`~` when approximate), files relative to `root`. */
function origins(template: CdkTemplate | undefined, root: string): Record<string, string> {
  const table: Record<string, string> = {};
  for (const [logicalId, { constructPath, source }] of template?.origins ?? []) {
    table[logicalId] =
      source === undefined
        ? `${constructPath} no source`
        : `${constructPath} ${path.relative(root, source.file)}:${source.line}:${source.column}${source.approximate ? ' ~' : ''}`;
  }
  return table;
}

describe('reading hand-made cloud assemblies', () => {
  let root: string;
  beforeEach(async () => {
    root = await scratch();
  });
  afterEach(async () => {
    await remove(root);
  });

  it('reads the metadata older CDK versions keep in the manifest, frames in `trace`, from another machine', async () => {
    const elsewhere = '/home/runner/work/shop';
    await writeFiles(root, {
      'cdk.json': { app: 'npx ts-node bin/app.ts' },
      'bin/app.ts': "new Storage(app, 'Storage');\n",
      'lib/storage.ts': "new Bucket(this, 'Bucket');\n",
      'cdk.out/manifest.json': {
        version: '21.0.0',
        artifacts: {
          Storage: {
            type: 'aws:cloudformation:stack',
            environment: 'aws://unknown-account/unknown-region',
            properties: { templateFile: 'Storage.template.json' },
            metadata: {
              '/Storage/Bucket/Resource': [
                {
                  type: 'aws:cdk:logicalId',
                  data: 'Bucket83908E77',
                  trace: [
                    `new Bucket (${elsewhere}/node_modules/aws-cdk-lib/aws-s3/lib/bucket.js:1:2)`,
                    `new Storage (${elsewhere}/lib/storage.ts:12:5)`,
                    `Object.<anonymous> (${elsewhere}/bin/app.ts:7:1)`,
                    'Module._compile (node:internal/modules/cjs/loader:1105:14)',
                  ],
                },
              ],
              // A file found neither where it was nor below the app keeps the path the frame gave.
              '/Storage/Queue/Resource': [
                { type: 'aws:cdk:logicalId', data: 'Queue4A7E3555', trace: ['new Storage (/gone/lib/queue.ts:3:9)'] },
              ],
            },
          },
        },
      },
      'cdk.out/Storage.template.json': BUCKET_TEMPLATE,
    });
    const assembly = await readAssembly(path.join(root, 'cdk.out'));
    assert.equal(assembly.appRoot, root);
    assert.deepEqual(assembly.problems, []);
    assert.deepEqual(
      assembly.templates.map((template) => template.displayName),
      ['Storage'],
    );
    assert.deepEqual(origins(assembly.templates[0], root), {
      Bucket83908E77: '/Storage/Bucket/Resource lib/storage.ts:12:5',
      Queue4A7E3555: `/Storage/Queue/Resource ${path.relative(root, '/gone/lib/queue.ts')}:3:9`,
    });
  });

  it('falls back to the nearest ancestor with a user frame, and has no source without creation stacks', async () => {
    const app = path.join(root, 'app.ts');
    await writeFiles(root, {
      'app.ts': '// the app\n',
      'cdk.out/manifest.json': manifest({ Stack: stackArtifact('Stack') }),
      'cdk.out/Stack.template.json': BUCKET_TEMPLATE,
      'cdk.out/Stack.metadata.json': {
        '/Stack': [
          { type: 'aws:cdk:creationStack', data: [`<anonymous> (${app}:4:1)`] },
          { type: 'aws:cdk:templateFile', data: 'Stack.template.json' },
        ],
        '/Stack/Site/Resource': [
          { type: 'aws:cdk:logicalId', data: 'Site' },
          { type: 'aws:cdk:creationStack', data: ['...new Site in aws-cdk-lib...', `new Web (${app}:9:5)`] },
        ],
        '/Stack/Site/Logs/Resource': [
          { type: 'aws:cdk:logicalId', data: 'SiteLogs' },
          {
            type: 'aws:cdk:creationStack',
            data: ['...aws-cdk-lib...', '(no user code in 10 frames, use --stack-trace-limit to capture more)'],
          },
        ],
        '/Stack/Provider/Handler': [
          { type: 'aws:cdk:logicalId', data: 'ProviderHandler' },
          { type: 'aws:cdk:creationStack', data: ['...aws-cdk-lib...'] },
        ],
      },
    });
    const assembly = await readAssembly(path.join(root, 'cdk.out'), root);
    assert.deepEqual(origins(assembly.templates[0], root), {
      Site: '/Stack/Site/Resource app.ts:9:5',
      SiteLogs: '/Stack/Site/Logs/Resource app.ts:9:5 ~',
      ProviderHandler: '/Stack/Provider/Handler app.ts:4:1 ~',
    });

    // As with CDK_DISABLE_STACK_TRACE: logical ids and paths, no lines.
    await writeFiles(root, {
      'cdk.out/Stack.metadata.json': { '/Stack/Site/Resource': [{ type: 'aws:cdk:logicalId', data: 'Site' }] },
    });
    const untraced = await readAssembly(path.join(root, 'cdk.out'), root);
    assert.deepEqual(origins(untraced.templates[0], root), { Site: '/Stack/Site/Resource no source' });
  });

  it('reports a missing template and lists the others', async () => {
    await writeFiles(root, {
      'cdk.out/manifest.json': manifest({ Kept: stackArtifact('Kept'), Lost: stackArtifact('Lost', 'Prod/Lost') }),
      'cdk.out/Kept.template.json': BUCKET_TEMPLATE,
      'cdk.out/Kept.metadata.json': {},
      'cdk.out/Lost.metadata.json': {},
    });
    const assembly = await readAssembly(path.join(root, 'cdk.out'), root);
    assert.deepEqual(
      assembly.templates.map((template) => template.file),
      [path.join(root, 'cdk.out', 'Kept.template.json')],
    );
    assert.deepEqual(assembly.problems, [
      { file: path.join(root, 'cdk.out', 'Lost.template.json'), message: 'the template of Prod/Lost does not exist' },
    ]);
  });

  it('reports a manifest that is not JSON', async () => {
    await writeFiles(root, { 'cdk.out/manifest.json': '{ "version": "55.0.0", "artifacts": ' });
    const assembly = await readAssembly(path.join(root, 'cdk.out'), root);
    assert.deepEqual(assembly.templates, []);
    assert.equal(assembly.problems.length, 1);
    assert.equal(assembly.problems[0]?.file, path.join(root, 'cdk.out', 'manifest.json'));
    assert.match(assembly.problems[0]?.message ?? '', /^not valid JSON: /);
  });

  it('reports a missing manifest, and artifacts whose files leave the assembly', async () => {
    const missing = await readAssembly(path.join(root, 'nowhere'), root);
    assert.deepEqual(missing.problems, [
      { file: path.join(root, 'nowhere', 'manifest.json'), message: 'the assembly directory does not exist' },
    ]);
    const escaping = stackArtifact('Escape');
    escaping['properties'] = { templateFile: '../../etc/Escape.template.json' };
    await writeFiles(root, {
      'cdk.out/manifest.json': manifest({
        Escape: escaping,
        'assembly-Out': { type: 'cdk:cloud-assembly', properties: { directoryName: '/tmp' } },
      }),
    });
    const assembly = await readAssembly(path.join(root, 'cdk.out'), root);
    assert.deepEqual(assembly.problems, [
      {
        file: path.join(root, 'cdk.out', 'manifest.json'),
        message: "stack artifact 'Escape' has no templateFile inside the assembly directory",
      },
      {
        file: path.join(root, 'cdk.out', 'manifest.json'),
        message: "nested assembly 'assembly-Out' has no directoryName inside the assembly directory",
      },
    ]);
  });

  it('refuses a metadata file over 50 MB unread, and still lists its template', async () => {
    await writeFiles(root, {
      'cdk.out/manifest.json': manifest({ Big: stackArtifact('Big') }),
      'cdk.out/Big.template.json': BUCKET_TEMPLATE,
    });
    const metadata = path.join(root, 'cdk.out', 'Big.metadata.json');
    // Sparse: the size is what is refused, so no byte needs writing.
    await fs.writeFile(metadata, '');
    await fs.truncate(metadata, 50 * 1024 * 1024 + 1);
    const assembly = await readAssembly(path.join(root, 'cdk.out'), root);
    assert.deepEqual(
      assembly.templates.map((template) => [template.displayName, template.origins.size]),
      [['Big', 0]],
    );
    assert.deepEqual(assembly.problems, [
      { file: metadata, message: 'the file has 52428801 bytes, more than the limit of 52428800: not read' },
    ]);
  });

  it('reads a Stage’s assembly once when a symlink leads back to its parent', async () => {
    await writeFiles(root, {
      'cdk.out/manifest.json': manifest({
        Top: stackArtifact('Top'),
        'assembly-Prod': { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod' } },
      }),
      'cdk.out/Top.template.json': BUCKET_TEMPLATE,
      'cdk.out/Top.metadata.json': {},
      'cdk.out/assembly-Prod/manifest.json': manifest({
        ProdApi: stackArtifact('ProdApi', 'Prod/Api'),
        'assembly-Back': { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Back' } },
      }),
      'cdk.out/assembly-Prod/ProdApi.template.json': BUCKET_TEMPLATE,
      'cdk.out/assembly-Prod/ProdApi.metadata.json': {},
    });
    await fs.symlink(path.join(root, 'cdk.out'), path.join(root, 'cdk.out', 'assembly-Prod', 'assembly-Back'));
    const assembly = await readAssembly(path.join(root, 'cdk.out'), root);
    assert.deepEqual(
      assembly.templates.map((template) => template.displayName),
      ['Top', 'Prod/Api'],
    );
    assert.deepEqual(assembly.problems, [
      {
        file: path.join(root, 'cdk.out', 'assembly-Prod', 'assembly-Back', 'manifest.json'),
        message: 'this assembly was already read: the assemblies form a loop',
      },
    ]);
  });

  it('finds the assembly cdk.json names, and takes the app’s directory from it', async () => {
    await writeFiles(root, {
      'cdk.json': { app: 'node bin/app.js', output: 'build/cdk.out' },
      'build/cdk.out/manifest.json': manifest({}),
    });
    const outdir = path.join(root, 'build', 'cdk.out');
    assert.equal(await findAssembly(root), outdir);
    assert.equal(await findAssembly(outdir), outdir);
    assert.equal(await findAssembly(path.join(root, 'build')), undefined);
    assert.equal((await readAssembly(outdir)).appRoot, root);
    // Without a cdk.json that names it, the assembly's parent is the app.
    await writeFiles(root, { 'elsewhere/cdk.out/manifest.json': manifest({}) });
    assert.equal((await readAssembly(path.join(root, 'elsewhere', 'cdk.out'))).appRoot, path.join(root, 'elsewhere'));
  });
});
