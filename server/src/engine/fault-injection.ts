import type { Visitor } from '../rules/types';

/**
 * A test hook (docs/architecture.md): `IACSEC_FAULT_INJECT_RULE=<rule id>` makes every visitor of that rule throw,
 * so tests can watch a rule fail inside the real CLI, language server and lint worker. The value is only compared
 * with rule ids: it can make a rule fail, never run anything.
 */
export const FAULT_INJECTION_VARIABLE = 'IACSEC_FAULT_INJECT_RULE';

/** The id of the rule to fail, when the hook is set. */
export function faultyRuleId(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const id = env[FAULT_INJECTION_VARIABLE]?.trim();
  return id === undefined || id === '' ? undefined : id;
}

/** What the faulty rule's visitors become. */
export const injectedFault: Visitor = () => {
  throw new Error('injected fault');
};
