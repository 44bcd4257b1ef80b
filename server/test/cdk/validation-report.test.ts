import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { readAssembly } from '../../src/cdk/index';
import { SERVER_DIR } from '../cli/helpers';
import { manifest, remove, scratch, writeFiles } from './hand-made';

/**
 * What aws-cdk-lib 2.276 wrote when it synthesized test/fixtures/cdk-app with its CloudFormation validation on
 * (the tests synthesize with it off: it costs seconds). Kept byte for byte.
 */
const REAL_REPORT = path.join(SERVER_DIR, 'test', 'fixtures', 'cdk', 'validation-report.json');

describe('the validation report of a synth', () => {
  let root: string;
  let outdir: string;
  beforeEach(async () => {
    root = await scratch();
    outdir = path.join(root, 'cdk.out');
    await writeFiles(root, { 'cdk.out/manifest.json': manifest({}) });
  });
  afterEach(async () => {
    await remove(root);
  });

  it('reads the report aws-cdk-lib writes: one finding per violating construct', async () => {
    await fs.copyFile(REAL_REPORT, path.join(outdir, 'validation-report.json'));
    const assembly = await readAssembly(outdir, root);
    assert.deepEqual(assembly.validation, [
      {
        tool: 'CloudFormation Validate',
        ruleId: 'W2508',
        message: 'SecurityGroupIngress: Security group allows 0.0.0.0/0 access to sensitive port 22 (range 22-22)',
        severity: 'warning',
        constructPath: '/Network/AdminSg/Resource',
        template: path.join(outdir, 'Network.template.json'),
        logicalId: 'AdminSg34EB5EC7',
      },
    ]);
    assert.deepEqual(assembly.problems, []);
  });

  it('reads the legacy policy-validation-report.json, severities and a plugin that failed', async () => {
    await writeFiles(outdir, {
      'policy-validation-report.json': {
        title: 'Validation Report',
        pluginReports: [
          {
            version: '3.0.0',
            summary: { pluginName: 'cdk-nag', status: 'failure' },
            violations: [
              {
                ruleName: 'AwsSolutions-S1',
                description: 'The S3 Bucket has server access logs disabled.',
                severity: 'error',
                violatingConstructs: [
                  {
                    constructPath: 'Storage/Bucket/Resource',
                    resourceLogicalId: 'Bucket83908E77',
                    templatePath: 'assembly-Prod/ProdStorage.template.json',
                    locations: [],
                  },
                  { constructPath: 'Storage/Other', resourceLogicalId: 'N/A', templatePath: 'N/A', locations: [] },
                ],
              },
              { ruleName: 'Custom-1', description: 'Mind this.', severity: 'Important', violatingConstructs: [] },
            ],
          },
          {
            version: '1.0.0',
            summary: { pluginName: 'broken', status: 'failure', metadata: {} },
            metadata: { error: "Validation plugin 'broken' failed: boom" },
            violations: [],
          },
        ],
      },
    });
    const assembly = await readAssembly(outdir, root);
    assert.deepEqual(assembly.validation, [
      {
        tool: 'cdk-nag',
        ruleId: 'AwsSolutions-S1',
        message: 'The S3 Bucket has server access logs disabled.',
        severity: 'error',
        constructPath: '/Storage/Bucket/Resource',
        template: path.join(outdir, 'assembly-Prod', 'ProdStorage.template.json'),
        logicalId: 'Bucket83908E77',
      },
      {
        tool: 'cdk-nag',
        ruleId: 'AwsSolutions-S1',
        message: 'The S3 Bucket has server access logs disabled.',
        severity: 'error',
        constructPath: '/Storage/Other',
        template: undefined,
        logicalId: undefined,
      },
      {
        tool: 'cdk-nag',
        ruleId: 'Custom-1',
        message: 'Mind this.',
        severity: 'warning',
        constructPath: undefined,
        template: undefined,
        logicalId: undefined,
      },
    ]);
    assert.deepEqual(assembly.problems, [
      {
        file: path.join(outdir, 'policy-validation-report.json'),
        message: "Validation plugin 'broken' failed: boom",
      },
    ]);
  });

  it('reports a report that is not one', async () => {
    await writeFiles(outdir, { 'validation-report.json': { title: 'Something else' } });
    const assembly = await readAssembly(outdir, root);
    assert.deepEqual(assembly.validation, []);
    assert.deepEqual(assembly.problems, [
      { file: path.join(outdir, 'validation-report.json'), message: 'not a validation report' },
    ]);
  });
});
