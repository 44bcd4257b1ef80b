import type { Resource } from '../../model/template';
import { stringOf, truthOf, type Outcome, type Step } from '../../model/values';
import { entryOf } from '../../parsing/nodes';
import { combinations, itemValues } from '../branches';
import { attributes, blocks } from '../terraform';
import { blankAsAbsent } from '../terraform-attributes';
import { blockValues } from '../terraform-computed';
import type { Rule, RuleContext } from '../types';

type MessageId = 'awsOwned' | 'awsManaged';

/** How a template can name DynamoDB's AWS-managed key, which is what an absent KMSMasterKeyId means. */
const AWS_MANAGED = /(^|:)(alias\/)?aws\/dynamodb$/;

export const dynamodbCustomerKey = {
  meta: {
    id: 'encryption/dynamodb-customer-key',
    title: 'DynamoDB tables use a customer-managed KMS key',
    severity: 'info',
    responsibility: 'data',
    messages: {
      awsOwned:
        'The table is encrypted with DynamoDB’s AWS-owned key (no {{specification}}, or {{enabled}} is not true): its use ' +
        'never appears in your CloudTrail and no key policy of yours controls it. A customer-managed key lets you decide ' +
        'and audit who can read the data.',
      awsManaged:
        'The table is encrypted with the AWS-managed key aws/dynamodb, whose key policy cannot be changed. A ' +
        'customer-managed key lets you decide and audit who can read the data, and revoke access by disabling the key.',
    },
    rationale:
      'DynamoDB always encrypts tables at rest, so nothing is stored in plaintext; what the customer controls is who ' +
      'can decrypt. With the AWS-owned key nobody in the account can see or audit key use; with the AWS-managed ' +
      'aws/dynamodb key every principal allowed to call DynamoDB can read, and the key can be neither restricted nor ' +
      'disabled. A customer-managed key adds a key policy you write, CloudTrail records of every use, and a way to cut ' +
      'off access to the data, backups and exports. Advice rather than a gap, hence info.',
    remediation:
      'Create a customer-managed KMS key (with EnableKeyRotation and DeletionPolicy: Retain — a lost key is lost data) ' +
      'whose policy lets the table’s readers and writers use it through kms:ViaService dynamodb.<region>.amazonaws.com, ' +
      'then set SSESpecification: { SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: <key> } (for a global table, ' +
      'SSEEnabled and SSEType at the top and KMSMasterKeyId in each replica’s SSESpecification). The table is updated ' +
      'without interruption.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_119', match: 'equivalent' },
      { tool: 'cfnNag', id: 'W74', match: 'related', name: 'accepts the AWS-managed key' },
      {
        tool: 'kics',
        id: 'c8dee387-a2e6-4a73-a942-183c975549ac',
        match: 'related',
        name: 'accepts the AWS-managed key',
      },
      { tool: 'trivy', id: 'AVD-AWS-0025', match: 'equivalent', name: 'aws-dynamodb-table-customer-key' },
    ],
    // A key needs a key policy that names the table's users and a retention decision: not for a fix to invent.
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'AWS::DynamoDB::Table': checkCloudFormation,
      'AWS::DynamoDB::GlobalTable': checkCloudFormation,
    },
    terraform: {
      aws_dynamodb_table: (resource, context) =>
        checkTable(
          blockValues(resource, context, 'server_side_encryption'),
          (specification) => [
            blankAsAbsent(context.values.lookup([specification], 'kms_key_arn')),
            ...terraformReplicaKeys(resource, context),
          ],
          TERRAFORM,
          context,
        ),
    },
  },
} satisfies Rule<MessageId>;

/** The specification and its flag, as each dialect names them. */
interface Names {
  readonly specification: string;
  readonly enabled: string;
}

const CLOUDFORMATION: Names = { specification: 'SSESpecification', enabled: 'SSEEnabled' };
const TERRAFORM: Names = { specification: 'server_side_encryption', enabled: 'enabled' };

function checkCloudFormation(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  // A table names its key beside SSEEnabled; a global table names one per replica.
  const keys = (specification: Outcome): Outcome[][] =>
    resource.type === 'AWS::DynamoDB::Table'
      ? [values.lookup([specification], 'KMSMasterKeyId')]
      : replicaKeys(resource, context);
  checkTable(values.lookup(properties, CLOUDFORMATION.specification), keys, CLOUDFORMATION, context);
}

/** `keys`: the key settings that apply once encryption under KMS is on, one list of values per table or replica. */
function checkTable(
  specifications: readonly Outcome[],
  keys: (specification: Outcome) => (readonly Outcome[])[],
  names: Names,
  context: RuleContext<MessageId>,
): void {
  const data = { specification: names.specification, enabled: names.enabled };
  for (const specification of specifications) {
    if (specification.kind === 'absent') {
      context.report({ node: specification.node, messageId: 'awsOwned', data, via: specification.via });
      continue;
    }
    if (specification.kind !== 'map') continue;
    for (const enabled of context.values.lookup([specification], names.enabled)) {
      // SSEEnabled is required; without it, or false, DynamoDB uses its AWS-owned key.
      const truth = enabled.kind === 'absent' ? false : truthOf(enabled);
      if (truth === false) context.report({ node: enabled.node, messageId: 'awsOwned', data, via: enabled.via });
      else if (truth === true) for (const list of keys(specification)) reportKey(list, enabled.via, context);
    }
  }
}

/**
 * Each `replica` block's `kms_key_arn`: a replica without one uses the AWS-managed key of its Region. A finding
 * about a key a replica lacks goes on the `replica` key, as CloudFormation's goes on `Replicas`.
 */
function terraformReplicaKeys(resource: Resource, context: RuleContext<MessageId>): Outcome[][] {
  const values = context.values;
  const at = resource.properties === undefined ? undefined : entryOf(resource.properties, 'replica')?.key;
  return blocks(values, attributes(resource, values), 'replica')
    .filter((replica) => replica.kind !== 'absent')
    .map((replica) =>
      blankAsAbsent(values.lookup([replica], 'kms_key_arn')).map((key) =>
        key.kind === 'absent' && at !== undefined ? { ...key, node: at } : key,
      ),
    );
}

function replicaKeys(resource: Resource, context: RuleContext<MessageId>): Outcome[][] {
  const values = context.values;
  const lists: Outcome[][] = [];
  for (const replicas of values.lookup(values.resolve(resource.properties, resource.anchor), 'Replicas')) {
    if (replicas.kind !== 'seq') continue;
    // A replica has no key of its own; a finding about what it lacks goes on the `Replicas` key.
    const at = (resource.properties && entryOf(resource.properties, 'Replicas')?.key) ?? replicas.node;
    for (const replica of itemValues(values, replicas.seq, at, replicas.via))
      lists.push(values.lookup(replica, 'SSESpecification', 'KMSMasterKeyId'));
  }
  return lists;
}

function reportKey(keys: readonly Outcome[], via: readonly Step[], context: RuleContext<MessageId>): void {
  for (const [key] of combinations([keys], via)) {
    if (key === undefined) continue;
    if (key.kind === 'absent' || AWS_MANAGED.test(stringOf(key) ?? ''))
      context.report({ node: key.node, messageId: 'awsManaged', via: key.via });
  }
}
