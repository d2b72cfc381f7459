// Query-layer values → generated gRPC messages, and the request enums → the query layer's types.
// Field for field the same as the REST JSON (openapi/netreach.yaml): only the spelling differs
// (enums PROTOCOL_TCP / DIRECTION_INGRESS, port ranges as {from, to}, oneofs for anyOf).
import type { Deviation as EngineDeviation } from '../../engine/dataplane/types.ts';
import type {
  DataplaneSummary as EngineDataplaneSummary,
  DirectionVerdict as EngineDirectionVerdict,
  TierRuleRef as EngineTierRuleRef,
  EndpointDescription as EngineEndpoint,
  PortRanges as EnginePortRanges,
  Verdict as EngineVerdict,
} from '../../engine/verdict.ts';
import type { SnapshotMeta as StoreMeta } from '../../store/store.ts';
import type { PolicyType, Protocol as ModelProtocol } from '../../model/types.ts';
import type {
  PathsPorts as QueryPathsPorts,
  PathsVerdict as QueryPathsVerdict,
  PortsPath as QueryPortsPath,
  PathVerdict as QueryPathVerdict,
} from '../../query/paths/types.ts';
import type { PluginContext } from '../../query/plugin-context.ts';
import type { GroupBy as QueryGroupBy } from '../../query/group-matrix.ts';
import {
  type DataplaneSummary,
  type Deviation,
  Direction,
  type DirectionVerdict,
  type TierRuleRef,
  type EndpointDescription,
  GroupBy,
  type PathsPorts,
  type PathsVerdict,
  type PathVerdict,
  type PortRanges,
  type PortsPath,
  Protocol,
  type SnapshotMeta,
  type SnapshotSummary,
  type Verdict,
} from './gen/netreach/v1/netreach.ts';

const PROTOCOLS: Record<ModelProtocol, Protocol> = { TCP: Protocol.PROTOCOL_TCP, UDP: Protocol.PROTOCOL_UDP, SCTP: Protocol.PROTOCOL_SCTP };

export function protocolMessage(p: ModelProtocol): Protocol {
  return PROTOCOLS[p];
}

/** UNSPECIFIED is TCP (REST's default); undefined for a value the server does not know. */
export function protocolOf(p: Protocol): ModelProtocol | undefined {
  switch (p) {
    case Protocol.PROTOCOL_UNSPECIFIED:
    case Protocol.PROTOCOL_TCP:
      return 'TCP';
    case Protocol.PROTOCOL_UDP:
      return 'UDP';
    case Protocol.PROTOCOL_SCTP:
      return 'SCTP';
    case Protocol.UNRECOGNIZED:
      return undefined;
    default:
      // Exhaustive at compile time; at run time the wire can carry any number (proto3 open enums).
      p satisfies never;
      return undefined;
  }
}

/** UNSPECIFIED is by pod; undefined for a value the server does not know. */
export function groupByOf(g: GroupBy): QueryGroupBy | 'pod' | undefined {
  switch (g) {
    case GroupBy.GROUP_BY_UNSPECIFIED:
    case GroupBy.GROUP_BY_POD:
      return 'pod';
    case GroupBy.GROUP_BY_WORKLOAD:
      return 'workload';
    case GroupBy.GROUP_BY_NAMESPACE:
      return 'namespace';
    case GroupBy.UNRECOGNIZED:
      return undefined;
    default:
      g satisfies never;
      return undefined;
  }
}

export function groupByMessage(g: QueryGroupBy): GroupBy {
  return g === 'workload' ? GroupBy.GROUP_BY_WORKLOAD : GroupBy.GROUP_BY_NAMESPACE;
}

function directionMessage(d: PolicyType): Direction {
  return d === 'Ingress' ? Direction.DIRECTION_INGRESS : Direction.DIRECTION_EGRESS;
}

export function portRangesMessage(r: EnginePortRanges): PortRanges {
  const ranges = (p: ModelProtocol) => (r[p] ?? []).map(([from, to]) => ({ from, to }));
  return { tcp: ranges('TCP'), udp: ranges('UDP'), sctp: ranges('SCTP') };
}

function endpointMessage(e: EngineEndpoint): EndpointDescription {
  return { kind: e.kind, name: e.name, ips: [...e.ips] };
}

export function dataplaneSummaryMessage(d: EngineDataplaneSummary): DataplaneSummary {
  return { plugin: d.plugin, name: d.name, enforcement: d.enforcement, source: d.source };
}

export function deviationMessage(d: EngineDeviation): Deviation {
  return { code: d.code, message: d.message, source: d.source };
}

/** true / false as is; null (no plugin recognised) is the unset optional. */
export function enforcedMessage(enforced: boolean | null | undefined): { enforced?: boolean } {
  return typeof enforced === 'boolean' ? { enforced } : {};
}

