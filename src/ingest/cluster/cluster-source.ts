// A live cluster as a stream of snapshots: one watcher per resource keeps the raw objects current;
// changes are debounced into a snapshot built by the model's decoder. The first snapshot comes as soon
// as every resource has been listed once; after that, a burst of changes makes one snapshot.
// Besides the six analysed resources, optional targets read the network plugin's evidence: every CRD,
// and in each plugin namespace that exists (followed through the namespaces watcher, so namespaces
// that are not there cost no request) its DaemonSets and plugin ConfigMaps. A target that is forbidden
// or missing reads as empty and never holds a snapshot back.
import type { KubeConfig } from '@kubernetes/client-node';
import { PLUGIN_NAMESPACES } from '../../model/dataplane.ts';
import { decodeObjects } from '../../model/decode.ts';
import type { Diagnostic } from '../../model/diagnostics.ts';
import type { Snapshot } from '../../model/types.ts';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import { CLUSTER_RESOURCES, CRD_RESOURCE, FELIX_RESOURCE, pluginTargetsIn, type ClusterResource } from './resources.ts';
import { POLICY_RESOURCES, crdNameOf } from './policy-resources.ts';
import { ResourceWatcher, type WatcherEvent, type WatcherEventType, type WatchStats } from './watcher.ts';

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
  /** `unavailable`: an optional target answered 403/404 and reads as empty (once until it is readable again). */
  onEvent?: (e: { type: WatcherEventType; resource: string; message?: string }) => void;
  backoff?: { initialMs: number; maxMs: number };
}

export class ClusterSource {
  private readonly core: readonly ResourceWatcher[];
  private readonly namespaces: ResourceWatcher;
  /** Optional targets by name; the namespaced ones come and go with their namespace. */
  private readonly plugins = new Map<string, ResourceWatcher>();
  private readonly stopping = new Set<Promise<void>>();
  private readonly counters: WatchStats = { watchRestarts: 0, relists: 0, errors: 0, malformed: 0, unavailable: 0 };
  private readonly backoff: BackoffOptions;
  private readonly debounceMs: number;
  private started = false;
  private stopped = false;
  private firstEmitted = false;
  private timer: NodeJS.Timeout | undefined;
  private firstChangeAt = 0;
  private lastChangeAt = 0;

  constructor(private readonly options: ClusterSourceOptions) {
    this.debounceMs = Math.max(0, options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.core = CLUSTER_RESOURCES.map((resource) =>
      this.watcher(resource, resource.name === 'namespaces' ? () => this.namespacesChanged() : () => this.changed()),
    );
    this.namespaces = this.core[CLUSTER_RESOURCES.findIndex((r) => r.name === 'namespaces')]!;
    this.plugins.set(
      CRD_RESOURCE.target,
      this.watcher(CRD_RESOURCE, () => this.crdsChanged()),
    );
    this.plugins.set(
      FELIX_RESOURCE.target,
      this.watcher(FELIX_RESOURCE, () => this.changed()),
    );
  }

  /**
   * Starts the watch of a policy kind (policy-resources.ts) whose CRD appeared and stops the one of a
   * CRD that went; like namespacesChanged, before the CRD watcher reports its first sync.
   */
  private crdsChanged(): void {
    const crds = new Set((this.plugins.get(CRD_RESOURCE.target)?.list() ?? []).map((o) => String(o.metadata.name)));
    for (const resource of POLICY_RESOURCES) {
      const running = this.plugins.get(resource.target);
      const present = crds.has(crdNameOf(resource));
      if (present && !running && !this.stopped) {
        const watcher = this.watcher(resource, () => this.changed());
        this.plugins.set(resource.target, watcher);
        if (this.started) watcher.start();
      } else if (!present && running) {
        this.plugins.delete(resource.target);
        // As in namespacesChanged: a failing target that is gone no longer holds the source stale.
        if (running.currentError !== undefined) this.report({ type: 'recovered', resource: resource.target });
        const stopped: Promise<void> = running.stop().then(() => void this.stopping.delete(stopped));
        this.stopping.add(stopped);
      }
    }
    if (!this.firstEmitted && this.synced) this.emit();
    else this.changed();
  }

  /** Every resource has been listed successfully at least once, and every optional target has settled. */
  get synced(): boolean {
    return this.core.every((w) => w.synced) && [...this.plugins.values()].every((w) => w.settled);
  }

  get stats(): WatchStats {
    return { ...this.counters };
  }

  /** An error of a resource whose latest request failed; undefined when all are healthy. */
  get lastError(): string | undefined {
    return this.watchers()
      .map((w) => w.currentError)
      .find((e) => e !== undefined);
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    for (const watcher of this.watchers()) watcher.start();
  }

  /** Aborts every list and watch, cancels a pending snapshot; no callback runs after it resolves. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.all([...this.watchers().map((w) => w.stop()), ...this.stopping]);
  }

  /** Core first, in decoding order, then the optional targets by name (equal state, equal input). */
  private watchers(): ResourceWatcher[] {
    const plugins = [...this.plugins.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, w]) => w);
    return [...this.core, ...plugins];
  }

  private watcher(resource: ClusterResource, onChange: () => void): ResourceWatcher {
    return new ResourceWatcher({
      kubeConfig: this.options.kubeConfig,
      resource,
      backoff: this.backoff,
      stats: this.counters,
      onChange,
      onEvent: (event) => this.watcherEvent(event),
    });
  }

  /**
   * Starts the plugin targets of a plugin namespace that appeared and stops those of one that went.
   * Called (synchronously) before the namespaces watcher reports its first sync, so the first snapshot
   * waits for the targets of the namespaces that exist then.
   */
  private namespacesChanged(): void {
    for (const namespace of PLUGIN_NAMESPACES) {
      const present = this.namespaces.has(`/${namespace}`);
      for (const target of pluginTargetsIn(namespace)) {
        const running = this.plugins.get(target.target);
        if (present && !running && !this.stopped) {
          const watcher = this.watcher(target, () => this.changed());
          this.plugins.set(target.target, watcher);
          if (this.started) watcher.start();
        } else if (!present && running) {
          this.plugins.delete(target.target);
          // A target that was failing is gone: its error no longer holds the source stale.
          if (running.currentError !== undefined) this.report({ type: 'recovered', resource: target.target });
          const stopped: Promise<void> = running.stop().then(() => void this.stopping.delete(stopped));
          this.stopping.add(stopped);
        }
      }
    }
    // A target that went may have been the last one the first snapshot waited for.
    if (!this.firstEmitted && this.synced) this.emit();
    else this.changed();
  }

  private watcherEvent(event: WatcherEvent): void {
    if (this.stopped) return;
    this.report(event);
    if ((event.type === 'synced' || event.type === 'unavailable') && !this.firstEmitted && this.synced) this.emit();
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
    const objects = this.watchers()
      .flatMap((w) => w.list())
      .map((object) => ({ object }));
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
