// The snapshot history: save (deduplicated, one transaction), read back, list, diff, retention and
// index queries. Every failure surfaces as a StoreError; a failed save leaves the database as it was.
import type Database from 'better-sqlite3';
import type { DataplaneSummary } from '../engine/verdict.ts';
import type { Snapshot, SnapshotSource } from '../model/types.ts';
import { openDatabase, type OpenOptions } from './database.ts';
import { diffSnapshots, type ObjectChange } from './diff.ts';
import { guarded, StoreError } from './errors.ts';
import { acquireLock } from './lock.ts';
import * as q from './index-queries.ts';
import { IndexWriter } from './indexes.ts';
import { loadMigrations, migrate, schemaVersion, assertNotNewer } from './migrate.ts';
import { assembleSnapshot, flattenSnapshot, objectHash, snapshotCounts, snapshotHash, type HashedObject } from './objects.ts';
import { applyRetention, type RetentionPolicy } from './retention.ts';
import * as h from './history.ts';

export type { ObjectChange } from './diff.ts';
export { StoreError, type StoreErrorCode } from './errors.ts';
export type { ObjectName, PolicyCidrMatch } from './index-queries.ts';
export type { OpenOptions } from './database.ts';
export type { RetentionPolicy } from './retention.ts';
export type { HistoryEntry, StoredDelta, StoredObjectRow } from './history.ts';

export interface SnapshotMeta {
  readonly id: number;
  readonly takenAt: string;
  readonly source: SnapshotSource;
  readonly hash: string;
  /** namespaces, pods, workloads, services, endpointSlices, nodes, policies */
  readonly counts: Record<string, number>;
  readonly detail?: Record<string, unknown>;
  /** The network plugin in force for this snapshot; absent for snapshots saved without one. */
  readonly dataplane?: DataplaneSummary;
  /** Set once a read found an object whose content does not match its sha256: never served. */
  readonly corrupt?: true;
}

export interface StoredSnapshot {
  readonly meta: SnapshotMeta;
  readonly snapshot: Snapshot;
}

interface SnapshotRow {
  id: number;
  taken_at: string;
  source: SnapshotSource;
  hash: string;
  counts: string;
  detail: string | null;
  dataplane: string | null;
}

function toMeta(r: SnapshotRow): SnapshotMeta {
  return {
    id: r.id,
    takenAt: r.taken_at,
    source: r.source,
    hash: r.hash,
    counts: JSON.parse(r.counts),
    ...(r.detail === null ? {} : { detail: JSON.parse(r.detail) }),
    ...(r.dataplane === null ? {} : { dataplane: JSON.parse(r.dataplane) as DataplaneSummary }),
  };
}

const META_COLUMNS = 'id, taken_at, source, hash, counts, detail, dataplane';
const toJson = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

