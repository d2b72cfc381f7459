// List + watch of one resource, kept in a local cache of raw objects. The loop never throws and never
// stops on its own: a failed list or watch is retried with backoff, a dropped watch resumes from the
// last resourceVersion seen (events or bookmarks), a 410 Gone (status event or HTTP status) re-lists at
// once. Any other failure (an error status such as "Too large resource version" after an etcd restore
// or from a lagging HA API server, an HTTP error, a refused connection, a malformed event) re-lists
// after backoff: resuming from a resourceVersion the server cannot serve would retry forever and miss
// changes (client-go's reflector re-lists on these too: `isTooLargeResourceVersionError`, `isExpiredError`).
// An event whose resourceVersion is lower than the last one seen re-lists (resource-version.ts). An
// optional target (plugin evidence) answered with 403 or 404 reads as empty, is reported once, and is retried.
import type { KubeConfig } from '@kubernetes/client-node';
import { Backoff, sleep, type BackoffOptions } from './backoff.ts';
import { ApiError } from './http.ts';
import { listResource } from './list.ts';
import { ObjectCache } from './object-cache.ts';
import { VersionGuard } from './resource-version.ts';
import type { ClusterResource } from './resources.ts';
import { isGone, normaliseObject, resourceVersionOf, type RawObject, type WatchEvent } from './watch-event.ts';
import { isUnavailableStatus, type WatchEnd, watchOnce } from './watch-stream.ts';

/** `recovered`: a request succeeded after `error` (the resource is current again). */
export type WatcherEventType = 'synced' | 'relist' | 'watch-restart' | 'error' | 'malformed' | 'unavailable' | 'recovered';

export interface WatcherEvent {
  readonly type: WatcherEventType;
  readonly resource: string;
  readonly message?: string;
}

/** Counters for metrics, shared by the watchers of one source. */
export interface WatchStats {
  watchRestarts: number;
  relists: number;
  errors: number;
  malformed: number;
  /** Optional targets found forbidden or missing (once each time one becomes so). */
  unavailable: number;
}

export interface ResourceWatcherOptions {
  readonly kubeConfig: KubeConfig;
  readonly resource: ClusterResource;
  readonly backoff: BackoffOptions;
  readonly stats: WatchStats;
  /** The cache changed (an object added, changed or removed). Called synchronously, often: keep it cheap. */
  readonly onChange: () => void;
  readonly onEvent: (event: WatcherEvent) => void;
  readonly pageSize?: number;
}

export class ResourceWatcher {
  private readonly cache = new ObjectCache();
  private readonly stopper = new AbortController();
  private readonly backoff: Backoff;
  private resourceVersion = '';
  private readonly versions = new VersionGuard();
  private isSynced = false;
  private isUnavailable = false;
  private isSettled = false;
  private running: Promise<void> | undefined;
  private failing: string | undefined;

  constructor(private readonly options: ResourceWatcherOptions) {
    this.backoff = new Backoff(options.backoff);
  }

  /** Listed successfully at least once. */
  get synced(): boolean {
    return this.isSynced;
  }

  /** Listed, or (an optional target) found unavailable: nothing more to wait for before a snapshot. */
  get settled(): boolean {
    return this.isSettled;
  }

  /** Whether the cache holds the object with this `objectKey` (`namespace/name`, `/name` when cluster-scoped). */
  has(key: string): boolean {
    return this.cache.has(key);
  }

  /** The last error when the most recent request failed; undefined once a request succeeds again. */
  get currentError(): string | undefined {
    return this.failing;
  }

  /** The cached objects, sorted by namespace/name. */
  list(): RawObject[] {
    return this.cache.list();
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopper.abort();
    await this.running;
  }

  private get name(): string {
    return this.options.resource.target;
  }

  private async run(): Promise<void> {
    const signal = this.stopper.signal;
    while (!signal.aborted) {
      try {
        if (this.resourceVersion === '' && !(await this.relist())) {
          await sleep(this.backoff.next(), signal);
          continue;
        }
        const end = await this.watchOnce();
        const delay = this.afterWatch(end);
        if (delay > 0) await sleep(delay, signal);
      } catch (err) {
        // Not expected (every request error is a value above); keep watching rather than stop silently.
        this.error(`unexpected: ${(err as Error).message}`);
        await sleep(this.backoff.next(), signal);
      }
    }
  }

  /** Lists and replaces the cache; false (error reported) when the list failed. */
  private async relist(): Promise<boolean> {
    const { kubeConfig, resource, pageSize } = this.options;
    try {
      const result = await listResource(kubeConfig, resource, pageSize ?? 500, this.stopper.signal);
      if (this.stopper.signal.aborted) return false;
      if (result.malformed > 0) this.malformed(`${result.malformed} list item(s) without metadata.name left out`);
      this.replaceAll(result.items);
      this.resourceVersion = result.resourceVersion;
      this.versions.reset(result.resourceVersion);
      this.recovered();
      this.isUnavailable = false;
      this.backoff.reset();
      if (!this.isSynced) {
        this.isSynced = true;
        this.isSettled = true;
        this.options.onEvent({ type: 'synced', resource: this.name });
      }
      return true;
    } catch (err) {
      if (this.stopper.signal.aborted) return false;
      if (resource.optional && err instanceof ApiError && isUnavailableStatus(err.status)) this.unavailable(err.message);
      else this.error((err as Error).message);
      return false;
    }
  }

