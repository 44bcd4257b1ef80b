import * as assert from 'node:assert/strict';
import { configFromObject, parseConfig } from '../../src/config/load';
import { RULES } from '../suppressions/helpers';

function parse(...lines: string[]): { config?: unknown; errors?: string[]; warnings?: string[] } {
  const parsed = parseConfig(`${lines.join('\n')}\n`, '/repo/.iacsec.yaml', RULES);
  const shown = (message: { line: number; column: number; code: string; message: string }): string =>
    `${message.line}:${message.column} ${message.code} ${message.message}`;
  if (parsed.kind === 'error') return { errors: parsed.errors.map(shown) };
  return { config: parsed.config, warnings: parsed.warnings.map(shown) };
}

describe('.iacsec.yaml: the schema, validated strictly', () => {
  it('reads every section', () => {
    const parsed = parse(
      '# settings for the payments stacks',
      'rules:',
      '  encryption/*: error',
      '  firewall/security-group-open-admin-port: "off"',
      '  iacsec/unused-suppression: info',
      'ignore:',
      '  - legacy/**',
      '  - "**/*.generated.yaml"',
      'resources:',
      '  - path: stacks/public-*.yaml',
      '    resource: Assets*',
      '    rules: [encryption/s3-bucket-encryption]',
      '    reason: public website assets',
      '  - resource: Bastion',
      '    rules: ["firewall/*"]',
      '    reason: SSH jump host',
      'limits:',
      '  maxTemplateBytes: 1048576',
      '  maxDepth: 50',
      '  maxAliases: 10',
    );
    assert.deepEqual(parsed, {
      config: {
        rules: {
          'encryption/*': 'error',
          'firewall/security-group-open-admin-port': 'off',
          'iacsec/unused-suppression': 'info',
        },
        ignore: ['legacy/**', '**/*.generated.yaml'],
        resources: [
          {
            path: 'stacks/public-*.yaml',
            resource: 'Assets*',
            rules: ['encryption/s3-bucket-encryption'],
            reason: 'public website assets',
          },
          { resource: 'Bastion', rules: ['firewall/*'], reason: 'SSH jump host' },
        ],
        limits: { maxTemplateBytes: 1048576, maxDepth: 50, maxAliases: 10 },
      },
      warnings: [],
    });
  });

  it('an empty file, or sections left empty, is an empty configuration', () => {
    assert.deepEqual(parse('# nothing yet'), { config: {}, warnings: [] });
    assert.deepEqual(parse('rules:', 'ignore:'), { config: {}, warnings: [] });
  });

  it('reports unknown keys, wrong types and unknown severities at their line and column', () => {
    assert.deepEqual(parse('rulez:', '  encryption/*: error', 'ignore: legacy/**'), {
      errors: [
        "1:1 parse unknown key 'rulez' (expected rules, ignore, resources or limits)",
        '3:9 parse ignore: expected a list of path globs',
      ],
    });
    assert.deepEqual(parse('rules:', '  encryption/*: erorr', '  firewall/*: [error]', '  "": off'), {
      errors: [
        "2:17 parse rules.encryption/*: unknown severity 'erorr' (expected off, error, warning or info)",
        '3:15 parse rules.firewall/*: unknown severity a list (expected off, error, warning or info)',
        '4:3 parse rules: a rule id must not be empty',
      ],
    });
    assert.deepEqual(parse('rules: [encryption/*]'), {
      errors: ['1:8 parse rules: expected a map of rule ids or globs to off, error, warning or info'],
    });
  });

  it('checks resources entries: required keys, unknown keys, types', () => {
    assert.deepEqual(
      parse(
        'resources:',
        '  - resource: Assets',
        '    rules: encryption/*',
        '  - path: /abs/*.yaml',
        '    resource: Db',
        '    rules: []',
        '    reason: x',
        '    reasons: typo',
        '  - just a string',
      ),
      {
        errors: [
          "2:5 parse resources[0]: 'reason' is required",
          '3:12 parse resources[0].rules: expected a list of strings',
          "8:5 parse resources[1]: unknown key 'reasons' (expected path, resource, rules or reason)",
          "4:11 parse resources[1].path: '/abs/*.yaml' must be relative to the configuration's directory",
          '9:5 parse resources[2]: expected a map with path, resource, rules or reason',
        ],
      },
    );
  });

  it('checks limits and ignore patterns', () => {
    assert.deepEqual(
      parse('limits:', '  maxDepth: 0', '  maxTemplateBytes: 20MB', '  depth: 3', 'ignore: ["!keep/**"]'),
      {
        errors: [
          '2:13 parse limits.maxDepth: expected a whole number from 1 to 1000',
          '3:21 parse limits.maxTemplateBytes: expected a whole number from 1 to 536870912',
          "4:3 parse limits: unknown key 'depth' (expected maxTemplateBytes, maxPlanBytes, maxDepth or maxAliases)",
          "5:10 parse ignore[0]: '!keep/**': negated patterns are not supported",
        ],
      },
    );
  });

  it('YAML that cannot be read, and a file that is not a map, are parse errors with a position', () => {
    assert.deepEqual(parse('rules:', '  a: error', '  a: warning'), {
      errors: ['3:3 parse invalid configuration: duplicated mapping key in YAML'],
    });
    assert.deepEqual(parse('- rules'), {
      errors: ['1:1 parse expected a map with any of rules, ignore, resources or limits'],
    });
  });

  it('a rule id or glob that names no rule is a warning naming it, and the rest is used', () => {
    assert.deepEqual(
      parse(
        'rules:',
        '  encryption/s3-bucket-encrypton: "off"',
        '  terraform/*: error',
        'resources:',
        '  - { resource: A, rules: [firewall/nope], reason: r }',
      ),
      {
        config: {
          rules: { 'encryption/s3-bucket-encrypton': 'off', 'terraform/*': 'error' },
          resources: [{ resource: 'A', rules: ['firewall/nope'], reason: 'r' }],
        },
        warnings: [
          "2:3 parse rules.encryption/s3-bucket-encrypton: 'encryption/s3-bucket-encrypton' names no iacsec rule",
          "3:3 parse rules.terraform/*: 'terraform/*' names no iacsec rule",
          "5:28 parse resources[0].rules[0]: 'firewall/nope' names no iacsec rule",
        ],
      },
    );
  });

  it('a configuration object is held to the same schema, and throws naming the key at fault', () => {
    assert.deepEqual(configFromObject({ rules: { 'encryption/*': 'info' } }, RULES), {
      config: { rules: { 'encryption/*': 'info' } },
      warnings: [],
    });
    assert.throws(
      () => configFromObject({ rules: { 'encryption/*': 'loud' as 'info' } }, RULES),
      /invalid iacsec configuration: rules\.encryption\/\*: unknown severity 'loud'/,
    );
  });
});
