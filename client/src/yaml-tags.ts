// The CloudFormation tags for the YAML extension's `yaml.customTags`. The list itself lives once, in the
// manifest's `configurationDefaults`; the command reads it from there. No vscode import: unit-testable.

/** The `yaml.customTags` default this extension contributes, read from its manifest (`packageJSON`). */
export function contributedYamlTags(packageJson: unknown): readonly string[] {
  const defaults = property(property(packageJson, 'contributes'), 'configurationDefaults');
  const tags = property(defaults, 'yaml.customTags');
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
}

export interface MergedTags {
  /** What the setting holds afterwards: the entries it had, in their order, then the tags it lacked. */
  readonly merged: readonly unknown[];
  /** The tags added, in the manifest's order. */
  readonly added: readonly string[];
}

/** Adds the tags a setting lacks, keeping every entry it has (even ones that are not strings) and no duplicates. */
export function mergeYamlTags(existing: unknown, tags: readonly string[]): MergedTags {
  const current: readonly unknown[] = Array.isArray(existing) ? existing : [];
  const present = new Set(current.filter((entry): entry is string => typeof entry === 'string'));
  const added = [...new Set(tags)].filter((tag) => !present.has(tag));
  return { merged: [...current, ...added], added };
}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
