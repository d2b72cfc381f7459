// The process side of the REST API: listen on host:port, connection timeouts, and a graceful close
// that stops accepting, lets requests in flight finish, and then resolves.
import type { FastifyInstance } from 'fastify';
import { listenFailure } from '../../service/startup-error.ts';
import { type AppOptions, buildApp } from './app.ts';

export interface ServerOptions extends AppOptions {
  /** Bind address: 127.0.0.1 for the CLI, 0.0.0.0 in the container. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Idle keep-alive connections are closed after this long (default 5 s). */
  readonly keepAliveTimeoutMs?: number;
  /** How long close() lets requests in flight finish before cutting their connections (default 10 s). */
  readonly drainTimeoutMs?: number;
}

/** Stops accepting and lets requests in flight finish; after the deadline, cuts what is left. */
async function drain(app: FastifyInstance, timeoutMs: number): Promise<void> {
  const closed = app.close();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
  if ((await Promise.race([closed, late])) === 'late') {
    app.log.warn(`requests still in flight after ${timeoutMs} ms: closing their connections`);
    app.server.closeAllConnections();
    await closed;
  }
  clearTimeout(timer);
}

export interface RunningServer {
  readonly app: FastifyInstance;
  /** `http://host:port` as bound. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Stops accepting, drains requests in flight, then resolves. Safe to call twice. */
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const app = await buildApp(options);
  app.server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 5000;
  app.server.headersTimeout = Math.min(app.server.requestTimeout || 60_000, 60_000);
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  try {
    await app.listen({ host, port });
  } catch (err) {
    await app.close().catch(() => {});
    throw listenFailure(err, '--listen', `${host}:${port}`);
  }
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('server is not listening on TCP');
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  const drainTimeoutMs = options.drainTimeoutMs ?? 10_000;
  return {
    app,
    url: `http://${shown}:${address.port}`,
    host: address.address,
    port: address.port,
    close: () => (closing ??= drain(app, drainTimeoutMs)),
  };
}
