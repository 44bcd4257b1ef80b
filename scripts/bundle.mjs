// Bundles the entry points into self-contained CommonJS files, so neither the CLI nor the VSIX needs
// node_modules at run time. Type checking is `tsc -b`'s job; esbuild only strips types and links.
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** [entry, outfile, external modules] */
const bundles = [
  ['server/src/cli/main.ts', 'server/dist/cli.js', []],
  ['server/src/index.ts', 'server/dist/lib.js', []],
  ['server/src/lsp/server.ts', 'server/dist/server.js', []],
  // The language server's lint thread, started from beside whichever bundle serves (server.js, cli.js).
  ['server/src/lsp/lint-worker.ts', 'server/dist/lint-worker.js', []],
  ['client/src/extension.ts', 'client/dist/extension.js', ['vscode']],
];

// A missing entry is skipped with a warning, so the tree builds while one is still being written; CI passes
// --strict (or IACSEC_BUNDLE_STRICT=1), where a missing entry fails the build.
const allowMissing = !(process.argv.includes('--strict') || process.env.IACSEC_BUNDLE_STRICT === '1');

const started = Date.now();
const missing = [];
const builds = [];
for (const [entry, outfile, external] of bundles) {
  if (!existsSync(join(root, entry))) {
    missing.push(entry);
    continue;
  }
  builds.push(
    esbuild.build({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      // Unminified: stack traces from users stay readable without the source map.
      minify: false,
      sourcemap: 'linked',
      sourcesContent: false,
      external,
      logLevel: 'warning',
      // Keeps `class X { static name }` and error names intact in stack traces and messages.
      keepNames: true,
    }),
  );
}

const results = await Promise.allSettled(builds);
const failed = results.filter((result) => result.status === 'rejected');
for (const entry of missing) {
  console[allowMissing ? 'warn' : 'error'](`bundle: ${entry} does not exist${allowMissing ? ', skipped' : ''}`);
}
if (failed.length > 0 || (missing.length > 0 && !allowMissing)) {
  // esbuild has already printed its own diagnostics for the failed builds.
  process.exitCode = 1;
} else {
  const built = bundles
    .filter(([entry]) => !missing.includes(entry))
    .map(([, outfile]) => relative(root, join(root, outfile)));
  console.log(`bundle: ${built.join(', ')} in ${Date.now() - started} ms`);
}
