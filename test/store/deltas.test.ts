// Per-snapshot deltas (migrations/0005): each save records what the new snapshot gained and lost
// against the newest one before it, so a time line reads a few rows per snapshot instead of every
// membership (issue 21: cold flow history ≤ 1 s). The recorded delta must equal the one computed from
// the two memberships, in every case below; a time line whose neighbours have no recorded delta
// between them (retention took the base, or the row predates schema 5) computes it as before.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { Snapshot } from '../../src/model/types.ts';
import { Timeline } from '../../src/query/history/timeline.ts';
import { Store } from '../../src/store/store.ts';
import { pod } from '../support/build.ts';
import { richSnapshot, tempDir } from './fixture.ts';

const { dbPath } = tempDir();
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const sortedMembers = (store: Store, id: number) => [...store.memberIds(id)].sort((a, b) => a - b);
const minus = (a: number[], b: number[]) => a.filter((x) => !b.includes(x));

const base = richSnapshot();
const CASES: { name: string; next: (s: Snapshot) => Snapshot }[] = [
  { name: 'a pod added', next: (s) => ({ ...s, pods: [...s.pods, pod('shop', 'api-2', { app: 'api' }, { ip: '10.1.0.9' })] }) },
  { name: 'a pod removed', next: (s) => ({ ...s, pods: s.pods.slice(1) }) },
  {
    name: 'a pod relabelled (one lost, one gained)',
    next: (s) => ({ ...s, pods: s.pods.map((p, i) => (i === 0 ? { ...p, labels: { ...p.labels, v: '2' } } : p)) }),
  },
  { name: 'a policy deleted', next: (s) => ({ ...s, policies: s.policies.slice(1) }) },
  { name: 'only the order changed (no object gained or lost)', next: (s) => ({ ...s, pods: [...s.pods].reverse() }) },
];

describe('store: per-snapshot deltas', () => {
  for (const c of CASES) {
    it(`${c.name}: the recorded delta equals the memberships' difference`, () => {
      const store = Store.open(dbPath());
      const first = store.save(base, at(0)).meta;
      const second = store.save(c.next(base), at(1)).meta;
      const delta = store.storedDelta(second.id);
      assert.ok(delta, 'a delta is recorded');
      const [a, b] = [sortedMembers(store, first.id), sortedMembers(store, second.id)];
      assert.deepEqual(
        { base: delta.base, added: [...delta.added], removed: [...delta.removed] },
        { base: first.id, added: minus(b, a), removed: minus(a, b) },
      );
      assert.equal(store.storedDelta(first.id), undefined, 'the first snapshot has no base');
      store.close();
    });
  }

  it('a save after reopening records its delta against the stored newest (read from the file, not memory)', () => {
    const path = dbPath();
    const store = Store.open(path);
    const first = store.save(base, at(0)).meta;
    store.close();
    const reopened = Store.open(path);
    const second = reopened.save(CASES[0]!.next(base), at(1)).meta;
    const delta = reopened.storedDelta(second.id)!;
    assert.deepEqual([delta.base, delta.added.length, delta.removed.length], [first.id, 1, 0]);
    reopened.close();
  });

  it('the time line answers the same deltas from recorded rows, from memberships (rows dropped) and across a retained base', () => {
    const path = dbPath();
    const store = Store.open(path);
    const ids = [base, CASES[0]!.next(base), CASES[2]!.next(base), CASES[3]!.next(base)].map((s, i) => store.save(s, at(i)).meta.id);
    const deltaKeys = (t: Timeline, a: number, b: number) => {
      const d = t.delta(a, b);
      return { added: d.added.map((v) => v.id), removed: d.removed.map((v) => v.id) };
    };
    // Recorded deltas need no membership read at all.
    const noMembers = {
      historyEntries: () => store.historyEntries(),
      memberIds: (): Int32Array => assert.fail('a membership was read'),
      objectRows: (list: readonly number[]) => store.objectRows(list),
      latestObjectNamed: () => undefined,
      storedDelta: (id: number) => store.storedDelta(id),
    };
    const recorded = ids.slice(1).map((id, i) => deltaKeys(new Timeline(noMembers), ids[i]!, id));
    const raw = new Database(path);
    raw.prepare('UPDATE snapshots SET delta_base = NULL').run();
    raw.close();
    const computed = ids.slice(1).map((id, i) => deltaKeys(new Timeline(store), ids[i]!, id));
    assert.deepEqual(recorded, computed);
    assert.ok(
      recorded.every((d) => d.added.length + d.removed.length > 0),
      'each step changed something',
    );
    // Snapshot 3's recorded delta is against 2; asked against 1 (2 retained away) it is computed.
    const skip = deltaKeys(new Timeline(store), ids[0]!, ids[2]!);
    const [a, c] = [sortedMembers(store, ids[0]!), sortedMembers(store, ids[2]!)];
    assert.deepEqual(skip, { added: minus(c, a), removed: minus(a, c) });
    store.close();
  });

  it('retention removes a deleted snapshot’s delta rows with it', () => {
    const path = dbPath();
    const store = Store.open(path);
    for (const [i, s] of [base, CASES[0]!.next(base), CASES[1]!.next(base)].entries()) store.save(s, at(i));
    store.retain({ keepLast: 1, now: at(10) });
    store.close();
    const raw = new Database(path, { readonly: true });
    const left = raw.prepare('SELECT DISTINCT snapshot_id FROM snapshot_deltas').pluck().all();
    const newest = raw.prepare('SELECT MAX(id) FROM snapshots').pluck().get();
    raw.close();
    assert.deepEqual(left, [newest]);
  });
});
