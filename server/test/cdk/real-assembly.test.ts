import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { assemblyOf, findAssembly, isInsideAssembly, readAssembly } from '../../src/cdk/index';
import type { CdkAssembly, CdkTemplate } from '../../src/cdk/types';
import { APP_ROOT, synthesizeApp, type SynthesizedApp } from './synth';

/** `logical id → construct path, source relative to the app (`~` when approximate)`, in the metadata's order. */
function originTable(template: CdkTemplate): Record<string, string> {
  const table: Record<string, string> = {};
  for (const [logicalId, origin] of template.origins) {
    const source = origin.source;
    const where =
      source === undefined
        ? 'no source'
        : `${path.relative(APP_ROOT, source.file)}:${source.line}:${source.column}${source.approximate ? ' ~' : ''}`;
    table[logicalId] = `${origin.constructPath} ${where}`;
  }
  return table;
}

function templateNamed(assembly: CdkAssembly, displayName: string): CdkTemplate {
  const template = assembly.templates.find((candidate) => candidate.displayName === displayName);
  assert.ok(template, `no template ${displayName} in ${assembly.templates.map((t) => t.displayName).join(', ')}`);
  return template;
}

describe('reading the cloud assembly that aws-cdk-lib synthesized from test/fixtures/cdk-app', function () {
  // Compiling and synthesizing take a second or two, once per run: the lint tests reuse the same assembly.
  this.timeout(120_000);
  let app: SynthesizedApp;
  let assembly: CdkAssembly;
  before(async () => {
    app = await synthesizeApp();
    assembly = await readAssembly(app.outdir, APP_ROOT);
  });

  it('lists every template once: top-level stacks, the Stage’s stack and the nested stack', () => {
    assert.deepEqual(
      assembly.templates.map((template) => [template.displayName, path.relative(app.outdir, template.file)]),
      [
        ['Prod/Api', 'assembly-Prod/ProdApi2466CF1F.template.json'],
        ['Storage', 'Storage.template.json'],
        ['Storage/Archive', 'StorageArchive95A1486B.nested.template.json'],
        ['Network', 'Network.template.json'],
      ],
    );
    assert.deepEqual(assembly.problems, []);
    // The synth's validation is off (see synth.ts): no report.
    assert.deepEqual(assembly.validation, []);
    assert.equal(assembly.outdir, app.outdir);
    assert.equal(assembly.appRoot, APP_ROOT);
  });

  it('maps each logical id of a top-level stack to its construct path and the .ts line that created it', () => {
    assert.deepEqual(originTable(templateNamed(assembly, 'Storage')), {
      RawBucket: '/Storage/RawBucket lib/storage-stack.ts:19:5',
      // Parameters and rules the synthesizer adds have no user frame: the stack's own line stands in.
      BootstrapVersion: '/Storage/BootstrapVersion bin/app.ts:9:1 ~',
      CheckBootstrapVersion: '/Storage/CheckBootstrapVersion bin/app.ts:9:1 ~',
      // The nested stack's resource in its parent was created by NestedStack's constructor: `super(scope, id)`.
      ArchiveNestedStackArchiveNestedStackResourceCB0E4F37:
        '/Storage/Archive.NestedStack/Archive.NestedStackResource lib/storage-stack.ts:8:5',
    });
    assert.deepEqual(originTable(templateNamed(assembly, 'Network')), {
      BootstrapVersion: '/Network/BootstrapVersion bin/app.ts:10:1 ~',
      CheckBootstrapVersion: '/Network/CheckBootstrapVersion bin/app.ts:10:1 ~',
      // An L2 construct's CloudFormation resource: the line of `new ec2.SecurityGroup(…)` in the app.
      AdminSg34EB5EC7: '/Network/AdminSg/Resource lib/network-stack.ts:15:21',
    });
  });

  it('maps the nested stack’s resources, listed in its parent’s metadata, to the nested template', () => {
    assert.deepEqual(originTable(templateNamed(assembly, 'Storage/Archive')), {
      ArchiveBucket: '/Storage/Archive/ArchiveBucket lib/storage-stack.ts:9:5',
    });
  });

  it('maps the Stage’s stack, and falls back to the nearest ancestor for resources made deep in the library', () => {
    assert.deepEqual(originTable(templateNamed(assembly, 'Prod/Api')), {
      BootstrapVersion: '/Prod/Api/BootstrapVersion lib/prod-stage.ts:8:5 ~',
      CheckBootstrapVersion: '/Prod/Api/CheckBootstrapVersion lib/prod-stage.ts:8:5 ~',
      JobsQueue86ED6666: '/Prod/Api/JobsQueue/Resource lib/api-stack.ts:10:5',
      UploadsBucket5E5E9B64: '/Prod/Api/UploadsBucket/Resource lib/api-stack.ts:15:5',
      // The provider is a singleton of the stack: its nearest ancestor with a line is the stack.
      CustomS3AutoDeleteObjectsCustomResourceProviderRole3B1BD092:
        '/Prod/Api/Custom::S3AutoDeleteObjectsCustomResourceProvider/Role lib/prod-stage.ts:8:5 ~',
      CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F:
        '/Prod/Api/Custom::S3AutoDeleteObjectsCustomResourceProvider/Handler lib/prod-stage.ts:8:5 ~',
      UploadsBucketPolicy34A32B0B: '/Prod/Api/UploadsBucket/Policy/Resource lib/api-stack.ts:15:5',
      // The bucket construct has no metadata of its own: its default child `Resource` tells where it was made.
      UploadsBucketAutoDeleteObjectsCustomResourceFFD11C72:
        '/Prod/Api/UploadsBucket/AutoDeleteObjectsCustomResource/Default lib/api-stack.ts:15:5 ~',
    });
  });

  it('resolves the compiled JavaScript that the creation stacks name through its .js.map', async () => {
    const metadata = JSON.parse(await fs.readFile(path.join(app.outdir, 'Network.metadata.json'), 'utf8')) as Record<
      string,
      { type: string; data: unknown }[]
    >;
    const creation = metadata['/Network/AdminSg/Resource']?.find((entry) => entry.type === 'aws:cdk:creationStack');
    assert.deepEqual(creation?.data, [
      '...new SecurityGroup2 in aws-cdk-lib...',
      `new NetworkStack (${path.join(app.compiled, 'lib', 'network-stack.js')}:14:25)`,
      `<anonymous> (${path.join(app.compiled, 'bin', 'app.js')}:10:1)`,
      '...node internals...',
    ]);
    assert.deepEqual(templateNamed(assembly, 'Network').origins.get('AdminSg34EB5EC7'), {
      constructPath: '/Network/AdminSg/Resource',
      source: { file: path.join(APP_ROOT, 'lib', 'network-stack.ts'), line: 15, column: 21, approximate: false },
    });
  });

  it('finds the assembly from its own directory, and knows the files inside it', async () => {
    assert.equal(await findAssembly(app.outdir), app.outdir);
    // The fixture's cdk.json sends the output to cdk.out, which the tests never write there.
    assert.equal(await findAssembly(APP_ROOT), undefined);
    const stageTemplate = templateNamed(assembly, 'Prod/Api').file;
    assert.equal(await assemblyOf(stageTemplate), app.outdir);
    assert.equal(await isInsideAssembly(stageTemplate), true);
    assert.equal(await isInsideAssembly(path.join(APP_ROOT, 'lib', 'api-stack.ts')), false);
  });
});
