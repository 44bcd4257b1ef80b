import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { readAssembly } from '../../src/cdk/index';
import type { CdkAssembly } from '../../src/cdk/types';
import { Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import { allRules } from '../../src/rules/index';
import { APP_ROOT, synthesizeApp } from './synth';

/** The gaps the fixture app leaves on purpose, each with the rule that catches it. */
const RULES = [
  'encryption/s3-bucket-encryption',
  'encryption/sqs-queue-encryption',
  'firewall/security-group-open-admin-port',
];

describe('linting the templates aws-cdk-lib synthesized, with the real catalogue', function () {
  this.timeout(120_000);
  let assembly: CdkAssembly;
  before(async () => {
    assembly = await readAssembly((await synthesizeApp()).outdir, APP_ROOT);
  });

  it('lands each expected finding on its logical id, whose origin is the line of the app that made it', async () => {
    const linter = new Linter(new RuleSet(allRules));
    const found: string[] = [];
    for (const template of assembly.templates) {
      const result = linter.lint(await fs.readFile(template.file, 'utf8'), template.file);
      assert.deepEqual(result.problems, [], template.file);
      for (const finding of result.findings) {
        if (!RULES.includes(finding.ruleId)) continue;
        const logicalId = finding.resource?.id ?? '(none)';
        const source = template.origins.get(logicalId)?.source;
        const where = source === undefined ? 'no source' : `${path.relative(APP_ROOT, source.file)}:${source.line}`;
        found.push(`${finding.ruleId} ${template.displayName} ${logicalId} ${where}`);
      }
    }
    assert.deepEqual(found, [
      'encryption/sqs-queue-encryption Prod/Api JobsQueue86ED6666 lib/api-stack.ts:10',
      'encryption/s3-bucket-encryption Prod/Api UploadsBucket5E5E9B64 lib/api-stack.ts:15',
      'encryption/s3-bucket-encryption Storage RawBucket lib/storage-stack.ts:19',
      'encryption/s3-bucket-encryption Storage/Archive ArchiveBucket lib/storage-stack.ts:9',
      'firewall/security-group-open-admin-port Network AdminSg34EB5EC7 lib/network-stack.ts:15',
    ]);
  });
});
