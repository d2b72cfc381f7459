// impactQuery: "if I merge this, what stops working?". Applies a change set to a compiled base,
// compiles the result incrementally, asks the engine which class pairs changed, and expands the
// answer to exact pod-level flows (per pod pair and protocol, self pairs omitted) plus flows to and
// from outside CIDRs. Each flow names the policies that decided it before and after (evaluated on the
// flow's first port). Flows exist only between endpoints present in both snapshots; added and
// removed endpoints are listed in the summary.
import {
  compile,
  impact,
  type CompiledSnapshot,
  type ImpactGroup,
  type ImpactResult,
  type OutsideImpactGroup,
  type PortRanges,
} from '../engine/index.ts';
import { evaluateDirection } from '../engine/check.ts';
import { endpointOverride, resolveEndpoint } from '../engine/endpoint.ts';
import { reachablePorts } from '../engine/reachable.ts';
import { atomOf } from '../engine/port-atoms.ts';
import { subtractRanges } from '../engine/port-ranges.ts';
import type { EndpointQuery } from '../engine/verdict.ts';
import type { Diagnostic } from '../model/diagnostics.ts';
import { PROTOCOLS, type Protocol, type Snapshot } from '../model/types.ts';
import { type ChangeSet, applyChangeSet, changeSetProblems } from './change-set.ts';
import { type WorkloadFlow, groupFlowsByWorkload } from './impact-workloads.ts';
import type { RuleRefSummary } from './impact-summary.ts';

export { type ChangeSet, applyChangeSet, changeSetOf, changeSetProblems } from './change-set.ts';
export type { WorkloadFlow } from './impact-workloads.ts';
export type { DirectionSummary, RuleRefSummary } from './impact-summary.ts';
export { decisivePolicies } from './impact-summary.ts';

export type ImpactGroupBy = 'pod' | 'workload';

export interface ImpactFlow {
  /** `ns/name` of a pod (or a workload template key), or an outside CIDR. */
  readonly from: string;
  readonly to: string;
  readonly protocol: Protocol;
  readonly ports: [number, number][];
  readonly before: RuleRefSummary;
  readonly after: RuleRefSummary;
}

export interface ImpactSummary {
  readonly lost: number;
  readonly gained: number;
  readonly changedPolicies: readonly string[];
  readonly addedEndpoints: readonly string[];
  readonly removedEndpoints: readonly string[];
}

export interface ImpactAnswer {
  readonly summary: ImpactSummary;
  /** Pod-level, sorted by from, to, protocol. */
  readonly lost: readonly ImpactFlow[];
  readonly gained: readonly ImpactFlow[];
  readonly groupBy: ImpactGroupBy;
  /** With groupBy workload: the same flows by workload (EndpointInfo.group; CIDRs as themselves). */
  readonly workloads?: { readonly lost: readonly WorkloadFlow[]; readonly gained: readonly WorkloadFlow[] };
  /** Problems with the change set (a delete that names nothing: severity error). */
  readonly diagnostics: readonly Diagnostic[];
}

export interface ImpactOptions {
  readonly groupBy?: ImpactGroupBy;
}

/** Evaluates who decided (src → dst on one port) in one snapshot; cached per class/region pair. */
class Decider {
  private readonly cache = new Map<string, RuleRefSummary>();
  constructor(private readonly c: CompiledSnapshot) {}
  summary(from: EndpointQuery, to: EndpointQuery, protocol: Protocol, port: number): RuleRefSummary {
    const src = resolveEndpoint(this.c, from);
    const dst = resolveEndpoint(this.c, to);
    const atom = atomOf(this.c.atoms, protocol, port);
    const key = `${JSON.stringify(src.peer)}>${JSON.stringify(dst.peer)}@${atom}`;
    let s = this.cache.get(key);
    if (s === undefined) {
      const what = `${protocol}/${port}`;
      const egress = evaluateDirection(this.c, 'Egress', src, dst, atom, what, []);
      const ingress = evaluateDirection(this.c, 'Ingress', src, dst, atom, what, []);
      const side = (d: typeof egress) => ({ isolatedBy: d.isolatedBy, allowedBy: d.allowedBy });
      s = { allowed: egress.allowed && ingress.allowed, egress: side(egress), ingress: side(ingress) };
      this.cache.set(key, s);
    }
    return s;
  }
}

type Side = { readonly name: string; readonly query: EndpointQuery };
const podSide = (key: string): Side => ({ name: key, query: { kind: 'endpoint', key } });
/** A CIDR is asked about through its first address (every address of it changed alike). */
const cidrSide = (cidr: string): Side => ({ name: cidr, query: { kind: 'ip', ip: cidr.slice(0, cidr.lastIndexOf('/')) } });

