import * as assert from 'node:assert/strict';
import { allRules } from '../../src/rules/index';
import { describe as describeFindings, lintFindings } from './helpers';

const SQS = allRules.filter((rule) => rule.meta.id === 'encryption/sqs-queue-encryption');

/** A `.tf.json` with one unencrypted queue whose body starts with a `"//"` entry holding `comment`. */
const queue = (comment: string): string =>
  `{\n  "resource": {\n    "aws_sqs_queue": {\n      "jobs": {\n        "//": ${comment},\n        "name": "jobs"\n      }\n    }\n  }\n}\n`;

function lint(text: string): string[] {
  return describeFindings(text, lintFindings(text, 'main.tf.json', { rules: SQS }));
}

describe('suppressions in Terraform JSON ("//" entries)', () => {
  it('iacsec-ignore with a reason suppresses the rule on the resource', () => {
    assert.deepEqual(lint(queue('"iacsec-ignore encryption/sqs-queue-encryption -- a scratch queue"')), [
      '4:7 encryption/sqs-queue-encryption missing «"jobs"» (iacsec-ignore: a scratch queue)',
    ]);
  });

  it('honours checkov, tfsec and trivy, by their ids for the same check', () => {
    assert.deepEqual(lint(queue('"checkov:skip=CKV_AWS_27:dev only"')), [
      '4:7 encryption/sqs-queue-encryption missing «"jobs"» (checkov: dev only)',
    ]);
    assert.deepEqual(lint(queue('"tfsec:ignore:aws-sqs-enable-queue-encryption"')), [
      '4:7 encryption/sqs-queue-encryption missing «"jobs"» (tfsec: )',
    ]);
    assert.deepEqual(lint(queue('["owned by the platform team", "trivy:ignore:AVD-AWS-0096"]')), [
      '4:7 encryption/sqs-queue-encryption missing «"jobs"» (trivy: )',
    ]);
  });

  it('reports an iacsec suppression that suppresses nothing, or gives no reason', () => {
    assert.deepEqual(lint(queue('"iacsec-ignore encryption/s3-bucket-encryption -- wrong rule"')), [
      '4:7 encryption/sqs-queue-encryption missing «"jobs"»',
      '5:30 iacsec/unused-suppression unknownRule «encryption/s3-bucket-encryption»',
    ]);
    assert.deepEqual(lint(queue('"iacsec-ignore encryption/sqs-queue-encryption"')), [
      '4:7 encryption/sqs-queue-encryption missing «"jobs"» (iacsec-ignore: )',
      '5:15 iacsec/suppression-without-reason missingReason «"iacsec-ignore encryption/sqs-queue-encryption"»',
    ]);
  });

  it('reads a "//" key however JSON spells it, escapes included', () => {
    const ignore = '"iacsec-ignore encryption/sqs-queue-encryption -- a scratch queue"';
    for (const key of ['"\\/\\/"', '"\\u002f\\u002F"']) {
      assert.deepEqual(lint(queue(ignore).replace('"//"', key)), [
        '4:7 encryption/sqs-queue-encryption missing «"jobs"» (iacsec-ignore: a scratch queue)',
      ]);
    }
  });

  it('finds the one comment of a configuration among resources without any', () => {
    const text =
      '{\n  "resource": {\n    "aws_sqs_queue": {\n      "a": { "name": "a" },\n' +
      '      "b": { "//": "checkov:skip=CKV_AWS_27:dev only", "name": "b" },\n      "c": { "name": "c" }\n    }\n  }\n}\n';
    assert.deepEqual(lint(text), [
      '4:7 encryption/sqs-queue-encryption missing «"a"»',
      '5:7 encryption/sqs-queue-encryption missing «"b"» (checkov: dev only)',
      '6:7 encryption/sqs-queue-encryption missing «"c"»',
    ]);
  });

  it('leaves other comments alone', () => {
    assert.deepEqual(lint(queue('"queue for the nightly jobs"')), [
      '4:7 encryption/sqs-queue-encryption missing «"jobs"»',
    ]);
  });
});
