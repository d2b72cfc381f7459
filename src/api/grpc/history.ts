// FlowHistory and Diff: the same history queries REST's /v1/history/flow and /v1/diff call.
import type { HistoryCause as QueryCause } from '../../query/history/flow-history.ts';
import type { DiffFlow as QueryDiffFlow } from '../../query/history/diff.ts';
import { UnknownSnapshotError } from '../../query/history/at.ts';
import { flowDiffQuery, flowHistoryQuery } from '../../query/history/queries.ts';
import type { SnapshotService } from '../../service/snapshots.ts';
import { type CallContext, unary } from './call.ts';
import { groupByOf, protocolMessage } from './convert.ts';
import { badField, QueryProblem } from '../../query/errors.ts';
import {
  type DiffAnswer,
  type DiffFlow,
  type DiffRequest,
  type FlowHistoryAnswer,
  type FlowHistoryRequest,
  GroupBy,
  type HistoryCause,
  type ReachabilityServer,
} from './gen/netreach/v1/netreach.ts';
import { summaryMessage, workloadFlowMessage } from './impact.ts';
import { portOf, protocolOfRequest, validated } from './requests.ts';

function causeMessage(c: QueryCause): HistoryCause {
  return {
    kind: c.kind,
    ...(c.namespace !== undefined ? { namespace: c.namespace } : {}),
    name: c.name,
    change: c.change,
    detail: c.detail,
    ...(c.joint !== undefined ? { joint: c.joint } : {}),
  };
}

function diffFlowMessage(f: QueryDiffFlow): DiffFlow {
  return {
    from: f.from,
    to: f.to,
    protocol: protocolMessage(f.protocol),
    ports: f.ports.map(([from, to]) => ({ from, to })),
    before: summaryMessage(f.before),
    after: summaryMessage(f.after),
    port: f.port,
  };
}

function flowHistory(service: SnapshotService, r: FlowHistoryRequest): FlowHistoryAnswer {
  const [port, protocol] = validated(
    () => portOf(r.port),
    () => protocolOfRequest(r.protocol),
  );
  const a = flowHistoryQuery(service.history(), {
    from: r.from,
    to: r.to,
    port,
    protocol,
    ...(r.since !== undefined ? { since: r.since } : {}),
    ...(r.until !== undefined ? { until: r.until } : {}),
  });
  return {
    from: a.from,
    to: a.to,
    port: a.port,
    protocol: protocolMessage(protocol),
    snapshots: { ...a.snapshots },
    changes: a.changes.map((c) => ({
      snapshot: c.snapshot,
      takenAt: c.takenAt,
      verdict: c.verdict,
      ...(c.before !== null ? { before: c.before } : {}),
      causes: c.causes.map(causeMessage),
      rules: [...c.rules],
      ...(c.standIns ? { standIns: { ...c.standIns } } : {}),
    })),
  };
}

function diff(service: SnapshotService, r: DiffRequest): DiffAnswer {
  const groupBy = groupByOf(r.groupBy);
  if (groupBy !== 'pod' && groupBy !== 'workload') throw badField('groupBy', 'must be GROUP_BY_POD or GROUP_BY_WORKLOAD');
  if (!r.base) throw badField('base', 'required: a snapshot id or an RFC 3339 time');
  let a;
  try {
    a = flowDiffQuery(service.history(), { base: r.base, ...(r.head ? { head: r.head } : {}), groupBy });
  } catch (err) {
    if (err instanceof UnknownSnapshotError) throw new QueryProblem('unknown-snapshot', err.message);
    throw err;
  }
  return {
    base: { ...a.base },
    head: { ...a.head },
    summary: {
      ...a.summary,
      changedPolicies: [...a.summary.changedPolicies],
      addedEndpoints: [...a.summary.addedEndpoints],
      removedEndpoints: [...a.summary.removedEndpoints],
    },
    lost: a.lost.map(diffFlowMessage),
    gained: a.gained.map(diffFlowMessage),
    groupBy: a.groupBy === 'workload' ? GroupBy.GROUP_BY_WORKLOAD : GroupBy.GROUP_BY_POD,
    ...(a.workloads
      ? { workloads: { lost: a.workloads.lost.map(workloadFlowMessage), gained: a.workloads.gained.map(workloadFlowMessage) } }
      : {}),
    changes: a.changes.map(causeMessage),
  };
}

export function historyHandlers(service: SnapshotService, ctx: CallContext): Pick<ReachabilityServer, 'flowHistory' | 'diff'> {
  return {
    flowHistory: unary(ctx, (r: FlowHistoryRequest) => flowHistory(service, r)),
    diff: unary(ctx, (r: DiffRequest) => diff(service, r)),
  };
}
