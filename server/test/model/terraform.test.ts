import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import { configAddress } from '../../src/model/terraform-plan';
import { expressionOf, interpolations } from '../../src/model/terraform-values';
import { readDocument } from '../../src/parsing/detect';
import { DEFAULT_LIMITS } from '../../src/parsing/errors';
import { allRules } from '../../src/rules';
import { templateOf } from './template-fixture';

const PLAN = path.resolve(__dirname, '../../../test/fixtures/terraform/plan.json');

describe('Terraform JSON', () => {
  it('is detected by its name, and is an error when it is not Terraform', () => {
    const outcome = readDocument('{"resource": {}}', 'main.tf.json', DEFAULT_LIMITS);
    assert.equal(outcome.kind === 'document' && outcome.document.format, 'terraform');
    assert.deepEqual(readDocument('{"resource": {}}', 'main.json', DEFAULT_LIMITS), { kind: 'not-iac' });
    assert.deepEqual(readDocument('{"name": "x", "resource": {}}', 'pkg.tf.json', DEFAULT_LIMITS), {
      kind: 'problem',
      problem: { code: 'parse', message: 'not Terraform JSON: "name" is not a Terraform block type', offset: 1 },
    });
  });

  it('reads resources written as objects and as arrays of objects, skipping "//" comments', () => {
    const template = templateOf(
      JSON.stringify({
        '//': 'top comment',
        resource: [
          { aws_s3_bucket: { logs: { bucket: 'l' }, '//': 'not a resource' } },
          { aws_s3_bucket: [{ data: { bucket: 'd' } }], aws_sqs_queue: { jobs: {} } },
        ],
      }),
      'main.tf.json',
    );
    assert.equal(template.dialect, 'terraform');
    assert.deepEqual(
      template.resources.map((r) => [r.id, r.type, r.idNode.value]),
      [
        ['aws_s3_bucket.logs', 'aws_s3_bucket', 'logs'],
        ['aws_s3_bucket.data', 'aws_s3_bucket', 'data'],
        ['aws_sqs_queue.jobs', 'aws_sqs_queue', 'jobs'],
      ],
    );
    assert.equal(template.hasHiddenResources(), false);
  });

  it('follows variable defaults and locals, and refers to resources through interpolations', () => {
    const template = templateOf(
      JSON.stringify({
        variable: { cidr: { default: '0.0.0.0/0' }, open: { type: 'string' } },
        locals: { sse: true },
        resource: {
          aws_kms_key: { k: {} },
          aws_sqs_queue: {
            q: {
              kms_master_key_id: '${aws_kms_key.k.arn}',
              cidr: '${var.cidr}',
              open: '${var.open}',
              sse: '${local.sse}',
            },
          },
        },
        module: { m: { source: './m' } },
      }),
      'main.tf.json',
    );
    const queue = template.resource('aws_sqs_queue.q');
    assert.ok(queue !== undefined);
    const values = template.values.resolve(queue.properties, queue.anchor);
    const [key] = template.values.lookup(values, 'kms_master_key_id');
    assert.deepEqual(key?.kind === 'resource' && [key.id, key.attribute], ['aws_kms_key.k', 'arn']);
    const [cidr] = template.values.lookup(values, 'cidr');
    assert.deepEqual(
      cidr?.kind === 'scalar' && [cidr.value, cidr.via.map((step) => step.kind === 'parameter' && step.label)],
      ['0.0.0.0/0', ['variable']],
    );
    assert.equal(template.values.lookup(values, 'open')[0]?.kind, 'unknown');
    const [sse] = template.values.lookup(values, 'sse');
    assert.equal(sse?.kind === 'scalar' && sse.value, true);
    assert.deepEqual(
      template.references.to('aws_kms_key.k').map((r) => [r.from.id, r.attribute, r.path.join('.')]),
      [['aws_sqs_queue.q', 'arn', 'kms_master_key_id']],
    );
    assert.equal(template.hasHiddenResources(), true);
  });

  it('reads expressions: whole interpolations only, everything else unknown', () => {
    assert.equal(expressionOf('plain'), undefined);
    assert.deepEqual(expressionOf('${var.x}'), { kind: 'variable', name: 'x' });
    assert.deepEqual(expressionOf('${aws_s3_bucket.b[0].id}'), {
      kind: 'resource',
      address: 'aws_s3_bucket.b',
      attribute: 'id',
    });
    assert.deepEqual(expressionOf('arn:${var.x}'), { kind: 'other' });
    assert.deepEqual(expressionOf('${jsonencode(var.x)}'), { kind: 'other' });
  });

  it('finds the interpolations of a string: not after the $${ escape, not with braces inside, not unclosed', () => {
    assert.deepEqual(interpolations('${a}-${b.c}x${}'), ['a', 'b.c', '']);
    assert.deepEqual(interpolations('$${literal} $$${also} ${kept}'), ['kept']);
    assert.deepEqual(interpolations('${merge(local.t, { Name = "n" })} ${x { y} ${z'), []);
    assert.deepEqual(interpolations('${outer ${inner}} ${unclosed'), ['inner']);
    assert.deepEqual(interpolations('plain'), []);
  });
});

