// A fake Kubernetes API server on 127.0.0.1 for the resources netreach watches, speaking the real
// wire protocol: paginated lists whose items carry no kind/apiVersion, chunked watch streams of JSON
// lines from a resourceVersion (with a replayable history), bookmarks, 410 Gone for a compacted
// resourceVersion; cluster-wide and namespaced collection paths, `fieldSelector=metadata.name=NAME`.
// Test controls inject the faults a real cluster produces (a per-path 403 or 404 among them).
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RESOURCE_TYPES as CORE_TYPES, type ClusterResource, type ClusterResourceName } from '../../src/ingest/cluster/resources.ts';
import { POLICY_RESOURCES } from '../../src/ingest/cluster/policy-resources.ts';

// The routed types: the core and plugin ones, and the policy kinds whose plural name no other type
// shares (objects are kept by plural name; the others — Calico/Antrea networkpolicies, tiers, Antrea
// clusternetworkpolicies — are never routed: a 404, read as none).
const plural = (name: string) => [...CORE_TYPES, ...POLICY_RESOURCES].filter((r) => r.name === name).length === 1;
const RESOURCE_TYPES: readonly ClusterResource[] = [
  ...CORE_TYPES,
  ...POLICY_RESOURCES.filter((r) => plural(r.name) || r.group === 'policy.networking.k8s.io'),
];

type Raw = Record<string, unknown> & { metadata: Record<string, unknown> };
type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

interface HistoryEntry {
  readonly rv: number;
  readonly resource: ClusterResourceName;
  readonly type: EventType;
  readonly object: Raw;
}

/** Which objects of a resource a request reads: one namespace and/or one name (a field selector). */
interface Scope {
  readonly namespace?: string;
  readonly name?: string;
}

interface OpenWatch {
  readonly resource: ClusterResource;
  readonly scope: Scope;
  readonly response: http.ServerResponse;
  readonly bookmarks: boolean;
}

export interface MutationOptions {
  readonly silent?: boolean;
}

export interface WatchRequest {
  readonly resource: ClusterResourceName;
  readonly resourceVersion: string;
}

export class FakeApiServer {
  /** Every watch request, in order (what the client resumed from). */
  readonly watchRequests: WatchRequest[] = [];
  readonly listRequests: ClusterResourceName[] = [];
  /** `path?query` of every request, in order. */
  readonly requests: string[] = [];
  private readonly objects = new Map<ClusterResourceName, Map<string, Raw>>(RESOURCE_TYPES.map((r) => [r.name, new Map()]));
  private readonly refused = new Map<string, 403 | 404>();
  private readonly watches = new Set<OpenWatch>();
  private history: HistoryEntry[] = [];
  private rv = 100;
  private compactedBelow = 0;
  private readonly expireNext = new Map<ClusterResourceName, { count: number; mode: 'event' | 'http' }>();
  private listFailures = 0;
  /** Every request answered with this status (503: the API server overloaded or restarting). */
  private outage: number | undefined;
  private pending: Map<OpenWatch, string> | undefined;

  private constructor(
    private readonly server: http.Server,
    private readonly token: string | undefined,
  ) {}

