// A real REST server on 127.0.0.1 (port 0) over a real SQLite store in a temporary directory, and a
// small fetch helper. Shared by the REST tests and bench/http.ts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '../../src/api/http/server.ts';
import type { ChatConfig } from '../../src/api/chat/config.ts';
import { mcpMount } from '../../src/mcp/mount.ts';
import { SnapshotService } from '../../src/service/snapshots.ts';
import type { TextLimits } from '../../src/ingest/limits.ts';
import { type OpenOptions, Store } from '../../src/store/store.ts';

export interface TestServer extends RunningServer {
  readonly service: SnapshotService;
  /** Closes the server, the service and the store, and removes the temporary directory. */
  stop(): Promise<void>;
}

export interface TestServerOptions {
  readonly token?: string;
  readonly bodyLimit?: number;
  /** An existing database file (kept on stop: a restart test opens it again). */
  readonly db?: string;
  readonly storeOptions?: OpenOptions;
  readonly limits?: TextLimits;
  /** The service's log lines (store failures); default: dropped. */
  readonly log?: (line: string) => void;
  /** Serve the newest stored snapshot at start, as `netreach serve` does after a restart. */
  readonly resume?: boolean;
  /** Mount the MCP door at /mcp, as `netreach serve` does. */
  readonly mcp?: boolean;
  /** The chat doors' secrets and settings. */
  readonly chat?: ChatConfig;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { db, storeOptions, log, resume, mcp, ...serverOptions } = options;
  const dir = db === undefined ? mkdtempSync(join(tmpdir(), 'netreach-http-')) : undefined;
  const store = Store.open(db ?? join(dir!, 'netreach.db'), storeOptions);
  const service = new SnapshotService({ store, sourceLabel: 'test', log: log ?? (() => {}) });
  if (resume) service.resume('restarted');
  const server = await startServer({
    service,
    host: '127.0.0.1',
    port: 0,
    ...(mcp ? { mounts: [mcpMount(service)] } : {}),
    ...serverOptions,
  });
  return {
    ...server,
    service,
    async stop() {
      await server.close();
      service.close();
      store.close();
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface HttpAnswer {
  readonly status: number;
  readonly type: string;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly json: any;
}

export async function request(
  base: string,
  method: string,
  path: string,
  init: { body?: unknown; raw?: string; type?: string; accept?: string; token?: string } = {},
): Promise<HttpAnswer> {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (init.raw !== undefined) body = init.raw;
  else if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined) headers['content-type'] = init.type ?? 'application/json';
  if (init.accept) headers.accept = init.accept;
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json };
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
