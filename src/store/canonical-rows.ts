// Migration 0004's code step: rewrite stored object bodies in canonical JSON (objects.ts) and
// recompute their hashes; merge rows that turn out equal; recompute the hashes of the snapshots
// that held a rewritten row. Runs inside the migration's transaction (migrate.ts), so a crash leaves
// either the old rows or the new ones.
import type Database from 'better-sqlite3';
import { canonicalJson, objectHash, sha256 } from './objects.ts';

interface ObjectRow {
  id: number;
  kind: string;
  body: string;
  hash: string;
}

/** Returns how many object rows were rewritten (merged ones included). */
export function rewriteCanonical(db: Database.Database): number {
  const rows = db.prepare('SELECT id, kind, body, hash FROM objects').iterate() as IterableIterator<ObjectRow>;
  const changed: { id: number; body: string; hash: string }[] = [];
  for (const row of rows) {
    const body = canonicalJson(JSON.parse(row.body));
    const hash = objectHash(row.kind, body);
    if (body !== row.body || hash !== row.hash) changed.push({ id: row.id, body, hash });
  }
  if (changed.length === 0) return 0;
  const holder = db.prepare('SELECT id FROM objects WHERE hash = ? AND id <> ?').pluck();
  const move = db.prepare('UPDATE snapshot_objects SET object_id = ? WHERE object_id = ?');
  const drop = db.prepare('DELETE FROM objects WHERE id = ?');
  const update = db.prepare('UPDATE objects SET body = ?, hash = ? WHERE id = ?');
  const touched = db.prepare('SELECT DISTINCT snapshot_id FROM snapshot_objects WHERE object_id = ?').pluck();
  const snapshots = new Set<number>();
  for (const c of changed) {
    for (const s of touched.all(c.id) as number[]) snapshots.add(s);
    const existing = holder.get(c.hash, c.id) as number | undefined;
    if (existing !== undefined) {
      move.run(existing, c.id);
      drop.run(c.id); // its index rows go with it (ON DELETE CASCADE); the survivor has its own
    } else update.run(c.body, c.hash, c.id);
  }
  const source = db.prepare('SELECT source FROM snapshots WHERE id = ?').pluck();
  const members = db
    .prepare('SELECT o.hash FROM snapshot_objects so JOIN objects o ON o.id = so.object_id WHERE so.snapshot_id = ? ORDER BY so.seq')
    .pluck();
  const setHash = db.prepare('UPDATE snapshots SET hash = ? WHERE id = ?');
  for (const id of snapshots) {
    // The same form as objects.ts snapshotHash: source, then each object hash, one per line.
    const text = [`${source.get(id) as string}\n`, ...(members.all(id) as string[]).map((h) => `${h}\n`)].join('');
    setHash.run(sha256(text), id);
  }
  return changed.length;
}
