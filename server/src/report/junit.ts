import { SEVERITIES, type Severity } from '../rules/types';
import { compareText } from './document';
import type { Finding, ScanError, ScanReport } from './types';

/**
 * The scan report as JUnit XML, the test-report format GitLab, Jenkins, Azure Pipelines and most CI systems show
 * without a plugin. The shape is chosen for how they display and compare it:
 *
 * - one `testsuite` per file, named by its path;
 * - one `testcase` per rule × resource, named `<rule id> <resource id>`, with a `failure` (type = severity)
 *   whose text lists every finding of that rule on that resource. Names carry no line numbers, so GitLab's
 *   merge-request widget and Jenkins' history see the same test fail, or pass, from one run to the next instead
 *   of a new test each time a line moves;
 * - `classname` is the path with directories as packages (`examples.cloudformation.network_yaml`), because
 *   Jenkins splits it at dots into package and class;
 * - a scan with nothing to report is one suite `iacsec` with one passing `testcase`, because Jenkins fails a
 *   build whose report has no test at all (files without findings are not listed: the report does not name them);
 * - a file that could not be read or parsed gets an `error` element, which CI shows apart from failures;
 * - a suppressed finding (listed with `--include-suppressed`) is `skipped`, with its reason.
 */
export function toJunit(report: ScanReport): string {
  const files = new Map<string, { findings: Finding[]; errors: ScanError[] }>();
  const entry = (file: string): { findings: Finding[]; errors: ScanError[] } => {
    let value = files.get(file);
    if (value === undefined) files.set(file, (value = { findings: [], errors: [] }));
    return value;
  };
  for (const error of report.errors) entry(error.file).errors.push(error);
  for (const finding of report.findings) entry(finding.file).findings.push(finding);

  const suites = [...files.keys()].sort(compareText).map((file) => suite(file, entry(file)));
  // Jenkins fails a build whose test report holds no test at all: a clean scan is one test that passed.
  if (suites.length === 0) suites.push(cleanSuite(report.summary.files));
  const total = (key: 'tests' | 'failures' | 'errors' | 'skipped'): number =>
    suites.reduce((sum, each) => sum + each.counts[key], 0);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="iacsec" tests="${total('tests')}" failures="${total('failures')}" errors="${total('errors')}" skipped="${total('skipped')}">\n` +
    suites.map((each) => each.xml).join('') +
    '</testsuites>\n'
  );
}

interface Suite {
  readonly xml: string;
  readonly counts: {
    readonly tests: number;
    readonly failures: number;
    readonly errors: number;
    readonly skipped: number;
  };
}

function suite(
  file: string,
  content: { readonly findings: readonly Finding[]; readonly errors: readonly ScanError[] },
): Suite {
  const classname = className(file);
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  for (const error of content.errors) {
    const message = `${error.code} error: ${error.message}`;
    cases.push(
      testcase(
        `${error.code} error`,
        classname,
        file,
        `<error message="${attribute(message)}" type="${error.code}">${text(`${file}:${error.line}:${error.column} ${error.message}`)}</error>`,
      ),
    );
  }
  for (const group of groupByRuleAndResource(content.findings)) {
    const first = group[0];
    if (first === undefined) continue;
    const name = first.resource === null ? first.ruleId : `${first.ruleId} ${first.resource.id}`;
    const active = group.filter((finding) => finding.suppressed === undefined);
    if (active.length === 0) {
      skipped++;
      const reason =
        first.suppressed === undefined ? '' : `suppressed by ${first.suppressed.by}: ${first.suppressed.reason}`;
      cases.push(testcase(name, classname, file, `<skipped message="${attribute(reason)}"/>`));
      continue;
    }
    failures++;
    const severity = highest(active.map((finding) => finding.severity));
    const message =
      active.length === 1 ? (active[0]?.message ?? '') : `${active.length} findings: ${active[0]?.message ?? ''}`;
    const body = active
      .map((finding) => `${file}:${finding.line}:${finding.column} ${finding.severity} ${finding.message}`)
      .join('\n');
    cases.push(
      testcase(
        name,
        classname,
        file,
        `<failure message="${attribute(message)}" type="${severity}">${text(body)}</failure>`,
      ),
    );
  }
  const counts = { tests: cases.length, failures, errors: content.errors.length, skipped };
  const xml =
    `  <testsuite name="${attribute(file)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}">\n` +
    cases.join('') +
    '  </testsuite>\n';
  return { xml, counts };
}

function cleanSuite(files: number): Suite {
  const linted = `${files} IaC ${files === 1 ? 'file' : 'files'} linted`;
  const xml =
    '  <testsuite name="iacsec" tests="1" failures="0" errors="0" skipped="0">\n' +
    `    <testcase name="no problems" classname="iacsec">\n      <system-out>${text(linted)}</system-out>\n    </testcase>\n` +
    '  </testsuite>\n';
  return { xml, counts: { tests: 1, failures: 0, errors: 0, skipped: 0 } };
}

function testcase(name: string, classname: string, file: string, content: string): string {
  const open = `    <testcase name="${attribute(name)}" classname="${attribute(classname)}" file="${attribute(file)}"`;
  return content === '' ? `${open}/>\n` : `${open}>\n      ${content}\n    </testcase>\n`;
}

/** Findings of one rule on one resource, in report order, the groups in order of their first finding. */
function groupByRuleAndResource(findings: readonly Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = `${finding.ruleId}\u0000${finding.resource?.id ?? ''}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [finding]);
    else group.push(finding);
  }
  return [...groups.values()];
}

function highest(severities: readonly Severity[]): Severity {
  return SEVERITIES.find((severity) => severities.includes(severity)) ?? 'info';
}

/** `examples/cloudformation/network.yaml` → `examples.cloudformation.network_yaml`; dots in names become `_`. */
export function className(file: string): string {
  return file
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .map((part) => part.replace(/\./g, '_'))
    .join('.');
}

/** What XML 1.0 cannot hold, escaped or not: C0 controls but tab and line breaks, lone surrogates, U+FFFE/F. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Element text: `&` and `<` must be escaped, `>` too (for `]]>`); characters XML cannot hold become U+FFFD. */
export function text(value: string): string {
  return value.replace(NOT_XML, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute text, double-quoted; line breaks and tabs as character references, which parsers keep. */
export function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
