// A real REST server and a real gRPC server over one snapshot service (so an upload through REST is
// seen by gRPC), and a typed grpc-js client over 127.0.0.1 with promise helpers.
import { Metadata, type ServiceError, type ClientReadableStream, credentials } from '@grpc/grpc-js';
import { type RunningGrpcServer, type GrpcServerOptions, startGrpcServer } from '../../src/api/grpc/server.ts';
import { ReachabilityClient } from '../../src/api/grpc/gen/netreach/v1/netreach.ts';
import { type TestServer, startTestServer } from './http-server.ts';

export interface GrpcTestServer {
  readonly rest: TestServer;
  readonly grpc: RunningGrpcServer;
  readonly client: ReachabilityClient;
  stop(): Promise<void>;
}

export async function startGrpcTestServer(options: Partial<Omit<GrpcServerOptions, 'service'>> = {}): Promise<GrpcTestServer> {
  const rest = await startTestServer({ token: options.token });
  const grpc = await startGrpcServer({ service: rest.service, host: '127.0.0.1', port: 0, log: () => {}, ...options });
  const client = new ReachabilityClient(`127.0.0.1:${grpc.port}`, credentials.createInsecure());
  return {
    rest,
    grpc,
    client,
    async stop() {
      client.close();
      await grpc.close();
      await rest.stop();
    },
  };
}

export function bearer(token: string): Metadata {
  const m = new Metadata();
  m.set('authorization', `Bearer ${token}`);
  return m;
}

type UnaryMethod<Req, Res> = (
  request: Req,
  metadata: Metadata,
  options: { deadline?: Date },
  callback: (err: ServiceError | null, res: Res) => void,
) => unknown;

/** Calls a unary method; rejects with the ServiceError. */
export function call<Req, Res>(
  client: ReachabilityClient,
  method: UnaryMethod<Req, Res>,
  request: Req,
  metadata = new Metadata(),
  deadline?: Date,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    method.call(client, request, metadata, deadline ? { deadline } : {}, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

/** Every message of a server stream; rejects with the ServiceError. */
export function collect<T>(stream: ClientReadableStream<T>): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const out: T[] = [];
    stream.on('data', (m: T) => out.push(m));
    stream.on('error', reject);
    stream.on('end', () => resolve(out));
  });
}
