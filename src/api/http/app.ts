// The REST app as a Fastify instance, separate from the process (server.ts). Every route comes from
// openapi/netreach.yaml: its schemas validate requests and serialise answers, and the compiler
// insists on one handler per operation. Nothing here writes to the cluster.
import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { errorCodes, type FastifyInstance, type FastifyRequest, LogController } from 'fastify';
import type { TextLimits } from '../../ingest/limits.ts';
import type { SnapshotService } from '../../service/snapshots.ts';
import { bearerAuth } from './auth.ts';
import { tokenMatches } from '../../service/auth.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { ApiMetrics } from './metrics.ts';
import { addOperability, type LogOptions, loggerOptions } from './operability.ts';
import { setSnapshotHeaders } from './snapshot-headers.ts';
import { type ApiDocument, loadApiDocument } from './openapi.ts';
import type { ChatConfig } from '../chat/config.ts';
import { chatRoutes } from './routes/chat.ts';
import { checkRoutes } from './routes/check.ts';
import { dataplaneRoutes } from './routes/dataplane.ts';
import { fixRoutes } from './routes/fix.ts';
import { assertionRoutes } from './routes/assertions.ts';
import { historyRoutes } from './routes/history.ts';
import { impactRoutes } from './routes/impact.ts';
import type { Handlers, OperationId, RouteContext } from './routes/context.ts';
import { lintRoutes } from './routes/lint.ts';
import { matrixRoutes } from './routes/matrix.ts';
import { operationRoutes } from './routes/operations.ts';
import { podRoutes } from './routes/pods.ts';
import { snapshotRoutes } from './routes/snapshots.ts';
import { eventRoutes } from './routes/events.ts';
import { addWebRoutes, isWebPath } from './web.ts';
import { validatorCompiler } from './validation.ts';

export interface AppOptions {
  readonly service: SnapshotService;
  /** Bearer token required on every route but /healthz and /readyz. */
  readonly token?: string;
  /** Largest accepted body in bytes (default 32 MiB: a large cluster's `kubectl get -o json`). */
  readonly bodyLimit?: number;
  /** Time allowed to receive a whole request (default 30 s). */
  readonly requestTimeoutMs?: number;
  /** pino through Fastify; off when undefined (`serve` turns it on at info, on stderr). */
  readonly log?: LogOptions;
  /** Bounds on uploaded manifest text: objects, YAML bytes, nesting (defaults in ingest/limits.ts). */
  readonly limits?: TextLimits;
  /** Handlers on raw Node requests, behind the bearer token like every route (`/mcp` from serve). */
  readonly mounts?: readonly RawMount[];
  /** Slack / Mattermost slash commands: their secrets, links, deferral (routes/chat.ts). */
  readonly chat?: ChatConfig;
}

/** A path served by a handler of another protocol on the same listener (the MCP door's `/mcp`). */
export interface RawMount {
  readonly url: string;
  readonly methods: readonly ('GET' | 'POST' | 'DELETE')[];
  readonly handler: (req: IncomingMessage, res: ServerResponse, body: unknown) => Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    service: SnapshotService;
    metrics: ApiMetrics;
  }
}

export const DEFAULT_BODY_LIMIT = 32 * 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const PUBLIC_PATHS = new Set(['/healthz', '/readyz']);
/** Authenticated by the chat platform's signature or token instead of the bearer token. */
const CHAT_PATHS = new Set(['/v1/chat/slack', '/v1/chat/mattermost']);

let cachedDocument: ApiDocument | undefined;
function apiDocument(): ApiDocument {
  cachedDocument ??= loadApiDocument();
  return cachedDocument;
}

/** JSON bodies keep their text (upload diagnostics carry line numbers); YAML bodies stay text. */
function addBodyParsers(app: FastifyInstance, raw: WeakMap<FastifyRequest, string>): void {
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    raw.set(request, body as string);
    json(request, body as string, done);
  });
  // Slash commands are forms; the raw text is what Slack signs.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (request, body, done) => {
    // Only the slash-command routes take forms; elsewhere it is the 415 it always was.
    if (!CHAT_PATHS.has(request.url.split('?')[0])) {
      return done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE('application/x-www-form-urlencoded'), undefined);
    }
    raw.set(request, body as string);
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addContentTypeParser(['application/yaml', 'application/x-yaml', 'text/yaml'], { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
}

function handlersFor(ctx: RouteContext, limits: TextLimits | undefined, chat: ChatConfig | undefined): Omit<Handlers, 'events'> {
  return {
    ...chatRoutes(ctx, chat),
    ...snapshotRoutes(ctx, limits),
    ...checkRoutes(ctx),
    ...matrixRoutes(ctx),
    ...podRoutes(ctx),
    ...lintRoutes(ctx),
    ...impactRoutes(ctx),
    ...fixRoutes(ctx),
    ...dataplaneRoutes(ctx),
    ...operationRoutes(ctx),
    ...historyRoutes(ctx),
    ...assertionRoutes(ctx),
  };
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const api = apiDocument();
  const app = Fastify({
    logger: loggerOptions(options.log),
    // No line per request at info (5xx are logged at error, every answer at debug: operability.ts).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    // Our own drain answer (problem+json), registered in addOperability.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
  });
  const raw = new WeakMap<FastifyRequest, string>();
  const metrics = new ApiMetrics(options.service);
  app.decorate('service', options.service);
  app.decorate('metrics', metrics);
  app.setValidatorCompiler(validatorCompiler());
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  addBodyParsers(app, raw);
  addOperability(app);
  const isPublic = (r: FastifyRequest) => {
    const path = r.url.split('?')[0];
    return PUBLIC_PATHS.has(path) || CHAT_PATHS.has(path) || isWebPath(path);
  };
  if (options.token) app.addHook('onRequest', bearerAuth(options.token, isPublic));
  app.addHook('onSend', async (request, reply, payload) => {
    setSnapshotHeaders(options.service, request, reply);
    return payload;
  });
  // A callback hook, not an async one: no promise per request.
  app.addHook('onResponse', (request, reply, done) => {
    metrics.observe(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  await app.register(fastifySwagger, { mode: 'static', specification: { document: api.document as never } });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => api.document);

  const token = options.token;
  const authorized = (r: FastifyRequest) => token !== undefined && tokenMatches(r.headers.authorization, token);
  const routeContext: RouteContext = { service: options.service, metrics, rawBody: (r) => raw.get(r), authorized };
  const events = eventRoutes(routeContext);
  app.addHook('preClose', (done) => {
    events.closeAll();
    done();
  });
  const handlers: Handlers = { ...handlersFor(routeContext, options.limits, options.chat), ...events.handlers };
  for (const op of api.operations) {
    const handler = handlers[op.operationId as OperationId];
    if (!handler) throw new Error(`openapi operation ${op.operationId} has no handler`);
    app.route({ method: op.method, url: op.url, schema: op.schema, handler });
  }
  for (const mount of options.mounts ?? []) {
    app.route({
      method: [...mount.methods],
      url: mount.url,
      schema: { hide: true },
      handler: async (request, reply) => {
        reply.hijack();
        await mount.handler(request.raw, reply.raw, request.body);
      },
    });
  }
  addWebRoutes(app);
  return app;
}
