// Snapshot diff by object identity (kind, namespace, name) and content hash, read from membership
// rows only: no object body is loaded. NotAnalysable entries are notes about objects, not objects,
// so they are left out. Plugin evidence takes part like any object: a changed `cilium-config` is
// `{kind: 'PluginConfigMap', namespace, name: 'cilium-config', change: 'changed'}`, new or dropped
// CRD groups change the one `CrdGroups` object, and a `--cni` override is the `CniOverride` object.
import type Database from 'better-sqlite3';

export interface ObjectChange {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly change: 'added' | 'changed' | 'removed';
}

interface MemberRow {
  kind: string;
  namespace: string | null;
  name: string;
  hash: string;
}

type Identity = { kind: string; namespace: string | null; name: string };

/** identity key → content (hashes joined, in case a snapshot holds one identity twice). */
function contents(db: Database.Database, id: number): Map<string, { who: Identity; content: string }> {
  const rows = db
    .prepare(
      `SELECT o.kind, o.namespace, o.name, o.hash FROM snapshot_objects so JOIN objects o ON o.id = so.object_id
       WHERE so.snapshot_id = ? AND o.kind <> 'NotAnalysable' ORDER BY so.seq`,
    )
    .all(id) as MemberRow[];
  const out = new Map<string, { who: Identity; content: string }>();
  for (const r of rows) {
    const key = JSON.stringify([r.kind, r.namespace, r.name]);
    const prev = out.get(key);
    out.set(key, { who: { kind: r.kind, namespace: r.namespace, name: r.name }, content: prev ? `${prev.content},${r.hash}` : r.hash });
  }
  return out;
}

function change(who: Identity, kind: ObjectChange['change']): ObjectChange {
  return who.namespace === null
    ? { kind: who.kind, name: who.name, change: kind }
    : { kind: who.kind, namespace: who.namespace, name: who.name, change: kind };
}

function compareChanges(a: ObjectChange, b: ObjectChange): number {
  const ka = [a.kind, a.namespace ?? '', a.name];
  const kb = [b.kind, b.namespace ?? '', b.name];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
}

/** Objects added, changed and removed going from snapshot `a` to snapshot `b`, sorted by kind, namespace, name. */
export function diffSnapshots(db: Database.Database, a: number, b: number): ObjectChange[] {
  const before = contents(db, a);
  const after = contents(db, b);
  const changes: ObjectChange[] = [];
  for (const [key, now] of after) {
    const then = before.get(key);
    if (!then) changes.push(change(now.who, 'added'));
    else if (then.content !== now.content) changes.push(change(now.who, 'changed'));
  }
  for (const [key, then] of before) if (!after.has(key)) changes.push(change(then.who, 'removed'));
  return changes.sort(compareChanges);
}
