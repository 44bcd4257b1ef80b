import type { Json } from './emit';

/*
 * The worst a Terraform JSON configuration can reasonably ask: 200 variables (strings, CIDRs, ports, lists, maps,
 * some without a default), 30 locals each naming the one before (the resolver follows them to its depth cap), and
 * resources whose strings carry 40 interpolations each: variables, locals, other resources' attributes, function
 * calls, `%{ }` directives and `$${` escapes, so the reference index and the resolver read long strings everywhere.
 */

const VARIABLES = 200;
const LOCAL_CHAIN = 30;
const INTERPOLATIONS = 40;
/** Resources of one round: bucket, encryption configuration, security group, database, function. */
const ROUND = 5;

const variableName = (i: number): string => `v${String(i % VARIABLES).padStart(3, '0')}`;
const localName = (i: number): string => `l${String(i % LOCAL_CHAIN).padStart(2, '0')}`;

function variables(): Record<string, Json> {
  const result: Record<string, Json> = {};
  for (let i = 0; i < VARIABLES; i++) {
    const kind = i % 10;
    result[variableName(i)] =
      kind === 0
        ? { type: 'string', default: '0.0.0.0/0', description: `CIDR ${i}` }
        : kind === 1
          ? { type: 'number', default: 22 }
          : kind === 2
            ? { type: 'list(string)', default: [`a-${i}`, `b-${i}`, `c-${i}`] }
            : kind === 3
              ? { type: 'map(string)', default: { key: `k-${i}`, value: `v-${i}` } }
              : kind === 4
                ? { type: 'bool', default: i % 20 === 4 }
                : kind === 7
                  ? { type: 'string', sensitive: true }
                  : { type: 'string', default: `value-${i}` };
  }
  return result;
}

/** `l00` is a variable; every later local names the one before it, and `algorithm` names the last. */
function locals(): Record<string, Json> {
  const result: Record<string, Json> = { [localName(0)]: `\${var.${variableName(5)}}` };
  for (let i = 1; i < LOCAL_CHAIN; i++) result[localName(i)] = `\${local.${localName(i - 1)}}`;
  result['algorithm'] = `\${local.${localName(LOCAL_CHAIN - 1)}}`;
  result['long_name'] = longText(0, 0, ROUND);
  return result;
}

/** A string of `INTERPOLATIONS` interpolations over variables, locals, functions and earlier buckets. */
function longText(seed: number, round: number, stride: number): string {
  const parts: string[] = [];
  for (let k = 0; k < INTERPOLATIONS; k++) {
    // Only earlier rounds' buckets: a bucket naming itself would be a cycle Terraform rejects.
    const bucket = `aws_s3_bucket.b_${Math.max(0, round - 1 - (k % 4)) * stride}`;
    switch (k % 5) {
      case 0:
        parts.push(`\${var.${variableName(seed * 7 + k * 3)}}`);
        break;
      case 1:
        parts.push(`\${local.${localName(seed + k)}}`);
        break;
      case 2:
        parts.push(round === 0 ? `\${upper(var.${variableName(k)})}` : `\${${bucket}.arn}`);
        break;
      case 3:
        parts.push(`%{ if var.${variableName(k * 10 + 4)} }on%{ else }off%{ endif }`);
        break;
      default:
        parts.push(`$\${literal_${k}}-\${lookup(var.${variableName(k * 10 + 3)}, "key", "none")}`);
    }
  }
  return `arn:aws:s3:::${parts.join('/')}`;
}

function resource(j: number): [string, string, Json] {
  const round = Math.floor(j / ROUND);
  const bucket = `b_${round * ROUND}`;
  switch (j % ROUND) {
    case 0:
      return [
        'aws_s3_bucket',
        `b_${j}`,
        { bucket: longText(j, round, ROUND), tags: { Name: longText(j + 1, round, ROUND) } },
      ];
    case 1:
      return [
        'aws_s3_bucket_server_side_encryption_configuration',
        `e_${j}`,
        {
          bucket: `\${aws_s3_bucket.${bucket}.id}`,
          rule: {
            apply_server_side_encryption_by_default: {
              sse_algorithm: '${local.algorithm}',
              kms_master_key_id: longText(j, round, ROUND),
            },
          },
        },
      ];
    case 2:
      return [
        'aws_security_group',
        `g_${j}`,
        {
          description: longText(j, round, ROUND),
          ingress: Array.from({ length: 8 }, (_, k) => ({
            description: `rule ${k} \${var.${variableName(k * 10 + 6)}}`,
            from_port: `\${var.${variableName(k * 10 + 1)}}`,
            to_port: `\${var.${variableName(k * 10 + 1)}}`,
            protocol: 'tcp',
            cidr_blocks: [`\${var.${variableName(k * 10)}}`, `\${local.${localName(k * 3)}}`],
            ipv6_cidr_blocks: [],
            prefix_list_ids: [],
            security_groups: [],
            self: false,
          })),
        },
      ];
    case 3:
      return [
        'aws_db_instance',
        `d_${j}`,
        {
          engine: 'postgres',
          instance_class: 'db.t3.medium',
          storage_encrypted: `\${var.${variableName(j * 10 + 4)}}`,
          kms_key_id: `\${local.${localName(j)}}`,
          publicly_accessible: `\${var.${variableName(j * 10 + 4)} ? false : true}`,
          identifier: longText(j, round, ROUND),
        },
      ];
    default:
      return [
        'aws_lambda_function',
        `f_${j}`,
        {
          function_name: `f-${j}`,
          role: `\${aws_s3_bucket.${bucket}.arn}`,
          runtime: `\${var.${variableName(j)}}`,
          environment: {
            variables: Object.fromEntries(
              Array.from({ length: 10 }, (_, k) => [`VAR_${k}`, longText(j + k, round, ROUND)]),
            ),
          },
        },
      ];
  }
}

/** The pathological `main.tf.json` at `count` resources. */
export function pathologicalTerraform(count: number): string {
  const byType: Record<string, Record<string, Json>> = {};
  for (let j = 0; j < count; j++) {
    const [type, name, body] = resource(j);
    (byType[type] ??= {})[name] = body;
  }
  const document = {
    '//': 'Pathological benchmark: 200 variables, chained locals, long interpolation strings',
    variable: variables(),
    locals: locals(),
    resource: byType,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
