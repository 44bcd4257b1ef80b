// Installs the test-only packages (their own package.json and lockfile under test/) when they are missing, so
// that `npm test` works on a fresh clone while the product's `npm ci` stays small.
const { execSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

for (const name of ['sarif', 'grammar', 'cdk']) {
  const dir = path.join(__dirname, '..', 'test', name);
  if (existsSync(path.join(dir, 'node_modules'))) continue;
  execSync(`npm ci --prefix ${JSON.stringify(dir)} --no-audit --no-fund`, { stdio: 'inherit' });
}
