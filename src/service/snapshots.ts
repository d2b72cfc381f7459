// The service's picture of the cluster: the snapshot being served (compiled, in memory), history
// from the store (compiled on demand, a few kept), and what readiness reports. Two ways in:
// - `commit` (uploads): stored first, served only once the commit returned, so an id given to a
//   client is durable; a failed write throws and leaves the served snapshot as it was.
// - `accept` (the watcher, manifests): served at once; when the write fails (database locked, disk
//   full, read-only) it keeps being served from memory, marked not persisted, and the write is retried.
// Every write failure is logged, counted (`storeWriteFailures`) and makes /readyz not ready with the
// reason until a write succeeds. REST, gRPC and the watcher all go through here.
import { compile } from '../engine/index.ts';
import type { DataplaneSummary } from '../engine/verdict.ts';
import type { CniOverride } from '../model/dataplane.ts';
import type { Snapshot, SnapshotSource } from '../model/types.ts';
import { dataplaneSummary } from '../query/dataplane.ts';
import { snapshotCounts } from '../store/objects.ts';
import { StoreError, type OpenOptions, type SnapshotMeta, type Store } from '../store/store.ts';
import { Timeline } from '../query/history/timeline.ts';
import type { AssertionMonitor } from './assertions.ts';
import type { ServedSnapshot } from './served-snapshot.ts';

export type { ServedSnapshot } from './served-snapshot.ts';
import type { Saver } from './upload-off-thread.ts';

