// `netreach serve` as a process: open the store, choose the source (a cluster through its
// kubeconfig, manifest files followed as they change, or the bundled demo cluster), serve the newest stored snapshot at once,
// keep snapshots flowing in, answer over HTTP (and gRPC beside it), and shut down cleanly.
import { findClusterConfig } from '../ingest/cluster/kubeconfig.ts';
import { ClusterSource } from '../ingest/cluster/cluster-source.ts';
import type { CniOverride } from '../model/dataplane.ts';
import { formatDiagnostic } from '../model/diagnostics.ts';
import { packagePath } from '../package-root.ts';
import { Store } from '../store/store.ts';
import type { LogOptions } from '../api/http/operability.ts';
import { type RunningServer, startServer } from '../api/http/server.ts';
import { type RunningGrpcServer, startGrpcServer } from '../api/grpc/server.ts';
import type { Assertion } from '../query/assertions/parse.ts';
import { mcpMount } from '../mcp/mount.ts';
import { chatConfigFrom } from '../api/chat/config.ts';
import { AssertionMonitor } from '../service/assertions.ts';
import { dataplaneLogger } from '../service/dataplane-log.ts';
import { ManifestSource } from '../service/manifest-source.ts';
import { SnapshotService } from '../service/snapshots.ts';

export const DEMO_CLUSTER = packagePath('examples/demo-cluster.yaml');

export interface ServeOptions {
  readonly kubeconfig?: string;
  readonly manifests?: readonly string[];
  readonly db: string;
  readonly listen: { host: string; port: number };
  /** Where gRPC listens; undefined: REST only. */
  readonly grpcListen?: { host: string; port: number };
  readonly debounceMs: number;
  readonly token?: string;
  readonly keepSnapshots: number;
  /** `--keep-for 30d`: snapshots older than this go too (never the newest). */
  readonly keepForMs?: number;
  readonly env: NodeJS.ProcessEnv;
  readonly home?: string;
  readonly log: (line: string) => void;
  /** `--cni NAME[,key=value]`: the network plugin to answer under, overriding detection. */
  readonly cni?: CniOverride;
  /** The REST server's log (pino through Fastify): 5xx with request id, drain warnings. Off when undefined. */
  readonly httpLog?: LogOptions;
  /** How long close() lets requests in flight finish before cutting them (default 10 s). */
  readonly drainTimeoutMs?: number;
  /** Retry delays of the cluster watch (default DEFAULT_BACKOFF). */
  readonly watchBackoff?: { initialMs: number; maxMs: number };
  /** `--lenient`: manifests with errors are served without the broken objects (marked partial)
   * instead of refusing to start; uploads choose per request (`?lenient=true`). */
  readonly lenient?: boolean;
  /** `--max-objects N`: most objects one upload may hold (default ingest/limits.ts). */
  readonly maxObjects?: number;
  /** `--assertions FILE`, parsed: evaluated on every snapshot (GET /v1/assertions, /metrics). */
  readonly assertions?: readonly Assertion[];
  /** `--slack-signing-secret-file`, `--mattermost-token-file` (else NETREACH_SLACK_SIGNING_SECRET, NETREACH_MATTERMOST_TOKEN). */
  readonly chatFiles?: { readonly slackSecretFile?: string; readonly mattermostTokenFile?: string };
}

