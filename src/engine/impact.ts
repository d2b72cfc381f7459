// Change impact: which flows change between two compiled snapshots, recomputing only what the
// change can touch. A flow between two endpoints that exist in both snapshots can change only if
// one of them changed (labels, namespace labels, addresses, ports), or a policy that selects the
// source (egress) or the destination (ingress) changed. Pairs are evaluated per joint class
// (class before × class after), so the cost follows classes, not pods.
import { forEachBit } from './bitset.ts';
import type { CompiledPolicy, CompiledSnapshot } from './compiled.ts';
import type { NetworkPolicy } from '../model/types.ts';
import { type ImpactJoint as Joint, type OutsideImpactGroup, outsideImpact } from './impact-outside.ts';
import { pairAtoms } from './pair-atoms.ts';
import { markTierChanges } from './tiers/impact-tiers.ts';
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
  /** Changes between pods and addresses outside the cluster (ipBlock peers). */
  readonly outside: readonly OutsideImpactGroup[];
  /** `ns/name` of the policies that changed, as written or as the plugin enforces them (sorted). */
  readonly changedPolicies: readonly string[];
  readonly addedEndpoints: readonly string[];
  readonly removedEndpoints: readonly string[];
  /** Joint classes recomputed as the changed side, for the curious (and the benchmark). */
  readonly recomputedPairs: number;
}

function policyMap(c: CompiledSnapshot): Map<string, CompiledPolicy> {
  return new Map(c.policies.map((p) => [p.ref, p]));
}

function markSelected(p: CompiledPolicy | undefined, ingress: Set<number>, egress: Set<number>): void {
  if (!p) return;
  forEachBit(p.selected, (cls) => {
    if (p.types.ingress) ingress.add(cls);
    if (p.types.egress) egress.add(cls);
  });
}

function endpointFingerprint(c: CompiledSnapshot, id: number): string {
  const e = c.endpoints[id];
  return JSON.stringify([
    e.pod.labels,
    e.pod.ips,
    e.pod.containerPorts,
    e.pod.hostNetwork,
    e.pod.nodeName,
    c.namespaces[e.namespace].labels,
  ]);
}

/** Whether anything a policy or override can see about the endpoint differs (identity first: cheap). */
function endpointChanged(before: CompiledSnapshot, ib: number, after: CompiledSnapshot, ia: number): boolean {
  const b = before.endpoints[ib];
  const a = after.endpoints[ia];
  if (b.pod === a.pod && before.namespaces[b.namespace].labels === after.namespaces[a.namespace].labels) return false;
  return endpointFingerprint(before, ib) !== endpointFingerprint(after, ia);
}

/** Refs whose policy differs between the two maps (identity first, then content), sorted. */
function changedRefs<T>(before: ReadonlyMap<string, T>, after: ReadonlyMap<string, T>, policyOf: (t: T) => NetworkPolicy): string[] {
  return [...new Set([...before.keys(), ...after.keys()])]
    .filter((ref) => {
      const x = before.get(ref);
      const y = after.get(ref);
      const b = x === undefined ? undefined : policyOf(x);
      const a = y === undefined ? undefined : policyOf(y);
      return a !== b && (a === undefined || b === undefined || JSON.stringify(a) !== JSON.stringify(b));
    })
    .sort();
}

function writtenPolicies(c: CompiledSnapshot): Map<string, NetworkPolicy> {
  return new Map(c.snapshot.policies.map((p) => [`${p.namespace}/${p.name}`, p]));
}

export function impact(before: CompiledSnapshot, after: CompiledSnapshot): ImpactResult {
  const pb = policyMap(before);
  const pa = policyMap(after);
  const changedPolicies = changedRefs(pb, pa, (p) => p.policy);
  // Classes selected by a changed policy, before and after.
  const inB = new Set<number>();
  const egB = new Set<number>();
  const inA = new Set<number>();
  const egA = new Set<number>();
  for (const ref of changedPolicies) {
    markSelected(pb.get(ref), inB, egB);
    markSelected(pa.get(ref), inA, egA);
  }
  // Tier policies and unmodelled objects that changed mark their classes too (tiers/impact-tiers.ts).
  const changedTiers = markTierChanges(before, after, { inB, egB, inA, egA });
  const sharedLayout = before.endpoints === after.endpoints;
  const joints = new Map<number, Joint>();
  const addedEndpoints: string[] = [];
  if (sharedLayout) {
    // Same endpoints, same classes: a joint class is a class.
    after.classes.forEach((cls, id) => {
      const ingress = inB.has(id) || inA.has(id);
      const egress = egB.has(id) || egA.has(id);
      joints.set(id, { before: id, after: id, members: cls.members, ingress, egress });
    });
  } else {
    after.endpoints.forEach((e, ia) => {
      const ib = before.endpointIndex.get(e.key);
      if (ib === undefined) return void addedEndpoints.push(e.key);
      const cb = before.endpoints[ib].classId;
      const key = cb * after.classes.length + e.classId;
      let j = joints.get(key);
      if (!j) joints.set(key, (j = { before: cb, after: e.classId, members: [], ingress: false, egress: false }));
      j.members.push(ia);
      const changed = endpointChanged(before, ib, after, ia);
      if (changed || inB.has(cb) || inA.has(e.classId)) j.ingress = true;
      if (changed || egB.has(cb) || egA.has(e.classId)) j.egress = true;
    });
  }
  const removedEndpoints = sharedLayout ? [] : before.endpoints.filter((e) => !after.endpointIndex.has(e.key)).map((e) => e.key);
  const keys = (members: number[]) => members.map((i) => after.endpoints[i].key);

  const list = [...joints.values()];
  const groups: ImpactGroup[] = [];
  const mb = newMask(before.atoms);
  const sb = newMask(before.atoms);
  const ma = newMask(after.atoms);
  const sa = newMask(after.atoms);
  let recomputedPairs = 0;
  const compare = (src: Joint, dst: Joint) => {
    if (src === dst && src.members.length < 2) return; // only self pairs: never policed
    recomputedPairs++;
    pairAtoms(before, src.before, dst.before, mb, sb);
    pairAtoms(after, src.after, dst.after, ma, sa);
    const was = maskToRanges(before.atoms, mb);
    const now = maskToRanges(after.atoms, ma);
    const lost = subtractRanges(was, now);
    const gained = subtractRanges(now, was);
    if (isEmptyRanges(lost) && isEmptyRanges(gained)) return;
    groups.push({ from: keys(src.members), to: keys(dst.members), lost, gained });
  };
  // Every pair whose destination is ingress-affected, then the rest whose source is egress-affected.
  const ingressAffected = list.filter((j) => j.ingress);
  for (const src of list) for (const dst of ingressAffected) compare(src, dst);
  for (const src of list) {
    if (!src.egress) continue;
    for (const dst of list) if (!dst.ingress) compare(src, dst);
  }
  const outside = outsideImpact(before, after, list);
  // Reported: the policies changed as written too (a plugin that enforces none, or rejects one, still
  // had it changed), while only the ones in force decide which flows are recomputed.
  const written =
    before.snapshot.policies === after.snapshot.policies ? [] : changedRefs(writtenPolicies(before), writtenPolicies(after), (p) => p);
  const reported = [...new Set([...changedPolicies, ...written, ...changedTiers])].sort();
  return { groups, outside, changedPolicies: reported, addedEndpoints, removedEndpoints, recomputedPairs };
}
