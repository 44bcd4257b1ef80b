import { ms, ratio } from './measure';
import { table } from './table';

/** One measured text: the bare parse, the parse with positions and the full lint of the same bytes, in CPU ms. */
export interface RatioRow {
  /** Resources, e.g. `2,000` or `patho 100`. */
  readonly label: string;
  /** The syntax or format, e.g. `yaml` or `tf.json`. */
  readonly kind: string;
  readonly bytes: number;
  readonly findings: number;
  readonly baseline: number;
  readonly positions: number;
  readonly lint: number;
  /** The lint/base target for this syntax. */
  readonly target: number;
}

/**
 * The bench's tables of ratios, alike for every format: sizes, medians, positions/base and lint/base, and the
 * target beside the ratio, `OVER` when it is missed.
 */
export function ratioTable(kindTitle: string, rows: readonly RatioRow[]): string[] {
  const cells = rows.map((row) => [
    row.label,
    row.kind,
    `${Math.round(row.bytes / 1024)} KB`,
    String(row.findings),
    ms(row.baseline),
    ms(row.positions),
    ms(row.lint),
    ratio(row.positions / row.baseline),
    ratio(row.lint / row.baseline),
    `≤ ${row.target}×`,
    row.lint / row.baseline <= row.target ? 'ok' : 'OVER',
  ]);
  const header = [
    'resources',
    kindTitle,
    'size',
    'findings',
    'baseline ms',
    'positions ms',
    'lint ms',
    'positions/base',
    'lint/base',
    'target',
    '',
  ];
  return table(header, cells);
}
