import type { RuleSetting } from '../rule-set';
import type { Rule, Severity, Tool } from '../../rules/types';
import type { PeerSource } from './types';

export const RULE_FAILED = 'iacsec/rule-failed';
export const UNUSED_SUPPRESSION = 'iacsec/unused-suppression';
export const SUPPRESSION_WITHOUT_REASON = 'iacsec/suppression-without-reason';

/** Findings the engine itself reports; they have no rule file, but configuration can set or turn them off. */
export const ENGINE_RULE_IDS: readonly string[] = [RULE_FAILED, SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION];

const ENGINE_SEVERITY: Severity = 'warning';

export const ENGINE_MESSAGES = {
  [UNUSED_SUPPRESSION]: {
    unused: 'The suppression of {{rule}} suppresses nothing here.',
    unknownRule: '{{rule}} is not an iacsec rule, so this suppression suppresses nothing.',
    noRule: "{{marker}} names no rule, so it suppresses nothing; write '# iacsec-ignore <rule> -- <reason>'.",
    misplaced: '{{marker}} is not on the line of, or the line above, a resource or property, so it suppresses nothing.',
    malformed: '{{what}} is not a suppression iacsec can read (expected {{expected}}), so it suppresses nothing.',
  },
  [SUPPRESSION_WITHOUT_REASON]: {
    missingReason: 'The suppression of {{rules}} gives no reason; say why ({{how}}).',
  },
} as const;

/**
 * Peer tools by the key of `Rule.meta.references`; cfn-lint and Guard have no such key yet, so their
 * suppressions are read but match no rule.
 */
const PEER_TOOLS: Readonly<Record<PeerSource, Tool | undefined>> = {
  checkov: 'checkov',
  cfn_nag: 'cfnNag',
  cdk_nag: 'cdkNag',
  'cfn-lint': undefined,
  guard: undefined,
  // tfsec's checks live on in trivy: `tfsec:ignore:` names them by trivy's slug or AVD id.
  tfsec: 'trivy',
  trivy: 'trivy',
};

/**
 * What suppressions need to know of the rules a linter runs: which ids exist, which are on, and which peer
 * checks are marked equivalent to which rule. Built once per linter.
 */
export class SuppressionCatalogue {
  /** Every id a suppression may name: the catalogue's rules, then the engine's own. */
  readonly ruleIds: readonly string[];
  private readonly settings: ReadonlyMap<string, Severity | 'off'>;
  private readonly equivalent = new Map<string, string[]>();

  constructor(rules: readonly Rule[], settings: Readonly<Record<string, RuleSetting>>) {
    const resolved = new Map<string, Severity | 'off'>();
    for (const rule of rules) {
      resolved.set(rule.meta.id, settings[rule.meta.id] ?? rule.meta.severity);
      for (const reference of rule.meta.references) {
        if (reference.match !== 'equivalent') continue;
        // trivy's checks answer to their AVD id and to their slug (`aws-s3-enable-bucket-encryption`).
        const names =
          reference.tool === 'trivy' && reference.name !== undefined ? [reference.id, reference.name] : [reference.id];
        for (const name of names) {
          const key = peerKey(reference.tool, name);
          const ids = this.equivalent.get(key);
          if (ids === undefined) this.equivalent.set(key, [rule.meta.id]);
          else if (!ids.includes(rule.meta.id)) ids.push(rule.meta.id);
        }
      }
    }
    for (const id of ENGINE_RULE_IDS) resolved.set(id, settings[id] ?? ENGINE_SEVERITY);
    this.settings = resolved;
    this.ruleIds = [...resolved.keys()];
  }

  /** The severity of an engine finding, or `off`. */
  engineSetting(id: string): Severity | 'off' {
    return this.settings.get(id) ?? ENGINE_SEVERITY;
  }

  isEnabled(id: string): boolean {
    const setting = this.settings.get(id);
    return setting !== undefined && setting !== 'off';
  }

  /** The rules whose meta marks this peer check `equivalent`; none for a related check or an unmapped tool. */
  equivalentsOf(source: PeerSource, id: string): readonly string[] {
    const tool = PEER_TOOLS[source];
    return tool === undefined ? [] : (this.equivalent.get(peerKey(tool, id)) ?? []);
  }
}

function peerKey(tool: Tool, id: string): string {
  return `${tool}\u0000${id}`;
}