class FlowSink {
  readonly lost: ImpactFlow[] = [];
  readonly gained: ImpactFlow[] = [];
  private readonly before: Decider;
  private readonly after: Decider;
  constructor(before: CompiledSnapshot, after: CompiledSnapshot) {
    this.before = new Decider(before);
    this.after = new Decider(after);
  }
  add(from: Side, to: Side, lost: PortRanges, gained: PortRanges): void {
    this.push(this.lost, from, to, lost);
    this.push(this.gained, from, to, gained);
  }
  private push(list: ImpactFlow[], from: Side, to: Side, ranges: PortRanges): void {
    for (const protocol of PROTOCOLS) {
      const ports = ranges[protocol];
      if (!ports?.length) continue;
      const port = ports[0][0];
      list.push({
        from: from.name,
        to: to.name,
        protocol,
        ports: ports.map(([a, b]) => [a, b]),
        before: this.before.summary(from.query, to.query, protocol, port),
        after: this.after.summary(from.query, to.query, protocol, port),
      });
    }
  }
}

/** A class group expanded to pod pairs; pairs under a pod-level override are recomputed exactly. */
function expandGroup(before: CompiledSnapshot, after: CompiledSnapshot, g: ImpactGroup, sink: FlowSink): void {
  for (const from of g.from) {
    const src = podSide(from);
    const ia = after.endpointIndex.get(from)!;
    const ib = before.endpointIndex.get(from)!;
    for (const to of g.to) {
      if (from === to) continue;
      const dst = podSide(to);
      const ja = after.endpointIndex.get(to)!;
      const jb = before.endpointIndex.get(to)!;
      if (endpointOverride(after, ia, ja) || endpointOverride(before, ib, jb)) {
        const was = reachablePorts(before, src.query, dst.query);
        const now = reachablePorts(after, src.query, dst.query);
        sink.add(src, dst, subtractRanges(was, now), subtractRanges(now, was));
      } else sink.add(src, dst, g.lost, g.gained);
    }
  }
}

function expandOutside(g: OutsideImpactGroup, sink: FlowSink): void {
  const cidrs = g.cidrs.map(cidrSide);
  for (const key of g.pods) {
    const pod = podSide(key);
    for (const cidr of cidrs) {
      if (g.direction === 'egress') sink.add(pod, cidr, g.lost, g.gained);
      else sink.add(cidr, pod, g.lost, g.gained);
    }
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sortFlows(flows: ImpactFlow[]): ImpactFlow[] {
  const order = (p: Protocol) => PROTOCOLS.indexOf(p);
  return flows.sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || order(a.protocol) - order(b.protocol));
}

const isCidr = (side: string) => /^[0-9a-f:.]+\/\d+$/i.test(side);

/** Flows per pod pair and protocol: the CIDR fragments of the outside, which the lists keep apart
 * (each changed alike), count as one outside flow per pod, direction and protocol. */
function countFlows(flows: readonly ImpactFlow[]): number {
  const keys = new Set<string>();
  for (const f of flows) keys.add(`${isCidr(f.from) ? '*' : f.from}>${isCidr(f.to) ? '*' : f.to}/${f.protocol}`);
  return keys.size;
}

/** The pod-level answer for an engine result (exported for callers that compiled both sides). */
export function impactAnswer(
  before: CompiledSnapshot,
  after: CompiledSnapshot,
  result: ImpactResult,
  options: ImpactOptions = {},
  diagnostics: readonly Diagnostic[] = [],
): ImpactAnswer {
  const sink = new FlowSink(before, after);
  for (const g of result.groups) expandGroup(before, after, g, sink);
  for (const g of result.outside) expandOutside(g, sink);
  const lost = sortFlows(sink.lost);
  const gained = sortFlows(sink.gained);
  const groupBy = options.groupBy ?? 'pod';
  return {
    summary: {
      lost: countFlows(lost),
      gained: countFlows(gained),
      changedPolicies: result.changedPolicies,
      addedEndpoints: result.addedEndpoints,
      removedEndpoints: result.removedEndpoints,
    },
    lost,
    gained,
    groupBy,
    ...(groupBy === 'workload'
      ? { workloads: { lost: groupFlowsByWorkload(after, lost), gained: groupFlowsByWorkload(after, gained) } }
      : {}),
    diagnostics,
  };
}

export function impactQuery(base: CompiledSnapshot, change: ChangeSet, options: ImpactOptions = {}): ImpactAnswer {
  const diagnostics = changeSetProblems(base.snapshot, change);
  const after = compile(applyChangeSet(base.snapshot, change), base);
  return impactAnswer(base, after, impact(base, after), options, diagnostics);
}

/** Whole-state comparison: `head` is the full state after the change (an object absent from it is
 * deleted), not an overlay on the base. Compiled incrementally against the base. */
export function impactBetween(base: CompiledSnapshot, head: Snapshot, options: ImpactOptions = {}): ImpactAnswer {
  const after = compile(head, base);
  return impactAnswer(base, after, impact(base, after), options);
}
