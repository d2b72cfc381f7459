// The problem codes every door answers with (REST's problem `type` suffix, gRPC's `netreach-problem`
// trailer), and the field errors bad input carries. Door-neutral: api/http/errors.ts and
// api/grpc/errors.ts map them to HTTP and gRPC statuses.

/** Stable problem codes: REST's problem `type` ends with one, gRPC sends it as a trailer. */
export type ProblemCode =
  | 'bad-input'
  | 'unauthorized'
  | 'not-found'
  | 'unknown-snapshot'
  | 'unknown-pod'
  | 'unknown-endpoint'
  | 'too-large'
  | 'unsupported-media-type'
  | 'not-ready'
  | 'shutting-down'
  | 'insufficient-storage'
  | 'store-unavailable'
  | 'corrupt-snapshot'
  | 'deadline-exceeded'
  | 'internal';

/** One field of the input that was wrong, by its path (`spec.ingress[0].ports[1].port`). */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}
