import { compareFindings } from '../report/document';
import type { Finding } from '../report/types';

export interface FindingDelta {
  /** Findings of the new text that no finding of the old text matches; in the new text's order. */
  readonly introduced: readonly Finding[];
  /** Findings of the old text that no finding of the new text matches; in the old text's order. */
  readonly resolved: readonly Finding[];
}

/**
 * Compares the findings of two versions of a template by what they say, not where: rule, resource, message id
 * and message. Moving a resource, or editing lines above it, changes no finding; each finding matches at most
 * one of the other side, so a second bucket without encryption is a new finding though the first one was not.
 * Only findings a scan would report take part: one that a suppression now covers is resolved, and carries
 * that suppression, so a reader sees it was accepted rather than fixed.
 */
export function findingDelta(before: readonly Finding[], after: readonly Finding[]): FindingDelta {
  const active = (findings: readonly Finding[]): Finding[] =>
    findings.filter((finding) => finding.suppressed === undefined).sort(compareFindings);
  const remaining = new KeyedQueue(active(after));
  const resolved: Finding[] = [];
  for (const finding of active(before)) {
    if (remaining.take(finding) === undefined) resolved.push(finding);
  }
  const suppressedAfter = new KeyedQueue(after.filter((finding) => finding.suppressed !== undefined));
  return {
    introduced: remaining.left(),
    resolved: resolved.map((finding) => {
      const twin = suppressedAfter.take(finding);
      return twin?.suppressed === undefined ? finding : { ...finding, suppressed: twin.suppressed };
    }),
  };
}

/** What a finding is, wherever it stands. */
function identity(finding: Finding): string {
  return JSON.stringify([finding.ruleId, finding.resource?.id ?? null, finding.messageId, finding.message]);
}

/** Findings by identity, each taken once, first in order first. */
class KeyedQueue {
  private readonly byKey = new Map<string, Finding[]>();
  private readonly taken = new Set<Finding>();

  constructor(private readonly findings: readonly Finding[]) {
    for (const finding of findings) {
      const key = identity(finding);
      const list = this.byKey.get(key);
      if (list === undefined) this.byKey.set(key, [finding]);
      else list.push(finding);
    }
  }

  take(like: Finding): Finding | undefined {
    const found = this.byKey.get(identity(like))?.shift();
    if (found !== undefined) this.taken.add(found);
    return found;
  }

  /** The findings not taken, in their original order. */
  left(): Finding[] {
    return this.findings.filter((finding) => !this.taken.has(finding));
  }
}
