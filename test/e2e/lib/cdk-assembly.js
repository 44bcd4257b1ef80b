'use strict';
// The cdk.out of the CDK suite's workspace: test/fixtures/cdk-app synthesized by the real aws-cdk-lib (installed by
// `npm ci --prefix test/cdk`) through the server tests' helper. The assembly's creation stacks name the compiled
// app's .js files by absolute path, and their .js.map lead back to test/fixtures/cdk-app/lib/*.ts; the helper keeps
// those files in a temp folder until the process that called it exits. So it runs here, in the runner, which
// outlives every VS Code it starts, and each workspace gets a copy of the assembly alone.
const fs = require('node:fs');
const path = require('node:path');

// Compiled by `npm run build` (tsc -b), which the runner does before any session.
const SYNTH = path.resolve(__dirname, '../../../server/out/test/cdk/synth.js');

/** Adds `cdk.out` to the workspace at `workspace`; the first call synthesizes, later ones reuse the result. */
async function addCdkAssembly(workspace) {
  const { synthesizeApp } = require(SYNTH);
  const { outdir } = await synthesizeApp();
  fs.cpSync(outdir, path.join(workspace, 'cdk.out'), { recursive: true });
}

module.exports = { addCdkAssembly };
