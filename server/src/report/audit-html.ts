import { createHash } from 'node:crypto';
import { SEVERITIES, type Responsibility } from '../rules/types';
import {
  RESPONSIBILITY_COLUMNS,
  type AuditError,
  type AuditFinding,
  type AuditLocation,
  type AuditModel,
  type MatrixCell,
  type ThemeRow,
} from './audit';

export type AuditHtmlOptions =
  { readonly mode: 'webview'; readonly cspSource: string; readonly nonce: string } | { readonly mode: 'file' };

// Theme variables first, so the view matches VS Code; system colours after, so an exported file reads in a
// browser in light and dark mode alike.
const STYLE = `
:root { color-scheme: light dark; }
body { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 14px);
  color: var(--vscode-foreground, CanvasText); background: var(--vscode-editor-background, Canvas);
  margin: 0 auto; padding: 1rem 2rem; max-width: 72rem; line-height: 1.45; }
h1 { font-size: 1.6em; margin: 0 0 0.25em; }
h2 { font-size: 1.25em; margin-top: 2em; padding-bottom: 0.2em;
  border-bottom: 1px solid var(--vscode-panel-border, GrayText); }
h3 { font-size: 1em; margin: 1.2em 0 0.4em; }
table { border-collapse: collapse; margin: 0.5em 0; }
caption { text-align: left; color: var(--vscode-descriptionForeground, GrayText); }
th, td { border: 1px solid var(--vscode-panel-border, GrayText); padding: 0.25em 0.6em; text-align: left; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); }
a, button.link { color: var(--vscode-textLink-foreground, LinkText); }
button { font: inherit; cursor: pointer; border: none; padding: 0.3em 0.9em;
  color: var(--vscode-button-foreground, ButtonText); background: var(--vscode-button-background, ButtonFace); }
button.link { background: none; padding: 0; text-decoration: underline; }
:focus-visible { outline: 1px solid var(--vscode-focusBorder, Highlight); outline-offset: 2px; }
.muted, .status-na { color: var(--vscode-descriptionForeground, GrayText); }
.notice { padding: 0.5em 1em; border-left: 4px solid var(--vscode-editorWarning-foreground, #b58900); }
.totals, .legend, .findings, .errors { padding: 0; list-style: none; }
.totals, .legend { display: flex; flex-wrap: wrap; gap: 0.4em 1.5em; }
.findings li, .errors li { margin: 0.2em 0; }
.sev-error { color: var(--vscode-editorError-foreground, #d13438); fill: var(--vscode-editorError-foreground, #d13438); }
.sev-warning { color: var(--vscode-editorWarning-foreground, #b58900);
  fill: var(--vscode-editorWarning-foreground, #b58900); }
.sev-info { color: var(--vscode-editorInfo-foreground, #1a85ff); fill: var(--vscode-editorInfo-foreground, #1a85ff); }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.3em; background: currentColor; }
.chart { max-width: 100%; height: auto; }
.chart text { fill: var(--vscode-foreground, CanvasText); font-size: 12px; }
.status-pass { color: var(--vscode-testing-iconPassed, #388a34); }
.status-fail { color: var(--vscode-editorError-foreground, #d13438); font-weight: 600; }
`;

// One delegated listener: the view's only behaviour is telling the extension what was clicked.
const SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-uri], [data-export]') : null;
  if (target === null) return;
  event.preventDefault();
  const format = target.getAttribute('data-export');
  if (format === 'sarif' || format === 'html') {
    vscode.postMessage({ type: 'export', format });
    return;
  }
  vscode.postMessage({
    type: 'open',
    uri: target.getAttribute('data-uri'),
    line: Number(target.getAttribute('data-line')),
    character: Number(target.getAttribute('data-character')),
  });
});
`;

/** The Content-Security-Policy of an exported file: only its own style, which the hash names. */
export function fileCsp(): string {
  return `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'; img-src data:`;
}