export interface RunningService {
  readonly service: SnapshotService;
  /** `http://host:port` actually bound (port 0 picks one). */
  readonly url: string;
  /** gRPC `host:port` actually bound, when gRPC is served. */
  readonly grpcAddress?: string;
  readonly sourceLabel: string;
  /** SIGHUP: reads `--manifests` again (a snapshot, or the last good state kept and the reason said). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

type Source =
  | { kind: 'cluster'; label: string; start(service: SnapshotService, onRestart: () => void): ClusterSource }
  | { kind: 'files'; label: string; paths: readonly string[] };

async function chooseSource(o: ServeOptions): Promise<Source> {
  if (o.manifests && o.manifests.length > 0) return { kind: 'files', label: `manifests (${o.manifests.join(', ')})`, paths: o.manifests };
  const found = await findClusterConfig({ kubeconfig: o.kubeconfig, env: o.env, home: o.home });
  if (!found)
    return {
      kind: 'files',
      label: 'demo (no kubeconfig or in-cluster config found: serving the bundled demo cluster)',
      paths: [DEMO_CLUSTER],
    };
  const where = found.source.path ? `${found.source.kind} ${found.source.path}` : found.source.kind;
  return {
    kind: 'cluster',
    label: `cluster (${where})`,
    start: (service, onRestart) => {
      const source: ClusterSource = new ClusterSource({
        kubeConfig: found.kubeConfig,
        debounceMs: o.debounceMs,
        ...(o.watchBackoff ? { backoff: o.watchBackoff } : {}),
        onSnapshot: (snapshot, diagnostics) => {
          for (const d of diagnostics) if (d.severity === 'error') o.log(`netreach: skipped ${formatDiagnostic(d)}`);
          const served = service.accept(snapshot, 'cluster');
          o.log(
            `netreach: snapshot ${served.meta.id || '(unsaved)'}: ${served.meta.counts.pods} pods, ${served.meta.counts.policies} policies`,
          );
        },
        onEvent: (e) => {
          if (e.type === 'watch-restart') onRestart();
          // Stale from the first failure until every resource is current again, before and after the first sync.
          if (e.type === 'error')
            service.markStale(`the API server is unreachable or failing (${e.resource}): ${e.message ?? 'unknown error'}`);
          if (e.type === 'recovered' && source.lastError === undefined) {
            service.markFresh();
            o.log(`netreach: watch ${e.resource}: recovered; the API server answers again`);
          }
          if (e.type === 'error' || e.type === 'malformed' || e.type === 'relist')
            o.log(`netreach: watch ${e.resource}: ${e.type}${e.message ? `: ${e.message}` : ''}`);
          // An optional plugin-evidence target we may not read (RBAC) or that is absent: said once, never stale.
          if (e.type === 'unavailable')
            o.log(`netreach: watch ${e.resource}: not readable, plugin detection goes without it${e.message ? `: ${e.message}` : ''}`);
        },
      });
      source.start();
      return source;
    },
  };
}

/** Serves manifest files (or the bundled demo, which is never watched for edits) and waits for their first read. */
async function startFiles(paths: readonly string[], service: SnapshotService, o: ServeOptions): Promise<ManifestSource> {
  const demo = paths[0] === DEMO_CLUSTER;
  const files = new ManifestSource({
    paths,
    service,
    source: demo ? 'demo' : 'manifests',
    debounceMs: o.debounceMs,
    log: o.log,
    ...(o.lenient ? { lenient: true } : {}),
  });
  await files.first();
  if (!demo) files.watch();
  return files;
}

export async function runServe(o: ServeOptions): Promise<RunningService> {
  // One writer per database: a second serve on the same --db stops here, naming the holder.
  const store = Store.open(o.db, { lock: true });
  const source = await chooseSource(o);
  const service = new SnapshotService({ store, sourceLabel: source.label, log: o.log, ...(o.cni ? { cni: o.cni } : {}) });
  const logDataplane = dataplaneLogger(o.log);
  let cluster: ClusterSource | undefined;
  let files: ManifestSource | undefined;
  let http: RunningServer | undefined;
  let grpc: RunningGrpcServer | undefined;
  try {
    service.onSnapshot(() =>
      store.retain({ keepLast: o.keepSnapshots, ...(o.keepForMs !== undefined ? { maxAgeMs: o.keepForMs } : {}), now: new Date() }),
    );
    service.onSnapshot((served) => logDataplane(served.compiled));
    if (o.assertions) service.watchAssertions(new AssertionMonitor(o.assertions, o.log));
    if (source.kind === 'files') {
      files = await startFiles(source.paths, service, o);
    } else {
      const resumed = service.resume('waiting for the first full sync with the API server');
      if (resumed) {
        o.log(`netreach: serving stored snapshot ${resumed.meta.id} (${resumed.meta.takenAt}) until the cluster syncs`);
        logDataplane(resumed.compiled);
      }
      cluster = source.start(service, () => http?.app.metrics.watchRestarted());
    }
    const drain = o.drainTimeoutMs !== undefined ? { drainTimeoutMs: o.drainTimeoutMs } : {};
    const chat = { ...chatConfigFrom(o.env, o.chatFiles ?? {}), log: o.log };
    http = await startServer({
      service,
      mounts: [mcpMount(service)],
      chat,
      host: o.listen.host,
      port: o.listen.port,
      token: o.token,
      ...(o.httpLog ? { log: o.httpLog } : {}),
      ...drain,
      ...(o.maxObjects ? { limits: { maxObjects: o.maxObjects } } : {}),
    });
    if (o.grpcListen)
      grpc = await startGrpcServer({ service, host: o.grpcListen.host, port: o.grpcListen.port, token: o.token, log: o.log, ...drain });
  } catch (err) {
    await http?.close();
    await cluster?.stop();
    await files?.stop();
    service.close();
    store.close();
    throw err;
  }
  o.log(`netreach: ${source.label}; database ${o.db}; listening on ${http.url}${grpc ? `; gRPC on ${grpc.address}` : ''}`);
  let closing: Promise<void> | undefined;
  return {
    service,
    url: http.url,
    ...(grpc ? { grpcAddress: grpc.address } : {}),
    sourceLabel: source.label,
    async reload() {
      if (files) await files.reload();
      else o.log('netreach: SIGHUP: nothing to reload (the cluster is watched; uploads are snapshots already)');
    },
    close() {
      closing ??= (async () => {
        await cluster?.stop();
        await files?.stop();
        await Promise.all([http!.close(), grpc?.close()]);
        service.close();
        store.close();
      })();
      return closing;
    },
  };
}
