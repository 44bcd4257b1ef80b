import { propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { truthOf } from '../../model/values';
import { describePorts, type OpenRule } from '../security-group';
import { inlineOpenRules, resourceOpenRules } from '../security-group-cloudformation';
import { GROUP_TYPES, terraformGroupIngress } from '../security-group-terraform';
import type { RelatedLocation, Rule, RuleContext } from '../types';
import { flatMap } from '../lists';

type MessageId = 'public' | 'publicAndOpen';

export const rdsPubliclyAccessible = {
  meta: {
    id: 'firewall/rds-publicly-accessible',
    title: 'RDS DB instances are not publicly accessible',
    severity: 'error',
    responsibility: 'firewall',
    messages: {
      public:
        '{{setting}} is true: the DB instance gets a public DNS name that resolves to a public IP address, so ' +
        'the database port is reachable from the internet wherever its security groups and network ACLs allow it.',
      publicAndOpen:
        '{{setting}} is true and its security group {{groups}}: the DB instance has a public address that the ' +
        'whole internet can reach through that group now.',
    },
    rationale:
      'Which networks can reach a database is the customer’s side of the shared-responsibility model: AWS runs the ' +
      'database engine, but whether the instance has a public address is the template’s choice. A publicly accessible ' +
      'instance leaves only its security groups between the database port and internet-wide scanners, password ' +
      'guessing and engine exploits: one rule opened too widely exposes the data.',
    remediation:
      'Set PubliclyAccessible: false and reach the database from inside the VPC (the application’s subnets, a VPN, ' +
      'AWS Client VPN, or Systems Manager port forwarding through a bastion).',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_17', match: 'equivalent' },
      { tool: 'cfnNag', id: 'F22', match: 'equivalent', name: 'RDS instance should not be publicly accessible' },
      { tool: 'kics', id: 'de38e1d5-54cb-4111-a868-6f7722695007', match: 'equivalent' },
      { tool: 'cdkNag', id: 'HIPAA.Security-RDSInstancePublicAccess', match: 'equivalent' },
      { tool: 'trivy', id: 'AVD-AWS-0180', match: 'equivalent', name: 'aws-rds-no-public-db-access' },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: { 'AWS::RDS::DBInstance': (resource, context) => check(resource, context, CLOUDFORMATION) },
    terraform: {
      aws_db_instance: (resource, context) => check(resource, context, TERRAFORM),
      aws_rds_cluster_instance: (resource, context) => check(resource, context, TERRAFORM),
    },
  },
} satisfies Rule<MessageId>;

/** The setting and the fix's title, as each dialect spells them, and where the instance's groups come from. */
interface Names {
  readonly setting: string;
  readonly title: string;
  readonly groups: (resource: Resource, context: RuleContext<MessageId>) => OpenGroup[];
}

const CLOUDFORMATION: Names = {
  setting: 'PubliclyAccessible',
  title: 'Set PubliclyAccessible: false (the instance keeps only a private address)',
  groups: openGroups,
};
const TERRAFORM: Names = {
  setting: 'publicly_accessible',
  title: 'Set publicly_accessible to false (the instance keeps only a private address)',
  groups: terraformOpenGroups,
};

/*
 * An absent PubliclyAccessible is not reported: RDS decides it from the DB subnet group (no DBSubnetGroupName in
 * the default VPC makes the instance public; a subnet group decides by whether its VPC has an internet gateway),
 * which a template rarely determines. The AWS provider sends false when `publicly_accessible` is absent, so an
 * absent attribute in Terraform is private. Unknown never reports.
 */
function check(resource: Resource, context: RuleContext<MessageId>, names: Names): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  for (const value of values.lookup(properties, names.setting)) {
    if (truthOf(value) !== true) continue;
    // The setting updates without replacement, but it changes who can reach the database: a suggestion, and only
    // where the literal true holds in every deployment.
    const fixes =
      value.via.length === 0
        ? propertyFix(resource, names.setting, value, false, { title: names.title, safe: false })
        : [];
    const open = names.groups(resource, context);
    const report = { node: value.node, via: value.via, fixes, related: open.map((group) => group.related) };
    if (open.length === 0) context.report({ ...report, messageId: 'public', data: { setting: names.setting } });
    else {
      const groups = open.map((group) => group.description).join('; ');
      context.report({ ...report, messageId: 'publicAndOpen', data: { setting: names.setting, groups } });
    }
  }
}

