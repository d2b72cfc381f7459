// Check, Ports, Matrix and Impact: request → the same query functions REST calls → message.
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { MatrixResult } from '../../engine/index.ts';
import { answerCheck, answerMatrix, answerPorts } from '../../query/answered.ts';
import type { GroupMatrixResult } from '../../query/group-matrix.ts';
import type { SnapshotService } from '../../service/snapshots.ts';
import { type CallContext, checkDeadline, drained, serverStream, unary } from './call.ts';
import {
  type PluginMessage,
  groupByMessage,
  pathsPortsMessage,
  pathsVerdictMessage,
  pluginMessage,
  portRangesMessage,
  protocolMessage,
  verdictMessage,
} from './convert.ts';
import {
  type CheckAnswer,
  type CheckRequest,
  type FixRequest,
  GroupBy,
  type ImpactRequest,
  type MatrixChunk,
  type MatrixHeader,
  type MatrixRequest,
  type PortsAnswer,
  type PortsRequest,
  type ReachabilityServer,
} from './gen/netreach/v1/netreach.ts';
import { fix } from './fix.ts';
import { impact } from './impact.ts';
import { endpointOf, groupByOfRequest, namespacesOf, portOf, protocolOfRequest, servedSnapshot, validated } from './requests.ts';

/** Rows per message are bounded by bytes, far below the default 4 MiB message limit. */
export const MATRIX_CHUNK_BYTES = 256 * 1024;

function check(service: SnapshotService, r: CheckRequest): CheckAnswer {
  const [from, to, port, protocol] = validated(
    () => endpointOf(r.from, 'from'),
    () => endpointOf(r.to, 'to'),
    () => portOf(r.port),
    () => protocolOfRequest(r.protocol),
  );
  const { compiled } = servedSnapshot(service, r.snapshot, 'snapshot', r.at);
  const { value: a, plugin } = answerCheck(compiled, from, to, port, protocol);
  return {
    answer:
      a.kind === 'verdict'
        ? { $case: 'verdict', value: verdictMessage(a.verdict) }
        : { $case: 'paths', value: pathsVerdictMessage(a.answer, pluginMessage(plugin)) },
  };
}

function ports(service: SnapshotService, r: PortsRequest): PortsAnswer {
  const [from, to] = validated(
    () => endpointOf(r.from, 'from'),
    () => endpointOf(r.to, 'to'),
  );
  const { compiled } = servedSnapshot(service, r.snapshot, 'snapshot', r.at);
  const a = answerPorts(compiled, from, to);
  const plugin = pluginMessage(a.plugin);
  if (!('ports' in a.value)) return { answer: { $case: 'paths', value: pathsPortsMessage(a.value, plugin) } };
  return { answer: { $case: 'ranges', value: { from: a.value.from, to: a.value.to, ports: portRangesMessage(a.value.ports), ...plugin } } };
}

function computeMatrix(service: SnapshotService, r: MatrixRequest): { m: MatrixResult | GroupMatrixResult; plugin: PluginMessage } {
  const [port, protocol, groupBy] = validated(
    () => portOf(r.port),
    () => protocolOfRequest(r.protocol),
    () => groupByOfRequest(r.groupBy),
    () => namespacesOf(r.namespaces),
  );
  const { compiled } = servedSnapshot(service, r.snapshot, 'snapshot', r.at);
  const { answer } = answerMatrix(compiled, { port, protocol, groupBy, namespaces: r.namespaces });
  return { m: answer.value, plugin: pluginMessage(answer.plugin) };
}

/** Everything of the matrix but its rows, with the plugin fields REST has at its top. */
function matrixHeader(m: MatrixResult | GroupMatrixResult, plugin: PluginMessage): MatrixHeader {
  const base = { port: m.port, protocol: protocolMessage(m.protocol), ...plugin };
  if ('groups' in m) return { ...base, groupBy: groupByMessage(m.groupBy), pods: [], groups: [...m.groups] };
  return {
    ...base,
    groupBy: GroupBy.GROUP_BY_UNSPECIFIED,
    pods: [...m.pods],
    groups: [],
    ...(m.unknownReason !== undefined ? { unknownReason: m.unknownReason } : {}),
  };
}

/** The header, then batches of rows, waiting for the client when its window is full. */
async function streamMatrix(
  { m, plugin }: { m: MatrixResult | GroupMatrixResult; plugin: PluginMessage },
  call: ServerWritableStream<MatrixRequest, MatrixChunk>,
  chunkBytes: number,
): Promise<void> {
  const header = matrixHeader(m, plugin);
  let ready = call.write({ chunk: { $case: 'header', value: header } });
  let first = 0;
  while (first < m.rows.length && !call.cancelled) {
    if (!ready) await drained(call);
    checkDeadline(call);
    const rows: string[] = [];
    let bytes = 0;
    while (first + rows.length < m.rows.length && (rows.length === 0 || bytes + m.rows[first + rows.length].length <= chunkBytes)) {
      bytes += m.rows[first + rows.length].length;
      rows.push(m.rows[first + rows.length]);
    }
    ready = call.write({ chunk: { $case: 'rows', value: { firstRow: first, rows } } });
    first += rows.length;
  }
}

export function queryHandlers(
  service: SnapshotService,
  ctx: CallContext,
  chunkBytes = MATRIX_CHUNK_BYTES,
): Pick<ReachabilityServer, 'check' | 'ports' | 'matrix' | 'impact' | 'fix'> {
  return {
    check: unary(ctx, (r: CheckRequest) => check(service, r)),
    ports: unary(ctx, (r: PortsRequest) => ports(service, r)),
    matrix: serverStream(ctx, (r: MatrixRequest, call) => streamMatrix(computeMatrix(service, r), call, chunkBytes)),
    impact: unary(ctx, (r: ImpactRequest) => impact(service, r)),
    fix: unary(ctx, (r: FixRequest) => fix(service, r)),
  };
}
