import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { generateCluster } from '../../bench/generate.ts';
import { Store } from '../../src/store/store.ts';
import { richSnapshot, tempDir, webPod } from './fixture.ts';
import { emptySnapshot, type Pod } from '../../src/model/types.ts';

const { dbPath } = tempDir();
const T0 = new Date('2024-05-01T10:00:00.000Z');
const T1 = new Date('2024-05-01T10:05:00.000Z');

function rowCount(path: string, table: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('store: save and read back', () => {
  it('get round-trips a snapshot using every collection (deepEqual)', () => {
    const store = Store.open(dbPath());
    const s = richSnapshot();
    const { meta, created } = store.save(s, T0, { resourceVersion: '42' });
    assert.equal(created, true);
    assert.deepEqual(store.get(meta.id), { meta, snapshot: s });
    assert.deepEqual(meta.counts, { namespaces: 2, pods: 3, workloads: 1, services: 1, endpointSlices: 1, nodes: 1, policies: 3 });
    assert.equal(meta.takenAt, T0.toISOString());
    assert.equal(meta.source, 'cluster');
    assert.deepEqual(meta.detail, { resourceVersion: '42' });
    store.close();
  });

  it('get round-trips a generated 300-pod cluster and an empty snapshot', () => {
    const store = Store.open(dbPath());
    for (const s of [generateCluster({ pods: 300 }), emptySnapshot('demo')]) {
      const { meta } = store.save(s, T0);
      assert.deepEqual(store.get(meta.id)?.snapshot, s);
      assert.equal('detail' in meta, false);
    }
    store.close();
  });

  it('get of an unknown id is undefined; latest of an empty store is undefined', () => {
    const store = Store.open(dbPath());
    assert.equal(store.get(99), undefined);
    assert.equal(store.latest(), undefined);
    assert.deepEqual(store.list(), []);
    store.close();
  });

  it('list is newest first and honours limit', () => {
    const store = Store.open(dbPath());
    const a = store.save(richSnapshot(), T0).meta;
    const b = store.save(richSnapshot({ source: 'demo' }), T1).meta;
    assert.deepEqual(store.list(), [b, a]);
    assert.deepEqual(store.list(1), [b]);
    store.close();
  });

  it('restart: close, reopen, latest() deepEquals what was saved', () => {
    const path = dbPath();
    const first = Store.open(path);
    first.save(richSnapshot(), T0);
    const saved = richSnapshot({ pods: [webPod({ app: 'web', tier: 'backend' })] });
    const { meta } = first.save(saved, T1);
    first.close();
    first.close(); // idempotent
    const again = Store.open(path);
    assert.deepEqual(again.latest(), { meta, snapshot: saved });
    again.close();
  });
});

describe('store: dedupe', () => {
  it('saving an unchanged cluster again adds no snapshot and no object rows', () => {
    const path = dbPath();
    const store = Store.open(path);
    const first = store.save(richSnapshot(), T0);
    const objects = rowCount(path, 'objects');
    const second = store.save(richSnapshot(), T1, { other: true });
    assert.equal(second.created, false);
    assert.deepEqual(second.meta, first.meta);
    assert.equal(rowCount(path, 'objects'), objects);
    assert.equal(rowCount(path, 'snapshots'), 1);
    store.close();
  });

  it('a new snapshot with one changed pod adds exactly one object row', () => {
    const path = dbPath();
    const store = Store.open(path);
    store.save(richSnapshot(), T0);
    const objects = rowCount(path, 'objects');
    const labels = rowCount(path, 'object_labels');
    const changed = richSnapshot({ pods: [webPod({ app: 'web', tier: 'backend' }), ...richSnapshot().pods.slice(1)] });
    assert.equal(store.save(changed, T1).created, true);
    assert.equal(rowCount(path, 'objects'), objects + 1);
    assert.equal(rowCount(path, 'object_labels'), labels + 2); // only the new pod's labels are indexed
    assert.equal(rowCount(path, 'snapshots'), 2);
    store.close();
  });

  it('a change back to older content is a new snapshot (only the latest is compared) but no new objects', () => {
    const path = dbPath();
    const store = Store.open(path);
    const a = store.save(richSnapshot(), T0).meta;
    store.save(richSnapshot({ source: 'demo' }), T1);
    const objects = rowCount(path, 'objects');
    const c = store.save(richSnapshot(), T1);
    assert.equal(c.created, true);
    assert.equal(c.meta.hash, a.hash);
    assert.equal(rowCount(path, 'objects'), objects);
    store.close();
  });

  it('property order does not change the content hash', () => {
    const store = Store.open(dbPath());
    store.save(richSnapshot(), T0);
    const p = webPod();
    const reordered = Object.fromEntries(Object.entries(p).reverse()) as unknown as Pod;
    assert.notEqual(Object.keys(reordered)[0], Object.keys(p)[0]);
    const s = richSnapshot({ pods: [reordered, ...richSnapshot().pods.slice(1)] });
    assert.equal(store.save(s, T1).created, false);
    store.close();
  });
});
