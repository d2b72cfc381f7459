// What route handlers get: the snapshot service, the metrics, and the raw text of a JSON body (for
// line numbers in upload diagnostics). Handlers are keyed by the OpenAPI operationId, so the type
// below makes the compiler insist on one handler per operation in the document.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SnapshotService } from '../../../service/snapshots.ts';
import type { ApiMetrics } from '../metrics.ts';
import type { operations } from '../gen/openapi-types.ts';

export interface RouteContext {
  readonly service: SnapshotService;
  readonly metrics: ApiMetrics;
  /** The body as received, when it was JSON. */
  readonly rawBody: (request: FastifyRequest) => string | undefined;
  /** The request carries the server's token (false when the server has none). */
  readonly authorized?: (request: FastifyRequest) => boolean;
}

export type OperationId = keyof operations;
export type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
export type Handlers = Record<OperationId, Handler>;

/** The JSON request body of an operation, as the OpenAPI document types it. */
export type JsonBody<Op extends OperationId> = operations[Op] extends { requestBody: { content: { 'application/json': infer B } } }
  ? B
  : never;
/** Query parameters and path parameters of an operation. */
export type Query<Op extends OperationId> = operations[Op]['parameters'] extends { query?: infer Q } ? NonNullable<Q> : never;
export type Params<Op extends OperationId> = operations[Op]['parameters'] extends { path: infer P } ? P : never;
