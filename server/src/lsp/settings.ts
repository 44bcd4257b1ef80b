import { LIMIT_CEILINGS } from '../config/validate';
import { ruleMatcher } from '../engine/suppressions/patterns';
import { DEFAULT_LIMITS, type Limits } from '../parsing/errors';
import { DOCS_BASE_URL } from '../report/catalogue';
import type { Severity } from '../rules/types';
import type { SeverityCustomization, Settings } from './protocol';

/** What a client that sends no settings gets; the same defaults as package.json's `contributes.configuration`. */
export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  debounce: 150,
  rules: { customizations: [] },
  ignore: [],
  configFile: '',
  docs: { baseUrl: DOCS_BASE_URL },
  limits: DEFAULT_LIMITS,
};

const MAX_DEBOUNCE = 5000;
const CUSTOMIZATIONS: readonly SeverityCustomization[] = ['error', 'warning', 'info', 'off', 'default'];

/**
 * Settings from whatever a client sent (`workspace/configuration` answers, `initializationOptions`): each field
 * of the right type is taken, anything else keeps its default. A client's settings are not trusted to be
 * well-formed; a wrong one must not take the server down.
 */
export function readSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  if (!isObject(raw)) return base;
  const debounce = raw['debounce'];
  return {
    enable: typeof raw['enable'] === 'boolean' ? raw['enable'] : base.enable,
    run: raw['run'] === 'onType' || raw['run'] === 'onSave' ? raw['run'] : base.run,
    debounce:
      typeof debounce === 'number' && Number.isFinite(debounce)
        ? Math.min(MAX_DEBOUNCE, Math.max(0, Math.round(debounce)))
        : base.debounce,
    rules: { customizations: readCustomizations(raw['rules'], base.rules.customizations) },
    ignore: Array.isArray(raw['ignore'])
      ? raw['ignore'].filter((glob): glob is string => typeof glob === 'string' && glob !== '')
      : base.ignore,
    configFile: typeof raw['configFile'] === 'string' ? raw['configFile'].trim() : base.configFile,
    docs: { baseUrl: readBaseUrl(raw['docs'], base.docs.baseUrl) },
    limits: readLimits(raw['limits'], base.limits),
  };
}

/** Each limit that is a whole number within `.iacsec.yaml`'s own bounds; anything else keeps the fallback. */
function readLimits(limits: unknown, fallback: Limits): Limits {
  if (!isObject(limits)) return fallback;
  const valid = (name: keyof Limits): number => {
    const value = limits[name];
    return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= LIMIT_CEILINGS[name]
      ? value
      : fallback[name];
  };
  return {
    maxTemplateBytes: valid('maxTemplateBytes'),
    maxPlanBytes: valid('maxPlanBytes'),
    maxDepth: valid('maxDepth'),
    maxAliases: valid('maxAliases'),
  };
}

function readCustomizations(rules: unknown, fallback: Settings['rules']['customizations']) {
  if (!isObject(rules) || !Array.isArray(rules['customizations'])) return fallback;
  return rules['customizations'].flatMap((entry: unknown) => {
    if (!isObject(entry)) return [];
    const { rule, severity } = entry;
    if (typeof rule !== 'string' || rule === '') return [];
    if (!CUSTOMIZATIONS.includes(severity as SeverityCustomization)) return [];
    return [{ rule, severity: severity as SeverityCustomization }];
  });
}

function readBaseUrl(docs: unknown, fallback: string): string {
  const url = isObject(docs) ? docs['baseUrl'] : undefined;
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return fallback;
  return url.endsWith('/') ? url : `${url}/`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The editor's severity customisations (eslint's `rules.customizations`): for each rule id the last entry whose
 * id or glob matches decides; `default` keeps the rule's own severity, `off` hides its findings in the editor.
 */
export class SeverityCustomizer {
  private readonly entries: readonly {
    readonly matches: (id: string) => boolean;
    readonly to: SeverityCustomization;
  }[];
  private readonly byRule = new Map<string, Severity | 'off' | undefined>();

  constructor(customizations: Settings['rules']['customizations']) {
    this.entries = customizations.map((entry) => ({ matches: ruleMatcher(entry.rule), to: entry.severity }));
  }

  /** The severity to show a finding of `ruleId` at, or `off`. */
  severity(ruleId: string, severity: Severity): Severity | 'off' {
    if (this.entries.length === 0) return severity;
    if (!this.byRule.has(ruleId)) {
      let decided: Severity | 'off' | undefined;
      for (const entry of this.entries) {
        if (entry.matches(ruleId)) decided = entry.to === 'default' ? undefined : entry.to;
      }
      this.byRule.set(ruleId, decided);
    }
    return this.byRule.get(ruleId) ?? severity;
  }
}
