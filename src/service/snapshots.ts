// The service's picture of the cluster: the snapshot being served (compiled, in memory), history
// from the store (compiled on demand, a few kept), and what readiness reports. Two ways in:
// - `commit` (uploads): stored first, served only once the commit returned, so an id given to a
//   client is durable; a failed write throws and leaves the served snapshot as it was.
// - `accept` (the watcher, manifests): served at once; when the write fails (database locked, disk
//   full, read-only) it keeps being served from memory, marked not persisted, and the write is retried.
// Every write failure is logged, counted (`storeWriteFailures`) and makes /readyz not ready with the
// reason until a write succeeds. REST, gRPC and the watcher all go through here.
import { compile } from '../engine/index.ts';
import type { CniOverride } from '../model/dataplane.ts';
import type { Snapshot, SnapshotSource } from '../model/types.ts';
import { dataplaneSummary } from '../query/dataplane.ts';
import { StoreError, type OpenOptions, type SnapshotMeta, type Store } from '../store/store.ts';
import { Timeline } from '../query/history/timeline.ts';
import type { AssertionMonitor } from './assertions.ts';
import { CompiledCache } from './compiled-cache.ts';
import { PendingWrite, type UnsavedSnapshot, unsavedMeta } from './pending-write.ts';
import { type Readiness, type Staleness, readinessOf } from './readiness.ts';
import type { ServedSnapshot } from './served-snapshot.ts';
import type { Saver } from './upload-off-thread.ts';

export type { ServedSnapshot } from './served-snapshot.ts';
export type { Readiness } from './readiness.ts';

/** Lets timers and sockets run between the long steps of a large commit. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export type SnapshotListener = (served: ServedSnapshot) => void;

export interface SnapshotServiceOptions {
  readonly store: Store;
  readonly sourceLabel: string;
  /** Compiled history snapshots kept in memory. */
  readonly cacheSize?: number;
  /** Compiled snapshots the history time line keeps in memory (default 8). */
  readonly historyCacheSize?: number;
  readonly retryMs?: number;
  readonly now?: () => Date;
  /** `--cni NAME[,key=value]`: set on every snapshot accepted (and on the resumed one), so answers
   * and the stored history are under the plugin the user named. */
  readonly cni?: CniOverride;
  /** Where store failures are reported (one line each); default stderr. */
  readonly log?: (line: string) => void;
}

export class SnapshotService {
  /** Store writes that failed since start (`netreach_store_write_failures_total`). */
  storeWriteFailures = 0;
  private served?: ServedSnapshot;
  /** Resumed from the store: stale until the first fresh snapshot is accepted. */
  private resumed?: string;
  /** The source is failing now; set and cleared by the source only (a snapshot accepted meanwhile keeps it). */
  private fault?: { reason: string; since: Date };
  private storeError?: string;
  private readonly pending: PendingWrite;
  private readonly cache: CompiledCache;
  private readonly listeners = new Set<SnapshotListener>();
  private readonly now: () => Date;
  private timeline?: Timeline;
  private monitor?: AssertionMonitor;
  /** Commits in order: each waits for the one before (a write off the event loop holds the database). */
  private commits: Promise<unknown> = Promise.resolve();
  /** A commit's write is running on another connection: writes from here wait (retried) meanwhile. */
  private writingElsewhere = false;

  constructor(private readonly options: SnapshotServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.cache = new CompiledCache(options.store, options.cacheSize ?? 4);
    this.pending = new PendingWrite(options.retryMs ?? 5000, (p) => this.retryPending(p));
  }

  /** Serves the newest stored snapshot (after a restart) until a fresh one arrives. */
  resume(staleReason: string): ServedSnapshot | undefined {
    const latest = this.newestIntact();
    if (!latest) return undefined;
    // A --cni given now applies to the resumed snapshot too (in memory; the stored row is unchanged).
    const snapshot = this.withCni(latest.snapshot);
    const compiled = compile(snapshot);
    const meta =
      snapshot === latest.snapshot && latest.meta.dataplane ? latest.meta : { ...latest.meta, dataplane: dataplaneSummary(compiled) };
    this.served = { meta, snapshot, compiled };
    this.resumed = staleReason;
    return this.served;
  }

