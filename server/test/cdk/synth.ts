import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository — the compiled tests run from `server/out/test/cdk/`. */
export const REPOSITORY = path.resolve(__dirname, '../../../..');
/** The CDK app the assembly is synthesized from (bin/app.ts, lib/*.ts). */
export const APP_ROOT = path.join(REPOSITORY, 'test', 'fixtures', 'cdk-app');
/** The test-only package with the real aws-cdk-lib and constructs (`npm ci --prefix test/cdk`). */
const CDK_MODULES = path.join(REPOSITORY, 'test', 'cdk', 'node_modules');
const TSC = path.join(REPOSITORY, 'node_modules', 'typescript', 'bin', 'tsc');

export interface SynthesizedApp {
  /** The cloud assembly (`cdk.out`). */
  readonly outdir: string;
  /** Where tsc put the app's JavaScript and source maps: the creation stacks name these files. */
  readonly compiled: string;
}

/**
 * Compiles the app with the repository's TypeScript and runs it with node, as `cdk synth` would: the real
 * aws-cdk-lib writes a real cloud assembly, offline and without credentials. Once per test run: the result is
 * kept in a directory named after this process and removed when it exits.
 */
export async function synthesizeApp(): Promise<SynthesizedApp> {
  if (!fs.existsSync(path.join(CDK_MODULES, 'aws-cdk-lib', 'package.json'))) {
    throw new Error(`aws-cdk-lib is not installed in ${CDK_MODULES}: run \`npm ci --prefix test/cdk\``);
  }
  const work = path.join(os.tmpdir(), `iacsec-cdk-app-${process.pid}`);
  const app: SynthesizedApp = { outdir: path.join(work, 'cdk.out'), compiled: path.join(work, 'out') };
  const done = path.join(work, 'synthesized');
  if (fs.existsSync(done)) return app;
  await fs.promises.rm(work, { recursive: true, force: true });
  await fs.promises.mkdir(work, { recursive: true });
  process.once('exit', () => fs.rmSync(work, { recursive: true, force: true }));
  // Emit only: checking would parse aws-cdk-lib's declarations (seconds of CPU); eslint type-checks the app, and
  // `isolatedModules` in its tsconfig makes each file's output independent of the others'.
  await step('tsc', [TSC, '-p', APP_ROOT, '--outDir', app.compiled, '--noCheck', '--noResolve'], process.env);
  await step('synth', [path.join(app.compiled, 'bin', 'app.js')], synthEnvironment(app.outdir));
  await fs.promises.writeFile(done, '');
  return app;
}

/**
 * No AWS or CDK settings of the machine leak in; the app finds aws-cdk-lib through NODE_PATH. The synth's own
 * CloudFormation validation is off (`CDK_VALIDATION=false`): it costs seconds, and a report it wrote is kept as
 * data in server/test/fixtures/cdk.
 */
function synthEnvironment(outdir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(AWS|CDK)_/.test(key) && key !== 'NODE_PATH' && key !== 'NODE_OPTIONS') env[key] = value;
  }
  return { ...env, CDK_OUTDIR: outdir, NODE_PATH: CDK_MODULES, CDK_VALIDATION: 'false' };
}

async function step(name: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run(process.execPath, args, { env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${name} of ${APP_ROOT} failed: ${String(error)}\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}