describe('Terraform plan JSON', () => {
  const text = fs.readFileSync(PLAN, 'utf8');

  it('is detected by its content, whatever the file is called', () => {
    for (const name of ['plan.json', 'out.txt', 'tfplan']) {
      const outcome = readDocument(text, name, DEFAULT_LIMITS);
      assert.equal(outcome.kind === 'document' && outcome.document.format, 'terraform-plan', name);
    }
    const state = '{"format_version":"1.0","terraform_version":"1.9.5","values":{"root_module":{}}}';
    assert.deepEqual(readDocument(state, 'state.json', DEFAULT_LIMITS), { kind: 'not-iac' });
  });

  it('holds the planned resources of every module, without data sources or deleted resources', () => {
    const template = templateOf(text, 'plan.json');
    assert.deepEqual(
      template.resources.map((r) => r.id),
      [
        'aws_kms_key.data',
        'module.storage.aws_s3_bucket.archive[0]',
        'module.storage.aws_s3_bucket.archive[1]',
        'module.storage.aws_s3_bucket_server_side_encryption_configuration.archive[0]',
        'module.storage.aws_sqs_queue.events',
        'module.storage.module.dlq.aws_sqs_queue.dead_letters',
      ],
    );
    assert.equal(configAddress('module.a["x"].aws_s3_bucket.b[0]'), 'module.a.aws_s3_bucket.b');
  });

  it('treats attributes known only after apply as unknown, and ties resources through the configuration', () => {
    const template = templateOf(text, 'plan.json');
    const dlq = template.resource('module.storage.module.dlq.aws_sqs_queue.dead_letters');
    assert.ok(dlq !== undefined);
    const values = template.values.resolve(dlq.properties, dlq.anchor);
    assert.equal(template.values.lookup(values, 'kms_master_key_id')[0]?.kind, 'unknown');
    assert.equal(template.values.lookup(values, 'sqs_managed_sse_enabled')[0]?.kind, 'absent');
    assert.deepEqual(
      template.references
        .to('module.storage.aws_s3_bucket.archive[0]')
        .map((r) => [r.from.id, r.attribute, r.path.join('.')]),
      [['module.storage.aws_s3_bucket_server_side_encryption_configuration.archive[0]', 'id', 'bucket']],
    );
  });

  it('lints the plan: the updated queue, not the deleted one; findings point into the plan and offer no fix', () => {
    const result = new Linter(new RuleSet(allRules)).lint(text, 'plan.json');
    assert.deepEqual(result.problems, []);
    const queues = result.findings.filter((f) => f.ruleId === 'encryption/sqs-queue-encryption');
    assert.deepEqual(
      queues.map((f) => [f.resource?.id, f.messageId, text.slice(f.start, f.end), f.fixes.length]),
      [['module.storage.aws_sqs_queue.events', 'disabled', 'false', 0]],
    );
    assert.match(
      queues[0]?.message ?? '',
      / This is a plan: fix module\.storage\.aws_sqs_queue\.events in the Terraform configuration and plan again\.$/,
    );
    const buckets = result.findings.filter((f) => f.ruleId === 'encryption/s3-bucket-encryption');
    assert.deepEqual(
      buckets.map((f) => f.resource?.id),
      ['module.storage.aws_s3_bucket.archive[1]'],
    );
  });
});

describe('Terraform plan JSON from terraform itself', () => {
  const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  const available = terraform.status === 0;

  it('reads modules, counts and after_unknown as terraform writes them', function () {
    if (!available) {
      console.log('      terraform is not installed: skipped (CI has it)');
      this.skip();
    }
    this.timeout(60000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-terraform-'));
    try {
      fs.mkdirSync(path.join(dir, 'store'));
      fs.writeFileSync(
        path.join(dir, 'main.tf'),
        'resource "terraform_data" "key" {\n  input = "k"\n}\nmodule "store" {\n  source = "./store"\n  key    = terraform_data.key.output\n}\n',
      );
      fs.writeFileSync(
        path.join(dir, 'store/main.tf'),
        'variable "key" {}\nresource "terraform_data" "item" {\n  count = 2\n  input = { key = var.key, n = count.index }\n}\nresource "terraform_data" "link" {\n  input = terraform_data.item[0].id\n}\n',
      );
      const env = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '/dev/null' };
      const run = (...args: string[]) =>
        execFileSync('terraform', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 26 });
      run('init', '-input=false', '-backend=false');
      run('plan', '-input=false', '-out=plan.out');
      const json = run('show', '-json', 'plan.out');
      const template = templateOf(json, 'tfplan.json');
      assert.equal(template.format, 'terraform-plan');
      assert.deepEqual(
        template.resources.map((r) => r.id),
        [
          'terraform_data.key',
          'module.store.terraform_data.item[0]',
          'module.store.terraform_data.item[1]',
          'module.store.terraform_data.link',
        ],
      );
      const item = template.resource('module.store.terraform_data.item[0]');
      assert.ok(item !== undefined);
      const input = template.values.lookup(template.values.resolve(item.properties, item.anchor), 'input');
      assert.equal(template.values.lookup(input, 'key')[0]?.kind, 'unknown');
      assert.equal(template.values.lookup(input, 'n')[0]?.kind, 'scalar');
      assert.deepEqual(
        template.references.to('module.store.terraform_data.item[0]').map((r) => [r.from.id, r.path.join('.')]),
        [['module.store.terraform_data.link', 'input']],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
