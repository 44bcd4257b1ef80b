import type { FileProblem } from '../../src/parsing/errors';
import { lenient } from './mutators';
import { fiftyMegabytePlan, MB, sized } from './sized';

/** An input built to exhaust something (stack, memory, time) rather than mutated from a seed. */
export interface Pathological {
  readonly name: string;
  readonly file: string;
  readonly text: () => string;
  /** The problems the lint must give, exactly, when the input is built to give them. */
  readonly problems?: readonly FileProblem[];
}

const CFN_HEADER = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const DEEP = 100_000;

/** A bucket whose `Tags` value is `inner`, so the nesting sits where rules look. */
function yamlWith(inner: string): string {
  return `${CFN_HEADER}Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: ${inner}\n`;
}

function jsonWith(inner: string): string {
  return `{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"B":{"Type":"AWS::S3::Bucket","Properties":{"Tags":${inner}}}}}`;
}

/** "Billion laughs": each anchor's value is ten aliases of the one before. */
function aliasBomb(levels: number): string {
  const lines = ['a0: &a0 [lol]'];
  for (let level = 1; level <= levels; level++) {
    const previous = `*a${level - 1}`;
    lines.push(`a${level}: &a${level} [${Array<string>(10).fill(previous).join(', ')}]`);
  }
  return `${CFN_HEADER}Metadata:\n${lines.map((line) => `  ${line}`).join('\n')}\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: *a${levels}\n`;
}

/** Pseudo-random bytes from a fixed linear congruential generator: binary content, the same on every run. */
function binary(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = 0x1234567;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

const HUGE = 3 * 1024 * 1024;

export const PATHOLOGICAL: readonly Pathological[] = [
  { name: `${DEEP} "[" in YAML`, file: 'deep.yaml', text: () => yamlWith('['.repeat(DEEP)) },
  {
    name: `${DEEP} balanced "[…]" in YAML`,
    file: 'deep.yaml',
    text: () => yamlWith(`${'['.repeat(DEEP)}${']'.repeat(DEEP)}`),
  },
  { name: `${DEEP} "{" in YAML`, file: 'deep.yaml', text: () => yamlWith('{'.repeat(DEEP)) },
  { name: `${DEEP} "- " levels in YAML`, file: 'deep.yaml', text: () => yamlWith(`\n${'- '.repeat(DEEP)}x`) },
  {
    // Each level is indented one more: 5,000 levels are 12 MB (10,000 would be 48 MB, refused for size unread).
    name: `${DEEP / 20} indented block-map levels in YAML`,
    file: 'deep.yaml',
    text: () => yamlWith(`\n${Array.from({ length: DEEP / 20 }, (_, i) => `${' '.repeat(8 + i)}k:`).join('\n')} x`),
  },
  { name: `${DEEP} "[" in JSON`, file: 'deep.json', text: () => jsonWith('['.repeat(DEEP)) },
  {
    name: `${DEEP} balanced "[…]" in JSON`,
    file: 'deep.json',
    text: () => jsonWith(`${'['.repeat(DEEP)}${']'.repeat(DEEP)}`),
  },
  {
    name: `${DEEP} balanced "{"a":…}" in .tf.json`,
    file: 'deep.tf.json',
    text: () => `{"resource":{"aws_s3_bucket":{"b":${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}}}}`,
  },
  {
    name: `${DEEP} "[" in a plan`,
    file: 'plan.json',
    text: () => `{"format_version":"1.2","planned_values":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`,
  },
  { name: 'billion laughs, 9 levels', file: 'bomb.yaml', text: () => aliasBomb(9) },
  { name: 'billion laughs as a merge key', file: 'bomb.yaml', text: () => `${aliasBomb(6)}      <<: *a6\n` },
  { name: 'a 3 MB plain scalar in YAML', file: 'huge.yaml', text: () => yamlWith('x'.repeat(HUGE)) },
  { name: 'a 3 MB quoted scalar in YAML', file: 'huge.yaml', text: () => yamlWith(`"${'\\t'.repeat(HUGE / 2)}"`) },
  { name: 'a 3 MB string in JSON', file: 'huge.json', text: () => jsonWith(`"${'\\u0041'.repeat(HUGE / 6)}"`) },
  {
    name: 'a 3 MB block scalar in YAML',
    file: 'huge.yaml',
    text: () => yamlWith(`|\n${`        ${'y'.repeat(79)}\n`.repeat(HUGE / 88)}`),
  },
  {
    name: '10,000 duplicate keys in YAML',
    file: 'dup.yaml',
    text: () => `${CFN_HEADER}Resources:\n${'  B:\n    Type: AWS::S3::Bucket\n'.repeat(10_000)}`,
  },
  {
    name: '10,000 duplicate keys in JSON',
    file: 'dup.json',
    text: () =>
      `{"AWSTemplateFormatVersion":"2010-09-09","Resources":{${Array<string>(10_000).fill('"B":{"Type":"AWS::S3::Bucket"}').join(',')}}}`,
  },
  { name: '1 MB of binary named .yaml', file: 'binary.yaml', text: () => lenient(binary(1024 * 1024)) },
  { name: '1 MB of binary named .template', file: 'binary.template', text: () => lenient(binary(1024 * 1024)) },
  { name: '1 MB of binary named .tf.json', file: 'binary.tf.json', text: () => lenient(binary(1024 * 1024)) },
  {
    name: 'a CloudFormation header then binary',
    file: 'binary.yaml',
    text: () => CFN_HEADER + lenient(binary(64 * 1024)),
  },
  { name: 'only BOMs', file: 'boms.yaml', text: () => '\ufeff'.repeat(1000) + CFN_HEADER },
  { name: 'tabs for indentation', file: 'tabs.yaml', text: () => yamlWith('x').replace(/ {2}/g, '\t') },
  ...[
    { name: 'a 50 MB YAML template', file: 'large.yaml', syntax: 'yaml' as const },
    { name: 'a 50 MB JSON template', file: 'large.json', syntax: 'json' as const },
    { name: 'a 50 MB Terraform JSON file', file: 'large.tf.json', syntax: 'tf.json' as const },
  ].map(({ name, file, syntax }) => ({
    name,
    file,
    text: () => sized(syntax, 50 * MB),
    // Over the 20 MB template limit: refused before any parser runs.
    problems: [{ code: 'limit' as const, message: limitMessage(syntax), offset: 0 }],
  })),
  // Under the 512 MB plan limit: read whole, every resource linted.
  { name: 'a 50 MB Terraform plan', file: 'large-plan.json', text: fiftyMegabytePlan, problems: [] },
];

function limitMessage(syntax: 'yaml' | 'json' | 'tf.json'): string {
  const what = syntax === 'tf.json' ? 'Terraform JSON' : 'templates';
  return `file is 50 MB, over the 20 MB limit for ${what}; to lint it, raise limits.maxTemplateBytes in .iacsec.yaml`;
}