/** The audit as one self-contained HTML document: no external resources, no inline handlers. */
export function renderAuditHtml(model: AuditModel, options: AuditHtmlOptions): string {
  const webview = options.mode === 'webview';
  const csp =
    options.mode === 'webview'
      ? `default-src 'none'; img-src ${escapeHtml(options.cspSource)} data:; style-src ${escapeHtml(options.cspSource)} 'nonce-${escapeHtml(options.nonce)}'; script-src 'nonce-${escapeHtml(options.nonce)}';`
      : fileCsp();
  const nonce = options.mode === 'webview' ? ` nonce="${escapeHtml(options.nonce)}"` : '';
  const link = (location: AuditLocation, text: string): string => locationLink(location, text, webview);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>iacsec audit</title>',
    `<style${nonce}>${STYLE}</style>`,
    '</head>',
    '<body>',
    header(model, webview),
    '<main>',
    themeSection(model.themes),
    matrixSection(model),
    topRulesSection(model),
    findingsSection(model.findings, link),
    errorsSection(model.errors, link),
    '</main>',
    ...(options.mode === 'webview' ? [`<script${nonce}>${SCRIPT}</script>`] : []),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Safe in text and in quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

function header(model: AuditModel, webview: boolean): string {
  const { totals } = model;
  const items = [
    count(totals.folders, 'folder'),
    count(totals.files, 'file'),
    `${count(totals.findings, 'finding')} (${SEVERITIES.map((severity) => `${severity}: ${totals.bySeverity[severity]}`).join(', ')})`,
    `${totals.suppressed} suppressed`,
    count(totals.errors, 'file error'),
  ];
  return [
    '<header>',
    '<h1>iacsec audit</h1>',
    `<p class="muted">Generated <time datetime="${escapeHtml(model.generatedAt)}">${escapeHtml(model.generatedAt)}</time></p>`,
    ...(model.cancelled
      ? [
          '<p class="notice" role="status">The audit was cancelled: this report is partial, covering only the files linted before.</p>',
        ]
      : []),
    `<ul class="totals">${items.map((item) => `<li>${item}</li>`).join('')}</ul>`,
    ...(webview
      ? [
          '<p class="actions"><button type="button" data-export="sarif">Export SARIF</button> ' +
            '<button type="button" data-export="html">Export HTML</button></p>',
        ]
      : []),
    '</header>',
  ].join('\n');
}

const LABEL_WIDTH = 150;
const BAR_WIDTH = 400;
const ROW_HEIGHT = 28;
const BAR_HEIGHT = 18;

function themeSection(themes: readonly ThemeRow[]): string {
  const max = Math.max(1, ...themes.map((row) => row.total));
  const width = LABEL_WIDTH + BAR_WIDTH + 50;
  const height = themes.length * ROW_HEIGHT;
  const bars = themes.map((row, index) => {
    const y = index * ROW_HEIGHT;
    let x = LABEL_WIDTH;
    const segments = SEVERITIES.filter((severity) => row.bySeverity[severity] > 0).map((severity) => {
      const size = round((row.bySeverity[severity] / max) * BAR_WIDTH);
      const rect =
        `<rect class="sev-${severity}" x="${round(x)}" y="${y + 4}" width="${size}" height="${BAR_HEIGHT}">` +
        `<title>${escapeHtml(row.label)}, ${severity}: ${row.bySeverity[severity]}</title></rect>`;
      x += size;
      return rect;
    });
    return [
      `<text x="0" y="${y + 17}">${escapeHtml(row.label)}</text>`,
      ...segments,
      `<text x="${round(x + 6)}" y="${y + 17}">${row.total}</text>`,
    ].join('');
  });
  const rows = themes.map(
    (row) =>
      `<tr><th scope="row">${escapeHtml(row.label)}</th>` +
      SEVERITIES.map((severity) => `<td class="num">${row.bySeverity[severity]}</td>`).join('') +
      `<td class="num">${row.total}</td></tr>`,
  );
  return [
    '<section>',
    '<h2>Findings by theme and severity</h2>',
    `<svg class="chart" role="img" aria-labelledby="chart-title" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">`,
    '<title id="chart-title">Findings by theme and severity</title>',
    ...bars,
    '</svg>',
    `<ul class="legend">${SEVERITIES.map((severity) => `<li class="sev-${severity}"><span class="swatch"></span>${severity}</li>`).join('')}</ul>`,
    '<table><caption>Findings by theme and severity</caption>',
    `<thead><tr><th scope="col">Theme</th>${SEVERITIES.map((severity) => `<th scope="col">${severity}</th>`).join('')}<th scope="col">total</th></tr></thead>`,
    `<tbody>${rows.join('')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

function matrixSection(model: AuditModel): string {
  const { columns, rows } = model.matrix;
  const body =
    rows.length === 0
      ? '<p class="muted">No resource in the audit carries a customer responsibility.</p>'
      : [
          '<table class="matrix">',
          `<thead><tr><th scope="col">Resource type</th><th scope="col">Resources</th>${columns.map((column) => `<th scope="col">${escapeHtml(column.label)}</th>`).join('')}</tr></thead>`,
          '<tbody>',
          ...rows.map(
            (row) =>
              `<tr><th scope="row"><code>${escapeHtml(row.type)}</code></th><td class="num">${row.resources}</td>` +
              row.cells.map((cell) => matrixCell(cell, row.resources)).join('') +
              '</tr>',
          ),
          '</tbody></table>',
        ].join('\n');
  return ['<section>', '<h2>Customer responsibilities</h2>', body, '</section>'].join('\n');
}

function matrixCell(cell: MatrixCell, resources: number): string {
  switch (cell.status) {
    case 'n/a':
      return '<td class="status-na">—</td>';
    case 'pass':
      return '<td class="status-pass">pass</td>';
    case 'fail':
      return `<td class="status-fail">${cell.failing} of ${resources} failing (${count(cell.findings, 'finding')})</td>`;
  }
}

function topRulesSection(model: AuditModel): string {
  const body =
    model.topRules.length === 0
      ? '<p class="muted">No findings.</p>'
      : [
          '<table class="top-rules">',
          '<thead><tr><th scope="col">Rule</th><th scope="col">Checks</th><th scope="col">Severity</th><th scope="col">Responsibility</th><th scope="col">Findings</th></tr></thead>',
          '<tbody>',
          ...model.topRules.map(
            (rule) =>
              `<tr><td><code>${escapeHtml(rule.ruleId)}</code></td><td>${escapeHtml(rule.title)}</td>` +
              `<td class="sev-${rule.severity}">${rule.severity}</td><td>${escapeHtml(responsibilityLabel(rule.responsibility))}</td>` +
              `<td class="num">${rule.findings}</td></tr>`,
          ),
          '</tbody></table>',
        ].join('\n');
  return ['<section>', '<h2>Top rules</h2>', body, '</section>'].join('\n');
}

type Link = (location: AuditLocation, text: string) => string;

function findingsSection(findings: readonly AuditFinding[], link: Link): string {
  const byFile = new Map<string, AuditFinding[]>();
  for (const finding of findings) {
    const group = byFile.get(finding.file);
    if (group === undefined) byFile.set(finding.file, [finding]);
    else group.push(finding);
  }
  const groups = [...byFile].map(([file, group]) =>
    [
      `<h3><code>${escapeHtml(file)}</code></h3>`,
      '<ul class="findings">',
      ...group.map(
        (finding) =>
          `<li>${link(finding, `${finding.line}:${finding.column}`)} <span class="sev-${finding.severity}">${finding.severity}</span> ` +
          `<code title="${escapeHtml(finding.title)}">${escapeHtml(finding.ruleId)}</code> ${escapeHtml(finding.message)}` +
          (finding.resource === null
            ? ''
            : ` <span class="muted">${escapeHtml(finding.resource.id)} (${escapeHtml(finding.resource.type)})</span>`) +
          '</li>',
      ),
      '</ul>',
    ].join('\n'),
  );
  const body = groups.length === 0 ? ['<p class="muted">No findings.</p>'] : groups;
  return ['<section>', '<h2>Findings</h2>', ...body, '</section>'].join('\n');
}

function errorsSection(errors: readonly AuditError[], link: Link): string {
  const body =
    errors.length === 0
      ? '<p class="muted">Every file was linted.</p>'
      : [
          '<ul class="errors">',
          ...errors.map(
            (error) =>
              `<li>${link(error, `${error.file}:${error.line}:${error.column}`)} <code>${escapeHtml(error.code)}</code> ${escapeHtml(error.message)}</li>`,
          ),
          '</ul>',
        ].join('\n');
  return ['<section>', '<h2>Files that could not be linted</h2>', body, '</section>'].join('\n');
}

/** Webview: a button the script turns into an `open` message (0-based, as LSP); file: a plain link. */
function locationLink(location: AuditLocation, text: string, webview: boolean): string {
  if (webview) {
    return (
      `<button type="button" class="link" data-uri="${escapeHtml(location.uri)}" ` +
      `data-line="${location.line - 1}" data-character="${location.column - 1}">${escapeHtml(text)}</button>`
    );
  }
  // Document URIs come from the workspace; a scheme that runs code is never made a link.
  if (/^\s*(javascript|vbscript|data):/i.test(location.uri)) return escapeHtml(text);
  return `<a href="${escapeHtml(`${location.uri}#L${location.line}`)}">${escapeHtml(text)}</a>`;
}

function responsibilityLabel(responsibility: Responsibility | null): string {
  return RESPONSIBILITY_COLUMNS.find((column) => column.id === responsibility)?.label ?? '—';
}

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? '' : 's'}`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
