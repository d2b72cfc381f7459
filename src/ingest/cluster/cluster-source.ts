// A live cluster as a stream of snapshots: one watcher per resource keeps the raw objects current;
// changes are debounced into a snapshot built by the model's decoder. The first snapshot comes as soon
// as every resource has been listed once; after that, a burst of changes makes one snapshot.
import type { KubeConfig } from '@kubernetes/client-node';
import { decodeObjects } from '../../model/decode.ts';
import type { Diagnostic } from '../../model/diagnostics.ts';
import type { Snapshot } from '../../model/types.ts';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import { CLUSTER_RESOURCES } from './resources.ts';
import { ResourceWatcher, type WatcherEvent, type WatchStats } from './watcher.ts';

export const DEFAULT_DEBOUNCE_MS = 3000;

/**
 * A trailing debounce restarts on every change, so constant churn could postpone a snapshot forever;
 * after this many debounce periods since the first pending change, a snapshot is made regardless.
 */
const MAX_WAIT_PERIODS = 5;

export interface ClusterSourceOptions {
  kubeConfig: KubeConfig;
  /** Quiet time after the last change before a snapshot is made (default 3000). */
  debounceMs?: number;
  onSnapshot: (snapshot: Snapshot, diagnostics: Diagnostic[]) => void;
  onEvent?: (e: { type: 'synced' | 'relist' | 'watch-restart' | 'error' | 'malformed'; resource: string; message?: string }) => void;
  backoff?: { initialMs: number; maxMs: number };
}

export class ClusterSource {
  private readonly watchers: readonly ResourceWatcher[];
  private readonly counters: WatchStats = { watchRestarts: 0, relists: 0, errors: 0, malformed: 0 };
  private readonly debounceMs: number;
  private started = false;
  private stopped = false;
  private firstEmitted = false;
  private timer: NodeJS.Timeout | undefined;
  private firstChangeAt = 0;
  private lastChangeAt = 0;

  constructor(private readonly options: ClusterSourceOptions) {
    this.debounceMs = Math.max(0, options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    const backoff: BackoffOptions = options.backoff ?? DEFAULT_BACKOFF;
    this.watchers = CLUSTER_RESOURCES.map(
      (resource) =>
        new ResourceWatcher({
          kubeConfig: options.kubeConfig,
          resource,
          backoff,
          stats: this.counters,
          onChange: () => this.changed(),
          onEvent: (event) => this.watcherEvent(event),
        }),
    );
  }

  /** Every resource has been listed successfully at least once. */
  get synced(): boolean {
    return this.watchers.every((w) => w.synced);
  }

  get stats(): { watchRestarts: number; relists: number; errors: number; malformed: number } {
    return { ...this.counters };
  }

  /** An error of a resource whose latest request failed; undefined when all are healthy. */
  get lastError(): string | undefined {
    return this.watchers.map((w) => w.currentError).find((e) => e !== undefined);
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    for (const watcher of this.watchers) watcher.start();
  }

  /** Aborts every list and watch, cancels a pending snapshot; no callback runs after it resolves. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.all(this.watchers.map((w) => w.stop()));
  }

  private watcherEvent(event: WatcherEvent): void {
    if (this.stopped) return;
    this.report(event);
    if (event.type === 'synced' && !this.firstEmitted && this.synced) this.emit();
  }

  /** Before the first snapshot there is nothing to debounce: the first full sync emits everything. */
  private changed(): void {
    if (!this.firstEmitted || this.stopped) return;
    const now = performance.now();
    this.lastChangeAt = now;
    if (this.timer === undefined) {
      this.firstChangeAt = now;
      this.schedule(this.debounceMs);
    }
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => this.tick(), ms);
  }

  /** Re-arms instead of emitting while changes keep coming, up to the max wait. */
  private tick(): void {
    this.timer = undefined;
    const now = performance.now();
    const quietFor = now - this.lastChangeAt;
    const waited = now - this.firstChangeAt;
    const maxWait = this.debounceMs * MAX_WAIT_PERIODS;
    if (quietFor < this.debounceMs && waited < maxWait) {
      this.schedule(Math.max(1, Math.min(this.debounceMs - quietFor, maxWait - waited)));
      return;
    }
    this.emit();
  }

  private emit(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.firstEmitted = true;
    const objects = this.watchers.flatMap((w) => w.list()).map((object) => ({ object }));
    const { snapshot, diagnostics } = decodeObjects(objects, { source: 'cluster' });
    try {
      this.options.onSnapshot(snapshot, diagnostics);
    } catch (err) {
      this.report({ type: 'error', resource: 'snapshot', message: `onSnapshot failed: ${(err as Error).message}` });
    }
  }

  /** The caller's event hook must not be able to break a watch loop. */
  private report(event: WatcherEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // Logging is best effort; the watchers carry on regardless.
    }
  }
}