  /** The newest stored snapshot whose objects match their hashes; corrupt ones are reported, skipped. */
  private newestIntact(): ReturnType<Store['latest']> {
    const store = this.options.store;
    for (const meta of store.list(10)) {
      try {
        return store.get(meta.id);
      } catch (err) {
        if (!(err instanceof StoreError) || err.code !== 'corrupt-snapshot') throw err;
        this.storeError = err.message;
        this.log(`netreach: store: ${err.message}`);
      }
    }
    return undefined;
  }

  /** The source is failing: answers are marked stale from now (the first time) until `markFresh`. */
  markStale(reason: string): void {
    this.fault = { reason, since: this.fault?.since ?? this.now() };
  }

  /** The source is current again. */
  markFresh(): void {
    this.fault = undefined;
  }

  /** Whether answers from the served snapshot may be behind the source, why, and since when. */
  staleness(): Staleness {
    const since = this.resumed !== undefined && this.served ? this.served.meta.takenAt : this.fault?.since.toISOString();
    const reason = this.fault?.reason ?? this.resumed;
    return reason === undefined ? { stale: false } : { stale: true, reason, ...(since ? { since } : {}) };
  }

  /** A new snapshot from the watcher, an upload or manifests: served at once, then stored. */
  accept(input: Snapshot, source: SnapshotSource, detail: Record<string, unknown> = {}): ServedSnapshot {
    const snapshot = this.withCni(input);
    const compiled = compile(snapshot, this.served?.compiled);
    const unsaved: UnsavedSnapshot = {
      snapshot,
      takenAt: this.now(),
      detail: { ...detail, source },
      dataplane: dataplaneSummary(compiled),
    };
    // While an upload's write holds the database this one follows it (not a failure).
    if (!this.writingElsewhere) {
      try {
        const { meta } = this.options.store.save(snapshot, unsaved.takenAt, unsaved.detail, unsaved.dataplane);
        this.storeError = undefined;
        this.pending.clear();
        return this.serve({ meta, snapshot, compiled });
      } catch (err) {
        this.writeFailed(err, `snapshot from ${source} served from memory, not persisted; retrying`);
      }
    }
    this.pending.hold(unsaved);
    return this.serve({ meta: unsavedMeta(unsaved, source, detail), snapshot, compiled });
  }

  /**
   * An upload: stored first, then served. A failed write throws its StoreError (the caller answers
   * 507/503) and nothing changes: the served snapshot, the cache and the listeners stay as they were.
   */
  commit(input: Snapshot, source: SnapshotSource, detail: Record<string, unknown> = {}): ServedSnapshot {
    const snapshot = this.withCni(input);
    const compiled = compile(snapshot, this.served?.compiled);
    const dataplane = dataplaneSummary(compiled);
    let meta: SnapshotMeta;
    try {
      meta = this.options.store.save(snapshot, this.now(), { ...detail, source }, dataplane).meta;
    } catch (err) {
      this.writeFailed(err, `${source} refused, the served snapshot is unchanged`);
      throw err;
    }
    this.storeError = undefined;
    return this.serve({ meta, snapshot, compiled });
  }

  /**
   * `commit` for large uploads: the same contract (stored first, then served; a failed write throws
   * and changes nothing), with the compile and the write kept off one long stretch of the event
   * loop: it yields between steps, and `save` (upload-off-thread.ts) writes on a worker's own
   * connection. Commits run one at a time, in the order they were asked for.
   */
  async commitAsync(input: Snapshot, source: SnapshotSource, detail: Record<string, unknown>, save?: Saver): Promise<ServedSnapshot> {
    const turn = this.commits.then(() => this.commitSteps(input, source, detail, save));
    this.commits = turn.catch(() => undefined);
    return turn;
  }

