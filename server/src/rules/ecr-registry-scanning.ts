import type { Resource } from '../model/template';
import { stringOf, type Outcome, type ValueResolver } from '../model/values';
import { itemValues } from './branches';
import { attributes, blocks } from './terraform';
import type { RuleContext } from './types';

/*
 * A registry's scanning configuration (`AWS::ECR::RegistryScanningConfiguration`,
 * `aws_ecr_registry_scanning_configuration`) scans every repository its rules' filters match, whatever the
 * repository itself says: an alternative to a repository's own scan-on-push setting, found in the same template.
 */

/** Whether a registry configuration of the template scans a repository; `unknown` never reports. */
export type Coverage = 'yes' | 'no' | 'unknown';

/** How a dialect names the registry configuration, its rules and filters, and a repository's name. */
export interface RegistryNames {
  readonly type: string;
  readonly rules: string;
  readonly frequency: string;
  readonly filters: string;
  readonly filter: string;
  readonly repositoryName: string;
}

export const CLOUDFORMATION_REGISTRY: RegistryNames = {
  type: 'AWS::ECR::RegistryScanningConfiguration',
  rules: 'Rules',
  frequency: 'ScanFrequency',
  filters: 'RepositoryFilters',
  filter: 'Filter',
  repositoryName: 'RepositoryName',
};

export const TERRAFORM_REGISTRY: RegistryNames = {
  type: 'aws_ecr_registry_scanning_configuration',
  rules: 'rule',
  frequency: 'scan_frequency',
  filters: 'repository_filter',
  filter: 'filter',
  repositoryName: 'name',
};

/**
 * Whether a rule of a registry configuration in the template scans `repository` on push or continuously: a rule
 * whose frequency is not MANUAL with a filter that matches the repository's name. A value the linter cannot read
 * (a variable without default, an unnamed CloudFormation repository against a filter other than `*`) is unknown.
 */
export function registryScans<MessageId extends string>(
  repository: Resource,
  context: RuleContext<MessageId>,
  names: RegistryNames,
): Coverage {
  const registries = context.memo(`responsibility/ecr-scan-on-push:${names.type}`, () =>
    context.template.resources.filter((resource) => resource.type === names.type),
  );
  if (registries.length === 0) return 'no';
  const values = context.values;
  const terraform = context.template.dialect === 'terraform';
  const repositoryNames = values.lookup(attributes(repository, values), names.repositoryName).map(stringOf);
  const verdicts: Coverage[] = [];
  for (const registry of registries) {
    for (const rule of items(values, attributes(registry, values), names.rules, terraform)) {
      if (rule.kind !== 'map') {
        verdicts.push(rule.kind === 'absent' ? 'no' : 'unknown');
        continue;
      }
      const frequencies = values.lookup([rule], names.frequency).map(stringOf);
      if (frequencies.every((frequency) => frequency === 'MANUAL')) continue;
      const unread = frequencies.includes(undefined);
      for (const filter of items(values, [rule], names.filters, terraform)) {
        for (const text of values.lookup([filter], names.filter)) {
          // A rule without filters matches nothing; one whose filter cannot be read may match anything.
          if (text.kind === 'absent') continue;
          const literal = stringOf(text);
          for (const name of repositoryNames) {
            const verdict = literal === undefined ? 'unknown' : matches(literal, name);
            verdicts.push(verdict === 'yes' && unread ? 'unknown' : verdict);
          }
        }
      }
    }
  }
  if (verdicts.includes('yes')) return 'yes';
  return verdicts.includes('unknown') ? 'unknown' : 'no';
}

/**
 * ECR's filter semantics: a filter without `*` matches every name that contains it; with `*`, the whole name,
 * each `*` standing for any run of characters. An unknown name is matched only by a filter of `*` alone.
 */
function matches(filter: string, name: string | undefined): Coverage {
  if (/^\*+$/.test(filter)) return 'yes';
  if (name === undefined) return 'unknown';
  if (!filter.includes('*')) return name.includes(filter) ? 'yes' : 'no';
  const pattern = filter
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(name) ? 'yes' : 'no';
}

/** The items of a list property (CloudFormation) or of a nested block (Terraform), each one outcome. */
function items(values: ValueResolver, from: readonly Outcome[], name: string, terraform: boolean): readonly Outcome[] {
  if (terraform) return blocks(values, from, name);
  const out: Outcome[] = [];
  for (const list of values.lookup(from, name)) {
    if (list.kind !== 'seq') out.push(list);
    else for (const item of itemValues(values, list.seq, list.node, list.via)) out.push(...item);
  }
  return out;
}
