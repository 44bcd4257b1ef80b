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
  // `iacsec scan`'s worker threads for many files, started from beside cli.js.
  ['server/src/cli/scan-worker.ts', 'server/dist/scan-worker.js', []],
  ['client/src/extension.ts', 'client/dist/extension.js', ['vscode']],
  // `iacsec diff`'s library with AWS's resource specification, loaded by the other bundles only when a diff runs.
  ['server/src/diff/template-changes.ts', 'server/dist/diff.js', []],
];

/**
 * `server/src/diff/load.ts` imports the diff library's module lazily; in a bundle that import becomes an
 * import of `diff.js` beside the bundle, so the library (and its ~2.6 MB specification) lives in that bundle alone.
 */
const lazyDiff = {
  name: 'lazy-diff',
  setup(build) {
    const loader = join(root, 'server/src/diff/load.ts');
    build.onResolve({ filter: /^\.\/template-changes(\.js)?$/ }, (args) =>
      args.importer === loader ? { path: './diff.js', external: true } : undefined,
    );
  },
};

/**
 * The specification ships as `db.json.gz` beside the package's `lib/`, found through `__dirname`, which a
 * bundle changes. The bundle embeds the file instead and loads it the same way, so diff.js needs nothing
 * beside it.
 */
const embeddedSpec = {
  name: 'embedded-aws-service-spec',
  setup(build) {
    build.onLoad({ filter: /[\\/]@aws-cdk[\\/]aws-service-spec[\\/]lib[\\/]index\.js$/ }, (args) => ({
      resolveDir: dirname(args.path),
      loader: 'js',
      contents: `
        const { gunzipSync } = require('node:zlib');
        const { emptyDatabase } = require('@aws-cdk/service-spec-types');
        const compressed = require('../db.json.gz');
        function loadAwsServiceSpecSync() {
          const db = emptyDatabase();
          db.load(JSON.parse(gunzipSync(compressed).toString('utf-8')));
          return db;
        }
        exports.loadAwsServiceSpecSync = loadAwsServiceSpecSync;
        exports.loadAwsServiceSpec = async () => loadAwsServiceSpecSync();
      `,
    }));
  },
};

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
      plugins: [lazyDiff, embeddedSpec],
      loader: { '.gz': 'binary' },
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
