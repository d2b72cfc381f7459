// Blast radius: every endpoint that may open a connection to a target ("who can reach X?"), or that
// a source may open one to ("what can X reach?"), grouped by namespace and workload. Each candidate
// is asked through checkAnswerQuery / portsAnswerQuery — the answers `check` and `ports` give — so
// the sets agree with them by construction. Capped: the first `limit` workloads, with the total.
import type { CompiledSnapshot, EndpointInfo, PortRanges } from '../engine/index.ts';
import { isEmptyRanges } from '../engine/port-ranges.ts';
import type { Protocol } from '../model/types.ts';
import { type EndpointSpec, endpointSpecText, parseEndpointSpec } from './endpoint-spec.ts';
import { checkAnswerQuery, portsAnswerQuery } from './queries.ts';
import { checkSummary } from './reach-summary.ts';

export type ReachDirection = 'to' | 'from';

export interface ReachMember {
  /** `ns/name` of the pod (or the workload template key when the input has no pods). */
  readonly endpoint: string;
  /** Ports open (all-ports questions only). */
  readonly ports?: PortRanges;
}

export interface ReachWorkload {
  /** `deploy:ns/name`, `pod:ns/name` for a bare pod. */
  readonly workload: string;
  readonly members: readonly ReachMember[];
}

export interface ReachNamespace {
  readonly namespace: string;
  readonly workloads: readonly ReachWorkload[];
}

export interface ReachSet {
  /** The endpoint asked about, in the CLI spelling. */
  readonly endpoint: string;
  readonly direction: ReachDirection;
  readonly port?: number;
  readonly protocol: Protocol;
  readonly namespaces: readonly ReachNamespace[];
  /** Endpoints and workloads in the whole answer (before the cap). */
  readonly endpoints: number;
  readonly workloads: number;
  /** Endpoints whose verdict is unknown (the plugin does not document the case), by name. */
  readonly unknown: readonly string[];
  readonly truncated: boolean;
}

export interface ReachSetOptions {
  readonly port?: number;
  readonly protocol?: Protocol;
  /** Workloads listed at most (default 50). */
  readonly limit?: number;
}

type Outcome = { kind: 'yes'; ports?: PortRanges } | { kind: 'no' } | { kind: 'unknown' };

function ask(c: CompiledSnapshot, from: EndpointSpec, to: EndpointSpec, o: ReachSetOptions): Outcome {
  const protocol = o.protocol ?? 'TCP';
  if (o.port !== undefined) {
    const s = checkSummary(checkAnswerQuery(c, from, to, o.port, protocol));
    return s.verdict === 'unknown' ? { kind: 'unknown' } : s.verdict === 'denied' ? { kind: 'no' } : { kind: 'yes' };
  }
  const a = portsAnswerQuery(c, from, to);
  const ports = a.kind === 'ranges' ? a.ports : a.answer.union;
  return isEmptyRanges(ports) ? { kind: 'no' } : { kind: 'yes', ports };
}

function isSelf(e: EndpointInfo, spec: EndpointSpec): boolean {
  return spec.kind === 'pod' && e.key === `${spec.namespace}/${spec.name}`;
}

export function reachSet(c: CompiledSnapshot, endpoint: EndpointSpec, direction: ReachDirection, o: ReachSetOptions = {}): ReachSet {
  const limit = o.limit ?? 50;
  const groups = new Map<string, Map<string, ReachMember[]>>();
  const unknown: string[] = [];
  let endpoints = 0;
  for (const e of c.endpoints) {
    if (isSelf(e, endpoint)) continue;
    const other = parseEndpointSpec(e.key);
    const outcome = direction === 'to' ? ask(c, other, endpoint, o) : ask(c, endpoint, other, o);
    if (outcome.kind === 'unknown') unknown.push(e.key);
    if (outcome.kind !== 'yes') continue;
    endpoints++;
    const ns = e.pod.namespace;
    let byWorkload = groups.get(ns);
    if (!byWorkload) groups.set(ns, (byWorkload = new Map()));
    let members = byWorkload.get(e.group);
    if (!members) byWorkload.set(e.group, (members = []));
    members.push({ endpoint: e.key, ...(outcome.ports ? { ports: outcome.ports } : {}) });
  }
  const namespaces: ReachNamespace[] = [];
  let workloads = 0;
  for (const ns of [...groups.keys()].sort()) {
    const listed: ReachWorkload[] = [];
    for (const [workload, members] of [...groups.get(ns)!.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      if (workloads++ < limit) listed.push({ workload, members });
    }
    if (listed.length > 0) namespaces.push({ namespace: ns, workloads: listed });
  }
  return {
    endpoint: endpointSpecText(endpoint),
    direction,
    ...(o.port !== undefined ? { port: o.port } : {}),
    protocol: o.protocol ?? 'TCP',
    namespaces,
    endpoints,
    workloads,
    unknown,
    truncated: workloads > limit,
  };
}
