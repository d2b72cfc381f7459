// Time everywhere: `at` (RFC 3339) names the snapshot in force at that time in query bodies and
// query strings; retention by age (--keep-for) drops old snapshots, and /readyz states the oldest
// kept. Real SQLite file, real HTTP on 127.0.0.1.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { credentials, status } from '@grpc/grpc-js';
import { Protocol, ReachabilityClient } from '../../src/api/grpc/gen/netreach/v1/netreach.ts';
import { call } from '../support/grpc-server.ts';
import { loadManifests } from '../../src/query/manifests.ts';
import { DEMO_CLUSTER, runServe, type ServeOptions } from '../../src/process/serve.ts';
import { Store } from '../../src/store/store.ts';

const dirs: string[] = [];
after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** A database holding the demo cluster without its policies (Jan 1) and with them (Jan 2). */
async function seededDb(): Promise<{ dir: string; db: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'netreach-time-'));
  dirs.push(dir);
  const db = join(dir, 'netreach.db');
  const demo = (await loadManifests([DEMO_CLUSTER], { source: 'demo' })).snapshot;
  const store = Store.open(db);
  store.save({ ...demo, policies: [] }, new Date('2026-01-01T00:00:00Z'));
  store.save(demo, new Date('2026-01-02T00:00:00Z'));
  store.close();
  return { dir, db };
}

function options(dir: string, db: string, extra: Partial<ServeOptions> = {}): ServeOptions {
  return {
    db,
    manifests: [DEMO_CLUSTER],
    listen: { host: '127.0.0.1', port: 0 },
    debounceMs: 20,
    keepSnapshots: 50,
    env: {},
    home: dir,
    log: () => {},
    ...extra,
  };
}

async function post(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

describe('at: the snapshot in force at a time', () => {
  const ask = { from: { pod: 'default/db-0' }, to: { pod: 'default/frontend-1' }, port: 8080 };

  it('check answers from the snapshot in force at `at`; a time before the history is a 404; a malformed one a 400', async () => {
    const { dir, db } = await seededDb();
    const s = await runServe(options(dir, db));
    try {
      assert.equal((await post(`${s.url}/v1/check`, ask)).body.allowed, false, 'now: the demo policies deny it');
      assert.equal((await post(`${s.url}/v1/check`, { ...ask, at: '2026-01-01T12:00:00Z' })).body.allowed, true, 'Jan 1: no policy');
      assert.equal(
        (await post(`${s.url}/v1/check`, { ...ask, at: '2026-01-02T00:00:00+00:00' })).body.allowed,
        false,
        'Jan 2: the policies',
      );
      const early = await post(`${s.url}/v1/check`, { ...ask, at: '2025-06-01T00:00:00Z' });
      assert.equal(early.status, 404);
      assert.match(early.body.detail, /no snapshot was stored at or before it \(the oldest kept is 1/);
      const bad = await post(`${s.url}/v1/check`, { ...ask, at: 'last tuesday' });
      assert.equal(bad.status, 400);
      assert.match(bad.body.detail, /body\.at/);
      const both = await post(`${s.url}/v1/check`, { ...ask, at: '2026-01-01T12:00:00Z', snapshot: 1 });
      assert.equal(both.status, 400);
    } finally {
      await s.close();
    }
  });

  it('gRPC requests take `at` as REST bodies do', async () => {
    const { dir, db } = await seededDb();
    const s = await runServe(options(dir, db, { grpcListen: { host: '127.0.0.1', port: 0 } }));
    const client = new ReachabilityClient(s.grpcAddress!, credentials.createInsecure());
    try {
      const request = {
        from: { kind: { $case: 'pod' as const, value: 'default/db-0' } },
        to: { kind: { $case: 'pod' as const, value: 'default/frontend-1' } },
        port: 8080,
        protocol: Protocol.PROTOCOL_TCP,
      };
      const then = await call(client, client.check, { ...request, at: '2026-01-01T12:00:00Z' });
      assert.equal(then.answer?.$case === 'verdict' && then.answer.value.allowed, true);
      const now = await call(client, client.check, request);
      assert.equal(now.answer?.$case === 'verdict' && now.answer.value.allowed, false);
      await assert.rejects(
        call(client, client.check, { ...request, at: '2025-01-01T00:00:00Z' }),
        (err: { code?: number }) => err.code === status.NOT_FOUND,
      );
    } finally {
      client.close();
      await s.close();
    }
  });

  it('query strings take `at` too (GET /v1/dataplane?at=…)', async () => {
    const { dir, db } = await seededDb();
    const s = await runServe(options(dir, db));
    try {
      const res = await fetch(`${s.url}/v1/dataplane?at=${encodeURIComponent('2026-01-01T23:59:59Z')}`);
      assert.equal((await res.json()).snapshot, 1);
    } finally {
      await s.close();
    }
  });

  it('--keep-for drops snapshots older than the age (never the newest), and /readyz states the oldest kept', async () => {
    const { dir, db } = await seededDb();
    const s = await runServe(options(dir, db, { keepForMs: 30 * 86_400_000 }));
    try {
      const ready = await (await fetch(`${s.url}/readyz`)).json();
      const list = (await (await fetch(`${s.url}/v1/snapshots`)).json()).snapshots;
      assert.equal(list.length, 1, 'the Jan snapshots are older than 30 days');
      assert.deepEqual(ready.oldestSnapshot, { id: list[0].id, takenAt: list[0].takenAt });
    } finally {
      await s.close();
    }
  });
});