  static async start(options: { port?: number; token?: string } = {}): Promise<FakeApiServer> {
    const server = http.createServer();
    const fake = new FakeApiServer(server, options.token);
    server.on('request', (req, res) => fake.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    return fake;
  }

  private closedPort: number | undefined;

  get port(): number {
    return this.closedPort ?? (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get resourceVersion(): string {
    return String(this.rv);
  }

  /** Requests whose path starts with `pathPrefix` get `code` (403 Forbidden, as without RBAC, or 404). */
  refuse(pathPrefix: string, code: 403 | 404 = 403): void {
    this.refused.set(pathPrefix, code);
  }

  /** Ends a `refuse`. */
  allow(pathPrefix: string): void {
    this.refused.delete(pathPrefix);
  }

  openWatches(resource?: ClusterResourceName): number {
    return [...this.watches].filter((w) => !resource || w.resource.name === resource).length;
  }

  /**
   * Mutations bump the global resourceVersion and reach open watches. `silent`: the change is made
   * but no watcher is told and it is not in the history (an event lost while the history was compacted).
   */
  add(resource: ClusterResourceName, object: Record<string, unknown>, options: MutationOptions = {}): void {
    this.write(resource, 'ADDED', object, options);
  }

  update(resource: ClusterResourceName, object: Record<string, unknown>, options: MutationOptions = {}): void {
    this.write(resource, 'MODIFIED', object, options);
  }

  remove(resource: ClusterResourceName, namespace: string | undefined, name: string, options: MutationOptions = {}): void {
    const stored = this.objects.get(resource)!.get(`${namespace ?? ''}/${name}`);
    if (!stored) throw new Error(`no ${resource} ${namespace}/${name}`);
    this.write(resource, 'DELETED', stored, options);
  }

  /** Mutations inside `fn` reach each watch in one write (a burst the client reads in one go). */
  batch(fn: () => void): void {
    this.pending = new Map();
    try {
      fn();
    } finally {
      const pending = this.pending;
      this.pending = undefined;
      for (const [watch, text] of pending) watch.response.write(text);
    }
  }

  /** Forgets the history: a watch from any resourceVersion older than now gets 410 Gone. */
  compact(): void {
    this.history = [];
    this.compactedBelow = this.rv;
  }

  /**
   * The next `count` watch requests of each resource (or of `resource` only) get 410 Gone, as an ERROR
   * status event or as the HTTP status.
   */
  expireNextWatches(count = 1, mode: 'event' | 'http' = 'event', resource?: ClusterResourceName): void {
    for (const r of RESOURCE_TYPES) if (!resource || r.name === resource) this.expireNext.set(r.name, { count, mode });
  }

  /** The next `count` list requests fail with 500 (Infinity: until `failLists(0)`). */
  failLists(count: number): void {
    this.listFailures = count;
  }

  /**
   * An etcd restore from a backup (or a lagging HA API server): the resourceVersion goes back to `rv`,
   * the history is gone, and a watch from a resourceVersion above it gets the API server's
   * "Too large resource version" error (504 Timeout, cause ResourceVersionTooLarge) as an ERROR event.
   * Open watches are cut. Objects changed with `silent` before it are what the restore brought back.
   */
  restoreTo(rv: number): void {
    this.rv = rv;
    this.history = [];
    this.compactedBelow = 0;
    this.dropWatches();
  }

  /** Every request gets `code` (default 503 Service Unavailable) until `endOutage()`; open watches are cut. */
  startOutage(code = 503): void {
    this.outage = code;
    this.dropWatches();
  }

  endOutage(): void {
    this.outage = undefined;
  }

  /** Stops listening (connections are refused) until `listenAgain()`, keeping every object. */
  async stopListening(): Promise<void> {
    const port = this.port;
    this.dropWatches();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.closedPort = port;
  }

  async listenAgain(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.closedPort, '127.0.0.1', () => resolve());
    });
    this.closedPort = undefined;
  }

  /** Cuts every watch connection mid-stream (no clean end of the chunked body). */
  dropWatches(): void {
    for (const watch of this.watches) watch.response.socket?.destroy();
    this.watches.clear();
  }

  /** Ends every watch cleanly, as the API server does when timeoutSeconds runs out. */
  closeWatches(): void {
    for (const watch of this.watches) watch.response.end();
    this.watches.clear();
  }

  sendMalformed(line = '{"type":"MODIFIED","object":{"metadata":', resource?: ClusterResourceName): void {
    for (const watch of this.watches) if (!resource || watch.resource.name === resource) watch.response.write(`${line}\n`);
  }

  /** A BOOKMARK at the current resourceVersion to every watch that asked for bookmarks. */
  sendBookmarks(): void {
    for (const watch of this.watches) {
      if (!watch.bookmarks) continue;
      const object = {
        kind: watch.resource.kind,
        apiVersion: watch.resource.apiVersion,
        metadata: { resourceVersion: this.resourceVersion },
      };
      this.send(watch, { type: 'BOOKMARK', object });
    }
  }

