import type { Change, FixProposal, JsonValue } from '../edits/changes';
import { jsonOf, literalIn, unusedName } from '../edits/propose';
import type { Resource } from '../model/template';
import { stringOf, type Outcome, type Step } from '../model/values';
import { entryOf, getValue, isMap, isScalar, isSeq, scalarText, type MapNode, type SourceNode } from '../parsing/nodes';
import { attributes, isPlan } from './terraform';
import {
  expressionsAt,
  resourceConfiguration,
  type ConfiguredResource as ResourceConfiguration,
} from './plan-configuration';
import type { Report, RuleContext } from './types';

/*
 * The Terraform half of encryption/plaintext-secret: the AWS provider's attributes that take the same secrets as
 * the CloudFormation properties, judged in `.tf.json` by their values and in plans by the configuration the plan
 * records (a plan's values are resolved, so only its `configuration` tells a literal from a variable).
 */

export type TerraformSecretMessageId = 'configurationLiteral' | 'variableDefault';

/**
 * Attributes that hold a password, token or private key, by resource type, mirroring the CloudFormation list (the
 * provider's documentation marks each as the credential); `[]` walks the items of a list of strings, and a nested
 * block is followed whether written as an object or a list of them. `secret_string` is the value a Secrets Manager
 * secret stores: written literally, the secret store guards nothing the configuration does not already show.
 */
export const TERRAFORM_SECRET_ATTRIBUTES: Readonly<Record<string, readonly (readonly string[])[]>> = {
  aws_db_instance: [['password']],
  aws_rds_cluster: [['master_password']],
  aws_redshift_cluster: [['master_password']],
  aws_docdb_cluster: [['master_password']],
  aws_elasticache_replication_group: [['auth_token']],
  aws_elasticache_user: [
    ['passwords', '[]'],
    ['authentication_mode', 'passwords', '[]'],
  ],
  aws_directory_service_directory: [['password']],
  aws_mq_broker: [['user', 'password']],
  aws_opsworks_rds_db_instance: [['db_password']],
  aws_opsworks_application: [['ssl_configuration', 'private_key']],
  aws_amplify_app: [['oauth_token'], ['access_token'], ['basic_auth_credentials']],
  aws_amplify_branch: [['basic_auth_credentials']],
  aws_emr_cluster: [
    ['kerberos_attributes', 'kdc_admin_password'],
    ['kerberos_attributes', 'cross_realm_trust_principal_password'],
    ['kerberos_attributes', 'ad_domain_join_password'],
  ],
  aws_dms_endpoint: [['password']],
  aws_codebuild_source_credential: [['token']],
  aws_secretsmanager_secret_version: [['secret_string']],
};

export function checkTerraformSecrets(resource: Resource, context: RuleContext<TerraformSecretMessageId>): void {
  const plan = isPlan(context.template);
  const configuration = plan ? resourceConfiguration(context, resource) : undefined;
  const ignored = plan ? new Set<string>() : ignoredChanges(resource);
  for (const path of TERRAFORM_SECRET_ATTRIBUTES[resource.type] ?? []) {
    const property = path.filter((key) => key !== '[]').join('.');
    // `lifecycle.ignore_changes` on the attribute says the value is a placeholder the service or a person replaces.
    if (ignored.has('all') || ignored.has(path[0] ?? '')) continue;
    const found = valuesAt(resource, path, context);
    if (plan) {
      const report =
        configuration === undefined ? undefined : judgePlanned(found, path, property, resource, configuration);
      if (report !== undefined) context.report(report);
      continue;
    }
    for (const value of found) {
      const report = judge(value, property, path.includes('[]'), resource, context);
      if (report !== undefined) context.report(report);
    }
  }
}

/** Every value the attribute at `path` takes: blocks written as lists are followed, `[]` walks list items. */
function valuesAt(
  resource: Resource,
  path: readonly string[],
  context: RuleContext<TerraformSecretMessageId>,
): Outcome[] {
  const values = context.values;
  let current = attributes(resource, values);
  for (const key of path) {
    const items: Outcome[] = [];
    for (const outcome of current) {
      if (outcome.kind !== 'seq') items.push(outcome);
      else
        for (const item of outcome.seq.items)
          items.push(...values.resolve(item, item).map((v) => withVia(v, outcome.via)));
    }
    current = key === '[]' ? items : values.lookup(items, key);
  }
  return current;
}

function withVia(outcome: Outcome, via: readonly Step[]): Outcome {
  return via.length === 0 ? outcome : { ...outcome, via: [...via, ...outcome.via] };
}

/** The finding for one value in `.tf.json`: a literal, or a variable's default; nothing for anything else. */
function judge(
  value: Outcome,
  property: string,
  inList: boolean,
  resource: Resource,
  context: RuleContext<TerraformSecretMessageId>,
): Report<TerraformSecretMessageId> | undefined {
  const text = stringOf(value);
  // An empty value is no secret; references, functions and unknown variables are resolved elsewhere.
  if (text === undefined || text === '') return undefined;
  const step = value.via.find((s) => s.kind === 'parameter' && s.label === 'variable');
  if (step !== undefined) {
    const variable = context.template.parameters.get(step.name);
    if (variable === undefined) return undefined;
    return {
      node: value.node,
      messageId: 'variableDefault',
      data: { property, variable: step.name },
      via: value.via.filter((s) => s !== step),
      related: [{ node: variable.idNode, message: `Variable ${step.name}` }],
      fixes: removeDefault(step.name, variable.node),
    };
  }
  const literal = literalIn(value, resource);
  const fixes = literal === undefined || inList ? [] : moveToVariable(literal, property, resource, context);
  return { node: value.node, messageId: 'configurationLiteral', data: { property }, via: value.via, fixes };
}

