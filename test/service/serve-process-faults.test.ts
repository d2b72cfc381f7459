// `netreach serve` as real processes on one real SQLite file: a second server on the same --db, a
// kill -9 in the middle of an upload, a corrupt database file. Issues 26.6 and 17.3.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';

const BIN = new URL('../../bin/netreach', import.meta.url).pathname;
const DEMO = new URL('../../examples/demo-cluster.yaml', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'netreach-serve-faults-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const dbPath = () => join(dir, `case-${++n}`, 'netreach.db');

interface Server {
  readonly child: ChildProcess;
  readonly url: Promise<string>;
  readonly exited: Promise<number | null>;
  stderr(): string;
}

function serve(db: string): Server {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--manifests', DEMO, '--db', db, '--listen', '127.0.0.1:0', '--grpc-listen', '127.0.0.1:0'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NETREACH_TOKEN' && k !== 'KUBECONFIG')),
    },
  );
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /listening on (http:\/\/[^;\s]+)/.exec(err);
      if (m) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`serve exited ${code} before listening:\n${err}`)));
  });
  url.catch(() => {}); // a test that expects the exit awaits `exited` instead
  return { child, url, exited, stderr: () => err };
}

async function stop(s: Server): Promise<void> {
  if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
  await s.exited;
}

async function upload(url: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${url}/v1/snapshots`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

const namespaces = (prefix: string, count: number) => ({
  apiVersion: 'v1',
  kind: 'List',
  items: Array.from({ length: count }, (_, i) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `${prefix}-${i}` } })),
});

describe('serve processes on one database', () => {
  test('a second serve on the same --db is refused at start with a message naming the holder', async () => {
    const db = dbPath();
    const first = serve(db);
    try {
      await first.url;
      const second = serve(db);
      const code = await second.exited;
      assert.equal(code, 2, second.stderr());
      assert.match(second.stderr(), new RegExp(`database ${db} is in use by another netreach serve \\(pid ${first.child.pid},`));
      assert.doesNotMatch(second.stderr(), /internal error/);
      assert.equal(JSON.parse(readFileSync(`${db}.lock`, 'utf8')).pid, first.child.pid, 'the holder keeps its lock');
    } finally {
      await stop(first);
    }
    assert.equal(existsSync(`${db}.lock`), false, 'released on a clean shutdown');
  });

  test('kill -9 mid-upload: on restart every acknowledged snapshot is present and PRAGMA integrity_check is ok', async () => {
    const db = dbPath();
    const first = serve(db);
    const acknowledged: number[] = [];
    try {
      const url = await first.url;
      for (let i = 0; i < 5; i++) {
        const r = await upload(url, namespaces(`round${i}`, 20));
        assert.equal(r.status, 201);
        acknowledged.push(r.json.id);
      }
      // A large upload in flight when the process dies; its answer (if any) is never counted.
      const inFlight = upload(url, namespaces('big', 20_000)).then(
        (r) => (r.status === 201 ? r.json.id : undefined),
        () => undefined,
      );
      await new Promise((r) => setTimeout(r, 30));
      first.child.kill('SIGKILL');
      const late = await inFlight;
      if (late !== undefined) acknowledged.push(late);
    } finally {
      await first.exited;
    }
    assert.equal(existsSync(`${db}.lock`), true, 'kill -9 leaves its lock file behind');
    const second = serve(db); // the stale lock (its pid is gone) is taken over
    try {
      const url = await second.url;
      const ids = ((await (await fetch(`${url}/v1/snapshots`)).json()) as { snapshots: { id: number }[] }).snapshots.map((s) => s.id);
      for (const id of acknowledged) assert.ok(ids.includes(id), `acknowledged snapshot ${id} is present (have ${ids.join(', ')})`);
    } finally {
      await stop(second);
    }
    const check = new Database(db, { readonly: true });
    assert.equal(check.pragma('integrity_check', { simple: true }), 'ok');
    check.close();
  });

  test('a corrupt database file: a clear error at start, exit 2, the file untouched (no crash loop, no empty history)', async () => {
    const db = dbPath();
    mkdirSync(join(db, '..'), { recursive: true });
    const bytes = Buffer.from("this is not a database, but somebody's file\n".repeat(100));
    writeFileSync(db, bytes);
    const s = serve(db);
    assert.equal(await s.exited, 2, s.stderr());
    assert.match(s.stderr(), /is not a SQLite database \(bad header\); it was left untouched/);
    assert.doesNotMatch(s.stderr(), /internal error|at .*\.ts:\d+/);
    assert.deepEqual(readFileSync(db), bytes);
    assert.equal(existsSync(`${db}.lock`), false, 'a refused start leaves no lock behind');
  });
});
