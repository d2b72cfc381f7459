// Reading the history for questions over many snapshots (flow history, snapshot diff, `at`): the
// snapshots in time order, each one's membership as object ids in seq order, and object bodies by
// id. A snapshot differs from its predecessor by a few ids, so a reader that keeps parsed objects by
// id parses each distinct object once however many snapshots hold it (src/query/history/timeline.ts).
import type Database from 'better-sqlite3';
import { StoreError } from './errors.ts';
import { objectHash } from './objects.ts';

export interface HistoryEntry {
  readonly id: number;
  readonly takenAt: string;
  readonly source: string;
}

export interface StoredObjectRow {
  readonly id: number;
  readonly kind: string;
  readonly namespace: string | null;
  readonly name: string;
  readonly body: string;
}

/** Every stored snapshot, oldest first (ids grow with time: the store only appends). */
export function historyEntries(db: Database.Database): HistoryEntry[] {
  return (
    db.prepare('SELECT id, taken_at, source FROM snapshots ORDER BY id').all() as { id: number; taken_at: string; source: string }[]
  ).map((r) => ({
    id: r.id,
    takenAt: r.taken_at,
    source: r.source,
  }));
}

/** The object ids snapshot `id` holds, in seq order (empty for an unknown id). */
export function memberIds(db: Database.Database, id: number): Int32Array {
  const ids = db.prepare('SELECT object_id FROM snapshot_objects WHERE snapshot_id = ? ORDER BY seq').pluck().all(id) as number[];
  return Int32Array.from(ids);
}

/** A row as read with its stored sha256, checked as the store's own reads check it: content that no
 * longer matches is never answered from (StoreError 'corrupt-snapshot'). */
function verified(row: StoredObjectRow & { readonly hash: string }): StoredObjectRow {
  if (objectHash(row.kind, row.body) !== row.hash) {
    const what = `${row.kind} ${row.namespace ? `${row.namespace}/` : ''}${row.name}`;
    throw new StoreError(
      'corrupt-snapshot',
      `the stored content of ${what} (object ${row.id}) does not match its sha256: the history holding it is not answered`,
    );
  }
  return { id: row.id, kind: row.kind, namespace: row.namespace, name: row.name, body: row.body };
}

/** Object rows for `ids` (any order; unknown ids are absent), each verified against its sha256. */
export function objectRows(db: Database.Database, ids: readonly number[]): StoredObjectRow[] {
  const out: StoredObjectRow[] = [];
  const CHUNK = 500; // below SQLite's bound-parameter limit
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const rows = db
      .prepare(`SELECT id, kind, namespace, name, body, hash FROM objects WHERE id IN (${part.map(() => '?').join(',')})`)
      .all(...part) as (StoredObjectRow & { hash: string })[];
    for (const row of rows) out.push(verified(row));
  }
  return out;
}

/** The newest stored version of an object by identity (kind, namespace, name), if any, verified. */
export function latestObjectNamed(
  db: Database.Database,
  kind: string,
  namespace: string | null,
  name: string,
): StoredObjectRow | undefined {
  const row = db
    .prepare(
      'SELECT id, kind, namespace, name, body, hash FROM objects WHERE kind = ? AND namespace IS ? AND name = ? ORDER BY id DESC LIMIT 1',
    )
    .get(kind, namespace, name) as (StoredObjectRow & { hash: string }) | undefined;
  return row ? verified(row) : undefined;
}

/** What a snapshot gained and lost against the snapshot it was saved after (ids ascending). */
export interface StoredDelta {
  readonly base: number;
  readonly added: Int32Array;
  readonly removed: Int32Array;
}

/** Ids in `a` not in `b`, both sorted ascending. */
export function sortedMinus(a: Int32Array, b: Int32Array): number[] {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    while (j < b.length && b[j] < a[i]) j++;
    if (j >= b.length || b[j] !== a[i]) out.push(a[i]);
  }
  return out;
}

/** Records snapshot `id`'s delta against `base` (both memberships as sorted ids). Call inside the save's transaction. */
export function writeDelta(db: Database.Database, id: number, base: number, members: Int32Array, baseMembers: Int32Array): void {
  const row = db.prepare('INSERT OR IGNORE INTO snapshot_deltas (snapshot_id, object_id, added) VALUES (?, ?, ?)');
  for (const o of sortedMinus(members, baseMembers)) row.run(id, o, 1);
  for (const o of sortedMinus(baseMembers, members)) row.run(id, o, 0);
  db.prepare('UPDATE snapshots SET delta_base = ? WHERE id = ?').run(base, id);
}

/** Snapshot `id`'s stored delta, or undefined when none was stored (saved first, or before schema 5). */
export function storedDelta(db: Database.Database, id: number): StoredDelta | undefined {
  const base = db.prepare('SELECT delta_base FROM snapshots WHERE id = ?').pluck().get(id) as number | null | undefined;
  if (base === null || base === undefined) return undefined;
  const rows = db.prepare('SELECT object_id, added FROM snapshot_deltas WHERE snapshot_id = ? ORDER BY added, object_id').raw().all(id) as [
    number,
    number,
  ][];
  const added: number[] = [];
  const removed: number[] = [];
  for (const [o, a] of rows) (a ? added : removed).push(o);
  return { base, added: Int32Array.from(added), removed: Int32Array.from(removed) };
}
