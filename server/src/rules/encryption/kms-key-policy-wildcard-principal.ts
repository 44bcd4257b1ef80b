import type { Resource } from '../../model/template';
import { stringOf, type Outcome, type ValueResolver } from '../../model/values';
import { isMap } from '../../parsing/nodes';
import { along, combinations, itemValues } from '../branches';
import type { Rule, RuleContext } from '../types';

type MessageId = 'wildcard' | 'weakCondition';

/**
 * Condition keys that say nothing about who the caller is or which account or service it acts through, so a
 * statement open to `*` that is conditioned only on them is still open to every AWS account. Any other key
 * (`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:SourceAccount`, `aws:SourceArn`,
 * `aws:SourceVpce`, `kms:CallerAccount`, `kms:ViaService`, `kms:GrantIsForAWSResource`, …) counts as restricting,
 * because checking what it compares against is beyond a linter: an unknown never reports.
 */
const NON_RESTRICTING = new Set(
  [
    'aws:SecureTransport',
    'aws:CurrentTime',
    'aws:EpochTime',
    'aws:MultiFactorAuthPresent',
    'aws:MultiFactorAuthAge',
    'aws:RequestedRegion',
    'aws:UserAgent',
    'aws:Referer',
    'aws:TokenIssueTime',
    'kms:EncryptionAlgorithm',
    'kms:SigningAlgorithm',
    'kms:MacAlgorithm',
    'kms:KeyAgreementAlgorithm',
  ].map((key) => key.toLowerCase()),
);

export const kmsKeyPolicyWildcardPrincipal = {
  meta: {
    id: 'encryption/kms-key-policy-wildcard-principal',
    title: 'KMS key policies do not allow every AWS principal',
    severity: 'error',
    responsibility: 'data',
    messages: {
      wildcard:
        'The key policy allows principal * without a Condition: any principal in any AWS account that this policy ' +
        'grants can use or manage the key, and so read the data it protects.',
      weakCondition:
        'The key policy allows principal * and its Condition ({{keys}}) does not say who may call: any principal in ' +
        'any AWS account that this policy grants can use or manage the key, and so read the data it protects.',
    },
    rationale:
      'Who may use a customer-managed key is the customer’s side of the shared-responsibility model: KMS enforces the ' +
      'key policy exactly as written. A statement that allows principal * without a condition on the caller’s account, ' +
      'organization or calling service lets any AWS account decrypt with the key, and with it every S3 object, EBS ' +
      'snapshot, database and secret the key protects; with administrative actions it lets them disable or schedule ' +
      'the key’s deletion, making the data unrecoverable.',
    remediation:
      'Name the principals (account roots, roles, service principals), or keep * and add a Condition that restricts ' +
      'the caller — aws:PrincipalOrgID, aws:PrincipalAccount or kms:CallerAccount, kms:ViaService, aws:SourceAccount. ' +
      'AWS’s default key policy gives kms:* to the account root (arn:aws:iam::<account>:root) and lets IAM decide.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_33', match: 'equivalent' },
      { tool: 'cfnNag', id: 'F76', match: 'equivalent', name: 'formerly W55' },
      {
        tool: 'kics',
        id: 'f6049677-ec4a-43af-8779-5190b6d03cba',
        match: 'equivalent',
        name: 'KMS allows a wildcard principal',
      },
    ],
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'AWS::KMS::Key': checkPolicy,
      'AWS::KMS::ReplicaKey': checkPolicy,
    },
  },
} satisfies Rule<MessageId>;

function checkPolicy(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  for (const statement of statementsOf(values, values.lookup(properties, 'KeyPolicy', 'Statement'))) {
    const parts = ['Effect', 'Principal', 'Condition'].map((key) => values.lookup([statement], key));
    for (const [effect, principal, condition] of combinations(parts, statement.via)) {
      if (effect === undefined || principal === undefined || condition === undefined) continue;
      if (stringOf(effect) !== 'Allow' || !isEveryone(values, principal)) continue;
      const tests = conditionTests(condition);
      if (tests === undefined || tests.some((test) => test.restricts)) continue;
      const keys = tests.map((test) => test.label);
      if (keys.length === 0) context.report({ node: principal.node, messageId: 'wildcard', via: principal.via });
      else
        context.report({
          node: principal.node,
          messageId: 'weakCondition',
          data: { keys: keys.join(', ') },
          via: principal.via,
        });
    }
  }
}

/** The statements of a policy: each item of a list, or the one statement IAM also accepts written as a map. */
function statementsOf(values: ValueResolver, statements: readonly Outcome[]): Outcome[] {
  const result: Outcome[] = [];
  for (const outcome of statements) {
    if (outcome.kind === 'map') result.push(outcome);
    else if (outcome.kind === 'seq') result.push(...itemValues(values, outcome.seq, outcome.node, outcome.via).flat());
  }
  return result.filter((statement) => statement.kind === 'map');
}

/** Whether a principal is every AWS principal: `*`, `{ AWS: "*" }`, or `*` among the `AWS` list. */
function isEveryone(values: ValueResolver, principal: Outcome): boolean {
  if (principal.kind === 'scalar') return stringOf(principal) === '*';
  if (principal.kind !== 'map') return false;
  return along(values.lookup([principal], 'AWS'), principal.via).some((aws) => {
    if (aws.kind === 'scalar') return stringOf(aws) === '*';
    if (aws.kind !== 'seq') return false;
    return itemValues(values, aws.seq, aws.node, aws.via).some((item) => item.some((value) => stringOf(value) === '*'));
  });
}

/**
 * What a statement's Condition tests: none when it has no Condition, undefined when the Condition cannot be read
 * (a function call, an unknown value), which never reports. A key tested with an `…IfExists` operator or `Null`
 * does not restrict: a request without the key passes it.
 */
function conditionTests(condition: Outcome): { label: string; restricts: boolean }[] | undefined {
  if (condition.kind === 'absent') return [];
  if (condition.kind !== 'map') return undefined;
  const tests: { label: string; restricts: boolean }[] = [];
  for (const { key, value } of condition.map.entries) {
    const operator = String(key.value);
    if (!isMap(value)) return undefined;
    const lenient = operator.endsWith('IfExists') || operator === 'Null';
    for (const entry of value.entries) {
      const name = String(entry.key.value);
      tests.push({
        label: lenient ? `${operator} ${name}` : name,
        restricts: !lenient && !NON_RESTRICTING.has(name.toLowerCase()),
      });
    }
  }
  return tests;
}
