import type { Change, FixProposal } from '../edits/changes';
import { editableMap, isUnconditional, literalIn, setProperty } from '../edits/propose';
import type { Resource } from '../model/template';
import { truthOf } from '../model/values';
import type { RuleContext } from './types';

/*
 * The three OpenSearch rules share one shape: a switch `Enabled`-like boolean inside an options map of the
 * domain (`EncryptionAtRestOptions.Enabled`, …) whose absence means off. This module judges it once.
 */

/** The current resource type and the legacy one it replaced; both take the same options. */
export const OPENSEARCH_DOMAIN = 'AWS::OpenSearchService::Domain';
export const ELASTICSEARCH_DOMAIN = 'AWS::Elasticsearch::Domain';

export interface DomainSwitch {
  /** The options map (`EncryptionAtRestOptions`) and the boolean in it (`Enabled`). */
  readonly options: string;
  readonly key: string;
  /**
   * The fix's title and safety, given whether the options map is being added (`added`) or an options map the
   * template already has is being changed: CloudFormation treats the two differently for some options.
   */
  readonly fix: (resource: Resource, added: boolean) => Omit<FixProposal, 'changes'>;
}

/**
 * Reports every branch where the switch is off: `missing` when the options map or the key in it is absent
 * (on the `Properties` key, the logical id or the options key), `disabled` when it is literally false.
 * Unknown values report nothing.
 */
export function checkDomainSwitch(
  resource: Resource,
  context: RuleContext<'missing' | 'disabled'>,
  setting: DomainSwitch,
): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  // A fix is offered only where the finding holds in every deployment.
  const fixable = isUnconditional(values.lookup(properties, setting.options, setting.key));
  for (const options of values.lookup(properties, setting.options)) {
    if (options.kind === 'absent') {
      const change = fixable ? setProperty(resource, [setting.options, setting.key], true) : undefined;
      const fixes = proposal(change, setting.fix(resource, true));
      context.report({ node: options.node, messageId: 'missing', via: options.via, fixes });
      continue;
    }
    if (options.kind !== 'map') continue;
    for (const value of values.lookup([options], setting.key)) {
      let change: Change | undefined;
      if (value.kind === 'absent') {
        if (fixable && editableMap(options, resource))
          change = { kind: 'set', map: options.map, path: [setting.key], value: true };
        context.report({
          node: value.node,
          messageId: 'missing',
          via: value.via,
          fixes: proposal(change, setting.fix(resource, false)),
        });
      } else if (truthOf(value) === false) {
        const literal = fixable ? literalIn(value, resource) : undefined;
        if (literal !== undefined) change = { kind: 'replace', node: literal, value: true };
        context.report({
          node: value.node,
          messageId: 'disabled',
          via: value.via,
          fixes: proposal(change, setting.fix(resource, false)),
        });
      }
    }
  }
}

function proposal(change: Change | undefined, fix: Omit<FixProposal, 'changes'>): FixProposal[] {
  return change === undefined ? [] : [{ ...fix, changes: [change] }];
}
