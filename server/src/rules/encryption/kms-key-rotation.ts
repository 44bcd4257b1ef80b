import { isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, truthOf, type Outcome } from '../../model/values';
import { combinations } from '../branches';
import { blankAsAbsent } from '../terraform-attributes';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'disabled';

/**
 * What a key must be for KMS to rotate it automatically: a symmetric encryption key whose material KMS generated.
 * Asymmetric, HMAC and key-agreement keys, keys with imported material and keys in a custom key store cannot rotate
 * automatically, so an absent setting there is no gap. Each entry is a property and the one value that allows
 * rotation, which is also what AWS deploys when it is absent; `undefined`: the property must be absent.
 */
interface Names {
  readonly rotation: string;
  readonly rotatable: readonly (readonly [string, string | undefined])[];
  /** The AWS provider writes an unset string as "" in state: absence. */
  readonly blankIsAbsent: boolean;
}

const CLOUDFORMATION: Names = {
  rotation: 'EnableKeyRotation',
  rotatable: [
    ['KeySpec', 'SYMMETRIC_DEFAULT'],
    ['KeyUsage', 'ENCRYPT_DECRYPT'],
    ['Origin', 'AWS_KMS'],
  ],
  blankIsAbsent: false,
};

/** `aws_kms_key` has no origin: imported material is `aws_kms_external_key`, a custom key store an id here. */
const TERRAFORM: Names = {
  rotation: 'enable_key_rotation',
  rotatable: [
    ['customer_master_key_spec', 'SYMMETRIC_DEFAULT'],
    ['key_usage', 'ENCRYPT_DECRYPT'],
    ['custom_key_store_id', undefined],
    ['xks_key_id', undefined],
  ],
  blankIsAbsent: true,
};

export const kmsKeyRotation = {
  meta: {
    id: 'encryption/kms-key-rotation',
    title: 'Symmetric KMS keys rotate their key material',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      missing:
        'Automatic key rotation is off: {{setting}} is not set, and KMS does not rotate a key unless asked, so ' +
        'one key material protects every data key for the key’s whole life.',
      disabled:
        'Automatic key rotation is off: {{setting}} is false, so one key material protects every data key for ' +
        'the key’s whole life.',
    },
    rationale:
      'Protecting data at rest is the customer’s side of the shared-responsibility model, and so is the life cycle of the ' +
      'customer-managed keys that protect it. Rotation limits how much data one key material protects and how long a ' +
      'leaked or broken material stays useful, and most baselines (CIS AWS Foundations, PCI DSS, NIST 800-53) require it. ' +
      'KMS keeps every earlier key material, so data encrypted before a rotation stays readable: rotation loses nothing ' +
      'and changes nothing for the services that use the key.',
    remediation:
      'Set EnableKeyRotation: true. KMS then rotates every 365 days, or every RotationPeriodInDays (90 to 2560). ' +
      'Asymmetric, HMAC and imported-material keys cannot rotate automatically; replace them on a schedule instead.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_7', match: 'equivalent' },
      { tool: 'cfnNag', id: 'F19', match: 'equivalent', name: 'also reports keys that cannot rotate' },
      { tool: 'kics', id: '235ca980-eb71-48f4-9030-df0c371029eb', match: 'equivalent' },
      { tool: 'cdkNag', id: 'AwsSolutions-KMS5', match: 'equivalent' },
      { tool: 'cdkNag', id: 'NIST.800.53.R5-KMSBackingKeyRotationEnabled', match: 'equivalent' },
      { tool: 'trivy', id: 'AVD-AWS-0065', match: 'equivalent', name: 'aws-kms-auto-rotate-keys' },
    ],
    fix: 'safe',
    cdk: 'enableKeyRotation: true',
  },
  visitors: {
    cloudformation: {
      'AWS::KMS::Key': (resource, context) => checkKey(resource, context, CLOUDFORMATION),
    },
    terraform: {
      aws_kms_key: (resource, context) => checkKey(resource, context, TERRAFORM),
    },
  },
} satisfies Rule<MessageId>;

function checkKey(resource: Resource, context: RuleContext<MessageId>, names: Names): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const read = (key: string): readonly Outcome[] => {
    const found = values.lookup(properties, key);
    return names.blankIsAbsent ? blankAsAbsent(found) : found;
  };
  const kinds = names.rotatable.map(([key]) => read(key));
  const rotationValues = read(names.rotation);
  const expected = names.rotatable.map(([, value]) => value);
  // A fix is offered only where the finding holds in every deployment: rotation on a key that is asymmetric on
  // some branch would fail that deployment.
  const fixable =
    isUnconditional(rotationValues) && kinds.every((list, i) => list.every((value) => canRotate(value, expected[i])));
  const fix = { title: `Turn on automatic key rotation (${names.rotation}: true)`, safe: true };
  const data = { setting: names.rotation };
  for (const combination of combinations([...kinds, rotationValues])) {
    const rotation = combination.at(-1);
    if (rotation === undefined || !expected.every((value, i) => canRotate(combination[i], value))) continue;
    const fixes = fixable ? propertyFix(resource, names.rotation, rotation, true, fix) : [];
    if (rotation.kind === 'absent')
      context.report({ node: rotation.node, messageId: 'missing', data, via: rotation.via, fixes });
    else if (truthOf(rotation) === false)
      context.report({ node: rotation.node, messageId: 'disabled', data, via: rotation.via, fixes });
  }
}

/**
 * Whether a property is absent (so AWS's default applies) or names the one value that rotates; unknown is
 * neither. `expected` undefined: only absence rotates.
 */
function canRotate(value: Outcome | undefined, expected: string | undefined): boolean {
  if (value === undefined) return false;
  return value.kind === 'absent' || (expected !== undefined && stringOf(value) === expected);
}
