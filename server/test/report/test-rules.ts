import type { Rule, Severity } from '../../src/rules/types';

/**
 * Test-only rules with findings that never change as the real catalogue grows: each flags every resource of
 * type `Test::<Severity>` (its logical id), so a fixture chooses its findings by the types it declares.
 */
function marker(severity: Severity, capitalised: string): Rule<'marked'> {
  return {
    meta: {
      id: `responsibility/test-${severity}`,
      title: `Test ${severity}`,
      severity,
      responsibility: 'data',
      messages: { marked: '{{id}} is marked {{severity}}' },
      rationale: 'test',
      remediation: 'test',
      references: [
        { tool: 'checkov', id: 'CKV_TEST_1', match: 'equivalent' },
        { tool: 'checkov', id: 'CKV_TEST_2', match: 'related' },
        { tool: 'trivy', id: 'AVD-TEST-0001', match: 'equivalent', name: 'test-slug' },
      ],
      fix: 'none',
    },
    visitors: {
      cloudformation: {
        [`Test::${capitalised}`]: (resource, context) =>
          context.report({ node: resource.idNode, messageId: 'marked', data: { id: resource.id, severity } }),
      },
    },
  };
}

/** Reports `Test::Related` on its `Type` value, pointing at the logical id as a related location. */
const related = {
  meta: {
    id: 'firewall/test-related',
    title: 'Test related',
    severity: 'warning',
    responsibility: 'firewall',
    messages: { related: 'Type of {{id}} is under test' },
    rationale: 'test',
    remediation: 'test',
    references: [],
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'Test::Related': (resource, context) => {
        const type = resource.node.entries.find((entry) => entry.key.value === 'Type');
        if (type === undefined) return;
        context.report({
          node: type.value,
          messageId: 'related',
          data: { id: resource.id },
          related: [{ node: resource.idNode, message: 'declared here' }],
        });
      },
    },
  },
} satisfies Rule<'related'>;

/** Throws on `Test::Explode`, so the engine reports `iacsec/rule-failed`. */
const exploding = {
  meta: {
    id: 'encryption/test-explode',
    title: 'Test explode',
    severity: 'error',
    responsibility: 'data',
    messages: { never: 'never' },
    rationale: 'test',
    remediation: 'test',
    references: [],
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'Test::Explode': () => {
        throw new Error('boom');
      },
    },
  },
} satisfies Rule<'never'>;

export const TEST_RULES: readonly Rule[] = [
  marker('error', 'Error'),
  marker('warning', 'Warning'),
  marker('info', 'Info'),
  related,
  exploding,
];
