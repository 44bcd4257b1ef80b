import type { FixProposal } from '../../edits/changes';
import { setProperty } from '../../edits/propose';
import type { Resource } from '../../model/template';
import type { Outcome } from '../../model/values';
import { blockValues } from '../terraform-computed';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing';

/**
 * `SSEEnabled: false` is DynamoDB's own default: the AWS-owned key that has encrypted every table since November
 * 2018. Writing it down changes nothing deployed (SSESpecification updates without interruption).
 */
const DECLARE_DEFAULT = 'Declare the default encryption (AWS-owned key, SSEEnabled: false) explicitly';

/** The specification and its flag, as each dialect names them. */
interface Names {
  readonly specification: string;
  readonly enabled: string;
}

const CLOUDFORMATION: Names = { specification: 'SSESpecification', enabled: 'SSEEnabled' };
// The provider's `server_side_encryption` block: `enabled = false` is the AWS-owned key, as in CloudFormation.
const TERRAFORM: Names = { specification: 'server_side_encryption', enabled: 'enabled' };

export const dynamodbTableEncryption = {
  meta: {
    id: 'encryption/dynamodb-table-encryption',
    title: 'DynamoDB tables declare their encryption at rest',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      missing:
        '{{setting}} is not set. Since November 2018 DynamoDB encrypts every table at rest with an AWS-owned key ' +
        'by default; the setting should be explicit, so the template rather than a service default says which key ' +
        'protects the data.',
    },
    rationale:
      'Protecting data at rest is the customer’s side of the shared-responsibility model. DynamoDB has encrypted all ' +
      'table data with an AWS-owned key since November 2018, so a table without SSESpecification is not readable on ' +
      'disk — but the key lives in an AWS account, its use never appears in the customer’s CloudTrail, and no key ' +
      'policy of the customer’s can revoke access to it. A template that leaves the choice out hides it from review ' +
      'and from every audit tool, which all flag the table.',
    remediation:
      'Add SSESpecification. SSEEnabled: false states the AWS-owned-key default; SSEEnabled: true with SSEType: KMS ' +
      'uses the AWS-managed aws/dynamodb key, and adding KMSMasterKeyId uses a customer-managed key whose policy and ' +
      'CloudTrail records you control. Changing it updates the table without interruption.',
    references: [
      {
        tool: 'checkov',
        id: 'CKV_AWS_119',
        match: 'related',
        name: 'requires a customer-managed KMS key, not only an explicit setting',
      },
      {
        tool: 'kics',
        id: 'c8dee387-a2e6-4a73-a942-183c975549ac',
        match: 'related',
        name: 'DynamoDB With AWS Owned CMK',
      },
      { tool: 'trivy', id: 'AVD-AWS-0025', match: 'related', name: 'aws-dynamodb-table-customer-key' },
    ],
    fix: 'safe',
    cdk: 'encryption: dynamodb.TableEncryption.AWS_MANAGED',
  },
  visitors: {
    cloudformation: {
      'AWS::DynamoDB::Table': checkCloudFormation,
      // A global table's SSESpecification sits at its top level and covers every replica.
      'AWS::DynamoDB::GlobalTable': checkCloudFormation,
    },
    terraform: {
      // Replicas (`replica` blocks) share the table's encryption setting.
      aws_dynamodb_table: (resource, context) =>
        checkTable(resource, context, blockValues(resource, context, TERRAFORM.specification), TERRAFORM),
    },
  },
} satisfies Rule<MessageId>;

function checkCloudFormation(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  checkTable(resource, context, values.lookup(properties, CLOUDFORMATION.specification), CLOUDFORMATION);
}

function checkTable(
  resource: Resource,
  context: RuleContext<MessageId>,
  specifications: readonly Outcome[],
  names: Names,
): void {
  const title = DECLARE_DEFAULT.replace('SSEEnabled', names.enabled);
  for (const specification of specifications) {
    // Present in any form (even without SSEEnabled, which cfn-lint reports) is an explicit choice.
    if (specification.kind !== 'absent') continue;
    // Absent on one branch only (`!If [C, …, !Ref AWS::NoValue]`) is the author's choice of branch, not a gap to fill.
    const change =
      specification.via.length === 0
        ? setProperty(resource, [names.specification], { [names.enabled]: false })
        : undefined;
    const fixes: FixProposal[] = change === undefined ? [] : [{ title, safe: true, changes: [change] }];
    const data = { setting: names.specification };
    context.report({ node: specification.node, messageId: 'missing', data, via: specification.via, fixes });
  }
}
