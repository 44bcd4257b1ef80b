import type { EngineFinding } from '../../src/engine/finding';

/**
 * A finding that fixing another one may reveal, by design: a rule that leaves a case to another rule, so as
 * not to report one missing setting twice, speaks once that rule's fix has set it. Each entry is backed by the
 * revealed rule's documentation; the sweep allows exactly these (property 3) and counts them in its summary.
 */
interface FollowUp {
  /** The rule whose fix was applied. */
  readonly fixed: string;
  readonly revealed: string;
  readonly messageIds: readonly string[];
}

export const FOLLOW_UPS: readonly FollowUp[] = [
  // docs/rules/encryption/s3-bucket-customer-key.md, "Not this rule's finding": a bucket without BucketEncryption
  // is s3-bucket-encryption's finding; its fix declares SSE-S3, the default, and this rule then says (as info)
  // that the key is not the customer's.
  { fixed: 'encryption/s3-bucket-encryption', revealed: 'encryption/s3-bucket-customer-key', messageIds: ['sseS3'] },
];

/**
 * Whether `finding` is a follow-up of one of `fixed`: on the same resource, or on a resource the fix created
 * (Terraform's encryption fix adds an `aws_s3_bucket_server_side_encryption_configuration` for the bucket).
 */
export function isFollowUp(
  finding: EngineFinding,
  fixed: readonly EngineFinding[],
  resourcesBefore: ReadonlySet<string>,
): boolean {
  const resource = finding.resource?.id;
  return FOLLOW_UPS.some(
    (followUp) =>
      followUp.revealed === finding.ruleId &&
      followUp.messageIds.includes(finding.messageId) &&
      fixed.some(
        (cause) =>
          cause.ruleId === followUp.fixed &&
          resource !== undefined &&
          (cause.resource?.id === resource || !resourcesBefore.has(resource)),
      ),
  );
}
