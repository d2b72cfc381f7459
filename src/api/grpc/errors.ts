// One mapping from failures to gRPC statuses, the twin of api/http/errors.ts. Every error carries a
// stable problem code in the `netreach-problem` trailer (REST's problem `type` suffix), and bad
// input carries its field violations twice: as google.rpc.Status + google.rpc.BadRequest in
// `grpc-status-details-bin` (what gRPC's rich error model clients read) and as JSON in
// `netreach-field-violations` (for clients without the googleapis protos). No stack trace leaves.
//
// Status choices, mirroring REST: 400 → INVALID_ARGUMENT, 404 (unknown snapshot) → NOT_FOUND,
// 422 (a well-formed request about an endpoint the snapshot does not hold) → FAILED_PRECONDITION,
// 503 (no snapshot yet) → UNAVAILABLE, 401 → UNAUTHENTICATED, 500 → INTERNAL.
import { BinaryWriter } from '@bufbuild/protobuf/wire';
import { Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { EngineError } from '../../engine/index.ts';
import { InputError, formatDiagnostic } from '../../model/diagnostics.ts';
import { InputTooLarge } from '../../ingest/limits.ts';
import { NotFoundError } from '../../query/resolve.ts';
import { StoreError } from '../../store/errors.ts';
import type { FieldError, ProblemCode } from '../../query/problems.ts';

export const PROBLEM_KEY = 'netreach-problem';
export const VIOLATIONS_KEY = 'netreach-field-violations';
export const STATUS_DETAILS_KEY = 'grpc-status-details-bin';
export const BAD_REQUEST_TYPE_URL = 'type.googleapis.com/google.rpc.BadRequest';

/** Thrown by handlers for an answer that is an error status. */
export class GrpcProblem extends Error {
  constructor(
    readonly code: status,
    readonly problem: ProblemCode | 'deadline-exceeded' | 'unimplemented',
    message: string,
    readonly violations: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'GrpcProblem';
  }
}

export function badRequest(field: string, message: string): GrpcProblem {
  return new GrpcProblem(status.INVALID_ARGUMENT, 'bad-input', `${field}: ${message}`, [{ path: field, message }]);
}

/** google.rpc.Status { code, message, details: [Any(google.rpc.BadRequest { field_violations })] }. */
export function statusDetails(code: status, message: string, violations: readonly FieldError[]): Buffer {
  const badRequestBytes = new BinaryWriter();
  for (const v of violations) badRequestBytes.uint32(10).fork().uint32(10).string(v.path).uint32(18).string(v.message).join();
  const w = new BinaryWriter().uint32(8).int32(code).uint32(18).string(message);
  w.uint32(26).fork().uint32(10).string(BAD_REQUEST_TYPE_URL).uint32(18).bytes(badRequestBytes.finish()).join();
  return Buffer.from(w.finish());
}

/** The ServiceError a handler passes to its callback (or emits on a stream). */
export function toServiceError(p: GrpcProblem): Partial<ServiceError> {
  const metadata = new Metadata();
  metadata.set(PROBLEM_KEY, p.problem);
  if (p.violations.length > 0) {
    metadata.set(VIOLATIONS_KEY, JSON.stringify(p.violations));
    metadata.set(STATUS_DETAILS_KEY, statusDetails(p.code, p.message, p.violations));
  }
  return { name: 'GrpcProblem', code: p.code, details: p.message, message: p.message, metadata };
}

/** Any thrown value as a GrpcProblem; `internal` for everything not known to be the client's fault. */
export function problemOf(err: unknown): GrpcProblem {
  if (err instanceof GrpcProblem) return err;
  if (err instanceof InputError) {
    // Capped like REST's problem `errors` (the count is in the message).
    const violations = err.diagnostics
      .slice(0, 100)
      .map((d) => ({ path: d.path ?? 'request', message: d.path ? d.message : formatDiagnostic(d) }));
    return new GrpcProblem(status.INVALID_ARGUMENT, 'bad-input', err.message, violations);
  }
  if (err instanceof InputTooLarge) return new GrpcProblem(status.RESOURCE_EXHAUSTED, 'too-large', err.message);
  if (err instanceof StoreError && err.code === 'corrupt-snapshot')
    return new GrpcProblem(status.DATA_LOSS, 'corrupt-snapshot', err.message);
  if (err instanceof NotFoundError) return new GrpcProblem(status.FAILED_PRECONDITION, 'unknown-endpoint', err.message);
  if (err instanceof EngineError) {
    return err.code === 'unknown-endpoint'
      ? new GrpcProblem(status.FAILED_PRECONDITION, 'unknown-endpoint', err.message)
      : new GrpcProblem(status.INVALID_ARGUMENT, 'bad-input', err.message);
  }
  return new GrpcProblem(status.INTERNAL, 'internal', 'the server could not answer; the details are in its log');
}
