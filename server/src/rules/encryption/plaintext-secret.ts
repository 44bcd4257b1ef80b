import type { Change, FixProposal } from '../../edits/changes';
import { literalIn, unusedName } from '../../edits/propose';
import type { Parameter, Resource } from '../../model/template';
import { stringOf, type Outcome, type Step } from '../../model/values';
import { entryOf, getValue, scalarText, singleEntry } from '../../parsing/nodes';
import { itemOutcomes } from '../branches';
import {
  checkTerraformSecrets,
  TERRAFORM_SECRET_ATTRIBUTES,
  withoutEntry,
  type TerraformSecretMessageId,
} from '../terraform-secrets';
import type { Report, Rule, RuleContext } from '../types';

type MessageId = 'literal' | 'parameterEcho' | 'parameterDefault' | 'noEchoDefault' | TerraformSecretMessageId;

/**
 * Properties known to hold a password, token or private key, by resource type. A path step `[]` walks every item
 * of a list. The list is curated from the CloudFormation resource reference (properties documented as
 * credentials) and cfn_nag's password rules; names alone are not enough, so other properties are not judged.
 */
const SECRET_PROPERTIES: Readonly<Record<string, readonly (readonly string[])[]>> = {
  'AWS::RDS::DBInstance': [['MasterUserPassword']],
  'AWS::RDS::DBCluster': [['MasterUserPassword']],
  'AWS::Redshift::Cluster': [['MasterUserPassword']],
  'AWS::DocDB::DBCluster': [['MasterUserPassword']],
  'AWS::ElastiCache::ReplicationGroup': [['AuthToken']],
  'AWS::ElastiCache::User': [['Passwords', '[]']],
  'AWS::DirectoryService::MicrosoftAD': [['Password']],
  'AWS::DirectoryService::SimpleAD': [['Password']],
  'AWS::IAM::User': [['LoginProfile', 'Password']],
  'AWS::AmazonMQ::Broker': [['Users', '[]', 'Password']],
  'AWS::OpsWorks::Stack': [['RdsDbInstances', '[]', 'DbPassword']],
  'AWS::OpsWorks::App': [['SslConfiguration', 'PrivateKey']],
  'AWS::Amplify::App': [['OauthToken'], ['AccessToken'], ['BasicAuthConfig', 'Password']],
  'AWS::Amplify::Branch': [['BasicAuthConfig', 'Password']],
  'AWS::EMR::Cluster': [
    ['KerberosAttributes', 'KdcAdminPassword'],
    ['KerberosAttributes', 'CrossRealmTrustPrincipalPassword'],
    ['KerberosAttributes', 'ADDomainJoinPassword'],
  ],
  'AWS::DMS::Endpoint': [['Password']],
  'AWS::CodeBuild::SourceCredential': [['Token']],
};

