// The README's CI section runs as written, in order: the block after "## What would this change
// break? (CI)" is executed with bash at the repository root, and each command's printed exit status
// is the one its comment promises.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../cli/cli-harness.ts';

function ciBlock(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## What would this change break? (CI)'));
  const m = /```sh\n([\s\S]*?)```/.exec(section);
  assert.ok(m, 'the CI section has a sh block');
  return m[1];
}

test('README CI block: each command exits as its comment says', (t) => {
  const block = ciBlock();
  const promised = [...block.matchAll(/#.*?exit (\d)/g)].map((m) => m[1]);
  assert.deepEqual(promised, ['1', '0', '0']);
  const inGit = spawnSync('git', ['ls-files', '--error-unmatch', 'examples/ci/before'], { cwd: REPO_ROOT }).status === 0;
  const clean = inGit && spawnSync('git', ['diff', '--quiet', 'HEAD', '--', 'examples/ci/before'], { cwd: REPO_ROOT }).status === 0;
  const script = clean
    ? block
    : block
        .split('\n')
        .filter((l) => !l.includes('--base-ref'))
        .join('\n');
  if (!clean) t.diagnostic('not a clean git checkout of examples/ci/before: the --base-ref line is not run');
  const r = spawnSync('bash', ['-c', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  const printed = [...r.stdout.matchAll(/^exit (\d)$/gm)].map((m) => m[1]);
  assert.deepEqual(printed, clean ? promised : promised.slice(0, 2), r.stdout);
  assert.match(r.stdout, /1 flow\(s\) lost/);
});
