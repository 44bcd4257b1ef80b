import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The benchmark-only package that ships cfn-guard and the AWS Control Tower rules, with its own package.json and
 * lockfile: installed here on demand, never by the product's `npm ci`.
 */
const PEERS = path.resolve(__dirname, '../../bench/peers');
const PACKAGE = path.join(PEERS, 'node_modules', '@cdklabs', 'cdk-validator-cfnguard');

export interface CfnGuard {
  readonly binary: string;
  readonly rulesDirectory: string;
  /** Rule files (`*.guard`) under the directory. */
  readonly rules: number;
  /** cfn-guard's own version line. */
  readonly version: string;
  /** The npm package's version. */
  readonly package: string;
}

/**
 * cfn-guard from the package, installing the package first (`npm ci --prefix server/bench/peers`) when it is
 * missing. Peer dependencies (aws-cdk-lib, for the package's CDK plugin) are left out: only the binary and the
 * rules are used.
 */
export function cfnGuard(): CfnGuard | { readonly missing: string } {
  if (!fs.existsSync(path.join(PACKAGE, 'package.json'))) {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const install = spawnSync(npm, ['ci', '--prefix', PEERS, '--omit=peer', '--no-audit', '--no-fund'], {
      encoding: 'utf8',
      timeout: 300_000,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (install.error !== undefined || install.status !== 0) {
      const why = install.error?.message ?? install.stderr.trim().split('\n').slice(-2).join(' ');
      return { missing: `npm ci --prefix server/bench/peers failed: ${why}` };
    }
  }
  const platform = process.platform === 'linux' ? 'ubuntu' : process.platform === 'darwin' ? 'macos' : undefined;
  const architecture = process.arch === 'x64' ? 'x86_64' : process.arch === 'arm64' ? 'aarch64' : undefined;
  if (platform === undefined || architecture === undefined) {
    return { missing: `the package ships no cfn-guard for ${process.platform} ${process.arch}` };
  }
  const binary = path.join(PACKAGE, 'bin', platform, architecture, 'cfn-guard');
  const rulesDirectory = path.join(PACKAGE, 'rules', 'control-tower', 'cfn-guard');
  if (!fs.existsSync(binary) || !fs.existsSync(rulesDirectory)) {
    return { missing: `no ${path.relative(PEERS, binary)} or rules directory in the package` };
  }
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (version.error !== undefined || version.status !== 0) {
    return { missing: `${binary} --version failed: ${version.error?.message ?? version.stderr.trim()}` };
  }
  const { version: packageVersion } = JSON.parse(fs.readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')) as {
    version: string;
  };
  return {
    binary,
    rulesDirectory,
    rules: countRules(rulesDirectory),
    version: version.stdout.trim(),
    package: packageVersion,
  };
}

function countRules(directory: string): number {
  return fs
    .readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.guard')).length;
}
