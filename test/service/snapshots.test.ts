// SnapshotService: a snapshot is served at once; a store write that fails (database locked) keeps
// it served from memory, marked not persisted, makes readiness fail with the reason (issue 26), is
// logged and counted, and is retried until it lands.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SnapshotService } from '../../src/service/snapshots.ts';
import { Store } from '../../src/store/store.ts';
import { loadManifests } from '../../src/query/manifests.ts';

const dir = mkdtempSync(join(tmpdir(), 'netreach-service-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function waitFor(what: string, fn: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('SnapshotService', () => {
  it('keeps serving from memory while the database is locked, reports it, and retries the write', async () => {
    const path = join(dir, 'busy.db');
    const store = Store.open(path, { busyTimeoutMs: 20 });
    const lines: string[] = [];
    const service = new SnapshotService({ store, sourceLabel: 'test', retryMs: 30, log: (l) => lines.push(l) });
    const { snapshot } = await loadManifests(['examples/demo-cluster.yaml']);
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      const served = service.accept(snapshot, 'manifests');
      assert.equal(served.meta.id, 0, 'not stored yet');
      assert.equal(service.current()?.snapshot, snapshot, 'served at once');
      const ready = service.readiness();
      assert.equal(ready.ready, false, 'not ready while the write fails');
      assert.equal(ready.persisted, false);
      assert.match(ready.storeError ?? '', /busy|locked/i);
      assert.equal(store.list().length, 0);
      assert.ok(service.storeWriteFailures >= 1);
      assert.match(lines[0] ?? '', /store write failed: .*locked.*served from memory, not persisted; retrying/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await waitFor('the retried write', () => store.list().length === 1);
    assert.equal(service.readiness().storeError, undefined);
    assert.equal(service.readiness().ready, true);
    assert.equal(service.readiness().persisted, true);
    assert.equal(service.current()?.meta.id, store.list()[0].id, 'the served snapshot now has its stored id');
    service.close();
    store.close();
  });

  it(
    'a read-only database: the watcher snapshot is served from memory, not persisted, ' +
      'readiness fails with the reason; the retry lands once writable',
    async () => {
      const path = join(dir, 'readonly.db');
      const store = Store.open(path);
      // SQLite itself refuses every write on this connection (SQLITE_READONLY), as on a read-only mount.
      const db = (store as unknown as { db: Database.Database }).db;
      db.pragma('query_only = ON');
      const lines: string[] = [];
      const service = new SnapshotService({ store, sourceLabel: 'test', retryMs: 30, log: (l) => lines.push(l) });
      const { snapshot } = await loadManifests(['examples/demo-cluster.yaml']);
      const served = service.accept(snapshot, 'cluster');
      assert.equal(served.meta.id, 0);
      const ready = service.readiness();
      assert.equal(ready.ready, false);
      assert.equal(ready.persisted, false);
      assert.match(ready.storeError ?? '', /cannot be written/);
      assert.throws(
        () => service.commit(snapshot, 'upload'),
        (e: unknown) => (e as { code?: string }).code === 'read-only',
      );
      assert.equal(service.current(), served, 'a refused upload leaves the served snapshot');
      assert.ok(lines.some((l) => /store write failed/.test(l)));
      db.pragma('query_only = OFF');
      await waitFor('the retried write', () => store.list().length === 1);
      assert.equal(service.readiness().ready, true);
      assert.equal(service.readiness().persisted, true);
      service.close();
      store.close();
    },
  );

  it('an identical snapshot adds no history; a new one notifies listeners', async () => {
    const store = Store.open(join(dir, 'dedupe.db'));
    const service = new SnapshotService({ store, sourceLabel: 'test' });
    const { snapshot } = await loadManifests(['examples/demo-cluster.yaml']);
    const seen: number[] = [];
    service.onSnapshot((s) => seen.push(s.meta.id));
    service.accept(snapshot, 'manifests');
    service.accept(snapshot, 'manifests');
    assert.equal(store.list().length, 1);
    assert.deepEqual(seen, [1, 1]);
    assert.equal(service.get(1)?.snapshot.pods.length, snapshot.pods.length);
    service.close();
    store.close();
  });
});
