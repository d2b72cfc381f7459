// What the REST app does for the people running it: logs (pino through Fastify) that never hold the
// token, a request id on every answer and every log line, 5xx answers logged with it, a problem+json
// 503 for a request that arrives while the server drains (instead of Fastify's plain-text 503), and
// /readyz that shows paths (manifest files, kubeconfig, database) only to a request with the token.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readiness } from '../../service/snapshots.ts';
import { problemFor, sendProblem } from './errors.ts';

export interface LogOptions {
  /** pino level: fatal, error, warn, info (the default for `serve`), debug, trace, silent. */
  readonly level: string;
  readonly stream: { write(line: string): void };
}

/** Query parameters whose values are credentials: never logged (and never accepted, see auth.ts). */
export const CREDENTIAL_PARAMS = /^(?:token|access_token|accesstoken|auth|authorization|bearer|api_key|apikey)$/i;

/** The URL with the values of credential-like query parameters replaced by `REDACTED`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  let redacted = false;
  for (const key of [...params.keys()]) {
    if (CREDENTIAL_PARAMS.test(key)) {
      params.set(key, 'REDACTED');
      redacted = true;
    }
  }
  return redacted ? `${url.slice(0, q)}?${params}` : url;
}

/** Fastify's logger options: the request serialiser logs method, redacted url and peer, no headers. */
export function loggerOptions(log: LogOptions | undefined) {
  if (!log) return false as const;
  return {
    level: log.level,
    stream: log.stream,
    serializers: {
      req: (req: { method?: string; url?: string; ip?: string }) => ({
        method: req.method,
        url: redactUrl(req.url ?? ''),
        remoteAddress: req.ip,
      }),
    },
  };
}

/** Registered before authentication, so a request during the drain is answered without a token too. */
export function addOperability(app: FastifyInstance): void {
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
    app.log.info('draining: finishing requests in flight, answering new ones 503 shutting-down');
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('Request-Id', request.id);
    if (!draining) return;
    reply.header('Connection', 'close').header('Retry-After', '1');
    await sendProblem(reply, problemFor('shutting-down', 'the server is shutting down; retry shortly (or against another replica)'));
  });
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode >= 500) {
      request.log.error(
        { statusCode: reply.statusCode, method: request.method, url: redactUrl(request.url), responseTime: reply.elapsedTime },
        'answered with a server error',
      );
    } else if (request.log.level === 'debug' || request.log.level === 'trace') {
      // Guarded: the fields are built only when debug lines are written (this runs on every request).
      request.log.debug(
        { statusCode: reply.statusCode, method: request.method, url: redactUrl(request.url), responseTime: reply.elapsedTime },
        'answered',
      );
    }
  });
}

/** Path-like text (`/var/lib/netreach/n.db`, `C:\kube\config`) as `<path>`. */
function withoutPaths(text: string): string {
  return text.replace(/(?:[A-Za-z]:\\[^\s'",()]+)|(?:~?\/[^\s/:'",()]+){2,}/g, '<path>');
}

/** Readiness for a caller without the token: the kind of source, and reasons with paths taken out. */
export function publicReadiness(r: Readiness, request: FastifyRequest, authorized: (request: FastifyRequest) => boolean): Readiness {
  if (authorized(request)) return r;
  return {
    ...r,
    source: r.source.split(' ')[0] ?? r.source,
    ...(r.staleReason ? { staleReason: withoutPaths(r.staleReason) } : {}),
    ...(r.storeError ? { storeError: withoutPaths(r.storeError) } : {}),
  };
}
