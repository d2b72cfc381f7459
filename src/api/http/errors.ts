// One error handler: every failure becomes application/problem+json (RFC 9457) with a stable `type`
// URI, a title, the status, a detail for humans and, for bad input, the field paths. 5xx details
// stay in the server log; no stack trace ever reaches a client.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { EngineError } from '../../engine/index.ts';
import { type Diagnostic, InputError, formatDiagnostic, refText } from '../../model/diagnostics.ts';
import { InputTooLarge } from '../../ingest/limits.ts';
import { NotFoundError } from '../../query/resolve.ts';
import { StoreError, WRITE_FAILURES } from '../../store/errors.ts';
import type { FieldError, ProblemCode } from '../../query/problems.ts';

export type { FieldError, ProblemCode } from '../../query/problems.ts';

export const PROBLEM_BASE = 'https://netreach.dev/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<ProblemCode, string> = {
  'bad-input': 'Bad input',
  unauthorized: 'Missing or wrong bearer token',
  'not-found': 'No such route',
  'unknown-snapshot': 'No such snapshot',
  'unknown-pod': 'No such pod',
  'unknown-endpoint': 'The snapshot does not hold this endpoint',
  'too-large': 'Request body too large',
  'unsupported-media-type': 'Unsupported media type',
  'not-ready': 'No snapshot is being served yet',
  'shutting-down': 'The server is shutting down',
  'insufficient-storage': 'The database is full: nothing was stored',
  'store-unavailable': 'The database cannot be written: nothing was stored',
  'corrupt-snapshot': 'The stored snapshot is corrupt',
  internal: 'Internal error',
};

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  /** Present when `errors` was cut to MAX_LISTED: how many there were. */
  readonly errorsTotal?: number;
}

/** Per-item lists in an answer (errors, warnings) are cut here, with the total beside them. */
export const MAX_LISTED = 100;

export function capped<T>(items: readonly T[]): { items: T[]; total: number } {
  return { items: items.slice(0, MAX_LISTED), total: items.length };
}

/** Thrown by handlers for an answer that is a problem (unknown snapshot, not ready, ...). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    message: string,
    readonly errors?: readonly FieldError[],
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

export function problem(status: number, code: ProblemCode, detail?: string, errors?: readonly FieldError[]): Problem {
  const listed = capped(errors ?? []);
  return {
    type: PROBLEM_BASE + code,
    title: TITLES[code],
    status,
    ...(detail ? { detail } : {}),
    ...(listed.items.length ? { errors: listed.items } : {}),
    ...(listed.total > listed.items.length ? { errorsTotal: listed.total } : {}),
  };
}

/** A store failure on a write: full disk 507, anything else we retry (locked, read-only, I/O) 503. */
function storeProblem(err: StoreError): Problem {
  if (err.code === 'corrupt-snapshot') return problem(500, 'corrupt-snapshot', err.message);
  if (err.code === 'disk-full') return problem(507, 'insufficient-storage', err.message);
  if (WRITE_FAILURES.has(err.code)) return problem(503, 'store-unavailable', err.message);
  return problem(500, 'internal', 'the server could not answer; the details are in its log');
}

/** Ajv's `/from/pod` (+ the offending property) as `body.from.pod`; array indexes as `[0]`. */
function fieldPath(context: string | undefined, instancePath: string, params: Record<string, unknown>): string {
  let path = context === 'querystring' ? 'query' : (context ?? 'body');
  for (const part of instancePath.split('/').slice(1))
    path += /^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`;
  const extra = params.additionalProperty ?? params.missingProperty;
  return typeof extra === 'string' ? `${path}.${extra}` : path;
}

function validationProblem(err: FastifyError): Problem {
  const errors = (err.validation ?? []).map((v) => {
    const params = (v.params ?? {}) as Record<string, unknown>;
    const message = v.keyword === 'additionalProperties' ? 'unknown field' : (v.message ?? 'is invalid');
    return { path: fieldPath(err.validationContext, v.instancePath, params), message };
  });
  const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  return problem(400, 'bad-input', detail, errors);
}

const FASTIFY_CODES: Record<string, [number, ProblemCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'bad-input', 'the body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'bad-input', 'the body is empty'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'too-large', 'the body is larger than the server accepts'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    'unsupported-media-type',
    'send application/json (or application/yaml where the endpoint takes manifests)',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad-input', 'Content-Length does not match the body'],
};

function withObject(d: Diagnostic): string {
  const where = d.file ? ` (${d.file}${d.line ? `:${d.line}` : ''})` : '';
  return d.ref ? `${refText(d.ref)}: ${d.message}${where}` : d.message;
}

/** Maps any thrown value to a problem; `internal` for everything not known to be the client's fault. */
export function problemOf(err: unknown): Problem {
  if (err instanceof HttpProblem) return problem(err.status, err.code, err.message, err.errors);
  if (err instanceof InputError) {
    // The object (and where it was read) leads the message: a List's errors share field paths.
    const errors = err.diagnostics.map((d) => ({ path: d.path ?? 'body', message: d.path ? withObject(d) : formatDiagnostic(d) }));
    return problem(400, 'bad-input', err.message, errors);
  }
  if (err instanceof InputTooLarge) return problem(413, 'too-large', err.message);
  if (err instanceof StoreError) return storeProblem(err);
  if (err instanceof NotFoundError) return problem(422, 'unknown-endpoint', err.message);
  if (err instanceof EngineError)
    return err.code === 'unknown-endpoint' ? problem(422, 'unknown-endpoint', err.message) : problem(400, 'bad-input', err.message);
  const fe = err as FastifyError;
  if (fe?.validation) return validationProblem(fe);
  const known = fe?.code ? FASTIFY_CODES[fe.code] : undefined;
  if (known) return problem(known[0], known[1], known[2]);
  if (err instanceof SyntaxError || (typeof fe?.statusCode === 'number' && fe.statusCode === 400))
    return problem(400, 'bad-input', 'the body is not valid JSON');
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500)
    return problem(fe.statusCode, 'bad-input', fe.message);
  return problem(500, 'internal', 'the server could not answer; the details are in its log');
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  // A string payload skips the route's response serialiser: problems are not part of it.
  return reply.code(p.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(p));
}

export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const p = problemOf(err);
  if (p.status >= 500) request.log.error({ err }, 'request failed');
  return sendProblem(reply, p);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, problem(404, 'not-found', `no route ${request.method} ${request.url.split('?')[0]}`));
}