/** Lets timers and sockets run between the long steps of a large commit. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface Readiness {
  readonly ready: boolean;
  /** Where snapshots come from: `cluster (~/.kube/config)`, `demo`, `manifests (path)`. */
  readonly source: string;
  readonly snapshotId?: number;
  readonly takenAt?: string;
  readonly ageSeconds?: number;
  /**
   * The served data may be behind its source: resumed from the store before the first sync, or the
   * source (API server, manifest files) is failing now. Tracked at all times, not only before the first sync.
   */
  readonly stale: boolean;
  readonly staleReason?: string;
  /** Since when the data has been behind: the resumed snapshot's time, or when the source began failing. */
  readonly staleSince?: string;
  /** The last store write failed (or the stored history is corrupt): not ready until a write succeeds. */
  readonly storeError?: string;
  /** False while the served snapshot is only in memory (its write failed and is being retried). */
  readonly persisted?: boolean;
  /** The served snapshot was accepted leniently: objects with errors were left out. */
  readonly partial?: boolean;
  /** The network plugin the served snapshot is answered under (detected, `--cni`, or none). */
  readonly dataplane?: DataplaneSummary;
  /** The oldest snapshot retention keeps: how far back history, diff and `at` can look. */
  readonly oldestSnapshot?: { readonly id: number; readonly takenAt: string };
}

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
  private pending?: { snapshot: Snapshot; takenAt: Date; detail: Record<string, unknown>; dataplane: DataplaneSummary };
  private retryTimer?: NodeJS.Timeout;
  private readonly cache = new Map<number, ServedSnapshot>();
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
  staleness(): { stale: boolean; reason?: string; since?: string } {
    const since = this.resumed !== undefined && this.served ? this.served.meta.takenAt : this.fault?.since.toISOString();
    const reason = this.fault?.reason ?? this.resumed;
    return reason === undefined ? { stale: false } : { stale: true, reason, ...(since ? { since } : {}) };
  }

  /** A new snapshot from the watcher, an upload or manifests: served at once, then stored. */
  accept(input: Snapshot, source: SnapshotSource, detail: Record<string, unknown> = {}): ServedSnapshot {
    const snapshot = this.withCni(input);
    const compiled = compile(snapshot, this.served?.compiled);
    const dataplane = dataplaneSummary(compiled);
    const takenAt = this.now();
    let meta: SnapshotMeta;
    if (this.writingElsewhere) {
      // Not a failure: the database is busy with an upload's write; this one follows it.
      this.pending = { snapshot, takenAt, detail: { ...detail, source }, dataplane };
      this.scheduleRetry();
      meta = {
        id: 0,
        takenAt: takenAt.toISOString(),
        source,
        hash: '',
        counts: snapshotCounts(snapshot),
        detail: { ...detail, unsaved: true },
        dataplane,
      };
      return this.serve({ meta, snapshot, compiled });
    }
    try {
      meta = this.options.store.save(snapshot, takenAt, { ...detail, source }, dataplane).meta;
      this.storeError = undefined;
      this.pending = undefined;
    } catch (err) {
      this.writeFailed(err, `snapshot from ${source} served from memory, not persisted; retrying`);
      this.pending = { snapshot, takenAt, detail: { ...detail, source }, dataplane };
      this.scheduleRetry();
      meta = {
        id: 0,
        takenAt: takenAt.toISOString(),
        source,
        hash: '',
        counts: snapshotCounts(snapshot),
        detail: { ...detail, unsaved: true },
        dataplane,
      };
    }
    return this.serve({ meta, snapshot, compiled });
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
    if (meta.id > 0) this.cache.set(meta.id, this.served);
    this.trimCache();
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
    if (this.served && this.served.meta.id === id) return this.served;
    const hit = this.cache.get(id);
    if (hit) {
      this.cache.delete(id); // refresh LRU order
      this.cache.set(id, hit);
      return hit;
    }
    const stored = this.options.store.get(id);
    if (!stored) return undefined;
    const compiled = compile(stored.snapshot);
    // Rows saved before the store kept a dataplane summary get the one their compile reads.
    const meta = stored.meta.dataplane ? stored.meta : { ...stored.meta, dataplane: dataplaneSummary(compiled) };
    const served = { meta, snapshot: stored.snapshot, compiled };
    this.cache.set(id, served);
    this.trimCache();
    return served;
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
    const s = this.served;
    const st = this.staleness();
    const staleness = { stale: st.stale, ...(st.reason ? { staleReason: st.reason } : {}), ...(st.since ? { staleSince: st.since } : {}) };
    const base = { source: this.options.sourceLabel, ...staleness, ...(this.storeError ? { storeError: this.storeError } : {}) };
    if (!s) return { ready: false, ...base };
    const ageSeconds = Math.max(0, Math.round((this.now().getTime() - Date.parse(s.meta.takenAt)) / 1000));
    const marks = { persisted: s.meta.id > 0, partial: s.meta.detail?.partial === true };
    return {
      ready: this.storeError === undefined,
      snapshotId: s.meta.id,
      takenAt: s.meta.takenAt,
      ageSeconds,
      ...base,
      ...marks,
      dataplane: dataplaneSummary(s.compiled),
      ...this.oldestSnapshot(),
    };
  }

  private oldestSnapshot(): { oldestSnapshot?: { id: number; takenAt: string } } {
    try {
      const oldest = this.options.store.historyEntries()[0];
      return oldest ? { oldestSnapshot: { id: oldest.id, takenAt: oldest.takenAt } } : {};
    } catch {
      return {}; // readiness never fails on a store read; storeError says what is wrong with writes
    }
  }

  /** Stops retries; the store is closed by its owner. */
  close(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.listeners.clear();
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.retryPending();
    }, this.options.retryMs ?? 5000);
    this.retryTimer.unref();
  }

  private retryPending(): void {
    const p = this.pending;
    if (!p) return;
    if (this.writingElsewhere) return this.scheduleRetry();
    try {
      const meta = this.options.store.save(p.snapshot, p.takenAt, p.detail, p.dataplane).meta;
      this.pending = undefined;
      this.storeError = undefined;
      if (this.served && this.served.snapshot === p.snapshot) {
        this.served = { ...this.served, meta };
        this.cache.set(meta.id, this.served);
      }
    } catch (err) {
      this.writeFailed(err, 'still served from memory; retrying');
      this.scheduleRetry();
    }
  }

  /** The snapshot with the user's --cni set; the same value when there is none to set. */
  private withCni(snapshot: Snapshot): Snapshot {
    const cni = this.options.cni;
    return cni === undefined ? snapshot : { ...snapshot, cni };
  }

  private trimCache(): void {
    const max = this.options.cacheSize ?? 4;
    while (this.cache.size > max) this.cache.delete(this.cache.keys().next().value!);
  }
}
