// Change impact: which flows change between two compiled snapshots, recomputing only what the
// change can touch. A flow between two endpoints that exist in both snapshots can change only if
// one of them changed (labels, namespace labels, addresses, ports), or a policy that selects the
// source (egress) or the destination (ingress) changed. Pairs are evaluated per joint class
// (class before × class after), so the cost follows classes, not pods.
import { forEachBit } from './bitset.ts';
import type { CompiledPolicy, CompiledSnapshot } from './compiled.ts';
import { pairAtoms } from './pair.ts';
import { maskToRanges, newMask } from './port-atoms.ts';
import { isEmptyRanges, subtractRanges } from './port-ranges.ts';
import type { PortRanges } from './verdict.ts';

export interface ImpactGroup {
  /** Endpoint keys on each side (every pair between them changed the same way, self pairs excluded). */
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly lost: PortRanges;
  readonly gained: PortRanges;
}

export interface ImpactResult {
  readonly groups: readonly ImpactGroup[];
  readonly changedPolicies: readonly string[];
  readonly addedEndpoints: readonly string[];
  readonly removedEndpoints: readonly string[];
  /** Joint classes recomputed as the changed side, for the curious (and the benchmark). */
  readonly recomputedPairs: number;
}

interface Joint {
  readonly before: number;
  readonly after: number;
  readonly members: string[];
  ingress: boolean;
  egress: boolean;
}

function policyMap(c: CompiledSnapshot): Map<string, CompiledPolicy> {
  return new Map(c.policies.map((p) => [p.ref, p]));
}

function markSelected(c: CompiledSnapshot, p: CompiledPolicy | undefined, ingress: Set<number>, egress: Set<number>): void {
  if (!p) return;
  forEachBit(p.selected, (cls) => {
    for (const e of c.classes[cls].members) {
      if (p.types.ingress) ingress.add(e);
      if (p.types.egress) egress.add(e);
    }
  });
}

function endpointFingerprint(c: CompiledSnapshot, id: number): string {
  const e = c.endpoints[id];
  return JSON.stringify([e.pod.labels, e.pod.ips, e.pod.containerPorts, e.pod.hostNetwork, e.pod.nodeName, c.namespaces[e.namespace].labels]);
}

export function impact(before: CompiledSnapshot, after: CompiledSnapshot): ImpactResult {
  const pb = policyMap(before);
  const pa = policyMap(after);
  const changedPolicies = [...new Set([...pb.keys(), ...pa.keys()])]
    .filter((ref) => JSON.stringify(pb.get(ref)?.policy) !== JSON.stringify(pa.get(ref)?.policy))
    .sort();
  const inB = new Set<number>();
  const egB = new Set<number>();
  const inA = new Set<number>();
  const egA = new Set<number>();
  for (const ref of changedPolicies) {
    markSelected(before, pb.get(ref), inB, egB);
    markSelected(after, pa.get(ref), inA, egA);
  }
  const joints = new Map<number, Joint>();
  const addedEndpoints: string[] = [];
  after.endpoints.forEach((e, ia) => {
    const ib = before.endpointIndex.get(e.key);
    if (ib === undefined) return void addedEndpoints.push(e.key);
    const cb = before.endpoints[ib].classId;
    const key = cb * after.classes.length + e.classId;
    let j = joints.get(key);
    if (!j) joints.set(key, (j = { before: cb, after: e.classId, members: [], ingress: false, egress: false }));
    j.members.push(e.key);
    const changed = endpointFingerprint(before, ib) !== endpointFingerprint(after, ia);
    if (changed || inB.has(ib) || inA.has(ia)) j.ingress = true;
    if (changed || egB.has(ib) || egA.has(ia)) j.egress = true;
  });
  const removedEndpoints = before.endpoints.filter((e) => !after.endpointIndex.has(e.key)).map((e) => e.key);

  const list = [...joints.values()];
  const groups: ImpactGroup[] = [];
  const mb = newMask(before.atoms);
  const sb = newMask(before.atoms);
  const ma = newMask(after.atoms);
  const sa = newMask(after.atoms);
  let recomputedPairs = 0;
  for (const src of list) {
    for (const dst of list) {
      if (!src.egress && !dst.ingress) continue;
      if (src === dst && src.members.length < 2) continue; // only self pairs: never policed
      recomputedPairs++;
      pairAtoms(before, src.before, dst.before, mb, sb);
      pairAtoms(after, src.after, dst.after, ma, sa);
      const was = maskToRanges(before.atoms, mb);
      const now = maskToRanges(after.atoms, ma);
      const lost = subtractRanges(was, now);
      const gained = subtractRanges(now, was);
      if (isEmptyRanges(lost) && isEmptyRanges(gained)) continue;
      groups.push({ from: src.members, to: dst.members, lost, gained });
    }
  }
  return { groups, changedPolicies, addedEndpoints, removedEndpoints, recomputedPairs };
}
