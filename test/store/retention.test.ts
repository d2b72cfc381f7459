import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Store } from '../../src/store/store.ts';
import { pod } from '../support/build.ts';
import { richSnapshot, tempDir } from './fixture.ts';

const { dbPath } = tempDir();
const minute = 60_000;
const t0 = Date.parse('2024-05-01T10:00:00Z');

/** Five snapshots a minute apart; snapshot i adds pod extra-i, so each holds one object no other does. */
function fiveSnapshots(path: string): Store {
  const store = Store.open(path);
  for (let i = 0; i < 5; i++) {
    const s = richSnapshot({ pods: [...richSnapshot().pods, pod('shop', `extra-${i}`, { n: String(i) }, { ip: `10.7.0.${i}` })] });
    store.save(s, new Date(t0 + i * minute));
  }
  return store;
}

function count(path: string, sql: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const ids = (store: Store) => store.list().map((m) => m.id);
const now = new Date(t0 + 4 * minute);

describe('retention', () => {
  const cases: [string, Parameters<Store['retain']>[0], number[]][] = [
    ['keepLast 2 keeps the two newest', { keepLast: 2, now }, [5, 4]],
    ['keepLast 0 still keeps the newest', { keepLast: 0, now }, [5]],
    ['keepLast beyond the count deletes nothing', { keepLast: 10, now }, [5, 4, 3, 2, 1]],
    ['maxAge keeps snapshots taken within it', { maxAgeMs: 2 * minute, now }, [5, 4, 3]],
    ['maxAge older than everything still keeps the newest', { maxAgeMs: minute, now: new Date(t0 + 60 * minute) }, [5]],
    ['both: a snapshot goes when either rule says so', { keepLast: 4, maxAgeMs: 2 * minute, now }, [5, 4, 3]],
    ['neither rule deletes nothing', { now }, [5, 4, 3, 2, 1]],
  ];
  for (const [title, policy, want] of cases) {
    it(title, () => {
      const store = fiveSnapshots(dbPath());
      assert.equal(store.retain(policy), 5 - want.length);
      assert.deepEqual(ids(store), want);
      store.close();
    });
  }

  it('removes orphaned objects and their index rows, keeps shared ones', () => {
    const path = dbPath();
    const store = fiveSnapshots(path);
    const before = count(path, 'SELECT COUNT(*) AS n FROM objects');
    store.retain({ keepLast: 2, now });
    // Three extra pods (extra-0..2) were held only by deleted snapshots.
    assert.equal(count(path, 'SELECT COUNT(*) AS n FROM objects'), before - 3);
    assert.equal(count(path, `SELECT COUNT(*) AS n FROM objects WHERE name LIKE 'extra-%'`), 2);
    assert.equal(count(path, `SELECT COUNT(*) AS n FROM object_labels WHERE key = 'n'`), 2);
    assert.equal(count(path, `SELECT COUNT(*) AS n FROM pod_ips WHERE addr LIKE '0a0700%'`), 2);
    assert.equal(count(path, 'SELECT COUNT(*) AS n FROM snapshot_objects WHERE snapshot_id < 4'), 0);
    assert.deepEqual(
      store.podsByLabel(5, 'n').map((p) => p.name),
      ['extra-4'],
    );
    assert.equal(store.get(4)?.snapshot.pods.at(-1)?.name, 'extra-3');
    store.close();
  });

  it('an empty store deletes nothing', () => {
    const store = Store.open(dbPath());
    assert.equal(store.retain({ keepLast: 1, now }), 0);
    store.close();
  });
});
