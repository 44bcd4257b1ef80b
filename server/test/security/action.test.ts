import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

/** The repository root: the compiled tests run from `server/out/test/security/`. */
const ACTION = path.resolve(__dirname, '../../../../action.yml');

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly shell?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, unknown>;
  readonly 'working-directory'?: string;
}

interface Action {
  readonly inputs: Record<string, { required?: boolean; default?: string }>;
  readonly runs: { using: string; steps: Step[] };
}

function step(action: Action, name: string): Step {
  const found = action.runs.steps.find((candidate) => candidate.name === name);
  assert.ok(found !== undefined, `action.yml has no step named ${name}`);
  return found;
}

describe('the GitHub Action (action.yml)', () => {
  const action = parse(fs.readFileSync(ACTION, 'utf8')) as Action;

  it('is a composite action with the documented inputs and defaults', () => {
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(
      Object.entries(action.inputs).map(([name, input]) => [name, input.required, input.default]),
      [
        ['path', false, '.'],
        ['severity', false, 'warning'],
        ['config', false, ''],
        ['sarif-file', false, 'iacsec.sarif'],
        ['upload', false, 'true'],
      ],
    );
  });

  it('sets up Node 20, then installs and builds in the directory of the action', () => {
    assert.deepEqual(
      action.runs.steps.map((candidate) => candidate.name),
      [
        'Set up Node 20',
        'Install and build iacsec',
        'Scan',
        'Upload SARIF to code scanning',
        "Fail on the scan's exit code",
      ],
    );
    const node = step(action, 'Set up Node 20');
    assert.deepEqual([node.uses, node.with], ['actions/setup-node@v4', { 'node-version': 20 }]);
    const build = step(action, 'Install and build iacsec');
    assert.equal(build['working-directory'], '${{ github.action_path }}');
    assert.equal(build.run, 'npm ci');
  });

  it('scans to SARIF with the inputs, keeping the exit code as an output instead of failing', () => {
    const scan = step(action, 'Scan');
    assert.equal(scan.id, 'scan');
    assert.equal(scan.shell, 'bash');
    assert.deepEqual(scan.env, {
      IACSEC_PATH: '${{ inputs.path }}',
      IACSEC_SEVERITY: '${{ inputs.severity }}',
      IACSEC_CONFIG: '${{ inputs.config }}',
      IACSEC_SARIF_FILE: '${{ inputs.sarif-file }}',
    });
    const lines = (scan.run ?? '').split('\n');
    assert.ok(
      lines.includes(
        'args=(scan "$IACSEC_PATH" --format sarif --output "$IACSEC_SARIF_FILE" --severity "$IACSEC_SEVERITY")',
      ),
      scan.run,
    );
    assert.ok(lines.includes('if [ -n "$IACSEC_CONFIG" ]; then args+=(--config "$IACSEC_CONFIG"); fi'), scan.run);
    assert.ok(
      lines.includes('node "${{ github.action_path }}/server/bin/iacsec.js" "${args[@]}" || code=$?'),
      scan.run,
    );
    assert.ok(lines.includes('echo "exit-code=$code" >> "$GITHUB_OUTPUT"'), scan.run);
  });

  it('uploads the SARIF report under always(), when upload is true', () => {
    const upload = step(action, 'Upload SARIF to code scanning');
    assert.equal(upload.uses, 'github/codeql-action/upload-sarif@v3');
    assert.equal(upload.if, "${{ always() && inputs.upload == 'true' }}");
    assert.deepEqual(upload.with, { sarif_file: '${{ inputs.sarif-file }}', category: 'iacsec' });
  });

  it("ends by exiting with the scan's exit code, so 2 fails the job", () => {
    const last = action.runs.steps.at(-1);
    assert.ok(last !== undefined);
    assert.equal(last.if, "${{ always() && steps.scan.outputs.exit-code != '' }}");
    assert.deepEqual(last.env, { IACSEC_EXIT_CODE: '${{ steps.scan.outputs.exit-code }}' });
    assert.equal((last.run ?? '').trimEnd().split('\n').at(-1), 'exit "$IACSEC_EXIT_CODE"');
  });
});