  async close(): Promise<void> {
    if (this.closedPort !== undefined) return;
    this.dropWatches();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private write(resource: ClusterResourceName, type: EventType, input: Record<string, unknown>, options: MutationOptions): void {
    const info = RESOURCE_TYPES.find((r) => r.name === resource)!;
    const object = structuredClone(input) as Raw;
    object.metadata = { ...(object.metadata ?? {}) };
    const key = `${(object.metadata.namespace as string | undefined) ?? ''}/${String(object.metadata.name)}`;
    const store = this.objects.get(resource)!;
    if (type === 'ADDED' && store.has(key)) throw new Error(`${resource} ${key} exists`);
    if (type === 'MODIFIED' && !store.has(key)) throw new Error(`no ${resource} ${key}`);
    this.rv++;
    object.metadata.resourceVersion = String(this.rv);
    object.metadata.uid ??= `uid-${resource}-${key}`;
    object.kind = info.kind;
    object.apiVersion = info.apiVersion;
    if (type === 'DELETED') store.delete(key);
    else store.set(key, object);
    if (options.silent) return;
    this.history.push({ rv: this.rv, resource, type, object });
    for (const watch of this.watches)
      if (watch.resource.name === resource && inScope(object, watch.scope)) this.send(watch, { type, object });
  }

  private send(watch: OpenWatch, event: unknown): void {
    const line = `${JSON.stringify(event)}\n`;
    if (this.pending) this.pending.set(watch, (this.pending.get(watch) ?? '') + line);
    else watch.response.write(line);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    this.requests.push(`${url.pathname}${url.search}`);
    if (this.token !== undefined && req.headers.authorization !== `Bearer ${this.token}`) {
      return status(res, 401, 'Unauthorized', 'Unauthorized');
    }
    if (this.outage !== undefined)
      return status(res, this.outage, 'ServiceUnavailable', 'the server is currently unable to handle the request');
    const route = routeOf(url.pathname);
    if (req.method !== 'GET' || !route) return status(res, 404, 'NotFound', `the server could not find ${url.pathname}`);
    const watch = url.searchParams.get('watch');
    const verb = watch === '1' || watch === 'true' ? 'watch' : 'list';
    const refusal = [...this.refused].find(([prefix]) => url.pathname.startsWith(prefix))?.[1];
    if (refusal === 403) return status(res, 403, 'Forbidden', forbiddenMessage(verb, route.resource, route.scope.namespace));
    if (refusal === 404) return status(res, 404, 'NotFound', `the server could not find the requested resource`);
    const selector = url.searchParams.get('fieldSelector');
    const byName = selector === null ? undefined : /^metadata\.name==?(.+)$/.exec(selector)?.[1];
    if (selector !== null && byName === undefined) return status(res, 400, 'BadRequest', `unsupported field selector ${selector}`);
    const scope: Scope = { ...route.scope, ...(byName !== undefined ? { name: byName } : {}) };
    if (verb === 'watch') return this.watch(route.resource, scope, url.searchParams, res);
    return this.list(route.resource, scope, url.searchParams, res);
  }

  private list(resource: ClusterResource, scope: Scope, query: URLSearchParams, res: http.ServerResponse): void {
    this.listRequests.push(resource.name);
    if (this.listFailures > 0) {
      this.listFailures--;
      return status(res, 500, 'InternalError', 'etcdserver: request timed out');
    }
    const all = [...this.objects.get(resource.name)!.entries()]
      .filter(([, o]) => inScope(o, scope))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, o]) => o);
    let offset = 0;
    const token = query.get('continue');
    if (token) {
      const parsed = JSON.parse(Buffer.from(token, 'base64url').toString()) as { rv: number; offset: number };
      if (parsed.rv !== this.rv) return status(res, 410, 'Expired', 'The provided continue parameter is too old');
      offset = parsed.offset;
    }
    const limit = Number(query.get('limit') ?? 0) || all.length;
    const page = all.slice(offset, offset + limit);
    const next =
      offset + limit < all.length ? Buffer.from(JSON.stringify({ rv: this.rv, offset: offset + limit })).toString('base64url') : undefined;
    // Like a real API server: items of a list carry no kind or apiVersion.
    const items = page.map(({ kind: _kind, apiVersion: _apiVersion, ...rest }) => rest);
    const metadata = {
      resourceVersion: this.resourceVersion,
      ...(next ? { continue: next, remainingItemCount: all.length - offset - limit } : {}),
    };
    json(res, 200, { kind: `${resource.kind}List`, apiVersion: resource.apiVersion, metadata, items });
  }

  private watch(resource: ClusterResource, scope: Scope, query: URLSearchParams, res: http.ServerResponse): void {
    const from = query.get('resourceVersion') ?? '';
    this.watchRequests.push({ resource: resource.name, resourceVersion: from });
    const gone = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `too old resource version: ${from} (${this.rv})`,
      reason: 'Expired',
      code: 410,
    };
    const expire = this.expireNext.get(resource.name);
    if (expire && expire.count > 0) {
      expire.count--;
      if (expire.mode === 'http') return json(res, 410, gone);
      return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(`${JSON.stringify({ type: 'ERROR', object: gone })}\n`);
    }
    const fromRv = Number(from);
    if (from !== '' && fromRv > this.rv) {
      const tooLarge = {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        reason: 'Timeout',
        code: 504,
        message: `Too large resource version: ${fromRv}, current: ${this.rv}`,
        details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 },
      };
      return void res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(`${JSON.stringify({ type: 'ERROR', object: tooLarge })}\n`);
    }
    if (from !== '' && from !== '0' && fromRv < this.compactedBelow) {
      return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(`${JSON.stringify({ type: 'ERROR', object: gone })}\n`);
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    const open: OpenWatch = { resource, scope, response: res, bookmarks: query.get('allowWatchBookmarks') === 'true' };
    if (from === '' || from === '0') {
      for (const object of this.objects.get(resource.name)!.values())
        if (inScope(object, scope)) this.send(open, { type: 'ADDED', object });
    } else {
      for (const entry of this.history) {
        if (entry.resource === resource.name && entry.rv > fromRv && inScope(entry.object, scope))
          this.send(open, { type: entry.type, object: entry.object });
      }
    }
    this.watches.add(open);
    res.on('close', () => this.watches.delete(open));
  }
}

