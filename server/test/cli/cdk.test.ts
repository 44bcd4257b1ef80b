import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { ScanReport } from '../../src/report/types';
import { allRules } from '../../src/rules/index';
import { synthesizeApp } from '../cdk/synth';
import { makeTree, runCli } from './helpers';

/** `iacsec scan` on a CDK project: every template of its assembly linted once, findings tied to the app's lines. */
describe('iacsec scan on a CDK project', function () {
  this.timeout(120_000);
  let project: string;

  before(async () => {
    const { outdir } = await synthesizeApp();
    // A project as developers have it: cdk.json, and a cdk.out that .gitignore lists.
    project = await makeTree({ 'cdk.json': '{"app": "node bin/app.js"}\n', '.gitignore': 'cdk.out/\nnode_modules/\n' });
    await fs.cp(outdir, path.join(project, 'cdk.out'), { recursive: true });
  });

  after(async () => {
    await fs.rm(project, { recursive: true, force: true });
  });

  async function scan(format: string): Promise<string> {
    const outcome = await runCli(['scan', '--format', format, '.'], { cwd: project, rules: allRules });
    assert.equal(outcome.code, 1, outcome.stderr + outcome.stdout.slice(0, 400));
    return outcome.stdout;
  }

  it('reads the git-ignored cdk.out, and gives each finding its stack, construct path and source line', async () => {
    const report = JSON.parse(await scan('json')) as ScanReport;
    assert.deepEqual(report.errors, []);
    const picked = report.findings
      .filter((f) =>
        [
          'encryption/sqs-queue-encryption',
          'firewall/security-group-open-admin-port',
          'encryption/s3-bucket-encryption',
        ].includes(f.ruleId),
      )
      .map((f) => [
        f.ruleId,
        f.file,
        f.stack,
        f.constructPath,
        f.source?.file.replace(/^.*\/(lib\/)/, '$1'),
        f.source?.line,
      ]);
    assert.deepEqual(
      picked.map((row) => JSON.stringify(row)).sort(),
      [
        [
          'encryption/s3-bucket-encryption',
          'cdk.out/Storage.template.json',
          'Storage',
          '/Storage/RawBucket',
          'lib/storage-stack.ts',
          19,
        ],
        [
          'encryption/s3-bucket-encryption',
          'cdk.out/StorageArchive95A1486B.nested.template.json',
          'Storage/Archive',
          '/Storage/Archive/ArchiveBucket',
          'lib/storage-stack.ts',
          9,
        ],
        [
          'encryption/sqs-queue-encryption',
          'cdk.out/assembly-Prod/ProdApi2466CF1F.template.json',
          'Prod/Api',
          '/Prod/Api/JobsQueue/Resource',
          'lib/api-stack.ts',
          10,
        ],
        [
          'encryption/s3-bucket-encryption',
          'cdk.out/assembly-Prod/ProdApi2466CF1F.template.json',
          'Prod/Api',
          '/Prod/Api/UploadsBucket/Resource',
          'lib/api-stack.ts',
          15,
        ],
        [
          'firewall/security-group-open-admin-port',
          'cdk.out/Network.template.json',
          'Network',
          '/Network/AdminSg/Resource',
          'lib/network-stack.ts',
          15,
        ],
      ]
        .map((row) => JSON.stringify(row))
        .sort(),
    );
    // Each template once: the nested stack's bucket is not also reported through its parent, nor as a plain file.
    assert.equal(
      report.findings.filter(
        (f) => f.constructPath === '/Storage/RawBucket' && f.ruleId === 'encryption/s3-bucket-encryption',
      ).length,
      1,
    );
  });

  it('lists a CDK finding at the line of the app first, then the template location (stylish)', async () => {
    const stylish = await scan('stylish');
    assert.match(
      stylish,
      /\n\S*lib\/network-stack\.ts\n(?:.*\n)*? {2}15:\d+ +error +Ingress from 0\.0\.0\.0\/0 opens SSH to the whole internet \(tcp port 22\)\. \(cdk\.out\/Network\.template\.json:\d+:\d+ \/Network\/AdminSg\/Resource\) +firewall\/security-group-open-admin-port\n/,
    );
  });

  it('makes the source the primary SARIF location and the template a related one', async () => {
    const sarif = JSON.parse(await scan('sarif')) as {
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
          relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } }; message: { text: string } }[];
        }[];
      }[];
    };
    const ssh = sarif.runs[0]?.results.find((r) => r.ruleId === 'firewall/security-group-open-admin-port');
    assert.ok(ssh !== undefined);
    assert.match(ssh.locations[0]?.physicalLocation.artifactLocation.uri ?? '', /lib\/network-stack\.ts$/);
    assert.equal(ssh.locations[0]?.physicalLocation.region.startLine, 15);
    assert.deepEqual(
      ssh.relatedLocations?.map((r) => [r.physicalLocation.artifactLocation.uri, r.message.text]),
      [['cdk.out/Network.template.json', 'The resource in the synthesized template (/Network/AdminSg/Resource)']],
    );
  });
});
