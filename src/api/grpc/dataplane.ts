// GetDataplane: the network plugin a snapshot is answered under, from the same query REST's
// GET /v1/dataplane and `netreach cni -o json` use.
import { type DataplaneReport as QueryDataplaneReport, dataplaneQuery } from '../../query/dataplane.ts';
import type { SnapshotService } from '../../service/snapshots.ts';
import { type CallContext, unary } from './call.ts';
import { deviationMessage, protocolMessage } from './convert.ts';
import type { DataplaneReport, DataplaneRequest, ReachabilityServer } from './gen/netreach/v1/netreach.ts';
import { servedSnapshot } from './requests.ts';

export function dataplaneReportMessage(snapshot: number, r: QueryDataplaneReport): DataplaneReport {
  return {
    snapshot,
    plugin: r.plugin,
    name: r.name,
    source: r.source,
    enforcement: r.enforcement,
    enforcementReason: r.enforcementReason,
    policies: r.policies,
    network: { kind: r.network.kind, mode: r.network.mode },
    settings: { ...r.settings },
    deviations: r.deviations.map(deviationMessage),
    undocumented: r.undocumented.map((u) => ({ protocol: protocolMessage(u.protocol), reason: u.reason })),
    nodeReachesLocalPods: r.nodeReachesLocalPods,
    evidence: r.evidence.map((e) => ({ kind: e.kind, ref: e.ref, detail: e.detail })),
    warnings: [...r.warnings],
    advice: [...r.advice],
    sources: [...r.sources],
  };
}

function getDataplane(service: SnapshotService, r: DataplaneRequest): DataplaneReport {
  const served = servedSnapshot(service, r.snapshot, 'snapshot', r.at);
  return dataplaneReportMessage(served.meta.id, dataplaneQuery(served.compiled));
}

export function dataplaneHandlers(service: SnapshotService, ctx: CallContext): Pick<ReachabilityServer, 'getDataplane'> {
  return { getDataplane: unary(ctx, (r: DataplaneRequest) => getDataplane(service, r)) };
}
