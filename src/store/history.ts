// Reading the history for questions over many snapshots (flow history, snapshot diff, `at`): the
// snapshots in time order, each one's membership as object ids in seq order, and object bodies by
// id. A snapshot differs from its predecessor by a few ids, so a reader that keeps parsed objects by
// id parses each distinct object once however many snapshots hold it (src/query/history/timeline.ts).
import type Database from 'better-sqlite3';

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
  return (db.prepare('SELECT id, taken_at, source FROM snapshots ORDER BY id').all() as { id: number; taken_at: string; source: string }[]).map((r) => ({
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

/** Object rows for `ids` (any order; unknown ids are absent). */
export function objectRows(db: Database.Database, ids: readonly number[]): StoredObjectRow[] {
  const out: StoredObjectRow[] = [];
  const CHUNK = 500; // below SQLite's bound-parameter limit
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const rows = db.prepare(`SELECT id, kind, namespace, name, body FROM objects WHERE id IN (${part.map(() => '?').join(',')})`).all(...part) as StoredObjectRow[];
    out.push(...rows);
  }
  return out;
}

/** The newest stored version of an object by identity (kind, namespace, name), if any. */
export function latestObjectNamed(db: Database.Database, kind: string, namespace: string | null, name: string): StoredObjectRow | undefined {
  return db
    .prepare('SELECT id, kind, namespace, name, body FROM objects WHERE kind = ? AND namespace IS ? AND name = ? ORDER BY id DESC LIMIT 1')
    .get(kind, namespace, name) as StoredObjectRow | undefined;
}
