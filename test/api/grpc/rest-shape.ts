// gRPC answers back in REST's JSON spelling, so a test can compare the two doors with deepEqual.
// Written independently of src/api/grpc/convert.ts: it is the oracle, not a copy of the code.
import type {
  CheckAnswer,
  DataplaneReport,
  DataplaneSummary,
  DirectionVerdict,
  ImpactAnswer,
  ImpactFlow,
  MatrixChunk,
  PathsVerdict,
  PortRanges,
  PortsAnswer,
  RuleRefSummary,
  Verdict,
  WorkloadFlow,
} from '../../../src/api/grpc/gen/netreach/v1/netreach.ts';

const PROTOCOL = ['', 'TCP', 'UDP', 'SCTP'];
const DIRECTION = ['', 'Ingress', 'Egress'];
const GROUP_BY = ['', 'pod', 'workload', 'namespace'];

function ranges(r: PortRanges | undefined): object {
  const out: Record<string, [number, number][]> = {};
  for (const [key, list] of [
    ['TCP', r?.tcp],
    ['UDP', r?.udp],
    ['SCTP', r?.sctp],
  ] as const) {
    if (list && list.length > 0) out[key] = list.map((x) => [x.from, x.to]);
  }
  return out;
}

function direction(d: DirectionVerdict | undefined): object {
  if (!d) throw new Error('direction verdict missing');
  return {
    direction: DIRECTION[d.direction],
    allowed: d.allowed,
    policed: d.policed,
    isolated: d.isolated,
    isolatedBy: d.isolatedBy,
    allowedBy: d.allowedBy.map((r) => ({ policy: r.policy, direction: DIRECTION[r.direction], rule: r.rule })),
    reason: d.reason,
    // REST omits the list when there is no near miss; proto3 cannot tell empty from absent.
    ...(d.nearMisses.length > 0
      ? {
          nearMisses: d.nearMisses.map((m) => ({
            policy: m.policy,
            direction: DIRECTION[m.direction],
            rule: m.rule,
            fails: m.fails.map((f) => ({ kind: f.kind, path: f.path, message: f.message })),
          })),
        }
      : {}),
  };
}

function summary(d: DataplaneSummary | undefined): object {
  if (!d) throw new Error('dataplane summary missing');
  return { plugin: d.plugin, name: d.name, enforcement: d.enforcement, source: d.source };
}

/** `dataplane` and `enforced` at the top of every answer but a Verdict; unset enforced is null. */
export function plugin(x: { dataplane?: DataplaneSummary; enforced?: boolean }): object {
  return { dataplane: summary(x.dataplane), enforced: x.enforced ?? null };
}

export function verdictJson(v: Verdict): object {
  return {
    verdict: v.verdict,
    enforced: v.enforced ?? null,
    dataplane: summary(v.dataplane),
    deviations: v.deviations,
    ...(v.upstreamAllowed !== undefined ? { upstream: { allowed: v.upstreamAllowed } } : {}),
    ...(v.unknownReason !== undefined ? { unknownReason: v.unknownReason } : {}),
    allowed: v.allowed,
    from: v.from,
    to: v.to,
    port: v.port,
    protocol: PROTOCOL[v.protocol],
    egress: direction(v.egress),
    ingress: direction(v.ingress),
    ...(v.override !== undefined ? { override: v.override } : {}),
    notes: v.notes,
  };
}

function pathsJson(a: PathsVerdict): object {
  return {
    allowed: a.allowed,
    outcome: a.outcome,
    from: a.from,
    to: a.to,
    port: a.port,
    protocol: PROTOCOL[a.protocol],
    paths: a.paths.map((p) => ({
      from: p.from,
      to: p.to,
      port: p.port,
      allowed: p.allowed,
      ...(p.cidrs.length > 0 ? { cidrs: p.cidrs } : {}),
      ...(p.reason !== undefined ? { reason: p.reason } : {}),
      ...(p.via !== undefined ? { via: p.via } : {}),
      ...(p.verdict ? { verdict: verdictJson(p.verdict) } : {}),
    })),
    notes: a.notes,
    ...plugin(a),
  };
}

export function checkJson(a: CheckAnswer): object {
  if (!a.answer) throw new Error('empty CheckAnswer');
  return a.answer.$case === 'verdict' ? verdictJson(a.answer.value) : pathsJson(a.answer.value);
}

