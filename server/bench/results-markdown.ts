import { ms, ratio } from './measure';
import type { PeerTime } from './peers';
import type { RatioRow } from './ratio-table';
import type { BenchRecord } from './results';

/** The Markdown beside the JSON: one short table per section, the ratios the issue's targets are stated in. */
export function resultsMarkdown(record: BenchRecord): string {
  const { machine } = record;
  const lines = [
    `# iacsec bench, ${record.date}`,
    '',
    `${record.run} run (\`node server/out/bench/bench.js${record.flags.map((flag) => ` ${flag}`).join('')}\`), ` +
      `${Math.round(record.seconds)} s; Node ${machine.node}, ${machine.cpus} × ${machine.cpu}, ${machine.platform}; ` +
      `js-yaml ${record.jsyaml}; ${record.rules} rules; load average ${machine.load.map((load) => load.toFixed(1)).join(' → ')} ` +
      `(start → end). Lint ratios are CPU time, medians; processes are wall time, which a loaded machine stretches.`,
  ];
  const sections = [lintSection(record), editorSection(record), ciSection(record), peersSection(record)];
  for (const section of [...sections, startupSection(record)]) if (section.length > 0) lines.push('', ...section);
  return `${lines.join('\n')}\n`;
}

const KIND_TITLES: Readonly<Record<string, string>> = {
  yaml: 'CloudFormation YAML',
  json: 'CloudFormation JSON',
  'tf.json': 'Terraform .tf.json',
  plan: 'Terraform plan',
};

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const align = header.map((_, i) => (i === 0 ? '---' : '---:'));
  return [line(header), line(align), ...rows.map(line)];
}

/** Lint over bare parse, by size and format, with each format's target; OVER marks a missed one. */
function lintSection(record: BenchRecord): string[] {
  const groups: [string, readonly RatioRow[]][] = [
    ['CloudFormation', [...(record.cloudformation?.realistic ?? []), ...(record.cloudformation?.pathological ?? [])]],
    ['Terraform', [...(record.terraform?.rows ?? []), ...(record.terraform?.pathological ?? [])]],
  ];
  const rows = groups.flatMap(([, group]) => group);
  if (rows.length === 0) return [];
  const kinds = [...new Set(rows.map((row) => row.kind))];
  const kindTitle = (kind: string): string => KIND_TITLES[kind] ?? kind;
  const labels = [...new Set(rows.map((row) => row.label))];
  const cell = (label: string, kind: string): string => {
    const row = rows.find((candidate) => candidate.label === label && candidate.kind === kind);
    if (row === undefined) return '';
    const value = row.lint / row.baseline;
    return `${ratio(value)}${value <= row.target ? '' : ' OVER'}`;
  };
  const targets = kinds.map((kind) => `≤ ${rows.find((row) => row.kind === kind)?.target ?? '?'}×`);
  return [
    '## Lint cost over a bare parse (js-yaml load for YAML, JSON.parse for JSON)',
    '',
    ...markdownTable(
      ['resources', ...kinds.map(kindTitle)],
      [['target', ...targets], ...labels.map((label) => [label, ...kinds.map((kind) => cell(label, kind))])],
    ),
  ];
}

function editorSection(record: BenchRecord): string[] {
  const latency = record.lsp?.latency;
  const startup = record.lsp?.startup;
  if (latency === undefined && startup === undefined) return [];
  const rows: string[][] = [];
  if (latency !== undefined) {
    const edit = latency.median / latency.bare;
    rows.push(
      [
        `edit → diagnostics, ${latency.label} resources (median)`,
        `${ms(latency.median)} ms = ${ratio(edit)} a bare parse`,
        `≤ 3× ${edit <= 3 ? 'ok' : 'OVER'}`,
      ],
      [
        'lints for a burst of 20 edits',
        String(latency.burstLints),
        `${latency.burstExpected} ${latency.burstLints <= latency.burstExpected ? 'ok' : 'OVER'}`,
      ],
    );
  }
  if (startup !== undefined) {
    rows.push([
      'first diagnostics after initialize (ordinary file)',
      `${ms(startup.firstDiagnostics)} ms`,
      `≤ 1000 ms ${startup.firstDiagnostics <= 1000 ? 'ok' : 'OVER'}`,
    ]);
    const memory = startup.memory;
    if (memory !== undefined)
      rows.push([
        `memory per open document (${Math.round(memory.documentBytes / 1024)} KB each)`,
        `${memory.perDocument.toFixed(1)}× its size`,
        `≤ 20× ${memory.perDocument <= 20 ? 'ok' : 'OVER'}`,
      ]);
  }
  return ['## Editor (language server over stdio, wall time)', '', ...markdownTable(['', 'measured', 'target'], rows)];
}

function ciSection(record: BenchRecord): string[] {
  const ci = record.ci;
  if (ci === undefined) return [];
  const rows = [
    ['bare read + parse, in one process', '1', ms(ci.bare.ms), ci.bare.filesPerSecond.toFixed(0), ratio(1)],
    ...ci.scans.map((scan) => [
      scan.mode,
      String(scan.threads),
      ms(scan.ms),
      scan.filesPerSecond.toFixed(0),
      ratio(scan.ms / ci.bare.ms),
    ]),
  ];
  return [
    `## CI: a repository of ${ci.files.toLocaleString('en-US')} files (whole process)`,
    '',
    ...markdownTable(['', 'threads', 'wall ms', 'files/s', '× bare'], rows),
    '',
    `Reports of the ${ci.scans.length} scans: ${ci.identical ? 'byte-identical' : '**differ**'}. ` +
      `${ci.linted} IaC files linted, ${ci.findings.toLocaleString('en-US')} findings.`,
    ...(ci.sweep.length === 0
      ? []
      : [
          '',
          `Speed-up of \`--jobs ${ci.sweepThreads}\` over \`--jobs 1\` by files scanned: ` +
            ci.sweep.map((row) => `${row.files} files ${ratio(row.single / row.parallel)}`).join(', ') +
            '.',
        ]),
  ];
}

function peersSection(record: BenchRecord): string[] {
  const peers = record.peers;
  if (peers === undefined || peers.rows.length === 0) return [];
  const names = Object.keys(peers.tools);
  const time = (value: PeerTime | undefined): string =>
    value === undefined ? 'not run' : 'ms' in value ? ms(value.ms) : value.failure;
  const rows = peers.rows.map((row) => {
    const own = 'ms' in row.iacsec ? row.iacsec.ms : undefined;
    return [
      row.label,
      time(row.iacsec),
      ...names.map((name) => {
        const value = row.peers[name];
        const times = value !== undefined && 'ms' in value && own !== undefined ? ` (${ratio(value.ms / own)})` : '';
        return `${time(value)}${times}`;
      }),
    ];
  });
  return [
    '## Peers on the same templates (whole process, wall ms; × iacsec)',
    '',
    ...markdownTable(['template', 'iacsec scan', ...names], rows),
    '',
    ...names.map((name) => `- ${name}: ${peers.tools[name] ?? ''}`),
  ];
}

function startupSection(record: BenchRecord): string[] {
  const startup = record.startup;
  if (startup === undefined) return [];
  const rows = [
    ['node -e 0', ms(startup.node), ratio(1)],
    ...startup.rows.map((row) => [row.command, ms(row.ms), ratio(row.nodes)]),
  ];
  return ['## Start-up (whole process, wall)', '', ...markdownTable(['command', 'ms', '× node -e 0'], rows)];
}
