// The process side of the REST API: listen on host:port, connection timeouts, and a graceful close
// that stops accepting, lets requests in flight finish, and then resolves.
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from './app.ts';

export interface ServerOptions extends AppOptions {
  /** Bind address: 127.0.0.1 for the CLI, 0.0.0.0 in the container. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Idle keep-alive connections are closed after this long (default 5 s). */
  readonly keepAliveTimeoutMs?: number;
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

/** `127.0.0.1:8080`, `[::1]:8080`, `:8080` → host and port. */
export function parseListen(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(text.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--listen ${text}: expected HOST:PORT`);
  return { host: match[1] ?? (match[2] || '0.0.0.0'), port };
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const app = await buildApp(options);
  app.server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 5000;
  app.server.headersTimeout = Math.min(app.server.requestTimeout || 60_000, 60_000);
  await app.listen({ host: options.host ?? DEFAULT_HOST, port: options.port ?? DEFAULT_PORT });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('server is not listening on TCP');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    app,
    url: `http://${host}:${address.port}`,
    host: address.address,
    port: address.port,
    close: () => (closing ??= app.close()),
  };
}
