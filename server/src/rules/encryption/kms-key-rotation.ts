import { isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, truthOf, type Outcome } from '../../model/values';
import { combinations } from '../branches';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'disabled';

/**
 * What a key must be for KMS to rotate it automatically: a symmetric encryption key whose material KMS generated.
 * Asymmetric, HMAC and key-agreement keys, and keys with imported material, cannot rotate automatically, so an
 * absent `EnableKeyRotation` there is no gap. Each entry is the property and the value AWS deploys when it is absent.
 */
const ROTATABLE: readonly (readonly [string, string])[] = [
  ['KeySpec', 'SYMMETRIC_DEFAULT'],
  ['KeyUsage', 'ENCRYPT_DECRYPT'],
  ['Origin', 'AWS_KMS'],
];

export const kmsKeyRotation = {
  meta: {
    id: 'encryption/kms-key-rotation',
    title: 'Symmetric KMS keys rotate their key material',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      missing:
        'Automatic key rotation is off: EnableKeyRotation is not set, and KMS does not rotate a key unless asked, so ' +
        'one key material protects every data key for the key’s whole life.',
      disabled:
        'Automatic key rotation is off: EnableKeyRotation is false, so one key material protects every data key for ' +
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
  },
  visitors: {
    cloudformation: {
      'AWS::KMS::Key': checkKey,
    },
  },
} satisfies Rule<MessageId>;

const FIX_TITLE = 'Turn on automatic key rotation (EnableKeyRotation: true)';

function checkKey(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const kinds = ROTATABLE.map(([key]) => values.lookup(properties, key));
  const rotationValues = values.lookup(properties, 'EnableKeyRotation');
  // A fix is offered only where the finding holds in every deployment: rotation on a key that is asymmetric on
  // some branch would fail that deployment.
  const fixable =
    isUnconditional(rotationValues) &&
    kinds.every((list, i) => list.every((value) => canRotate(value, ROTATABLE[i]?.[1])));
  for (const combination of combinations([...kinds, rotationValues])) {
    const rotation = combination.at(-1);
    if (rotation === undefined || !ROTATABLE.every(([, expected], i) => canRotate(combination[i], expected))) continue;
    const fixes = fixable
      ? propertyFix(resource, 'EnableKeyRotation', rotation, true, { title: FIX_TITLE, safe: true })
      : [];
    if (rotation.kind === 'absent')
      context.report({ node: rotation.node, messageId: 'missing', via: rotation.via, fixes });
    else if (truthOf(rotation) === false)
      context.report({ node: rotation.node, messageId: 'disabled', via: rotation.via, fixes });
  }
}

/** Whether a property is absent (so AWS's default applies) or names that default; unknown is neither. */
function canRotate(value: Outcome | undefined, expected: string | undefined): boolean {
  if (value === undefined) return false;
  return value.kind === 'absent' || stringOf(value) === expected;
}
