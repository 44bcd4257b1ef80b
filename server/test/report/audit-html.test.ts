import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { buildAudit, type AuditFolder, type AuditModel } from '../../src/report/audit';
import { renderAuditHtml, type AuditHtmlOptions } from '../../src/report/audit-html';
import { buildReport } from '../../src/report/document';
import type { Finding } from '../../src/report/types';
import { allRules } from '../../src/rules';

const HOSTILE_SCRIPT = '</script><script>alert(1)</script>';
const ESCAPED_SCRIPT = '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;';
const HOSTILE_ATTRIBUTE = '" onmouseover="x';
const ESCAPED_ATTRIBUTE = '&quot; onmouseover=&quot;x';
const HOSTILE_FOLDER = `evil"'<b>`;
const ESCAPED_FOLDER = 'evil&quot;&#39;&lt;b&gt;';

const WEBVIEW: AuditHtmlOptions = {
  mode: 'webview',
  cspSource: 'https://file+.vscode-resource.example',
  nonce: 'n0nce',
};
const FILE: AuditHtmlOptions = { mode: 'file' };

function finding(file: string, line: number, column: number, message: string, bucket: string): Finding {
  return {
    ruleId: 'encryption/s3-bucket-encryption',
    messageId: 'missing',
    severity: 'warning',
    theme: 'encryption',
    responsibility: 'data',
    message,
    file,
    line,
    column,
    endLine: line,
    endColumn: column + 6,
    resource: { id: bucket, type: 'AWS::S3::Bucket' },
    fixes: [],
    references: { checkov: [], cfnNag: [], kics: [], cdkNag: [], trivy: [] },
  };
}

function folder(name: string, uri: string, findings: readonly Finding[]): AuditFolder {
  const resources: Record<string, { id: string; type: string }[]> = {};
  for (const item of findings) resources[item.file] = [{ id: item.resource?.id ?? '', type: 'AWS::S3::Bucket' }];
  return {
    name,
    uri,
    report: buildReport({ version: '0.0.0', files: Object.keys(resources).length, findings, errors: [] }),
    resources,
  };
}

function model(cancelled = false): AuditModel {
  const infra = folder('infra', 'file:///home/u/infra', [finding('main.yaml', 12, 5, 'Bucket has no encryption', 'B')]);
  const evil = folder(HOSTILE_FOLDER, `file:///home/u/evil%22'%3Cb%3E`, [
    finding(`${HOSTILE_SCRIPT}.yaml`, 3, 1, HOSTILE_SCRIPT, 'Evil'),
    finding('plain.yaml', 4, 2, HOSTILE_ATTRIBUTE, HOSTILE_ATTRIBUTE),
  ]);
  return buildAudit({ folders: [infra, evil], rules: allRules, generatedAt: '2025-01-02T03:04:05.000Z', cancelled });
}

function styleText(html: string): string {
  const match = /<style[^>]*>([\s\S]*?)<\/style>/.exec(html);
  assert.ok(match?.[1] !== undefined, 'a style block');
  return match[1];
}

