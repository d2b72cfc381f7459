// `netreach serve` end to end: real SQLite file, real HTTP on 127.0.0.1, the real cluster source
// against the fake API server; and the process itself for signals.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runServe, type RunningService, type ServeOptions } from '../../src/process/serve.ts';
import { CLI_ENTRY } from '../support/cli-entry.ts';
import { FakeApiServer, writeKubeconfig } from '../support/fake-apiserver.ts';
import { pod, seedSmallCluster } from '../ingest/cluster/harness.ts';

const dirs: string[] = [];
after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'netreach-serve-'));
  dirs.push(d);
  return d;
}

function options(dir: string, extra: Partial<ServeOptions> = {}): ServeOptions {
  return {
    db: join(dir, 'data', 'netreach.db'),
    listen: { host: '127.0.0.1', port: 0 },
    debounceMs: 20,
    keepSnapshots: 50,
    env: {},
    home: dir,
    log: () => {},
    ...extra,
  };
}

async function json(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('netreach serve', () => {
  it('with no kubeconfig serves the bundled demo cluster and says so', async () => {
    const dir = await tempDir();
    const lines: string[] = [];
    const s = await runServe(options(dir, { log: (l) => lines.push(l) }));
    try {
      assert.match(s.sourceLabel, /^demo/);
      assert.ok(
        lines.some((l) => l.includes('serving the bundled demo cluster')),
        lines.join('\n'),
      );
      const ready = await json(`${s.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.equal(ready.body.ready, true);
      const list = await json(`${s.url}/v1/snapshots`);
      assert.equal(list.body.snapshots.length, 1);
      assert.equal(list.body.snapshots[0].source, 'demo');
      const res = await fetch(`${s.url}/v1/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: { pod: 'default/frontend-1' }, to: { pod: 'default/db-0' }, port: 6379 }),
      });
      assert.equal((await res.json()).allowed, true);
    } finally {
      await s.close();
    }
  });

  it('watches a cluster into the store, then resumes from the stored snapshot, stale, when the API server is gone', async () => {
    const dir = await tempDir();
    const fake = await FakeApiServer.start();
    seedSmallCluster(fake);
    const kubeconfig = await writeKubeconfig(join(dir, 'kubeconfig'), fake.url);
    let s: RunningService | undefined = await runServe(options(dir, { kubeconfig }));
    try {
      assert.match(s.sourceLabel, /^cluster \(flag /);
      const first = await waitFor('first sync', async () => ((await json(`${s!.url}/readyz`)).status === 200 ? true : undefined));
      assert.equal(first, true);
      fake.add('pods', pod('prod', 'web-2', '10.1.0.2', { app: 'web' }));
      const snaps = await waitFor('a snapshot with web-2', async () => {
        const list = await json(`${s!.url}/v1/snapshots`);
        return list.body.snapshots[0]?.counts.pods === 2 ? list.body.snapshots : undefined;
      });
      assert.equal(snaps.length, 2, 'one snapshot per change, newest first');
      await s.close();
      await fake.close();
      s = await runServe(options(dir, { kubeconfig }));
      const ready = await json(`${s.url}/readyz`);
      assert.equal(ready.status, 200, 'serves the last stored snapshot at once');
      assert.equal(ready.body.stale, true);
      assert.equal(ready.body.snapshotId, snaps[0].id);
      assert.match(ready.body.staleReason, /first full sync|unreachable/);
    } finally {
      await s?.close();
      await fake.close().catch(() => {});
    }
  });

  it('refuses a corrupt database with a clear message and leaves it untouched', async () => {
    const dir = await tempDir();
    const { writeFile, readFile, mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'data'));
    const db = join(dir, 'data', 'netreach.db');
    await writeFile(db, 'this is not a database, it is a text file\n'.repeat(200));
    const before = await readFile(db);
    await assert.rejects(runServe(options(dir)), (err: Error & { code?: string }) => err.code === 'corrupt-database');
    assert.deepEqual(await readFile(db), before);
  });

  it('the process exits 0 on SIGTERM after closing the database', async () => {
    const dir = await tempDir();
    const child = spawn(
      process.execPath,
      [...CLI_ENTRY, 'serve', '--listen', '127.0.0.1:0', '--grpc-listen', '127.0.0.1:0', '--db', join(dir, 'n.db')],
      {
        env: { ...process.env, HOME: dir, KUBECONFIG: '' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await waitFor('listening', async () => (stderr.includes('listening on') ? true : undefined), 30000);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    assert.equal(code, 0, stderr);
    assert.match(stderr, /SIGTERM: finishing, draining, closing the database/);
  });
});
