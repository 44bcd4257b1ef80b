import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { collectFiles } from '../../src/cli/walk';
import { FIXTURES, makeTree, removeTree, scanJson, template } from './helpers';

/** The walk's files relative to the root, `/`-separated. */
async function walked(root: string, paths: readonly string[] = ['.']): Promise<string[]> {
  const { files, problems } = await collectFiles(paths, root);
  assert.deepEqual(problems, []);
  return files.map((file) => path.relative(root, file).split(path.sep).join('/'));
}

describe('directory walk', () => {
  let root = '';
  afterEach(async () => {
    if (root !== '') await removeTree(root);
    root = '';
  });

  it('takes *.yaml *.yml *.json *.template in any case, sorted, and nothing else', async () => {
    root = await makeTree({
      'b.yaml': '',
      'a.YML': '',
      'c/d.Json': '',
      'e.template': '',
      'f.TEMPLATE': '',
      'g.tf': '',
      'h.txt': '',
      'i.yaml.bak': '',
      'template.tf.json': '',
    });
    assert.deepEqual(await walked(root), [
      'a.YML',
      'b.yaml',
      'c/d.Json',
      'e.template',
      'f.TEMPLATE',
      'template.tf.json',
    ]);
  });

  it('skips node_modules, .git and .terraform at any depth', async () => {
    root = await makeTree({
      'node_modules/x/a.yaml': '',
      '.git/config.json': '',
      'infra/.terraform/modules/modules.json': '',
      'infra/node_modules/b.yaml': '',
      'infra/kept.yaml': '',
    });
    assert.deepEqual(await walked(root), ['infra/kept.yaml']);
  });

  it('honours .gitignore files, nested ones relative to their own directory, deeper ones winning', async () => {
    root = await makeTree({
      '.gitignore': 'build/\n*.gen.yaml\n/top-only.yaml\n',
      'build/out.yaml': '',
      'top-only.yaml': '',
      'x.gen.yaml': '',
      'kept.yaml': '',
      'sub/top-only.yaml': '',
      'sub/.gitignore': '/local.yaml\n!keep.gen.yaml\n',
      'sub/local.yaml': '',
      'sub/deeper/local.yaml': '',
      'sub/keep.gen.yaml': '',
      'sub/drop.gen.yaml': '',
    });
    assert.deepEqual(await walked(root), [
      'kept.yaml',
      'sub/deeper/local.yaml',
      'sub/keep.gen.yaml',
      'sub/top-only.yaml',
    ]);
  });

  it('honours .gitignore files above the scan root up to the git root', async () => {
    root = await makeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'secret.yaml\n/stacks/generated/\n',
      'stacks/.gitignore': 'draft-*.yaml\n',
      'stacks/app/secret.yaml': '',
      'stacks/app/draft-1.yaml': '',
      'stacks/app/main.yaml': '',
      'stacks/generated/x.yaml': '',
    });
    const files = await collectFiles(['stacks/app'], root);
    assert.deepEqual(
      files.files.map((file) => path.relative(root, file).split(path.sep).join('/')),
      ['stacks/app/main.yaml'],
    );
    // A directory named on the command line is scanned even though the repository ignores it.
    assert.deepEqual(await walked(root, ['stacks/generated']), ['stacks/generated/x.yaml']);
  });

  it('stops at the git root, and outside a repository reads only the .gitignore files inside the scan root', async () => {
    root = await makeTree({
      'outer/.gitignore': '*.yaml\n',
      'outer/repo/.git': 'gitdir: ../../elsewhere/.git/worktrees/repo\n',
      'outer/repo/a.yaml': '',
      'plain/.gitignore': '*.yaml\n',
      'plain/sub/b.yaml': '',
    });
    assert.deepEqual(await walked(root, ['outer/repo']), ['outer/repo/a.yaml']);
    assert.deepEqual(await walked(root, ['plain/sub']), ['plain/sub/b.yaml']);
  });

  it('always reads paths named on the command line, ignored or not, whatever their extension, once each', async () => {
    root = await makeTree({
      '.gitignore': '*.yaml\n',
      'ignored.yaml': '',
      'stack.cfn': '',
      'node_modules/named.yaml': '',
    });
    assert.deepEqual(await walked(root), []);
    assert.deepEqual(await walked(root, ['ignored.yaml', 'stack.cfn', './ignored.yaml', 'node_modules/named.yaml']), [
      'ignored.yaml',
      'node_modules/named.yaml',
      'stack.cfn',
    ]);
  });

  it('does not follow directory links, so a link loop cannot hang it; file links are read', async function () {
    root = await makeTree({ 'stacks/a.yaml': '' });
    try {
      await fs.symlink(root, path.join(root, 'stacks', 'loop'), 'dir');
      await fs.symlink(root, path.join(root, 'stacks', 'loop.yaml'), 'dir');
      await fs.symlink(path.join(root, 'stacks', 'a.yaml'), path.join(root, 'linked.yaml'), 'file');
      await fs.symlink(path.join(root, 'nowhere.yaml'), path.join(root, 'broken.yaml'), 'file');
    } catch {
      this.skip(); // no symbolic links on this file system (Windows without the privilege)
    }
    assert.deepEqual(await walked(root), ['linked.yaml', 'stacks/a.yaml']);
    // A link named on the command line is followed.
    assert.deepEqual(await walked(root, ['stacks/loop/stacks']), ['stacks/loop/stacks/a.yaml']);
  });

  it('reports a missing path as a problem and still walks the others', async () => {
    root = await makeTree({ 'a.yaml': '' });
    const { files, problems } = await collectFiles(['missing', 'a.yaml'], root);
    assert.deepEqual(files, [path.join(root, 'a.yaml')]);
    assert.deepEqual(problems, [{ path: path.join(root, 'missing'), message: 'no such file or directory' }]);
  });

  it('yields nothing for YAML and JSON that is not IaC: a workflow, a Kubernetes manifest, package.json', async () => {
    const { code, report } = await scanJson(['not-iac']);
    assert.equal(code, 0);
    assert.deepEqual([report.findings, report.errors, report.summary.files], [[], [], 0]);
    assert.deepEqual(
      (await collectFiles(['not-iac'], FIXTURES)).files.map((file) =>
        path.relative(FIXTURES, file).split(path.sep).join('/'),
      ),
      ['not-iac/.github/workflows/ci.yml', 'not-iac/k8s/deployment.yaml', 'not-iac/package.json'],
    );
  });

  it('lints what the walk found and reports it relative to the working directory', async () => {
    root = await makeTree({
      '.gitignore': 'out/\n',
      'out/a.yaml': template('Test::Error'),
      'src/b.yaml': template('Test::Warning'),
    });
    const { report } = await scanJson([], { cwd: root });
    assert.deepEqual(
      report.findings.map((finding) => `${finding.file} ${finding.ruleId}`),
      ['src/b.yaml responsibility/test-warning'],
    );
  });
});
