// Retention: delete snapshots beyond the last N and/or older than a maximum age — never the newest,
// which is what a restarted service serves — then collect objects no remaining snapshot holds.
// Membership and index rows go with them through ON DELETE CASCADE (foreign_keys is on).
import type Database from 'better-sqlite3';

export interface RetentionPolicy {
  /** Keep at most this many snapshots (values below 1 still keep the newest). */
  readonly keepLast?: number;
  /** Delete snapshots taken more than this long before `now`. */
  readonly maxAgeMs?: number;
  readonly now: Date;
}

/** Returns the number of snapshots deleted. Call inside a transaction. */
export function applyRetention(db: Database.Database, policy: RetentionPolicy): number {
  const newest = (db.prepare('SELECT MAX(id) AS id FROM snapshots').get() as { id: number | null }).id;
  if (newest === null) return 0;
  let deleted = 0;
  if (policy.keepLast !== undefined) {
    const keep = Math.max(1, Math.floor(policy.keepLast));
    const cutoff = db.prepare('SELECT id FROM snapshots ORDER BY id DESC LIMIT 1 OFFSET ?').get(keep - 1) as { id: number } | undefined;
    if (cutoff) deleted += db.prepare('DELETE FROM snapshots WHERE id < ? AND id <> ?').run(cutoff.id, newest).changes;
  }
  if (policy.maxAgeMs !== undefined) {
    const oldest = new Date(policy.now.getTime() - policy.maxAgeMs).toISOString();
    deleted += db.prepare('DELETE FROM snapshots WHERE taken_at < ? AND id <> ?').run(oldest, newest).changes;
  }
  if (deleted > 0) collectOrphans(db);
  return deleted;
}

/** Delete objects no snapshot holds (their index rows cascade). */
export function collectOrphans(db: Database.Database): number {
  return db.prepare('DELETE FROM objects WHERE NOT EXISTS (SELECT 1 FROM snapshot_objects so WHERE so.object_id = objects.id)').run()
    .changes;
}
