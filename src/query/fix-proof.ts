// The proof of a fix candidate: apply it to the snapshot (change-set.ts, so the compile is
// incremental), run the impact engine, and compare. For an admit request, `gained` must hold every
// requested pair on its port and `lost` must be empty; for a deny request, `lost` must hold them and
// `gained` must be empty. Every other changed flow is listed (`others`) and ranks the candidate lower.
import { compile, impact, type CompiledSnapshot } from '../engine/index.ts';
import { check } from '../engine/check.ts';
import type { CandidateChange, FlowPair } from '../engine/fix/types.ts';
import { applyChangeSet } from './change-set.ts';
import { type ImpactFlow, impactAnswer } from './impact.ts';

export interface FixProof {
  /** Every requested pair answers as asked after the change (check on the changed snapshot). */
  readonly achieves: boolean;
  readonly gained: readonly ImpactFlow[];
  readonly lost: readonly ImpactFlow[];
  /** Changed flows beyond the request: gained (and, for deny, lost) ports no one asked for. */
  readonly others: readonly ImpactFlow[];
  /** How many of `others` are between the requested workloads (their other replicas): a selector
   * by workload labels cannot tell replicas apart. */
  readonly replicaFlows: number;
  /** Nothing else changed: `others` and the opposite list are empty. */
  readonly exact: boolean;
}

const pairKey = (from: string, to: string, protocol: string) => `${from}>${to}>${protocol}`;

/** A flow without the requested port; null when nothing else remains. */
function beyondRequest(flow: ImpactFlow, requested: ReadonlyMap<string, number>): ImpactFlow | null {
  const port = requested.get(pairKey(flow.from, flow.to, flow.protocol));
  if (port === undefined) return flow;
  const ports: [number, number][] = [];
  for (const [a, b] of flow.ports) {
    if (port < a || port > b) ports.push([a, b]);
    else {
      if (a < port) ports.push([a, port - 1]);
      if (port < b) ports.push([port + 1, b]);
    }
  }
  return ports.length > 0 ? { ...flow, ports } : null;
}

export function proveCandidate(c: CompiledSnapshot, candidate: CandidateChange, pairs: readonly FlowPair[], deny: boolean): FixProof {
  const after = compile(applyChangeSet(c.snapshot, { apply: candidate.changes.map((ch) => ch.policy), delete: [] }), c);
  const answer = impactAnswer(c, after, impact(c, after));
  const key = (id: number) => c.endpoints[id].key;
  const achieves = pairs.every((p) => {
    const v = check(after, { kind: 'endpoint', key: key(p.src) }, { kind: 'endpoint', key: key(p.dst) }, p.port, p.protocol);
    return deny ? v.verdict === 'denied' : v.verdict === 'allowed';
  });
  const requested = new Map(pairs.map((p) => [pairKey(key(p.src), key(p.dst), p.protocol), p.port]));
  const wanted = deny ? answer.lost : answer.gained;
  const opposite = deny ? answer.gained : answer.lost;
  const others = wanted.map((f) => beyondRequest(f, requested)).filter((f): f is ImpactFlow => f !== null);
  const group = (key: string) => {
    const id = c.endpointIndex.get(key);
    return id === undefined ? undefined : c.endpoints[id].group;
  };
  const workloads = new Set(pairs.map((p) => `${c.endpoints[p.src].group}>${c.endpoints[p.dst].group}`));
  const replicaFlows = others.filter((f) => workloads.has(`${group(f.from)}>${group(f.to)}`)).length;
  return { achieves, gained: answer.gained, lost: answer.lost, others, replicaFlows, exact: others.length === 0 && opposite.length === 0 };
}