  /** Decides what follows a watch and returns how long to wait first. */
  private afterWatch(end: WatchEnd): number {
    switch (end.kind) {
      case 'stopped':
        return 0;
      case 'gone':
        this.resourceVersion = '';
        this.options.stats.relists++;
        this.options.onEvent({ type: 'relist', resource: this.name, message: 'resourceVersion too old (410 Gone)' });
        return 0;
      case 'closed':
        this.options.stats.watchRestarts++;
        this.options.onEvent({ type: 'watch-restart', resource: this.name, message: end.message });
        if (end.healthy) this.backoff.reset();
        return end.healthy ? 0 : this.backoff.next();
      case 'error':
        this.error(end.message);
        return this.relistAfterBackoff(end.message);
      case 'malformed':
        this.malformed(end.message);
        return this.relistAfterBackoff(end.message);
      case 'reset':
        this.error(end.message);
        return this.relistAfterBackoff(end.message);
      case 'unavailable':
        this.unavailable(end.message);
        return this.backoff.next();
      default: {
        const unreachable: never = end;
        return unreachable;
      }
    }
  }

  /** Forgets the resourceVersion so the next round lists afresh, after the backoff delay returned. */
  private relistAfterBackoff(message: string): number {
    this.resourceVersion = '';
    this.options.stats.relists++;
    this.options.onEvent({ type: 'relist', resource: this.name, message: `re-listing after: ${message}` });
    return this.backoff.next();
  }

  private watchOnce(): Promise<WatchEnd> {
    return watchOnce({
      kubeConfig: this.options.kubeConfig,
      resource: this.options.resource,
      resourceVersion: this.resourceVersion,
      stopped: this.stopper.signal,
      apply: (e) => this.apply(e),
    });
  }

  /** Applies one event to the cache; a WatchEnd when the event ends this watch. */
  private apply(event: WatchEvent): WatchEnd | undefined {
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED': {
        const reset = this.wentBackwards(resourceVersionOf(event.object));
        if (reset) return reset;
        const object = normaliseObject(event.object, this.options.resource);
        if (this.cache.put(object)) this.options.onChange();
        this.resourceVersion = resourceVersionOf(object) ?? this.resourceVersion;
        return undefined;
      }
      case 'DELETED': {
        const reset = this.wentBackwards(resourceVersionOf(event.object));
        if (reset) return reset;
        if (this.cache.delete(event.object)) this.options.onChange();
        this.resourceVersion = resourceVersionOf(event.object) ?? this.resourceVersion;
        return undefined;
      }
      case 'BOOKMARK': {
        const reset = this.wentBackwards(event.resourceVersion);
        if (reset) return reset;
        this.resourceVersion = event.resourceVersion;
        return undefined;
      }
      case 'ERROR':
        if (isGone(event)) return { kind: 'gone' };
        return {
          kind: 'error',
          message: `watch ${this.options.resource.listPath}: ${event.code !== undefined ? `${event.code} ` : ''}${event.message}`,
        };
      default: {
        const unreachable: never = event;
        return unreachable;
      }
    }
  }

  private wentBackwards(rv: string | undefined): WatchEnd | undefined {
    const reason = this.versions.check(rv);
    return reason === undefined ? undefined : { kind: 'reset', message: `watch ${this.options.resource.listPath}: ${reason}` };
  }

  /** A request succeeded: the resource is current again. */
  private recovered(): void {
    if (this.failing === undefined) return;
    this.failing = undefined;
    this.options.onEvent({ type: 'recovered', resource: this.name });
  }

  private replaceAll(items: readonly RawObject[]): void {
    if (this.cache.replaceAll(items)) this.options.onChange();
  }

  private error(message: string): void {
    this.failing = message;
    this.options.stats.errors++;
    this.options.onEvent({ type: 'error', resource: this.name, message });
  }

  /**
   * Reads as empty: what was cached can no longer be kept current. Reported once until the target is
   * listed again; not an error (the core resources, and so readiness, are unaffected).
   */
  private unavailable(message: string): void {
    this.resourceVersion = '';
    this.replaceAll([]);
    this.recovered();
    this.isSettled = true;
    if (this.isUnavailable) return;
    this.isUnavailable = true;
    this.options.stats.unavailable++;
    this.options.onEvent({ type: 'unavailable', resource: this.name, message: `${message}; read as none, retrying` });
  }

  private malformed(message: string): void {
    this.options.stats.malformed++;
    this.options.onEvent({ type: 'malformed', resource: this.name, message });
  }
}
