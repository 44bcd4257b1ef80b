import * as assert from 'node:assert/strict';
import type { DocumentResult } from '../src/engine/linter';
import { readJson } from '../src/parsing/json';
import type { SourceNode } from '../src/parsing/nodes';
import { readYaml } from '../src/parsing/yaml';
import { DEFAULT_LIMITS } from '../src/parsing/errors';

/**
 * Fails unless the YAML and the JSON text hold the same template and lint alike: a benchmark that compares
 * the two syntaxes is only fair on the same content, and a generator bug would otherwise pass unnoticed.
 */
export function assertTwins(
  label: string,
  yaml: string,
  json: string,
  yamlResult: DocumentResult,
  jsonResult: DocumentResult,
): void {
  assert.deepEqual(
    plain(readYaml(yaml, DEFAULT_LIMITS)),
    plain(readJson(json, DEFAULT_LIMITS)),
    `${label}: the YAML and JSON twins differ`,
  );
  for (const [syntax, result] of [
    ['YAML', yamlResult],
    ['JSON', jsonResult],
  ] as const) {
    assert.ok(result.iac && result.problems.length === 0, `${label} ${syntax}: ${JSON.stringify(result.problems)}`);
  }
  assert.deepEqual(findingKeys(yamlResult), findingKeys(jsonResult), `${label}: YAML and JSON twins lint differently`);
}

/** The tree as plain data; `!GetAtt a.b` is the YAML spelling of JSON's `["a", "b"]`. */
function plain(node: SourceNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(plain);
    case 'map': {
      const only = node.entries.length === 1 ? node.entries[0] : undefined;
      if (only?.key.value === 'Fn::GetAtt' && only.value.kind === 'scalar' && typeof only.value.value === 'string') {
        const dot = only.value.value.indexOf('.');
        return { 'Fn::GetAtt': [only.value.value.slice(0, dot), only.value.value.slice(dot + 1)] };
      }
      return Object.fromEntries(node.entries.map((entry) => [String(entry.key.value), plain(entry.value)]));
    }
  }
}

/** What a finding says, without where: offsets differ between the syntaxes, identities must not. */
function findingKeys(result: DocumentResult): string[] {
  return result.findings.map((finding) => `${finding.resource?.id ?? ''} ${finding.ruleId} ${finding.message}`).sort();
}