/**
 * A plan: one finding per attribute when the configuration writes it literally, or reads it from a variable whose
 * default is written, on the attribute's planned value (the resource's `values` key when it has none).
 */
function judgePlanned(
  found: readonly Outcome[],
  path: readonly string[],
  property: string,
  resource: Resource,
  configuration: ResourceConfiguration,
): Report<TerraformSecretMessageId> | undefined {
  const node = found.find((value) => value.kind === 'scalar' || value.kind === 'seq')?.node ?? resource.anchor;
  for (const expression of expressionsAt(
    configuration.expressions,
    path.filter((key) => key !== '[]'),
  )) {
    if (holdsSecret(getValue(expression, 'constant_value')))
      return { node, messageId: 'configurationLiteral', data: { property } };
    const variable = defaultedVariable(expression, configuration.variables);
    if (variable !== undefined)
      return {
        node,
        messageId: 'variableDefault',
        data: { property, variable: variable.name },
        related: [{ node: variable.key, message: `Variable ${variable.name}` }],
      };
  }
  return undefined;
}

/** The variable an expression reads and nothing else (`references: ["var.x"]`), when its default holds a secret. */
function defaultedVariable(
  expression: MapNode,
  variables: MapNode | undefined,
): { name: string; key: SourceNode } | undefined {
  const references = getValue(expression, 'references');
  if (!isSeq(references) || references.items.length !== 1 || variables === undefined) return undefined;
  const name = /^var\.([\w-]+)$/.exec(scalarText(references.items[0]) ?? '')?.[1];
  const entry = name === undefined ? undefined : entryOf(variables, name);
  if (name === undefined || entry === undefined || !isMap(entry.value)) return undefined;
  return holdsSecret(getValue(entry.value, 'default')) ? { name, key: entry.key } : undefined;
}

/** A non-empty string or number, or a list holding one. */
function holdsSecret(node: SourceNode | undefined): boolean {
  if (isSeq(node)) return node.items.some(holdsSecret);
  const text = isScalar(node) && typeof node.value !== 'boolean' ? scalarText(node) : undefined;
  return text !== undefined && text !== '';
}

/** The attribute names `lifecycle.ignore_changes` lists (`all` for every one), in an object or a list of them. */
function ignoredChanges(resource: Resource): Set<string> {
  const names = new Set<string>();
  const lifecycle = getValue(resource.properties, 'lifecycle');
  for (const block of isSeq(lifecycle) ? lifecycle.items : [lifecycle]) {
    const ignore = isMap(block) ? getValue(block, 'ignore_changes') : undefined;
    for (const item of isSeq(ignore) ? ignore.items : [ignore]) {
      const name = scalarText(item)?.split(/[.[]/)[0];
      if (name !== undefined) names.add(name);
    }
  }
  return names;
}

/** A new variable marked sensitive, without a default, in place of the literal. */
function moveToVariable(
  literal: SourceNode,
  property: string,
  resource: Resource,
  context: RuleContext<TerraformSecretMessageId>,
): FixProposal[] {
  const template = context.template;
  const section = getValue(template.root, 'variable');
  // Variables written as a list of objects are left to a person.
  if (section !== undefined && !isMap(section)) return [];
  const base = `${resource.id.slice(resource.id.indexOf('.') + 1)}_${property.split('.').at(-1) ?? 'secret'}`;
  const name = unusedName(template, base);
  const definition = { type: 'string', sensitive: true, description: `${property} of ${resource.id}; no default.` };
  const changes: Change[] = [
    { kind: 'set', map: template.root, path: ['variable', name], value: definition },
    { kind: 'replace', node: literal, value: `\${var.${name}}` },
  ];
  return [
    { title: `Move ${property} into a new sensitive variable ${name} that each plan must set`, safe: false, changes },
  ];
}

/** The variable without its default, and marked sensitive, rewritten as one change (both touch the same lines). */
function removeDefault(name: string, variable: MapNode): FixProposal[] {
  const sensitive = getValue(variable, 'sensitive');
  const hidden = isScalar(sensitive) && sensitive.value === true;
  const rewritten = withoutEntry(variable, 'default');
  if (rewritten === undefined) return [];
  return [
    {
      title: `Remove the default of variable ${name}${hidden ? '' : ' and mark it sensitive'}, so each plan must supply the secret`,
      safe: false,
      changes: [{ kind: 'replace', node: variable, value: hidden ? rewritten : { ...rewritten, sensitive: true } }],
    },
  ];
}

/**
 * A definition (a variable, a CloudFormation parameter) as data without one entry (its default); undefined when it
 * holds what JSON cannot.
 */
export function withoutEntry(node: MapNode, key: string): { [key: string]: JsonValue } | undefined {
  const definition = jsonOf({ ...node, entries: node.entries.filter((entry) => entry.key.value !== key) });
  return definition !== null && typeof definition === 'object' && !Array.isArray(definition)
    ? (definition as { [key: string]: JsonValue })
    : undefined;
}