interface OpenGroup {
  readonly related: RelatedLocation;
  readonly description: string;
}

/**
 * The instance's in-template security groups with an ingress rule from the whole internet (inline, or a separate
 * `AWS::EC2::SecurityGroupIngress` that refers to the group): with them the database is reachable now, not only
 * when a group is opened later. Groups by id, parameter or import are not known and say nothing.
 */
function openGroups(resource: Resource, context: RuleContext<MessageId>): OpenGroup[] {
  const values = context.values;
  const found: OpenGroup[] = [];
  for (const list of values.lookup(values.resolve(resource.properties, resource.anchor), 'VPCSecurityGroups')) {
    if (list.kind !== 'seq') continue;
    for (const item of list.seq.items) {
      for (const group of values.resolve(item, list.node)) {
        const target = group.kind === 'resource' ? context.template.resource(group.id) : undefined;
        if (target?.type !== 'AWS::EC2::SecurityGroup' || found.some((known) => known.related.node === target.idNode))
          continue;
        const open = sharedOpenGroup(target, context, () => {
          const rules: OpenRule[] = [...inlineOpenRules(target, context, 'Ingress')];
          for (const reference of context.template.references.to(target.id)) {
            if (reference.from.type === 'AWS::EC2::SecurityGroupIngress')
              rules.push(...resourceOpenRules(reference.from, context, 'Ingress'));
          }
          return rules;
        });
        if (open !== undefined) found.push(open);
      }
    }
  }
  return found;
}

/**
 * Terraform: the groups in `vpc_security_group_ids` of a DB instance, or of the `aws_rds_cluster` a cluster instance
 * belongs to, found by reference (in `.tf.json` and in a plan's configuration), with an open ingress rule inline or in
 * a separate rule resource. Groups by literal id say nothing.
 */
function terraformOpenGroups(resource: Resource, context: RuleContext<MessageId>): OpenGroup[] {
  const template = context.template;
  const targets = (from: Resource, attribute: string): Resource[] =>
    flatMap(
      template.references.from(from.id).filter((reference) => reference.path[0] === attribute),
      (reference) => template.resource(reference.to) ?? [],
    );
  const holders = [resource, ...targets(resource, 'cluster_identifier').filter((c) => c.type === 'aws_rds_cluster')];
  const found: OpenGroup[] = [];
  for (const group of flatMap(holders, (holder) => targets(holder, 'vpc_security_group_ids'))) {
    if (!GROUP_TYPES.includes(group.type) || found.some((known) => known.related.node === group.idNode)) continue;
    const open = sharedOpenGroup(group, context, () => terraformGroupIngress(group, context));
    if (open !== undefined) found.push(open);
  }
  return found;
}

/**
 * A group's verdict, read once per lint: the databases that share a group (often every one of a stack) would each
 * read all of its rules again, quadratic when the group has a rule resource per database.
 */
function sharedOpenGroup(
  group: Resource,
  context: RuleContext<MessageId>,
  rules: () => readonly OpenRule[],
): OpenGroup | undefined {
  const byGroup = context.memo(
    'firewall/rds-publicly-accessible:open-groups',
    () => new Map<Resource, OpenGroup | undefined>(),
  );
  let open = byGroup.get(group);
  if (open === undefined && !byGroup.has(group)) byGroup.set(group, (open = openGroup(group, rules())));
  return open;
}

/** A group with open ingress rules, described by its first: the database is reachable through it now. */
function openGroup(group: Resource, rules: readonly OpenRule[]): OpenGroup | undefined {
  const rule = rules[0];
  if (rule === undefined) return undefined;
  const traffic =
    rule.protocol === 'all'
      ? 'all traffic'
      : rule.ports === undefined
        ? rule.protocol
        : `${rule.protocol} ${describePorts(rule.ports)}`;
  const description = `${group.id} allows ${traffic} from ${rule.text}`;
  return { description, related: { node: group.idNode, message: `Security group ${description}` } };
}