/** The plugin fields every answer but a Verdict carries at its top (REST `dataplane`, `enforced`). */
export interface PluginMessage {
  readonly dataplane: DataplaneSummary;
  readonly enforced?: boolean;
}

/** From the plugin context the query attached to the answer (query/answered.ts). */
export function pluginMessage(plugin: PluginContext): PluginMessage {
  return { dataplane: dataplaneSummaryMessage(plugin.dataplane), ...enforcedMessage(plugin.enforced) };
}

function directionVerdictMessage(d: EngineDirectionVerdict): DirectionVerdict {
  return {
    direction: directionMessage(d.direction),
    allowed: d.allowed,
    policed: d.policed,
    isolated: d.isolated,
    isolatedBy: [...d.isolatedBy],
    allowedBy: d.allowedBy.map((r) => ({ policy: r.policy, direction: directionMessage(r.direction), rule: r.rule })),
    reason: d.reason,
    nearMisses: (d.nearMisses ?? []).map((m) => ({
      policy: m.policy,
      direction: directionMessage(m.direction),
      rule: m.rule,
      fails: m.fails.map((f) => ({ ...f })),
    })),
    ...(d.tier !== undefined ? { tier: d.tier } : {}),
    ...(d.decidedBy ? { decidedBy: tierRuleMessage(d.decidedBy) } : {}),
    ...(d.passedBy ? { passedBy: tierRuleMessage(d.passedBy) } : {}),
    unknown: d.unknown ?? false,
    ...(d.unknownReason !== undefined ? { unknownReason: d.unknownReason } : {}),
  };
}

function tierRuleMessage(r: EngineTierRuleRef): TierRuleRef {
  return { ...r, direction: directionMessage(r.direction) };
}

export function verdictMessage(v: EngineVerdict): Verdict {
  return {
    allowed: v.allowed,
    from: endpointMessage(v.from),
    to: endpointMessage(v.to),
    port: v.port,
    protocol: protocolMessage(v.protocol),
    egress: directionVerdictMessage(v.egress),
    ingress: directionVerdictMessage(v.ingress),
    ...(v.override !== undefined ? { override: v.override } : {}),
    notes: v.notes.map((n) => ({ code: n.code, message: n.message })),
    verdict: v.verdict,
    ...enforcedMessage(v.enforced),
    dataplane: dataplaneSummaryMessage(v.dataplane),
    deviations: v.deviations.map(deviationMessage),
    ...(v.upstream ? { upstreamAllowed: v.upstream.allowed } : {}),
    ...(v.unknownReason !== undefined ? { unknownReason: v.unknownReason } : {}),
  };
}

function pathVerdictMessage(p: QueryPathVerdict): PathVerdict {
  return {
    from: p.from,
    to: p.to,
    port: p.port,
    allowed: p.allowed,
    cidrs: [...(p.cidrs ?? [])],
    ...(p.reason !== undefined ? { reason: p.reason } : {}),
    ...(p.via !== undefined ? { via: p.via } : {}),
    ...(p.verdict ? { verdict: verdictMessage(p.verdict) } : {}),
  };
}

export function pathsVerdictMessage(a: QueryPathsVerdict, plugin: PluginMessage): PathsVerdict {
  return {
    allowed: a.allowed,
    outcome: a.outcome,
    from: a.from,
    to: a.to,
    port: a.port,
    protocol: protocolMessage(a.protocol),
    paths: a.paths.map(pathVerdictMessage),
    notes: a.notes.map((n) => ({ code: n.code, message: n.message })),
    ...plugin,
  };
}

function portsPathMessage(p: QueryPortsPath): PortsPath {
  return {
    from: p.from,
    to: p.to,
    ...(p.via !== undefined ? { via: p.via } : {}),
    ports: portRangesMessage(p.ports),
    ...(p.reason !== undefined ? { reason: p.reason } : {}),
  };
}

export function pathsPortsMessage(a: QueryPathsPorts, plugin: PluginMessage): PathsPorts {
  return {
    from: a.from,
    to: a.to,
    paths: a.paths.map(portsPathMessage),
    union: portRangesMessage(a.union),
    intersection: portRangesMessage(a.intersection),
    notes: a.notes.map((n) => ({ code: n.code, message: n.message })),
    ...plugin,
  };
}

export function snapshotSummaryMessage(m: StoreMeta): SnapshotSummary {
  return {
    id: m.id,
    takenAt: m.takenAt,
    source: m.source,
    counts: { ...m.counts },
    ...(m.dataplane ? { dataplane: dataplaneSummaryMessage(m.dataplane) } : {}),
  };
}

export function snapshotMetaMessage(m: StoreMeta): SnapshotMeta {
  return { ...snapshotSummaryMessage(m), hash: m.hash, ...(m.detail ? { detail: { ...m.detail } } : {}) };
}
