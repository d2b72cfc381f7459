// `serve --manifests` follows its files (issue 25): real files in a temporary directory, runServe
// with a real SQLite file and real HTTP, and the process itself for SIGHUP (which used to kill it).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runServe, type RunningService } from '../../src/process/serve.ts';
import { CLI_ENTRY } from '../support/cli-entry.ts';

const dirs: string[] = [];
after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n';
const policy = (name: string) =>
  `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ` +
  `shop}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n`;
const BROKEN =
  `${NAMESPACE}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: broken, ` + `namespace: shop\nspec: [\n`;

async function setup(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'netreach-reload-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

async function until(what: string, fn: () => Promise<boolean> | boolean, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const readyz = async (s: RunningService) =>
  (await fetch(`${s.url}/readyz`)).json() as Promise<{ stale: boolean; staleReason?: string; snapshotId: number }>;
const snapshots = async (s: RunningService) =>
  ((await (await fetch(`${s.url}/v1/snapshots`)).json()) as { snapshots: { id: number; counts: { policies: number } }[] }).snapshots;

describe('serve --manifests follows its files', () => {
  it('an edited file is reloaded (debounced) into a new snapshot; it used to be read once', async () => {
    const dir = await setup({ 'shop.yaml': NAMESPACE + policy('a') });
    const lines: string[] = [];
    const s = await runServe({
      manifests: [dir],
      db: join(dir, 'n.db'),
      listen: { host: '127.0.0.1', port: 0 },
      debounceMs: 30,
      keepSnapshots: 50,
      env: {},
      home: dir,
      log: (l) => lines.push(l),
    });
    try {
      assert.equal((await snapshots(s))[0].counts.policies, 1);
      await writeFile(join(dir, 'shop.yaml'), NAMESPACE + policy('a') + policy('b'));
      await until('a snapshot with two policies', async () => (await snapshots(s))[0].counts.policies === 2);
      await writeFile(join(dir, 'more.yaml'), policy('c'));
      await until('a new file in the directory is read', async () => (await snapshots(s))[0].counts.policies === 3);
      assert.equal((await readyz(s)).stale, false);
      // The database lives in the watched directory: its writes must not trigger reloads of their own.
      const reloads = () => lines.filter((l) => l.includes('manifests: reloaded')).length;
      const count = reloads();
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(reloads(), count, lines.join('\n'));
    } finally {
      await s.close();
    }
  });

  it('a bad edit keeps the last good state and says why in /readyz and the log; fixing it serves the fix', async () => {
    const dir = await setup({ 'shop.yaml': NAMESPACE + policy('a') });
    const lines: string[] = [];
    const s = await runServe({
      manifests: [join(dir, 'shop.yaml')],
      db: join(dir, 'n.db'),
      listen: { host: '127.0.0.1', port: 0 },
      debounceMs: 30,
      keepSnapshots: 50,
      env: {},
      home: dir,
      log: (l) => lines.push(l),
    });
    try {
      const good = (await readyz(s)).snapshotId;
      await writeFile(join(dir, 'shop.yaml'), BROKEN);
      await until('stale in /readyz', async () => (await readyz(s)).stale);
      const ready = await readyz(s);
      assert.equal(ready.snapshotId, good, 'the last good snapshot is still served');
      assert.match(ready.staleReason ?? '', /manifests reload failed, serving the last good state/);
      assert.ok(
        lines.some((l) => /manifests: reload failed, keeping the last good state: .*shop\.yaml/.test(l)),
        lines.join('\n'),
      );
      assert.equal((await snapshots(s)).length, 1, 'nothing half-applied was stored');
      await writeFile(join(dir, 'shop.yaml'), NAMESPACE + policy('a') + policy('fixed'));
      await until('fresh again', async () => !(await readyz(s)).stale);
      assert.equal((await snapshots(s))[0].counts.policies, 2);
    } finally {
      await s.close();
    }
  });

  it('SIGHUP reloads the manifests into a new snapshot instead of killing the server', async () => {
    const dir = await setup({ 'shop.yaml': NAMESPACE + policy('a') });
    // A long debounce: the reload seen below is SIGHUP's, not the file watcher's.
    const child = spawn(
      process.execPath,
      [
        ...CLI_ENTRY,
        'serve',
        '--manifests',
        dir,
        '--db',
        join(dir, 'n.db'),
        '--listen',
        '127.0.0.1:0',
        '--grpc-listen',
        '127.0.0.1:0',
        '--debounce-ms',
        '600000',
        '--log-level',
        'warn',
      ],
      {
        env: { ...process.env, HOME: dir, KUBECONFIG: '' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await until('listening', () => /listening on http:\/\/127\.0\.0\.1:\d+/.test(stderr));
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)![1];
      await writeFile(join(dir, 'shop.yaml'), NAMESPACE + policy('a') + policy('b'));
      child.kill('SIGHUP');
      await until('reloaded', () => stderr.includes('manifests: reloaded'));
      const list = ((await (await fetch(`${url}/v1/snapshots`)).json()) as { snapshots: { counts: { policies: number } }[] }).snapshots;
      assert.equal(list.length, 2);
      assert.equal(list[0].counts.policies, 2);
      child.kill('SIGTERM');
      assert.equal(await exit, 0, stderr);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
