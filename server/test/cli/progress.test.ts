import * as assert from 'node:assert/strict';
import { ProgressLine, progressFor } from '../../src/cli/progress';
import { run } from '../../src/cli/run';
import { TEST_RULES } from '../report/test-rules';
import { makeTree, removeTree, runCli, template } from './helpers';

/** A clock the test moves by hand, and a stream that records what was written. */
function fakes(): { clock: { time: number; now: () => number }; written: string[]; write: (text: string) => void } {
  const clock = { time: 1000, now: (): number => clock.time };
  const written: string[] = [];
  return { clock, written, write: (text) => written.push(text) };
}

describe('progress line', () => {
  it('stays silent for the first second, then redraws in place at most every 100 ms', () => {
    const { clock, written, write } = fakes();
    const line = new ProgressLine(write, clock.now);
    line.update(0, 480);
    clock.time += 999;
    line.update(50, 480);
    assert.deepEqual(written, []);
    clock.time += 1;
    line.update(120, 480);
    clock.time += 50;
    line.update(130, 480);
    clock.time += 50;
    line.update(140, 480);
    assert.deepEqual(written, ['\rscanning… 120/480 files', '\rscanning… 140/480 files']);
  });

  it('pads a shorter line over a longer one, and clears what it drew', () => {
    const { clock, written, write } = fakes();
    const line = new ProgressLine(write, clock.now, { delayMs: 0, intervalMs: 0 });
    line.update(100, 1000);
    line.update(9, 10);
    line.clear();
    line.clear();
    assert.deepEqual(written, [
      '\rscanning… 100/1000 files',
      '\rscanning… 9/10 files    ',
      `\r${' '.repeat('scanning… 9/10 files'.length)}\r`,
    ]);
  });

  it('clears nothing when nothing was drawn', () => {
    const { clock, written, write } = fakes();
    const line = new ProgressLine(write, clock.now);
    line.update(1, 2);
    line.clear();
    assert.deepEqual(written, []);
  });

  it('exists only for a terminal', () => {
    const { clock, write } = fakes();
    assert.equal(progressFor({ isTTY: false, write }, clock.now), undefined);
    assert.ok(progressFor({ isTTY: true, write }, clock.now) instanceof ProgressLine);
  });

  describe('in a scan', () => {
    let root = '';
    before(async () => {
      root = await makeTree({ 'a.yaml': template('Test::Warning'), 'b.yaml': template('Test::None'), 'c.json': '{}' });
    });
    after(() => removeTree(root));

    /** Runs a scan whose clock moves 600 ms at each reading: the second file is read 1.2 s into the scan. */
    async function slowScan(stderrIsTTY: boolean): Promise<{ code: number; stdout: string; stderr: string }> {
      let time = 0;
      let stdout = '';
      let stderr = '';
      const code = await run(
        ['scan'],
        {
          cwd: root,
          env: {},
          stdoutIsTTY: false,
          stderrIsTTY,
          now: () => (time += 600),
          stdout: (text) => (stdout += text),
          stderr: (text) => (stderr += text),
        },
        TEST_RULES,
      );
      return { code, stdout, stderr };
    }

    it('shows and then erases the line on a terminal stderr, leaving the report on stdout as it was', async () => {
      const plain = await runCli(['scan'], { cwd: root });
      const slow = await slowScan(true);
      assert.deepEqual([slow.code, slow.stdout], [plain.code, plain.stdout]);
      assert.equal(
        slow.stderr,
        '\rscanning… 1/3 files\rscanning… 2/3 files' + `\r${' '.repeat('scanning… 2/3 files'.length)}\r`,
      );
    });

    it('never writes to a stderr that is not a terminal, however slow the scan', async () => {
      assert.equal((await slowScan(false)).stderr, '');
    });
  });
});
