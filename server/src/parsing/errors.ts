/** Why a detected IaC file yields no findings: the codes of the CLI contract. */
export type ErrorCode = 'read' | 'parse' | 'limit' | 'internal';

/** A problem with a whole file, positioned by offset (0 when nothing better is known). */
export interface FileProblem {
  readonly code: ErrorCode;
  readonly message: string;
  readonly offset: number;
}

/** Thrown by readers; caught at the engine boundary and turned into a FileProblem. */
export class ReadError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'ReadError';
  }

  toProblem(): FileProblem {
    return { code: this.code, message: this.message, offset: this.offset };
  }
}

export interface Limits {
  /** Largest template or `.tf.json`, in bytes. */
  readonly maxTemplateBytes: number;
  /** Largest Terraform plan JSON, in bytes. */
  readonly maxPlanBytes: number;
  /** Deepest nesting of maps and sequences. */
  readonly maxDepth: number;
  /** Most YAML aliases in one document. */
  readonly maxAliases: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxTemplateBytes: 20 * 1024 * 1024,
  maxPlanBytes: 512 * 1024 * 1024,
  maxDepth: 200,
  maxAliases: 100,
};

/**
 * How a message about a limit ends: the key that raises it, the same in `.iacsec.yaml` and (as `iacsec.limits.*`)
 * in the editor's settings; `.iacsec.yaml`'s value wins, so that is the one to name.
 */
export function raiseHint(limit: keyof Limits): string {
  return `; to lint it, raise limits.${limit} in .iacsec.yaml`;
}
