import * as assert from 'node:assert/strict';
import { buildReport } from '../../src/report/document';
import { attribute, className, text, toJunit } from '../../src/report/junit';
import type { Finding } from '../../src/report/types';
import { runCli } from '../cli/helpers';

const base: Finding = {
  ruleId: 'firewall/x',
  messageId: 'm',
  severity: 'warning',
  theme: 'firewall',
  responsibility: 'firewall',
  message: 'Opens <22> & "more"',
  file: 'stacks/net.yaml',
  line: 4,
  column: 7,
  endLine: 4,
  endColumn: 9,
  resource: { id: 'Sg', type: 'AWS::EC2::SecurityGroup' },
  fixes: [],
  references: { checkov: [], cfnNag: [], kics: [], cdkNag: [], trivy: [] },
};

describe('JUnit output', () => {
  it('is one test per rule and resource, whose failure lists each finding and has the highest severity as type', () => {
    const report = buildReport({
      version: '0',
      files: 1,
      findings: [base, { ...base, line: 9, endLine: 9, severity: 'error', message: 'Second' }],
      errors: [],
    });
    assert.equal(
      toJunit(report),
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<testsuites name="iacsec" tests="1" failures="1" errors="0" skipped="0">\n' +
        '  <testsuite name="stacks/net.yaml" tests="1" failures="1" errors="0" skipped="0">\n' +
        '    <testcase name="firewall/x Sg" classname="stacks.net_yaml" file="stacks/net.yaml">\n' +
        '      <failure message="2 findings: Opens &lt;22&gt; &amp; &quot;more&quot;" type="error">' +
        'stacks/net.yaml:4:7 warning Opens &lt;22&gt; &amp; "more"\nstacks/net.yaml:9:7 error Second</failure>\n' +
        '    </testcase>\n' +
        '  </testsuite>\n' +
        '</testsuites>\n',
    );
  });

  it('shows unlintable files as errors and suppressed findings as skipped', () => {
    const report = buildReport({
      version: '0',
      files: 2,
      findings: [{ ...base, suppressed: { by: 'iacsec-ignore', reason: 'bastion' } }],
      errors: [{ file: 'b.template', line: 2, column: 1, code: 'parse', message: 'bad <yaml>' }],
      includeSuppressed: true,
    });
    const xml = toJunit(report);
    assert.ok(xml.includes('<testsuites name="iacsec" tests="2" failures="0" errors="1" skipped="1">'), xml);
    assert.ok(
      xml.includes(
        '<error message="parse error: bad &lt;yaml&gt;" type="parse">b.template:2:1 bad &lt;yaml&gt;</error>',
      ),
    );
    assert.ok(xml.includes('<skipped message="suppressed by iacsec-ignore: bastion"/>'));
  });

  it('is one passing test for a clean scan, since CI treats a report without tests as a failure', async () => {
    const outcome = await runCli(['scan', '--format', 'junit', 'clean']);
    assert.equal(outcome.code, 0);
    assert.equal(
      outcome.stdout,
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<testsuites name="iacsec" tests="1" failures="0" errors="0" skipped="0">\n' +
        '  <testsuite name="iacsec" tests="1" failures="0" errors="0" skipped="0">\n' +
        '    <testcase name="no problems" classname="iacsec">\n' +
        '      <system-out>1 IaC file linted</system-out>\n' +
        '    </testcase>\n' +
        '  </testsuite>\n' +
        '</testsuites>\n',
    );
  });

  it('escapes XML: markup, quotes, line breaks in attributes, and characters XML cannot hold', () => {
    assert.equal(text('a < b && c > d ]]>'), 'a &lt; b &amp;&amp; c &gt; d ]]&gt;');
    assert.equal(attribute('say "hi"\n\tnow\r'), 'say &quot;hi&quot;&#10;&#9;now&#13;');
    assert.equal(text('bell\u0007 nul\u0000 ok\u0009\u000a'), 'bell\ufffd nul\ufffd ok\t\n');
    assert.equal(text('lone \ud800 pair \ud83d\ude00 \ufffe'), 'lone \ufffd pair \ud83d\ude00 \ufffd');
    assert.equal(text("it's"), "it's");
  });

  it('names classes by path with directories as packages', () => {
    assert.equal(className('examples/cloudformation/network.yaml'), 'examples.cloudformation.network_yaml');
    assert.equal(className('./app/cdk.out/Stack.template.json'), 'app.cdk_out.Stack_template_json');
  });
});
