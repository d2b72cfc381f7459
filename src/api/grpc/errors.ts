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
import { type Classified, type ErrorKind, classify } from '../../query/errors.ts';
import type { FieldError } from '../../query/problems.ts';

/** The door's one table: kind → gRPC status (grpc/doc/statuscodes.md; REST's statuses beside them). */
export const GRPC_STATUS: Readonly<Record<ErrorKind, status>> = {
  'bad-request': status.INVALID_ARGUMENT,
  unauthorized: status.UNAUTHENTICATED,
  'not-found': status.NOT_FOUND,
  unprocessable: status.FAILED_PRECONDITION,
  'too-large': status.RESOURCE_EXHAUSTED,
  'unsupported-media-type': status.INVALID_ARGUMENT,
  unavailable: status.UNAVAILABLE,
  'storage-full': status.RESOURCE_EXHAUSTED,
  'data-loss': status.DATA_LOSS,
  storage: status.INTERNAL,
  startup: status.INTERNAL,
  'deadline-exceeded': status.DEADLINE_EXCEEDED,
  internal: status.INTERNAL,
};

export const PROBLEM_KEY = 'netreach-problem';
export const VIOLATIONS_KEY = 'netreach-field-violations';
export const STATUS_DETAILS_KEY = 'grpc-status-details-bin';
export const BAD_REQUEST_TYPE_URL = 'type.googleapis.com/google.rpc.BadRequest';

/** A failure as this door answers it: the gRPC status, the problem code, the message, the field violations. */
export interface GrpcProblem {
  readonly code: status;
  readonly problem: Classified['code'];
  readonly message: string;
  readonly violations: readonly FieldError[];
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
  const c = classify(err);
  // Capped like REST's problem `errors` (the count is in the message).
  const violations = c.violations.slice(0, 100).map((v) => ({ path: v.path ?? 'request', message: v.message }));
  return { code: GRPC_STATUS[c.kind], problem: c.code, message: c.message, violations };
}
