// Prometheus metrics (prom-client, one registry per app so several apps in one process do not
// collide): request latency by route and status, the served snapshot's age and objects by kind, and
// watch restarts, which the serve wiring reports through watchRestarted / setWatchRestarts.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SnapshotService } from '../../service/snapshots.ts';

export class ApiMetrics {
  readonly registry = new Registry();
  private readonly latency: Histogram<'method' | 'route' | 'status'>;
  private readonly restarts: Counter;
  private restartTotal = 0;

  constructor(service: SnapshotService) {
    this.latency = new Histogram({
      name: 'netreach_http_request_duration_seconds',
      help: 'HTTP request latency by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.restarts = new Counter({
      name: 'netreach_watch_restarts_total',
      help: 'Times the cluster watch was restarted',
      registers: [this.registry],
    });
    new Gauge({
      name: 'netreach_snapshot_age_seconds',
      help: 'Age of the snapshot being served (absent before the first one)',
      registers: [this.registry],
      collect() {
        const r = service.readiness();
        this.reset();
        if (r.ageSeconds !== undefined) this.set(r.ageSeconds);
      },
    });
    new Counter({
      name: 'netreach_store_write_failures_total',
      help: 'Snapshot writes the database refused (disk full, read-only, locked, I/O error)',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(service.storeWriteFailures);
      },
    });
    new Gauge({
      name: 'netreach_source_stale',
      help:
        '1 while the served data may be behind its source (resumed from the store, ' +
        'or the API server or manifest files failing), else 0',
      registers: [this.registry],
      collect() {
        this.set(service.staleness().stale ? 1 : 0);
      },
    });
    new Gauge({
      name: 'netreach_source_last_sync_timestamp_seconds',
      help:
        'When the served data was last known current with its source: now while fresh, ' +
        'the time it fell behind while stale (absent before the first snapshot)',
      registers: [this.registry],
      collect() {
        this.reset();
        if (!service.current()) return;
        const { since } = service.staleness();
        this.set((since ? Date.parse(since) : Date.now()) / 1000);
      },
    });
    new Gauge({
      name: 'netreach_snapshot_objects',
      help: 'Objects in the snapshot being served, by kind',
      labelNames: ['kind'],
      registers: [this.registry],
      collect() {
        this.reset();
        const counts = service.current()?.meta.counts ?? {};
        for (const [kind, n] of Object.entries(counts)) this.set({ kind }, n);
      },
    });
    new Gauge({
      name: 'netreach_assertion_failing',
      help: 'Whether a reachability assertion (serve --assertions) fails on the served snapshot: 1 failing, 0 holding',
      labelNames: ['name'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const a of service.assertions()?.status().assertions ?? []) this.set({ name: a.name }, a.status === 'failing' ? 1 : 0);
      },
    });
  }

  /** One labelled child per method, route and status, looked up by a string key: observe() is on
   * every request's path, and prom-client's labelled observe validates and hashes the labels each time. */
  private readonly children = new Map<string, { observe(seconds: number): void }>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let child = this.children.get(key);
    if (!child) {
      child = this.latency.labels({ method, route, status: String(status) });
      this.children.set(key, child);
    }
    child.observe(seconds);
  }

  watchRestarted(n = 1): void {
    this.restartTotal += n;
    this.restarts.inc(n);
  }

  /** For a watcher that counts restarts itself: raise the counter to its total. */
  setWatchRestarts(total: number): void {
    if (total > this.restartTotal) this.watchRestarted(total - this.restartTotal);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
