// One classification of failures for every door. `classify` maps anything a query, the store or
// ingest throws to a door-neutral `Classified` (a kind, the stable problem code, a message, and for
// bad input the field violations with the object they belong to); each door keeps only a table from
// kind to its own status: api/http/errors.ts HTTP_STATUS, api/grpc/errors.ts GRPC_STATUS,
// cli/io.ts EXIT_CODE. Handlers throw `QueryProblem(code, ...)`, never a status.
import { EngineError } from '../engine/index.ts';
import { type Diagnostic, InputError, formatDiagnostic, refText } from '../model/diagnostics.ts';
import { InputTooLarge } from '../ingest/limits.ts';
import { StoreError, WRITE_FAILURES } from '../store/errors.ts';
import type { FieldError, ProblemCode } from './problems.ts';
import { NotFoundError } from './resolve.ts';

/** Every kind of failure, in one place: what a door decides its answer by (HTTP status, gRPC status,
 * exit code). The doors' tables are Records over it; the tests iterate it. */
export const ERROR_KINDS = [
  'bad-request',
  'unauthorized',
  'not-found',
  'unprocessable',
  'too-large',
  'unsupported-media-type',
  'unavailable',
  'storage-full',
  'data-loss',
  'storage',
  'startup',
  'deadline-exceeded',
  'internal',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/** The kind each problem code is (a code names the failure; the kind decides the status). */
export const KIND_OF: Readonly<Record<ProblemCode, ErrorKind>> = {
  'bad-input': 'bad-request',
  unauthorized: 'unauthorized',
  'not-found': 'not-found',
  'unknown-snapshot': 'not-found',
  'unknown-pod': 'not-found',
  'unknown-endpoint': 'unprocessable',
  'too-large': 'too-large',
  'unsupported-media-type': 'unsupported-media-type',
  'not-ready': 'unavailable',
  'shutting-down': 'unavailable',
  'insufficient-storage': 'storage-full',
  'store-unavailable': 'unavailable',
  'corrupt-snapshot': 'data-loss',
  'deadline-exceeded': 'deadline-exceeded',
  internal: 'internal',
};

/** One wrong field: its path (absent when the diagnostic has none; each door names its default). */
export interface Violation {
  readonly path?: string;
  readonly message: string;
}

export interface Classified {
  readonly kind: ErrorKind;
  readonly code: ProblemCode;
  /** For a client; for `internal`, `storage` and `startup` a fixed text (the cause stays in the server log). */
  readonly message: string;
  readonly violations: readonly Violation[];
  /** The diagnostics of bad input, for doors that print them whole (the CLI). */
  readonly diagnostics: readonly Diagnostic[];
  /** The message of the cause, for a door that shows it (the CLI's "please report this"). */
  readonly cause: string;
  /** The failure came from the database (the CLI says so). */
  readonly fromStore: boolean;
}

/** A reason `serve` cannot start that the operator fixes (the port is taken, ...): a one-line message, never "please report this". */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

export const INTERNAL_MESSAGE = 'the server could not answer; the details are in its log';

/** Thrown by handlers of any door for an answer that is a problem (unknown snapshot, not ready, ...). */
export class QueryProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly violations: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'QueryProblem';
  }

  get kind(): ErrorKind {
    return KIND_OF[this.code];
  }
}

/** Bad input in one field: `field: message`, with the field as its violation. */
export function badField(field: string, message: string): QueryProblem {
  return new QueryProblem('bad-input', `${field}: ${message}`, [{ path: field, message }]);
}

/** A diagnostic as a violation: the object (and where it was read) leads the message, since a List's errors share field paths. */
function violationOf(d: Diagnostic): Violation {
  if (!d.path) return { message: formatDiagnostic(d) };
  const where = d.file ? ` (${d.file}${d.line ? `:${d.line}` : ''})` : '';
  return { path: d.path, message: d.ref ? `${refText(d.ref)}: ${d.message}${where}` : d.message };
}

/** A store failure: full disk and the write failures a server retries through have their kinds; the rest is `storage`. */
function storeCode(err: StoreError): [ErrorKind, ProblemCode] {
  if (err.code === 'corrupt-snapshot') return ['data-loss', 'corrupt-snapshot'];
  if (err.code === 'disk-full') return ['storage-full', 'insufficient-storage'];
  if (WRITE_FAILURES.has(err.code)) return ['unavailable', 'store-unavailable'];
  return ['storage', 'internal'];
}

/** Any thrown value, classified; `internal` for everything not known to be the client's fault. */
export function classify(err: unknown): Classified {
  const cause = (err as Error)?.message ?? String(err);
  const base = { violations: [], diagnostics: [], cause, fromStore: false };
  if (err instanceof QueryProblem) return { ...base, kind: err.kind, code: err.code, message: err.message, violations: err.violations };
  if (err instanceof InputError) {
    const { diagnostics } = err;
    return { ...base, kind: 'bad-request', code: 'bad-input', message: err.message, violations: diagnostics.map(violationOf), diagnostics };
  }
  if (err instanceof InputTooLarge) return { ...base, kind: 'too-large', code: 'too-large', message: err.message };
  if (err instanceof StoreError) {
    const [kind, code] = storeCode(err);
    return { ...base, kind, code, message: code === 'internal' ? INTERNAL_MESSAGE : err.message, fromStore: true };
  }
  if (err instanceof NotFoundError) return { ...base, kind: 'unprocessable', code: 'unknown-endpoint', message: err.message };
  if (err instanceof EngineError) {
    return err.code === 'unknown-endpoint'
      ? { ...base, kind: 'unprocessable', code: 'unknown-endpoint', message: err.message }
      : { ...base, kind: 'bad-request', code: 'bad-input', message: err.message };
  }
  if (err instanceof StartupError) return { ...base, kind: 'startup', code: 'internal', message: INTERNAL_MESSAGE };
  return { ...base, kind: 'internal', code: 'internal', message: INTERNAL_MESSAGE };
}