export class Store {
  private isOpen = true;
  /** Snapshots a read found corrupt (content not matching its sha256), with the reason. */
  private readonly corrupt = new Map<number, string>();
  /** The newest snapshot's membership (sorted ids), kept from the last save for the next one's delta. */
  private lastMembers?: { readonly id: number; readonly sorted: Int32Array };

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
    private readonly readOnly: boolean,
    private readonly unlock: () => void,
    /** How it was opened: another connection to the same file (a writer thread) opens it alike. */
    readonly openOptions: OpenOptions = {},
  ) {}

  /**
   * Opens (creating directories and file unless read-only) and migrates to the newest schema. With
   * `lock`, holds `<path>.lock` until close, and refuses ('locked') a database another server holds.
   */
  static open(path: string, options: OpenOptions = {}): Store {
    const unlock = options.lock && !options.readonly ? guarded(path, () => acquireLock(path)) : () => {};
    let db: Database.Database;
    try {
      db = openDatabase(path, options);
    } catch (err) {
      unlock();
      throw err;
    }
    try {
      const migrations = guarded(path, () => loadMigrations());
      if (options.readonly) {
        const version = guarded(path, () => schemaVersion(db));
        assertNotNewer(version, migrations, path);
        const latest = migrations.at(-1)?.version ?? 0;
        if (version < latest) {
          throw new StoreError('io', `database ${path} has schema version ${version}; open it read-write once to migrate it to ${latest}`);
        }
      } else {
        guarded(path, () => migrate(db, migrations, { path }));
      }
    } catch (err) {
      db.close();
      unlock();
      throw err;
    }
    return new Store(db, path, options.readonly ?? false, unlock, options);
  }

  private run<T>(fn: () => T): T {
    if (!this.isOpen) throw new StoreError('io', `store ${this.path} is closed`);
    return guarded(this.path, fn);
  }

  /** Reads that span statements see one consistent state of the file. */
  private read<T>(fn: () => T): T {
    return this.run(() => this.db.transaction(fn).deferred());
  }

  private write<T>(fn: () => T): T {
    if (this.readOnly) throw new StoreError('io', `database ${this.path} was opened read-only`);
    return this.run(() => this.db.transaction(fn).immediate());
  }

  private toMeta(row: SnapshotRow): SnapshotMeta {
    const meta = toMeta(row);
    return this.corrupt.has(meta.id) ? { ...meta, corrupt: true } : meta;
  }

  private metaRow(id: number): SnapshotMeta | undefined {
    const row = this.db.prepare(`SELECT ${META_COLUMNS} FROM snapshots WHERE id = ?`).get(id) as SnapshotRow | undefined;
    return row && this.toMeta(row);
  }

  private latestMeta(): SnapshotMeta | undefined {
    const row = this.db.prepare(`SELECT ${META_COLUMNS} FROM snapshots ORDER BY id DESC LIMIT 1`).get() as SnapshotRow | undefined;
    return row && this.toMeta(row);
  }

  private requireSnapshot(id: number): void {
    if (!this.db.prepare('SELECT 1 FROM snapshots WHERE id = ?').get(id)) {
      throw new StoreError('not-found', `snapshot ${id} is not stored in ${this.path}`);
    }
  }

  /**
   * Stores `snapshot` as a new history entry in one transaction, with `dataplane`: the summary of the
   * network plugin the engine reads from it. When its content equals the latest snapshot's, no
   * snapshot or object is written and the latest is returned with `created: false`; its takenAt and
   * detail stay those of the first save (they describe that observation). Its dataplane summary,
   * though, is replaced when a different one is given: the summary is derived from the content, so
   * for equal content it differs only when the deriving code changed (a netreach upgrade) or the row
   * has none (saved before schema 3 or without one) — and the newest reading is the one to show.
   * An omitted summary never erases a stored one.
   */
  save(
    snapshot: Snapshot,
    takenAt: Date,
    detail?: Record<string, unknown>,
    dataplane?: DataplaneSummary,
  ): { meta: SnapshotMeta; created: boolean } {
    const objects = flattenSnapshot(snapshot);
    const hash = snapshotHash(snapshot.source, objects);
    const summary = toJson(dataplane);
    const saved = this.write((): { meta: SnapshotMeta; created: boolean } | { meta: SnapshotMeta; created: true; sorted: Int32Array } => {
      const latest = this.latestMeta();
      if (latest && latest.hash === hash) {
        if (summary === null || summary === toJson(latest.dataplane)) return { meta: latest, created: false };
        this.db.prepare('UPDATE snapshots SET dataplane = ? WHERE id = ?').run(summary, latest.id);
        return { meta: this.metaRow(latest.id)!, created: false };
      }
      const info = this.db
        .prepare('INSERT INTO snapshots (taken_at, source, hash, counts, detail, dataplane) VALUES (?, ?, ?, ?, ?, ?)')
        .run(takenAt.toISOString(), snapshot.source, hash, JSON.stringify(snapshotCounts(snapshot)), toJson(detail), summary);
      const id = Number(info.lastInsertRowid);
      const sorted = this.insertMembers(id, objects);
      if (latest) h.writeDelta(this.db, id, latest.id, sorted, this.membersOf(latest.id));
      return { meta: this.metaRow(id)!, created: true, sorted };
    });
    if ('sorted' in saved) {
      this.lastMembers = { id: saved.meta.id, sorted: saved.sorted };
      return { meta: saved.meta, created: true };
    }
    return saved;
  }

  /** Snapshot `id`'s membership as sorted ids (kept from the last save when it is that one). */
  private membersOf(id: number): Int32Array {
    if (this.lastMembers?.id === id) return this.lastMembers.sorted;
    return h.memberIds(this.db, id).sort();
  }

  /** Writes the membership rows; returns the object ids, sorted. */
  private insertMembers(snapshotId: number, objects: readonly HashedObject[]): Int32Array {
    const find = this.db.prepare('SELECT id FROM objects WHERE hash = ?').pluck();
    const insert = this.db.prepare('INSERT INTO objects (hash, kind, namespace, name, body) VALUES (?, ?, ?, ?, ?)');
    const member = this.db.prepare('INSERT INTO snapshot_objects (snapshot_id, seq, object_id) VALUES (?, ?, ?)');
    const indexes = new IndexWriter(this.db);
    const ids = new Int32Array(objects.length);
    objects.forEach((o, seq) => {
      let objectId = find.get(o.hash) as number | bigint | undefined;
      if (objectId === undefined) {
        objectId = insert.run(o.hash, o.object.kind, o.namespace, o.name, o.body).lastInsertRowid;
        indexes.write(objectId, o.object);
      }
      member.run(snapshotId, seq, objectId);
      ids[seq] = Number(objectId);
    });
    return ids.sort();
  }

  /** Snapshot metadata, newest first. */
  list(limit?: number): SnapshotMeta[] {
    return this.run(() =>
      (this.db.prepare(`SELECT ${META_COLUMNS} FROM snapshots ORDER BY id DESC LIMIT ?`).all(limit ?? -1) as SnapshotRow[]).map((r) =>
        this.toMeta(r),
      ),
    );
  }

  get(id: number): StoredSnapshot | undefined {
    return this.read(() => {
      const meta = this.metaRow(id);
      return meta && { meta, snapshot: this.load(meta) };
    });
  }

  latest(): StoredSnapshot | undefined {
    return this.read(() => {
      const meta = this.latestMeta();
      return meta && { meta, snapshot: this.load(meta) };
    });
  }

  /**
   * The snapshot's objects, each checked against the sha256 stored beside it: a mismatch (a damaged
   * page SQLite did not notice, an edited row) throws 'corrupt-snapshot' and marks the snapshot
   * corrupt in `list`, so it is never served as truth.
   */
  private load(meta: SnapshotMeta): Snapshot {
    const rows = this.db
      .prepare(
        'SELECT o.kind, o.namespace, o.name, o.body, o.hash FROM snapshot_objects so JOIN objects o ON o.id ' +
          '= so.object_id WHERE so.snapshot_id = ? ORDER BY so.seq',
      )
      .iterate(meta.id) as IterableIterator<{ kind: string; namespace: string | null; name: string; body: string; hash: string }>;
    const path = this.path;
    const corrupt = this.corrupt;
    function* verified() {
      for (const row of rows) {
        if (objectHash(row.kind, row.body) !== row.hash) {
          const what = `${row.kind} ${row.namespace ? `${row.namespace}/` : ''}${row.name}`;
          const reason = `snapshot ${meta.id} in ${path} is corrupt: the stored content of ${what} does not match its sha256`;
          corrupt.set(meta.id, reason);
          throw new StoreError('corrupt-snapshot', `${reason}; it is not served`);
        }
        yield row;
      }
    }
    return assembleSnapshot(meta.source, verified());
  }

  /** Objects added/changed/removed from snapshot `a` to `b`. Throws 'not-found' for an unknown id. */
  diff(a: number, b: number): ObjectChange[] {
    return this.read(() => {
      this.requireSnapshot(a);
      this.requireSnapshot(b);
      return diffSnapshots(this.db, a, b);
    });
  }

  /** Deletes old snapshots (never the newest) and their orphaned objects; returns how many snapshots went. */
  retain(policy: RetentionPolicy): number {
    return this.write(() => applyRetention(this.db, policy));
  }

  /** Pods of snapshot `id` carrying label `key` (with `value`, when given). */
  podsByLabel(id: number, key: string, value?: string): q.ObjectName[] {
    return this.query(id, () => q.podsByLabel(this.db, id, key, value));
  }

  /** Policies whose selectors name label `key` (and `value`, or the key alone via Exists/DoesNotExist). */
  policiesByLabel(id: number, key: string, value?: string): q.ObjectName[] {
    return this.query(id, () => q.policiesByLabel(this.db, id, key, value));
  }

  /** ipBlocks containing `ip`, with `excepted` true when one of the block's excepts contains it too. */
  policiesByAddress(id: number, ip: string): q.PolicyCidrMatch[] {
    return this.query(id, () => q.policiesByAddress(this.db, id, ip));
  }

  podsByIp(id: number, ip: string): q.ObjectName[] {
    return this.query(id, () => q.podsByIp(this.db, id, ip));
  }

  private query<T>(id: number, fn: () => T): T {
    return this.read(() => {
      this.requireSnapshot(id);
      return fn();
    });
  }

  /** Every snapshot (id, takenAt, source), oldest first: the history's time line. */
  historyEntries(): h.HistoryEntry[] {
    return this.run(() => h.historyEntries(this.db));
  }

  /** Snapshot `id`'s object ids in seq order (empty when it is not stored). */
  memberIds(id: number): Int32Array {
    return this.run(() => h.memberIds(this.db, id));
  }

  /** What snapshot `id` gained and lost against the snapshot saved before it, when the save recorded it. */
  storedDelta(id: number): h.StoredDelta | undefined {
    return this.read(() => h.storedDelta(this.db, id));
  }

  /** Stored objects by id, bodies as canonical JSON. */
  objectRows(ids: readonly number[]): h.StoredObjectRow[] {
    return this.read(() => h.objectRows(this.db, ids));
  }

  /** The newest stored version of an object by kind, namespace and name (any snapshot). */
  latestObjectNamed(kind: string, namespace: string | null, name: string): h.StoredObjectRow | undefined {
    return this.run(() => h.latestObjectNamed(this.db, kind, namespace, name));
  }

  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    try {
      this.db.close();
    } finally {
      this.unlock();
    }
  }
}