/** `/api/v1[/namespaces/NS]/RESOURCE` or `/apis/GROUP/VERSION[/namespaces/NS]/RESOURCE`. */
function routeOf(pathname: string): { resource: ClusterResource; scope: Scope } | undefined {
  const match = /^\/(?:api\/v1|apis\/([^/]+)\/(v[0-9a-z]+))(?:\/namespaces\/([^/]+))?\/([^/]+)$/.exec(pathname);
  if (!match) return undefined;
  const [, group = '', version = 'v1', namespace, name] = match;
  const resource = RESOURCE_TYPES.find((r) => r.group === group && r.name === name && r.version === version);
  if (!resource || (namespace !== undefined && !resource.namespaced)) return undefined;
  return { resource, scope: namespace !== undefined ? { namespace } : {} };
}

function inScope(object: Raw, scope: Scope): boolean {
  return (
    (scope.namespace === undefined || object.metadata.namespace === scope.namespace) &&
    (scope.name === undefined || object.metadata.name === scope.name)
  );
}

/** The API server's wording, so clients see what they would see without RBAC. */
function forbiddenMessage(verb: string, resource: ClusterResource, namespace: string | undefined): string {
  const where = namespace === undefined ? 'at the cluster scope' : `in the namespace "${namespace}"`;
  return (
    `${resource.name}${resource.group ? `.${resource.group}` : ''} is forbidden: User "system:serviceaccount:netreach:netreach" ` +
    `cannot ${verb} resource "${resource.name}" in API group "${resource.group}" ${where}`
  );
}

function json(res: http.ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function status(res: http.ServerResponse, code: number, reason: string, message: string): void {
  json(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

/** Writes a kubeconfig for `server` (plain http needs insecure-skip-tls-verify) and returns its path. */
export async function writeKubeconfig(path: string, server: string, options: { token?: string } = {}): Promise<string> {
  const user = options.token !== undefined ? `    token: ${JSON.stringify(options.token)}\n` : '    {}\n';
  const text = `apiVersion: v1
kind: Config
clusters:
- name: fake
  cluster:
    server: ${server}
    insecure-skip-tls-verify: true
users:
- name: fake
  user:
${user}contexts:
- name: fake
  context:
    cluster: fake
    user: fake
current-context: fake
`;
  await writeFile(path, text);
  return path;
}
