import type { Json } from './emit';
import {
  expression,
  type Expression,
  type TfResource,
  type Value,
  type ValueMap,
  variable,
} from './terraform-resource';

/* What the generated resources read (variables, locals) and helpers for the bodies people write. */

/** Variables: `.tf.json` declares them with these defaults; a plan holds these values (from a tfvars file). */
export const VARIABLES: Readonly<
  Record<string, { readonly type: string; readonly default?: Json; readonly value: Json }>
> = {
  environment: { type: 'string', default: 'prod', value: 'prod' },
  vpc_id: { type: 'string', default: 'vpc-0a1b2c3d4e5f67890', value: 'vpc-0a1b2c3d4e5f67890' },
  allowed_admin_cidr: { type: 'string', default: '0.0.0.0/0', value: '0.0.0.0/0' },
  public_subnet_ids: {
    type: 'list(string)',
    default: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
    value: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
  },
  private_subnet_ids: {
    type: 'list(string)',
    default: ['subnet-0a1b2c3d4e5f60101', 'subnet-0a1b2c3d4e5f60102'],
    value: ['subnet-0a1b2c3d4e5f60101', 'subnet-0a1b2c3d4e5f60102'],
  },
  certificate_arn: {
    type: 'string',
    value: 'arn:aws:acm:eu-west-1:123456789012:certificate/3f2a6c1e-8d7b-4e0a-9c55-0b8f1d2e3a4b',
  },
  ami_id: { type: 'string', default: 'ami-0c55b159cbfafe1f0', value: 'ami-0c55b159cbfafe1f0' },
  log_retention_days: { type: 'number', default: 30, value: 30 },
  legacy_db_password: { type: 'string', value: 'from-tfvars-Secr3t' },
};

/** Locals, as `.tf.json` writes them, and their values in a plan. */
export const LOCALS: Readonly<Record<string, { readonly text: Json; readonly value: Json }>> = {
  common_tags: {
    text: { Project: 'iacsec-bench', Environment: variable('environment'), ManagedBy: 'terraform' },
    value: { Project: 'iacsec-bench', Environment: 'prod', ManagedBy: 'terraform' },
  },
  name_prefix: { text: `bench-${variable('environment')}`, value: 'bench-prod' },
};

export const tags = (name: string): Expression =>
  expression(`\${merge(local.common_tags, { Name = "${name}" })}`, {
    ...(LOCALS['common_tags']?.value as { [key: string]: Json }),
    Name: name,
  });

export const whenProd = (prod: Json, other: Json): Expression =>
  expression(`\${var.environment == "prod" ? ${JSON.stringify(prod)} : ${JSON.stringify(other)}}`, prod);

export const resource = (type: string, name: string, body: ValueMap, counted = false): TfResource => ({
  type,
  name,
  body,
  ...(counted ? { counted } : {}),
});

export const ingress = (port: number, cidrs: Value[], description: string, groups: Value[] = []): ValueMap => ({
  description,
  from_port: port,
  to_port: port,
  protocol: 'tcp',
  cidr_blocks: cidrs,
  ipv6_cidr_blocks: [],
  prefix_list_ids: [],
  security_groups: groups,
  self: false,
});