describe('workspace audit HTML', () => {
  it('sets the webview CSP with the nonce on its one style and one script', () => {
    const html = renderAuditHtml(model(), WEBVIEW);
    assert.ok(
      html.includes(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src https://file+.vscode-resource.example data:; style-src https://file+.vscode-resource.example 'nonce-n0nce'; script-src 'nonce-n0nce';">`,
      ),
    );
    assert.deepEqual(html.match(/<style[^>]*>/g), ['<style nonce="n0nce">']);
    assert.deepEqual(html.match(/<script[^>]*>/g), ['<script nonce="n0nce">']);
    assert.ok(html.includes('acquireVsCodeApi()'));
  });

  it('sets the file CSP to the hash of its exact style text, and has no script', () => {
    const html = renderAuditHtml(model(), FILE);
    const hash = createHash('sha256').update(styleText(html), 'utf8').digest('base64');
    assert.ok(
      html.includes(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${hash}'; img-src data:">`,
      ),
    );
    assert.deepEqual(html.match(/<style[^>]*>/g), ['<style>']);
    assert.doesNotMatch(html, /<script/i);
    assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">'));
  });

  it('escapes hostile messages, file names and folder names in text and attributes', () => {
    for (const options of [WEBVIEW, FILE]) {
      const html = renderAuditHtml(model(), options);
      assert.ok(html.includes(`<h3><code>${ESCAPED_FOLDER}/${ESCAPED_SCRIPT}.yaml</code></h3>`));
      assert.ok(html.includes(`</code> ${ESCAPED_SCRIPT} <span class="muted">Evil (AWS::S3::Bucket)</span>`));
      assert.ok(
        html.includes(`</code> ${ESCAPED_ATTRIBUTE} <span class="muted">${ESCAPED_ATTRIBUTE} (AWS::S3::Bucket)`),
      );
      assert.ok(!html.includes(HOSTILE_SCRIPT));
      assert.ok(!html.includes(HOSTILE_ATTRIBUTE));
      assert.ok(!html.includes(HOSTILE_FOLDER));
      assert.doesNotMatch(html, /\son[a-z]+\s*=\s*["']/i);
      assert.doesNotMatch(html, /javascript:/i);
    }
    const webview = renderAuditHtml(model(), WEBVIEW);
    assert.ok(webview.includes(`data-uri="file:///home/u/evil%22&#39;%3Cb%3E/plain.yaml" data-line="3"`));
    const file = renderAuditHtml(model(), FILE);
    assert.ok(file.includes(`<a href="file:///home/u/evil%22&#39;%3Cb%3E/plain.yaml#L4">4:2</a>`));
  });

  it('escapes the nonce and the CSP source too', () => {
    const html = renderAuditHtml(model(), { mode: 'webview', cspSource: HOSTILE_ATTRIBUTE, nonce: HOSTILE_SCRIPT });
    assert.ok(html.includes(`<script nonce="${ESCAPED_SCRIPT}">`));
    assert.ok(html.includes(`img-src ${ESCAPED_ATTRIBUTE} data:`));
    assert.ok(!html.includes(HOSTILE_SCRIPT));
    assert.ok(!html.includes(HOSTILE_ATTRIBUTE));
  });

  it('gives webview links 0-based positions and file links a #L fragment', () => {
    assert.ok(
      renderAuditHtml(model(), WEBVIEW).includes(
        '<button type="button" class="link" data-uri="file:///home/u/infra/main.yaml" data-line="11" data-character="4">12:5</button>',
      ),
    );
    assert.ok(renderAuditHtml(model(), FILE).includes('<a href="file:///home/u/infra/main.yaml#L12">12:5</a>'));
  });

  it('shows the export buttons only in the webview', () => {
    const webview = renderAuditHtml(model(), WEBVIEW);
    assert.ok(webview.includes('<button type="button" data-export="sarif">Export SARIF</button>'));
    assert.ok(webview.includes('<button type="button" data-export="html">Export HTML</button>'));
    assert.doesNotMatch(renderAuditHtml(model(), FILE), /data-export/);
  });

  it('states the totals in the header', () => {
    assert.ok(
      renderAuditHtml(model(), FILE).includes(
        '<ul class="totals"><li>2 folders</li><li>3 files</li><li>3 findings (error: 0, warning: 3, info: 0)</li>' +
          '<li>0 suppressed</li><li>0 file errors</li></ul>',
      ),
    );
  });

  it('says the report is partial when the audit was cancelled', () => {
    const notice = 'The audit was cancelled: this report is partial';
    assert.ok(renderAuditHtml(model(true), FILE).includes(`<p class="notice" role="status">${notice}`));
    assert.ok(!renderAuditHtml(model(false), FILE).includes(notice));
  });

  it('draws the theme chart with a title per segment and the same numbers in a table', () => {
    const html = renderAuditHtml(model(), FILE);
    assert.ok(
      html.includes(
        '<rect class="sev-warning" x="150" y="4" width="400" height="18"><title>Encryption, warning: 3</title></rect>',
      ),
    );
    assert.ok(
      html.includes(
        '<tr><th scope="row">Encryption</th><td class="num">0</td><td class="num">3</td><td class="num">0</td><td class="num">3</td></tr>',
      ),
    );
    assert.ok(html.includes('<li class="sev-error"><span class="swatch"></span>error</li>'));
  });

  it('renders matrix cells as failing counts, pass or a dash', () => {
    const html = renderAuditHtml(model(), FILE);
    assert.ok(
      html.includes(
        '<tr><th scope="row"><code>AWS::S3::Bucket</code></th><td class="num">3</td>' +
          '<td class="status-na">—</td><td class="status-na">—</td><td class="status-pass">pass</td>' +
          '<td class="status-fail">3 of 3 failing (3 findings)</td></tr>',
      ),
    );
  });

  it('renders the same model to the same text', () => {
    assert.equal(renderAuditHtml(model(), WEBVIEW), renderAuditHtml(model(), WEBVIEW));
  });
});