export function portsJson(a: PortsAnswer): object {
  if (!a.answer) throw new Error('empty PortsAnswer');
  if (a.answer.$case === 'ranges')
    return { from: a.answer.value.from, to: a.answer.value.to, ports: ranges(a.answer.value.ports), ...plugin(a.answer.value) };
  const p = a.answer.value;
  return {
    from: p.from,
    to: p.to,
    paths: p.paths.map((x) => ({
      from: x.from,
      to: x.to,
      ...(x.via !== undefined ? { via: x.via } : {}),
      ports: ranges(x.ports),
      ...(x.reason !== undefined ? { reason: x.reason } : {}),
    })),
    union: ranges(p.union),
    intersection: ranges(p.intersection),
    notes: p.notes,
    ...plugin(p),
  };
}

/** The header and the row batches joined; checks the batches are consecutive. */
export function matrixJson(chunks: readonly MatrixChunk[]): object {
  const [first, ...rest] = chunks;
  if (first?.chunk?.$case !== 'header') throw new Error('the first chunk is not the header');
  const h = first.chunk.value;
  const rows: string[] = [];
  for (const c of rest) {
    if (c.chunk?.$case !== 'rows') throw new Error('a header after the first chunk');
    if (c.chunk.value.firstRow !== rows.length) throw new Error(`rows out of order at ${c.chunk.value.firstRow}`);
    rows.push(...c.chunk.value.rows);
  }
  const grouped = h.groupBy !== 0;
  if (grouped) return { port: h.port, protocol: PROTOCOL[h.protocol], groupBy: GROUP_BY[h.groupBy], groups: h.groups, rows, ...plugin(h) };
  return {
    port: h.port,
    protocol: PROTOCOL[h.protocol],
    pods: h.pods,
    rows,
    ...plugin(h),
    ...(h.unknownReason !== undefined ? { unknownReason: h.unknownReason } : {}),
  };
}

function ruleSummary(s: RuleRefSummary | undefined): object {
  if (!s) throw new Error('rule summary missing');
  const side = (d: RuleRefSummary['egress']) => ({
    isolatedBy: d?.isolatedBy,
    allowedBy: d?.allowedBy.map((r) => ({ policy: r.policy, direction: DIRECTION[r.direction], rule: r.rule })),
  });
  return { allowed: s.allowed, egress: side(s.egress), ingress: side(s.ingress) };
}

const portList = (ports: readonly { from: number; to: number }[]) => ports.map((p) => [p.from, p.to]);

export function flowJson(f: ImpactFlow): object {
  return {
    from: f.from,
    to: f.to,
    protocol: PROTOCOL[f.protocol],
    ports: portList(f.ports),
    before: ruleSummary(f.before),
    after: ruleSummary(f.after),
  };
}

function workloadFlowJson(f: WorkloadFlow): object {
  return {
    from: f.from,
    to: f.to,
    fromOutside: f.fromOutside,
    toOutside: f.toOutside,
    protocol: PROTOCOL[f.protocol],
    ports: portList(f.ports),
    flows: f.flows,
    policies: f.policies,
    wasAllowedBy: f.wasAllowedBy,
  };
}

export function impactJson(a: ImpactAnswer): object {
  return {
    summary: a.summary,
    lost: a.lost.map(flowJson),
    gained: a.gained.map(flowJson),
    groupBy: GROUP_BY[a.groupBy],
    ...(a.workloads
      ? { workloads: { lost: a.workloads.lost.map(workloadFlowJson), gained: a.workloads.gained.map(workloadFlowJson) } }
      : {}),
    diagnostics: a.diagnostics,
    ...plugin(a),
  };
}

export function dataplaneJson(d: DataplaneReport): object {
  return {
    snapshot: d.snapshot,
    plugin: d.plugin,
    name: d.name,
    source: d.source,
    enforcement: d.enforcement,
    enforcementReason: d.enforcementReason,
    policies: d.policies,
    network: d.network,
    settings: d.settings,
    deviations: d.deviations,
    undocumented: d.undocumented.map((u) => ({ protocol: PROTOCOL[u.protocol], reason: u.reason })),
    nodeReachesLocalPods: d.nodeReachesLocalPods,
    evidence: d.evidence,
    warnings: d.warnings,
    advice: d.advice,
    sources: d.sources,
  };
}