  private async commitSteps(
    input: Snapshot,
    source: SnapshotSource,
    detail: Record<string, unknown>,
    save?: Saver,
  ): Promise<ServedSnapshot> {
    if (!save) return this.commit(input, source, detail);
    const snapshot = this.withCni(input);
    await nextTurn();
    const compiled = compile(snapshot, this.served?.compiled);
    const dataplane = dataplaneSummary(compiled);
    await nextTurn();
    let meta: SnapshotMeta;
    this.writingElsewhere = true;
    try {
      const cni = this.options.cni;
      meta = (
        await save({ takenAt: this.now().toISOString(), detail: { ...detail, source }, dataplane, ...(cni === undefined ? {} : { cni }) })
      ).meta;
    } catch (err) {
      this.writeFailed(err, `${source} refused, the served snapshot is unchanged`);
      throw err;
    } finally {
      this.writingElsewhere = false;
    }
    this.storeError = undefined;
    return this.serve({ meta, snapshot, compiled });
  }

  private writeFailed(err: unknown, consequence: string): void {
    this.storeWriteFailures++;
    this.storeError = (err as Error).message;
    this.log(`netreach: store write failed: ${this.storeError}; ${consequence}`);
  }

  private log(line: string): void {
    (this.options.log ?? ((l: string) => process.stderr.write(`${l}\n`)))(line);
  }

  private serve(served: ServedSnapshot): ServedSnapshot {
    const { meta } = served;
    this.served = served;
    this.resumed = undefined;
    if (meta.id > 0) this.cache.remember(this.served);
    // A listener's failure (retention on a full disk) must not undo an acknowledged snapshot.
    for (const listener of this.listeners) {
      try {
        listener(this.served);
      } catch (err) {
        this.log(`netreach: after snapshot ${meta.id || '(unsaved)'}: ${(err as Error).message}`);
      }
    }
    return this.served;
  }

  current(): ServedSnapshot | undefined {
    return this.served;
  }

  /** A snapshot by id: the one being served, a cached one, or compiled from the store. */
  get(id: number): ServedSnapshot | undefined {
    return this.served && this.served.meta.id === id ? this.served : this.cache.get(id);
  }

  /** Where another connection writes this service's database (a writer thread); undefined for an in-memory or read-only store. */
  writerTarget(): { path: string; options: OpenOptions } | undefined {
    const store = this.options.store;
    return store.openOptions.readonly || store.path === ':memory:' ? undefined : { path: store.path, options: store.openOptions };
  }

  /** The stored history as a time line (flow history, diff, `at`); one per service, so parsed
   * objects, deltas and compiled snapshots are reused across queries. */
  history(): Timeline {
    this.timeline ??= new Timeline(this.options.store, { compiledCacheSize: this.options.historyCacheSize });
    return this.timeline;
  }

  /** Evaluates `monitor` on every snapshot from now on (and on the one being served, if any). */
  watchAssertions(monitor: AssertionMonitor): void {
    this.monitor = monitor;
    this.onSnapshot((served) => monitor.evaluate(served));
    if (this.served) monitor.evaluate(this.served);
  }

  assertions(): AssertionMonitor | undefined {
    return this.monitor;
  }

  list(limit?: number): SnapshotMeta[] {
    return this.options.store.list(limit);
  }

  onSnapshot(listener: SnapshotListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  readiness(): Readiness {
    const { store, sourceLabel } = this.options;
    return readinessOf({
      served: this.served,
      staleness: this.staleness(),
      sourceLabel,
      storeError: this.storeError,
      now: this.now(),
      store,
    });
  }

  /** Stops retries; the store is closed by its owner. */
  close(): void {
    this.pending.close();
    this.listeners.clear();
  }

  /** Writes a snapshot served from memory; false when it is to be tried again. */
  private retryPending(p: UnsavedSnapshot): boolean {
    if (this.writingElsewhere) return false;
    try {
      const meta = this.options.store.save(p.snapshot, p.takenAt, p.detail, p.dataplane).meta;
      this.storeError = undefined;
      if (this.served && this.served.snapshot === p.snapshot) {
        this.served = { ...this.served, meta };
        this.cache.remember(this.served);
      }
      return true;
    } catch (err) {
      this.writeFailed(err, 'still served from memory; retrying');
      return false;
    }
  }

  /** The snapshot with the user's --cni set; the same value when there is none to set. */
  private withCni(snapshot: Snapshot): Snapshot {
    const cni = this.options.cni;
    return cni === undefined ? snapshot : { ...snapshot, cni };
  }
}
