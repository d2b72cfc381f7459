// Whole-state impact (`--head`, `--base-ref`): a CI job compares two checkouts, so a deleted policy
// file is a deletion. The same fixture through two directories, a real temporary git repository
// and the overlay form (which, by definition, cannot see the deletion).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT, runCli, tempTree } from './cli-harness.ts';
import { AFTER_FILES, BEFORE_FILES, DELETED_FILE, asText } from './impact-head-fixture.ts';

type Flow = { from: string; to: string; protocol: string; ports: [number, number][]; before: { ingress: { allowedBy: unknown[] } } };

describe('netreach impact --base DIR --head DIR', () => {
  const before_ = tempTree(asText(BEFORE_FILES));
  const after_ = tempTree(asText(AFTER_FILES));
  after(() => (before_.remove(), after_.remove()));

  it('a deleted allow-policy file loses its flows: listed, exit 1', async () => {
    const r = await runCli(['impact', '--base', before_.dir, '--head', after_.dir, '-o', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const answer = JSON.parse(r.stdout);
    assert.deepEqual(answer.summary.changedPolicies, ['shop/allow-web-to-api']);
    assert.deepEqual(
      answer.lost.map((f: Flow) => [f.from, f.to, f.protocol, f.ports]),
      [['shop/web', 'shop/api', 'TCP', [[8080, 8080]]]],
    );
    assert.equal(answer.gained.length, 0);
  });
  it('the text answer names the lost flow', async () => {
    const r = await runCli(['impact', '--base', before_.dir, '--head', after_.dir]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^1 flow\(s\) lost/);
    assert.match(r.stdout, /shop\/web/);
  });
  it('the same directories as an overlay (--proposed) cannot see the deletion: exit 0', async () => {
    const r = await runCli(['impact', '--base', before_.dir, '--proposed', after_.dir]);
    assert.equal(r.code, 0, r.stderr);
  });
  it('identical states lose nothing: exit 0', async () => {
    const r = await runCli(['impact', '--base', before_.dir, '--head', before_.dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^0 flow\(s\) lost, 0 gained/);
  });
  it('--head with --proposed is bad input', async () => {
    const r = await runCli(['impact', '--base', before_.dir, '--head', after_.dir, '--proposed', after_.dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not both/);
  });
  it('a head that holds no manifest is bad input', async () => {
    const empty = tempTree({ 'README.md': 'nothing\n' });
    const r = await runCli(['impact', '--base', before_.dir, '--head', empty.dir]);
    empty.remove();
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--head: no manifest found/);
  });
});

describe('netreach impact --base-ref REF --head DIR (a real git repository)', () => {
  const repo = tempTree(Object.fromEntries(Object.entries(asText(BEFORE_FILES)).map(([f, t]) => [`k8s/${f}`, t])));
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: repo.dir } });
  before(() => {
    git('init', '-q', '-b', 'main');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'base');
    git('rm', '-q', `k8s/${DELETED_FILE}`);
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'delete the allow policy');
  });
  after(() => repo.remove());

  it('the base read at HEAD~1 sees the deleted file: lost flows, exit 1', async () => {
    const r = await runCli(['impact', '--base-ref', 'HEAD~1', '--head', repo.path('k8s'), '-o', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const answer = JSON.parse(r.stdout);
    assert.deepEqual(
      answer.lost.map((f: Flow) => [f.from, f.to]),
      [['shop/web', 'shop/api']],
    );
    assert.deepEqual(answer.summary.changedPolicies, ['shop/allow-web-to-api']);
  });
  it('agrees with comparing two directories', async () => {
    const dirs = tempTree(asText(BEFORE_FILES));
    const viaGit = await runCli(['impact', '--base-ref', 'HEAD~1', '--head', repo.path('k8s'), '-o', 'json']);
    const viaDirs = await runCli(['impact', '--base', dirs.dir, '--head', repo.path('k8s'), '-o', 'json']);
    dirs.remove();
    assert.deepEqual(JSON.parse(viaGit.stdout).lost, JSON.parse(viaDirs.stdout).lost);
  });
  it('--base-ref HEAD (no change) loses nothing', async () => {
    const r = await runCli(['impact', '--base-ref', 'HEAD', '--head', repo.path('k8s')]);
    assert.equal(r.code, 0, r.stderr);
  });
  it('an unknown revision is bad input naming it', async () => {
    const r = await runCli(['impact', '--base-ref', 'no-such-branch', '--head', repo.path('k8s')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--base-ref no-such-branch: not a commit/);
  });
  it('a path outside any git repository is bad input', async () => {
    const plain = tempTree(asText(AFTER_FILES));
    const r = await runCli(['impact', '--base-ref', 'HEAD', '--head', plain.dir]);
    plain.remove();
    assert.equal(r.code, 2);
    assert.doesNotMatch(r.stderr, /internal error/);
  });
});

describe('examples/ci/impact.sh on a pull-request branch', () => {
  const repo = tempTree(Object.fromEntries(Object.entries(asText(BEFORE_FILES)).map(([f, t]) => [`k8s/${f}`, t])));
  const id = ['-c', 'user.name=t', '-c', 'user.email=t@example.com'];
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: repo.dir } });
  before(() => {
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git(...id, 'commit', '-q', '-m', 'base');
    git('checkout', '-q', '-b', 'pr');
    git('rm', '-q', `k8s/${DELETED_FILE}`);
    git(...id, 'commit', '-q', '-m', 'delete the allow policy');
  });
  after(() => repo.remove());

  it("runs this checkout's bin/netreach: the deleted file is a lost flow, exit 1, Markdown comment", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: repo.dir, GIT_CONFIG_NOSYSTEM: '1' };
    delete env.NETREACH;
    const r = spawnSync('bash', [join(REPO_ROOT, 'examples/ci/impact.sh'), 'main', 'k8s'], {
      cwd: repo.dir,
      encoding: 'utf8',
      env,
      timeout: 60_000,
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /shop\/web/);
    assert.match(r.stdout, /allow-web-to-api/);
  });
});
