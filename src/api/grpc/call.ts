// What every Reachability method does around its handler: the bearer token check, the deadline
// (checked before the query starts and again before answering, since a query runs to completion on
// the event loop), and one error mapping. Handlers stay a few lines: request → query → message.
import {
  Metadata,
  type ServerUnaryCall,
  type ServerWritableStream,
  type sendUnaryData,
  type handleServerStreamingCall,
  type handleUnaryCall,
  status,
} from '@grpc/grpc-js';
import { tokenMatches } from '../../service/auth.ts';
import { type GrpcProblem, problemOf, toServiceError } from './errors.ts';
import { QueryProblem } from '../../query/errors.ts';

export interface CallContext {
  /** The bearer token every Reachability call must present; undefined: no auth. */
  readonly token?: string;
  /** Logs failures the client only sees as INTERNAL. */
  readonly log: (line: string) => void;
  /** Whether the served data may be behind its source: sent as `netreach-stale` (and `-since`, `-reason`) metadata on every answer. */
  readonly staleness?: () => { stale: boolean; since?: string; reason?: string };
}

/** The answer's initial metadata: the source's staleness, as REST's Netreach-Stale headers. */
function staleMetadata(ctx: CallContext): Metadata | undefined {
  if (!ctx.staleness) return undefined;
  const s = ctx.staleness();
  const md = new Metadata();
  md.set('netreach-stale', String(s.stale));
  if (s.since) md.set('netreach-stale-since', s.since);
  if (s.reason) md.set('netreach-stale-reason', s.reason.replace(/[^\x20-\x7e]+/g, ' ').slice(0, 200));
  return md;
}

type SurfaceCall = { readonly metadata: Metadata; getDeadline(): Date | number; readonly cancelled: boolean };

function authenticate(ctx: CallContext, metadata: Metadata): void {
  if (ctx.token === undefined) return;
  const header = metadata.get('authorization')[0];
  if (tokenMatches(typeof header === 'string' ? header : undefined, ctx.token)) return;
  throw new QueryProblem(
    'unauthorized',
    header === undefined ? 'send metadata authorization: Bearer <token>' : 'the bearer token is wrong',
  );
}

/** Throws DEADLINE_EXCEEDED once the call's deadline has passed (grpc-js also ends the call itself). */
export function checkDeadline(call: SurfaceCall): void {
  const deadline = call.getDeadline();
  const at = deadline instanceof Date ? deadline.getTime() : deadline;
  if (Number.isFinite(at) && Date.now() >= at)
    throw new QueryProblem('deadline-exceeded', 'the deadline passed before the answer was ready');
}

function report(ctx: CallContext, err: unknown): GrpcProblem {
  const p = problemOf(err);
  if (p.code === status.INTERNAL) ctx.log(`netreach: grpc call failed: ${(err as Error)?.stack ?? String(err)}`);
  return p;
}

export function unary<Req, Res>(
  ctx: CallContext,
  handle: (request: Req, call: ServerUnaryCall<Req, Res>) => Res | Promise<Res>,
): handleUnaryCall<Req, Res> {
  return async (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => {
    try {
      authenticate(ctx, call.metadata);
      checkDeadline(call);
      const response = await handle(call.request, call);
      checkDeadline(call);
      const md = staleMetadata(ctx);
      if (md) call.sendMetadata(md);
      callback(null, response);
    } catch (err) {
      callback(toServiceError(report(ctx, err)));
    }
  };
}

/** `handle` writes the stream and resolves when it is done (or the call was cancelled). The
 * staleness metadata goes first, as on unary answers: a stream's messages are answers too. */
export function serverStream<Req, Res>(
  ctx: CallContext,
  handle: (request: Req, call: ServerWritableStream<Req, Res>) => Promise<void>,
): handleServerStreamingCall<Req, Res> {
  return async (call: ServerWritableStream<Req, Res>) => {
    try {
      authenticate(ctx, call.metadata);
      checkDeadline(call);
      const md = staleMetadata(ctx);
      if (md) call.sendMetadata(md);
      await handle(call.request, call);
      if (!call.cancelled) call.end();
    } catch (err) {
      // grpc-js turns an 'error' event into the call's status and ends the stream.
      if (!call.cancelled) call.emit('error', toServiceError(report(ctx, err)));
    }
  };
}

/** Resolves once the stream may take more (backpressure), or at once when it already can. */
export function drained(call: ServerWritableStream<unknown, unknown>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      call.off('drain', done);
      call.off('cancelled', done);
      resolve();
    };
    call.on('drain', done);
    call.on('cancelled', done);
  });
}
