import type { Rule } from './types';

/** The catalogue: every rule iacsec ships, in id order. The meta test checks it against the files. */
export const allRules: readonly Rule[] = [];
