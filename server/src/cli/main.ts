/**
 * The `iacsec` executable. It sets `process.exitCode` rather than calling `process.exit`, which would cut
 * off output still being written to a pipe.
 */
import { toolVersion } from '../report/tool';

async function main(argv: readonly string[]): Promise<void> {
  // A reader that stops early (`iacsec scan | head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  // `--version` answers before the engine and the rules are loaded: evaluating them is most of the start-up.
  if (argv.length === 1 && argv[0] === '--version') {
    process.stdout.write(`${toolVersion()}\n`);
    return;
  }
  const { run } = await import('./run.js');
  process.exitCode = await run(argv, {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `iacsec: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 2;
});
