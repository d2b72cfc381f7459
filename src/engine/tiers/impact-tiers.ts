// Impact under the tiers: a tier policy added, changed or deleted (or an unmodelled object) can change
// the flows of the classes it selects (or may change), in the directions it has rules for, so those
// classes are recomputed like the ones a changed NetworkPolicy selects.
import { unmodelledRef } from '../../model/tier-policy.ts';
import { forEachBit } from '../bitset.ts';
import type { CompiledSnapshot } from '../compiled.ts';
import type { CompiledTierPolicy } from './types.ts';

export interface AffectedSets {
  readonly inB: Set<number>;
  readonly egB: Set<number>;
  readonly inA: Set<number>;
  readonly egA: Set<number>;
}

function byRef(c: CompiledSnapshot): Map<string, CompiledTierPolicy> {
  return new Map((c.tiers?.policies ?? []).map((p) => [p.ref, p]));
}

function mark(p: CompiledTierPolicy | undefined, ingress: Set<number>, egress: Set<number>): void {
  if (!p) return;
  forEachBit(p.selected, (cls) => {
    if (p.ingress.length > 0) ingress.add(cls);
    if (p.egress.length > 0) egress.add(cls);
  });
}

function markFloor(c: CompiledSnapshot, refs: Set<string>, ingress: Set<number>, egress: Set<number>): void {
  c.tiers?.floor.forEach((f, cls) => {
    if (f.some((r) => refs.has(r))) {
      ingress.add(cls);
      egress.add(cls);
    }
  });
}

/** Marks the classes changed tier policies and unmodelled objects touch; returns their refs. */
export function markTierChanges(before: CompiledSnapshot, after: CompiledSnapshot, sets: AffectedSets): string[] {
  if (!before.tiers && !after.tiers) return [];
  const b = byRef(before);
  const a = byRef(after);
  const changed = [...new Set([...b.keys(), ...a.keys()])].filter(
    (ref) => JSON.stringify(b.get(ref)?.policy) !== JSON.stringify(a.get(ref)?.policy),
  );
  for (const ref of changed) {
    mark(b.get(ref), sets.inB, sets.egB);
    mark(a.get(ref), sets.inA, sets.egA);
  }
  const ub = new Set((before.snapshot.unmodelled ?? []).map(unmodelledRef));
  const ua = new Set((after.snapshot.unmodelled ?? []).map(unmodelledRef));
  const floorChanged = new Set([...ub].filter((r) => !ua.has(r)).concat([...ua].filter((r) => !ub.has(r))));
  if (floorChanged.size > 0) {
    markFloor(before, floorChanged, sets.inB, sets.egB);
    markFloor(after, floorChanged, sets.inA, sets.egA);
  }
  // A node peer's addresses follow the nodes: when the tiers are the same but the layout is not, the
  // endpoint comparison in impact.ts already marks the classes that moved.
  return [...changed, ...floorChanged].sort();
}