export const plaintextSecret = {
  meta: {
    id: 'encryption/plaintext-secret',
    title: 'Passwords, tokens and keys come from a secret store, not from the template',
    severity: 'error',
    responsibility: 'data',
    messages: {
      literal:
        '{{property}} is written in the template in plain text: anyone who can read the template, its S3 copy or the ' +
        'stack’s history has the secret. Use a dynamic reference to Secrets Manager or an SSM SecureString.',
      parameterEcho:
        '{{property}} comes from parameter {{parameter}}, which has no NoEcho: true, so CloudFormation shows the secret ' +
        'in the console and returns it from DescribeStacks to anyone who may read the stack.',
      parameterDefault:
        '{{property}} comes from the Default of parameter {{parameter}}: the secret is written in the template in plain ' +
        'text, and without NoEcho: true CloudFormation also shows it in the console and API.',
      noEchoDefault:
        '{{property}} comes from the Default of parameter {{parameter}}: NoEcho hides the value in the console, but the ' +
        'Default is written in the template in plain text for anyone who can read it.',
      configurationLiteral:
        '{{property}} is written in the Terraform configuration in plain text: anyone who can read the configuration ' +
        'or its repository’s history has the secret. Pass it in from a variable without a default, or let the service ' +
        'manage it.',
      variableDefault:
        '{{property}} comes from the default of variable {{variable}}: the secret is written in the Terraform ' +
        'configuration in plain text for anyone who can read it. Remove the default, so each plan must supply it.',
    },
    rationale:
      'Keeping credentials secret is the customer’s side of the shared-responsibility model: AWS protects the service, ' +
      'but a master password, auth token or private key written into a template is copied to every clone of the ' +
      'repository, to the S3 bucket CloudFormation reads it from, and to the stack’s template history, where it cannot ' +
      'be rotated away. A parameter without NoEcho is shown in the console and returned by DescribeStacks. Whoever reads ' +
      'it owns the database, directory or broker and every piece of data in it.',
    remediation:
      'Use a dynamic reference — {{resolve:secretsmanager:…}} or {{resolve:ssm-secure:…}} — or a property that lets ' +
      'the service keep the secret (ManageMasterUserPassword: true, a Secrets Manager GenerateSecretString referenced ' +
      'with Fn::Sub). A parameter that carries a secret needs NoEcho: true and no Default. Rotate every secret that ' +
      'was ever committed.',
    references: [
      { tool: 'cfnNag', id: 'F23', match: 'equivalent', name: 'RDS instance master user password' },
      { tool: 'cfnNag', id: 'F34', match: 'equivalent', name: 'RDS cluster master user password' },
      { tool: 'cfnNag', id: 'F35', match: 'equivalent', name: 'Redshift cluster master user password' },
      { tool: 'cfnNag', id: 'F70', match: 'equivalent', name: 'DocDB cluster master user password' },
      { tool: 'cfnNag', id: 'F44', match: 'equivalent', name: 'ElastiCache replication group AuthToken' },
      { tool: 'cfnNag', id: 'F36', match: 'equivalent', name: 'Directory Service Microsoft AD password' },
      { tool: 'cfnNag', id: 'F51', match: 'equivalent', name: 'IAM user LoginProfile password' },
      { tool: 'cfnNag', id: 'F58', match: 'equivalent', name: 'Amplify app OauthToken' },
      { tool: 'cfnNag', id: 'F60', match: 'equivalent', name: 'Amplify branch BasicAuthConfig password' },
      { tool: 'cfnNag', id: 'F65', match: 'equivalent', name: 'EMR Kerberos KdcAdminPassword' },
      { tool: 'cfnNag', id: 'F64', match: 'equivalent', name: 'EMR Kerberos CrossRealmTrustPrincipalPassword' },
      { tool: 'checkov', id: 'CKV_AWS_45', match: 'related', name: 'secrets in Lambda environment variables' },
      { tool: 'checkov', id: 'CKV_AWS_46', match: 'related', name: 'secrets in EC2 user data' },
    ],
    fix: 'safe',
  },
  visitors: {
    cloudformation: Object.fromEntries(Object.keys(SECRET_PROPERTIES).map((type) => [type, checkSecrets])),
    terraform: Object.fromEntries(Object.keys(TERRAFORM_SECRET_ATTRIBUTES).map((type) => [type, checkTerraformSecret])),
  },
} satisfies Rule<MessageId>;

function checkTerraformSecret(resource: Resource, context: RuleContext<MessageId>): void {
  checkTerraformSecrets(resource, context);
}

function checkSecrets(resource: Resource, context: RuleContext<MessageId>): void {
  for (const path of SECRET_PROPERTIES[resource.type] ?? []) {
    const property = path.filter((key) => key !== '[]').join('.');
    for (const value of valuesAt(resource, path, context)) {
      const report = judge(value, property, resource, context);
      if (report !== undefined) context.report(report);
    }
  }
}

/** Every value the property at `path` takes, walking each item of a list at `[]`. */
function valuesAt(resource: Resource, path: readonly string[], context: RuleContext<MessageId>): Outcome[] {
  const values = context.values;
  let current = values.resolve(resource.properties, resource.anchor);
  for (const key of path) {
    if (key !== '[]') {
      current = values.lookup(current, key);
      continue;
    }
    const items: Outcome[] = [];
    for (const outcome of current) {
      if (outcome.kind === 'seq') items.push(...itemOutcomes(values, outcome.seq, outcome.node, outcome.via));
    }
    current = items;
  }
  return current;
}

