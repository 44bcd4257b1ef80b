import { getValue } from '../../src/parsing/nodes';
import type { Rule } from '../../src/rules/types';
import { TEST_RULES } from '../report/test-rules';

/**
 * Test-only rules with fixes, whose output never changes as the real catalogue grows: `Test::Fixable` lacks
 * `Properties.Marked` and has a safe fix that sets it; `Test::Suggest` has the same fix, but as a suggestion,
 * which `iacsec fix` must leave alone.
 */
function markRule(id: string, type: string, safe: boolean): Rule<'unmarked'> {
  return {
    meta: {
      id,
      title: `Test ${safe ? 'safe fix' : 'suggestion'}`,
      severity: 'warning',
      responsibility: 'data',
      messages: { unmarked: '{{id}} is not marked' },
      rationale: 'test',
      remediation: 'Set Properties.Marked to true.',
      references: [],
      fix: safe ? 'safe' : 'suggestion',
    },
    visitors: {
      cloudformation: {
        [type]: (resource, context) => {
          if (getValue(resource.properties, 'Marked') !== undefined) return;
          context.report({
            node: resource.anchor,
            messageId: 'unmarked',
            data: { id: resource.id },
            fixes: [
              {
                title: 'Set Marked: true',
                safe,
                changes: [
                  {
                    kind: 'set',
                    map: { start: resource.node.start, end: resource.node.end },
                    path: ['Properties', 'Marked'],
                    value: true,
                  },
                ],
              },
            ],
          });
        },
      },
    },
  };
}

export const FIX_RULES: readonly Rule[] = [
  ...TEST_RULES,
  markRule('responsibility/test-fixable', 'Test::Fixable', true),
  markRule('responsibility/test-suggest', 'Test::Suggest', false),
];
