// ListSnapshots, GetSnapshot and WatchSnapshots over the snapshot service REST uses.
import { Metadata, type ServerWritableStream } from '@grpc/grpc-js';
import type { ServedSnapshot, SnapshotService } from '../../service/snapshots.ts';
import { type CallContext, serverStream, unary } from './call.ts';
import { snapshotMetaMessage, snapshotSummaryMessage } from './convert.ts';
import { badField, QueryProblem } from '../../query/errors.ts';
import type {
  GetSnapshotRequest,
  ListSnapshotsRequest,
  ReachabilityServer,
  SnapshotSummary,
  WatchSnapshotsRequest,
} from './gen/netreach/v1/netreach.ts';
import { servedSnapshot } from './requests.ts';

/**
 * Open WatchSnapshots streams: each entry ends its stream with UNAVAILABLE (the server calls them on
 * shutdown), the status gRPC clients retry on, so a watcher reconnects instead of taking OK for "done".
 */
export type Watches = Set<() => void>;

function watch(
  service: SnapshotService,
  watches: Watches,
  r: WatchSnapshotsRequest,
  call: ServerWritableStream<WatchSnapshotsRequest, SnapshotSummary>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const send = (s: ServedSnapshot) => {
      if (!call.cancelled) call.write(snapshotSummaryMessage(s.meta));
    };
    const current = service.current();
    if (r.includeCurrent && current) send(current);
    const unsubscribe = service.onSnapshot(send);
    const end = (shutdown: boolean) => {
      unsubscribe();
      watches.delete(shuttingDown);
      call.off('cancelled', cancelled);
      if (shutdown) reject(new QueryProblem('shutting-down', 'the server is shutting down; reconnect to keep watching'));
      else resolve();
    };
    const shuttingDown = () => end(true);
    const cancelled = () => end(false);
    watches.add(shuttingDown);
    // Headers now, not with the first snapshot: the client learns at once that the watch is open.
    call.sendMetadata(new Metadata());
    // Cancelled by the client, or by grpc-js when the deadline passes.
    call.on('cancelled', cancelled);
  });
}

export function snapshotHandlers(
  service: SnapshotService,
  ctx: CallContext,
  watches: Watches,
): Pick<ReachabilityServer, 'listSnapshots' | 'getSnapshot' | 'watchSnapshots'> {
  return {
    listSnapshots: unary(ctx, (r: ListSnapshotsRequest) => {
      if (r.limit !== undefined && (r.limit < 1 || r.limit > 10000)) throw badField('limit', 'must be between 1 and 10000');
      return { snapshots: service.list(r.limit).map(snapshotSummaryMessage) };
    }),
    getSnapshot: unary(ctx, (r: GetSnapshotRequest) => snapshotMetaMessage(servedSnapshot(service, r.id, 'id').meta)),
    watchSnapshots: serverStream(ctx, (r: WatchSnapshotsRequest, call) => watch(service, watches, r, call)),
  };
}
