/** Large, well-formed inputs of an exact size: what a real generated template or plan of that size looks like. */

export const MB = 1024 * 1024;

interface Frame {
  readonly head: string;
  readonly unit: (index: number) => string;
  readonly separator: string;
  readonly tail: string;
}

const FRAMES: Readonly<Record<'yaml' | 'json' | 'tf.json', Frame>> = {
  yaml: {
    head: 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n',
    unit: (i) => `  Bucket${i}:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: bucket-${i}\n`,
    separator: '',
    tail: '\n',
  },
  json: {
    head: '{"AWSTemplateFormatVersion":"2010-09-09","Resources":{',
    unit: (i) => `"Bucket${i}":{"Type":"AWS::S3::Bucket","Properties":{"BucketName":"bucket-${i}"}}`,
    separator: ',',
    tail: '}}\n',
  },
  'tf.json': {
    head: '{"resource":{"aws_s3_bucket":{',
    unit: (i) => `"b${i}":{"bucket":"bucket-${i}","tags":{"Owner":"team-${i % 97}"}}`,
    separator: ',',
    tail: '}}}\n',
  },
};

/** Thousands of buckets in a CloudFormation template or a `.tf.json`, padded with blanks to exactly `bytes`. */
export function sized(syntax: keyof typeof FRAMES, bytes: number): string {
  return fill(FRAMES[syntax], bytes);
}

/**
 * `terraform show -json` of a plan of IAM policies (each a 40-statement policy string), buckets and security groups
 * (each with 40 tags, and 10 ingress rules for the groups): about 14,000 resources in 50 MB.
 */
export function fiftyMegabytePlan(): string {
  return fill(
    {
      head: '{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{"resources":[',
      unit: planResource,
      separator: ',',
      tail: ']}}}\n',
    },
    50 * MB,
  );
}

const PROVIDER = '"provider_name":"registry.terraform.io/hashicorp/aws"';

/** The `i`th resource of the plan, by turns a policy, a bucket and a security group. */
function planResource(i: number): string {
  const n = Math.floor(i / 3);
  const tags = JSON.stringify(
    Object.fromEntries(Array.from({ length: 40 }, (_, k) => [`tag-${k}`, `value-${n}-${k}`])),
  );
  const common = (type: string, name: string): string =>
    `"address":"${type}.${name}","mode":"managed","type":"${type}","name":"${name}",${PROVIDER},"schema_version":0`;
  switch (i % 3) {
    case 0: {
      const statements = Array.from({ length: 40 }, (_, k) => ({
        Sid: `S${k}`,
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: `arn:aws:s3:::bucket-${n}/prefix-${k}/*`,
      }));
      const policy = JSON.stringify(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
      return `{${common('aws_iam_policy', `p${n}`)},"values":{"name":"p${n}","policy":${policy},"tags":${tags}},"sensitive_values":{}}`;
    }
    case 1:
      return `{${common('aws_s3_bucket', `b${n}`)},"values":{"bucket":"bucket-${n}","force_destroy":false,"tags":${tags}},"sensitive_values":{}}`;
    default: {
      const ingress = JSON.stringify(
        Array.from({ length: 10 }, (_, k) => ({
          cidr_blocks: [`10.${k}.0.0/16`],
          description: `rule ${k}`,
          from_port: 1000 + k,
          to_port: 1000 + k,
          protocol: 'tcp',
          ipv6_cidr_blocks: [],
          prefix_list_ids: [],
          security_groups: [],
          self: false,
        })),
      );
      return `{${common('aws_security_group', `g${n}`)},"values":{"name":"g${n}","description":"group ${n}","ingress":${ingress},"tags":${tags}},"sensitive_values":{}}`;
    }
  }
}

/** As many units as fit between head and tail, then blanks up to exactly `bytes` (every part is ASCII). */
function fill({ head, unit, separator, tail }: Frame, bytes: number): string {
  const parts: string[] = [head];
  let size = head.length + tail.length;
  for (let i = 0; ; i++) {
    const next = i === 0 ? unit(i) : separator + unit(i);
    if (size + next.length > bytes) break;
    parts.push(next);
    size += next.length;
  }
  parts.push(tail, ' '.repeat(bytes - size));
  // One join makes a flat string; `+` would make a rope, flattened inside the lint and counted as its memory.
  return parts.join('');
}
