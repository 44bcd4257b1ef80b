import type { Resource } from '../../model/template';
import { stringOf, type Outcome, type Step, type ValueResolver } from '../../model/values';
import { isMap, type Range } from '../../parsing/nodes';
import { along, combinations, itemOutcomes, itemValues } from '../branches';
import { policyDocument } from '../policy-json';
import { attributes } from '../terraform';
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
        'The key policy allows principal *{{where}} without a Condition: any principal in any AWS account that this policy ' +
        'grants can use or manage the key, and so read the data it protects.',
      weakCondition:
        'The key policy allows principal *{{where}} and its Condition ({{keys}}) does not say who may call: any principal in ' +
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
    // Every AWS provider resource that takes a key policy as a JSON string in `policy`.
    terraform: {
      aws_kms_key: checkTerraformPolicy,
      aws_kms_replica_key: checkTerraformPolicy,
      aws_kms_external_key: checkTerraformPolicy,
      aws_kms_replica_external_key: checkTerraformPolicy,
      aws_kms_key_policy: checkTerraformPolicy,
    },
  },
} satisfies Rule<MessageId>;

/** A statement that allows principal * without a condition on the caller, and the condition keys it does test. */
interface OpenStatement {
  readonly principal: Outcome;
  readonly via: readonly Step[];
  readonly keys: readonly string[];
}

/** CloudFormation: the `KeyPolicy` map, each finding on the principal that opens its statement. */
function checkPolicy(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  for (const { statement } of statementsOf(values, values.lookup(properties, 'KeyPolicy', 'Statement'))) {
    for (const open of openStatements(values, statement)) report(context, open.principal.node, '', open);
  }
}

/**
 * Terraform: the JSON string in `policy`, read as a document. Positions inside the string are not the file's, so
 * each finding goes on the attribute's value and its message names the statement (by Sid, else by position).
 */
function checkTerraformPolicy(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  for (const policy of values.lookup(attributes(resource, values), 'policy')) {
    const document = policyDocument(policy);
    if (document === undefined) continue;
    const root: Outcome = { kind: 'map', map: document, at: policy.node, node: policy.node, via: policy.via };
    for (const { statement, index } of statementsOf(values, values.lookup([root], 'Statement'))) {
      const sid = values.lookup([statement], 'Sid').map(stringOf);
      const name = sid.length === 1 && sid[0] !== undefined ? `"${sid[0]}"` : index;
      const where = name === undefined ? '' : ` in statement ${name}`;
      for (const open of openStatements(values, statement)) report(context, policy.node, where, open);
    }
  }
}

/** Every combination of one statement's values that allows principal * with no condition on the caller. */
function openStatements(values: ValueResolver, statement: Outcome): OpenStatement[] {
  const open: OpenStatement[] = [];
  const parts = ['Effect', 'Principal', 'Condition'].map((key) => values.lookup([statement], key));
  for (const [effect, principal, condition] of combinations(parts, statement.via)) {
    if (effect === undefined || principal === undefined || condition === undefined) continue;
    const via = stringOf(effect) === 'Allow' ? everyone(values, principal) : undefined;
    if (via === undefined) continue;
    const tests = conditionTests(condition);
    if (tests === undefined || tests.some((test) => test.restricts)) continue;
    open.push({ principal, via, keys: tests.map((test) => test.label) });
  }
  return open;
}

function report(context: RuleContext<MessageId>, node: Range, where: string, open: OpenStatement): void {
  const via = open.via;
  if (open.keys.length === 0) context.report({ node, messageId: 'wildcard', data: { where }, via });
  else context.report({ node, messageId: 'weakCondition', data: { where, keys: open.keys.join(', ') }, via });
}

/**
 * The statements of a policy: each item of a list, with its 1-based position, or the one statement IAM also
 * accepts written as a map.
 */
function statementsOf(
  values: ValueResolver,
  statements: readonly Outcome[],
): { statement: Outcome; index: number | undefined }[] {
  const result: { statement: Outcome; index: number | undefined }[] = [];
  for (const outcome of statements) {
    if (outcome.kind === 'map') result.push({ statement: outcome, index: undefined });
    else if (outcome.kind === 'seq')
      itemValues(values, outcome.seq, outcome.node, outcome.via).forEach((item, i) =>
        result.push(...item.map((statement) => ({ statement, index: i + 1 }))),
      );
  }
  return result.filter(({ statement }) => statement.kind === 'map');
}

/**
 * Whether a principal is every AWS principal — `*`, `{ AWS: "*" }`, or `*` among the `AWS` list — and if so, how
 * the `*` was reached (a parameter's or variable's default), for the message; undefined when it is not.
 */
function everyone(values: ValueResolver, principal: Outcome): readonly Step[] | undefined {
  if (principal.kind === 'scalar') return stringOf(principal) === '*' ? principal.via : undefined;
  if (principal.kind !== 'map') return undefined;
  for (const aws of along(values.lookup([principal], 'AWS'), principal.via)) {
    const found =
      aws.kind === 'seq' ? itemOutcomes(values, aws.seq, aws.node, aws.via) : aws.kind === 'scalar' ? [aws] : [];
    const star = found.find((value) => stringOf(value) === '*');
    if (star !== undefined) return star.via;
  }
  return undefined;
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
