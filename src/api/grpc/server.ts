// The process side of the gRPC API: the Reachability service, grpc.health.v1 (SERVING once a
// snapshot is served, like /readyz) and server reflection, on their own port. Closing stops
// accepting, ends WatchSnapshots streams, lets calls in flight finish (tryShutdown) and, after a
// timeout, cancels what is left (forceShutdown). Health and reflection need no token (like /healthz
// and the schema REST publishes); every Reachability method does when one is configured.
import { readFileSync } from 'node:fs';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { loadFileDescriptorSetFromBuffer, loadSync } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation, type ServingStatus, protoPath as healthProtoPath } from 'grpc-health-check';
import { packagePath } from '../../package-root.ts';
import type { SnapshotService } from '../../service/snapshots.ts';
import { listenFailure } from '../../service/startup-error.ts';
import type { CallContext } from './call.ts';
import { dataplaneHandlers } from './dataplane.ts';
import { historyHandlers } from './history.ts';
import { ReachabilityService } from './gen/netreach/v1/netreach.ts';
import { queryHandlers } from './queries.ts';
import { snapshotHandlers, type Watches } from './snapshots.ts';

export const DEFAULT_GRPC_HOST = '127.0.0.1';
export const DEFAULT_GRPC_PORT = 9090;
export const SERVICE_NAME = 'netreach.v1.Reachability';
/** Requests larger than this are refused with RESOURCE_EXHAUSTED (grpc-js's own default too). */
export const DEFAULT_MAX_RECEIVE_BYTES = 4 * 1024 * 1024;
const DESCRIPTOR_SET = packagePath('src/api/grpc/gen/netreach.binpb');

export interface GrpcServerOptions {
  readonly service: SnapshotService;
  /** Bind address (default 127.0.0.1). */
  readonly host?: string;
  /** 0 picks a free port (default 9090). */
  readonly port?: number;
  /** Bearer token for every Reachability call; undefined: no auth. */
  readonly token?: string;
  readonly maxReceiveMessageBytes?: number;
  /** Matrix rows per message are bounded by this many bytes (default MATRIX_CHUNK_BYTES). */
  readonly matrixChunkBytes?: number;
  /** How long close() lets calls in flight finish before cancelling them (default 10 s). */
  readonly drainTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

export interface RunningGrpcServer {
  /** `host:port` as bound (IPv6 hosts in brackets). */
  readonly address: string;
  readonly port: number;
  /** Stops accepting, ends watches, drains calls in flight, then resolves. Safe to call twice. */
  close(): Promise<void>;
}

function bind(server: Server, address: string): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync(address, ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve(port))),
  );
}

/** SERVING once a snapshot is served; `stop` marks it NOT_SERVING for good (shutdown). */
function healthOf(service: SnapshotService): { health: HealthImplementation; stop(): void } {
  const health = new HealthImplementation();
  const set = (s: ServingStatus) => {
    health.setStatus('', s);
    health.setStatus(SERVICE_NAME, s);
  };
  set(service.current() ? 'SERVING' : 'NOT_SERVING');
  const unsubscribe = service.onSnapshot(() => set('SERVING'));
  return {
    health,
    stop() {
      unsubscribe();
      set('NOT_SERVING');
    },
  };
}

function drain(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, timeoutMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export async function startGrpcServer(options: GrpcServerOptions): Promise<RunningGrpcServer> {
  const ctx: CallContext = {
    token: options.token,
    log: options.log ?? ((line) => console.error(line)),
    staleness: () => options.service.staleness(),
  };
  const watches: Watches = new Set();
  const server = new Server({ 'grpc.max_receive_message_length': options.maxReceiveMessageBytes ?? DEFAULT_MAX_RECEIVE_BYTES });
  server.addService(ReachabilityService, {
    ...queryHandlers(options.service, ctx, options.matrixChunkBytes),
    ...snapshotHandlers(options.service, ctx, watches),
    ...dataplaneHandlers(options.service, ctx),
    ...historyHandlers(options.service, ctx),
  });
  const health = healthOf(options.service);
  health.health.addToServer(server);
  // Reflection describes our service (from the descriptor set generated with the code) and health.
  new ReflectionService({ ...loadFileDescriptorSetFromBuffer(readFileSync(DESCRIPTOR_SET)), ...loadSync(healthProtoPath) }).addToServer(
    server,
  );
  const host = options.host ?? DEFAULT_GRPC_HOST;
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const address = `${bracketed}:${options.port ?? DEFAULT_GRPC_PORT}`;
  const port = await bind(server, address).catch((err: unknown) => {
    server.forceShutdown();
    health.stop();
    throw listenFailure(err, '--grpc-listen', address);
  });
  let closing: Promise<void> | undefined;
  return {
    address: `${bracketed}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        health.stop();
        for (const stop of [...watches]) stop();
        await drain(server, options.drainTimeoutMs ?? 10_000);
      })();
      return closing;
    },
  };
}
