// One error handler: every failure becomes application/problem+json (RFC 9457) with a stable `type`
// URI, a title, the status, a detail for humans and, for bad input, the field paths. 5xx details
// stay in the server log; no stack trace ever reaches a client.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type Classified, type ErrorKind, KIND_OF, QueryProblem, classify } from '../../query/errors.ts';
import type { FieldError, ProblemCode } from '../../query/problems.ts';

export type { FieldError, ProblemCode } from '../../query/problems.ts';

/** The door's one table: kind → HTTP status (RFC 9110 §15; 507 is RFC 4918 §11.5). */
export const HTTP_STATUS: Readonly<Record<ErrorKind, number>> = {
  'bad-request': 400,
  unauthorized: 401,
  'not-found': 404,
  'too-large': 413,
  'unsupported-media-type': 415,
  unprocessable: 422,
  internal: 500,
  'data-loss': 500,
  storage: 500,
  startup: 500,
  unavailable: 503,
  'deadline-exceeded': 504,
  'storage-full': 507,
};

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
  'deadline-exceeded': 'The deadline passed before the answer was ready',
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

/** A problem whose status the code's kind decides. */
export function problemFor(code: ProblemCode, detail?: string, errors?: readonly FieldError[]): Problem {
  return problem(HTTP_STATUS[KIND_OF[code]], code, detail, errors);
}

function classified(c: Classified): Problem {
  const errors = c.violations.map((v) => ({ path: v.path ?? 'body', message: v.message }));
  return problem(HTTP_STATUS[c.kind], c.code, c.message, errors);
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
  return problemFor('bad-input', detail, errors);
}

/** Fastify's own errors: the problem code (its status from the code's kind) and the detail. */
const FASTIFY_CODES: Record<string, [ProblemCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['bad-input', 'the body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['bad-input', 'the body is empty'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['too-large', 'the body is larger than the server accepts'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    'unsupported-media-type',
    'send application/json (or application/yaml where the endpoint takes manifests)',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['bad-input', 'Content-Length does not match the body'],
};

/** Maps any thrown value to a problem; `internal` for everything not known to be the client's fault. */
export function problemOf(err: unknown): Problem {
  const c = classify(err);
  if (c.kind !== 'internal' || err instanceof QueryProblem) return classified(c);
  const fe = err as FastifyError;
  if (fe?.validation) return validationProblem(fe);
  const known = fe?.code ? FASTIFY_CODES[fe.code] : undefined;
  if (known) return problemFor(known[0], known[1]);
  if (err instanceof SyntaxError || (typeof fe?.statusCode === 'number' && fe.statusCode === 400))
    return problemFor('bad-input', 'the body is not valid JSON');
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500)
    return problem(fe.statusCode, 'bad-input', fe.message);
  return classified(c);
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
  return sendProblem(reply, problemFor('not-found', `no route ${request.method} ${request.url.split('?')[0]}`));
}