/** The finding for one value of a secret property, or undefined when it is safe or cannot be known. */
function judge(
  value: Outcome,
  property: string,
  resource: Resource,
  context: RuleContext<MessageId>,
): Report<MessageId> | undefined {
  if (value.kind !== 'scalar' && value.kind !== 'unknown') return undefined;
  const parameter = referencedParameter(value, context);
  if (parameter !== undefined) return judgeParameter(value, parameter, property);
  const text = value.kind === 'scalar' ? stringOf(value) : undefined;
  // An empty value is no secret (and fails the deployment); a dynamic reference is resolved at deploy time.
  if (text === undefined || text === '' || text.includes('{{resolve:')) return undefined;
  const literal = literalIn(value, resource);
  const fixes: FixProposal[] = [];
  if (literal !== undefined && value.via.length === 0) {
    const name = unusedName(context.template, `${resource.id}${property.split('.').at(-1) ?? 'Secret'}`);
    fixes.push({
      title: `Move ${property} into a new NoEcho parameter ${name} that each deployment must set`,
      safe: false,
      changes: [
        {
          kind: 'addParameter',
          name,
          definition: { Type: 'String', NoEcho: true, Description: `${property} of ${resource.id}; no default.` },
        },
        { kind: 'replace', node: literal, value: { Ref: name } },
      ],
    });
  }
  return { node: value.node, messageId: 'literal', data: { property }, via: value.via, fixes };
}

/** The template parameter a value is a plain `Ref` to, in the resource itself or in a branch of `Fn::If`. */
function referencedParameter(value: Outcome, context: RuleContext<MessageId>): Parameter | undefined {
  const ref = singleEntry(value.node);
  if (ref === undefined || ref.key.value !== 'Ref') return undefined;
  const name = scalarText(ref.value);
  return name === undefined ? undefined : context.template.parameters.get(name);
}

function judgeParameter(value: Outcome, parameter: Parameter, property: string): Report<MessageId> | undefined {
  // An SSM-typed parameter holds the name of a parameter in Parameter Store, not the secret itself.
  if (parameter.type?.startsWith('AWS::SSM::Parameter::') === true) return undefined;
  const hidden = scalarText(getValue(parameter.node, 'NoEcho'))?.toLowerCase() === 'true';
  const written = entryOf(parameter.node, 'Default');
  // An empty Default holds no secret; the parameter is judged as if it had none.
  const defaultEntry = written === undefined || scalarText(written.value) === '' ? undefined : written;
  const data = { property, parameter: parameter.name };
  // The message names the parameter, so the parameter's own step is not repeated after it.
  const via = value.via.filter((step: Step) => step.kind !== 'parameter' || step.name !== parameter.name);
  const related = [{ node: parameter.idNode, message: `Parameter ${parameter.name}` }];
  if (defaultEntry !== undefined) {
    // Removing Default and adding NoEcho touch the same lines, so the parameter is rewritten in one change.
    const rewritten = hidden ? undefined : withoutEntry(parameter.node, 'Default');
    const changes: Change[] = hidden
      ? [{ kind: 'remove', key: defaultEntry.key }]
      : rewritten === undefined
        ? []
        : [{ kind: 'replace', node: parameter.node, value: { ...rewritten, NoEcho: true } }];
    const title = `Remove the Default of parameter ${parameter.name}${hidden ? '' : ' and set NoEcho: true'}, so each deployment must supply the secret`;
    return {
      node: value.node,
      messageId: hidden ? 'noEchoDefault' : 'parameterDefault',
      data,
      via,
      related,
      fixes: changes.length === 0 ? [] : [{ title, safe: false, changes }],
    };
  }
  if (hidden) return undefined;
  const fix: FixProposal = {
    title: `Hide parameter ${parameter.name} in the console and API (NoEcho: true)`,
    safe: true,
    changes: [{ kind: 'set', map: parameter.node, path: ['NoEcho'], value: true }],
  };
  return { node: value.node, messageId: 'parameterEcho', data, via, related, fixes: [fix] };
}
