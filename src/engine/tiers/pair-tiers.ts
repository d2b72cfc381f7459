// Allowed (and unknown) port atoms between two sides under the tiers: each direction is one sweep
// whose lanes are the port atoms (tiers/sweep.ts); the pair is allowed where both directions allow,
// unknown where neither denies for sure and one is unknown.
import type { CompiledSnapshot } from '../compiled.ts';
import { addRulePorts, npDirectionAtoms, ruleAdmits, type Peer } from '../pair.ts';
import { tiersApply } from './compile-tiers.ts';
import { MAYBE, NO_MATCH, SURE, sweepDirection } from './sweep.ts';

/** One direction at `owner` (a class, or an address: never policed): allow and unknown atoms. */
export function tierDirectionAtoms(
  c: CompiledSnapshot,
  ingress: boolean,
  owner: Peer,
  other: Peer,
  dst: Peer,
  allow: Uint32Array,
  unknown: Uint32Array,
): void {
  unknown.fill(0);
  const direction = ingress ? 'Ingress' : 'Egress';
  if (typeof owner !== 'number' || !tiersApply(c.tiers, owner, direction)) {
    if (!npDirectionAtoms(c, ingress, owner, other, dst, allow)) allow.set(c.allAtoms);
    return;
  }
  const t = c.tiers!;
  // `unknown` holds NetworkPolicy's allowed atoms until the sweep's answer replaces it.
  const npAllowed = unknown;
  const npIsolated = npDirectionAtoms(c, ingress, owner, other, dst, npAllowed);
  const result = sweepDirection({
    words: allow.length,
    all: c.allAtoms,
    admin: ingress ? t.adminIngress[owner] : t.adminEgress[owner],
    baseline: ingress ? t.baselineIngress[owner] : t.baselineEgress[owner],
    match(rule, sure, maybe) {
      if (ruleAdmits(rule.rule, other))
        return rule.undecided ? (addRulePorts(c, rule.rule, dst, maybe), MAYBE) : (addRulePorts(c, rule.rule, dst, sure), SURE);
      if (rule.maybeOutside && typeof other !== 'number') return (addRulePorts(c, rule.rule, dst, maybe), MAYBE);
      return NO_MATCH;
    },
    npIsolated,
    npAllowed,
    floor: t.floorScope[owner],
  });
  allow.set(result.allow);
  unknown.set(result.unknown);
}

/** out = atoms allowed from src to dst; unknownOut (when given) = atoms whose answer is unknown. */
const buffers = new Map<number, [Uint32Array, Uint32Array, Uint32Array]>();

export function tierPairAtoms(c: CompiledSnapshot, src: Peer, dst: Peer, out: Uint32Array, unknownOut: Uint32Array | null): void {
  const w = out.length;
  let b = buffers.get(w);
  if (!b) buffers.set(w, (b = [new Uint32Array(w), new Uint32Array(w), new Uint32Array(w)]));
  const [eu, ia, iu] = b;
  tierDirectionAtoms(c, false, src, dst, dst, out, eu);
  tierDirectionAtoms(c, true, dst, src, dst, ia, iu);
  for (let i = 0; i < w; i++) {
    const allowed = out[i] & ia[i];
    if (unknownOut) unknownOut[i] = (out[i] | eu[i]) & (ia[i] | iu[i]) & ~allowed;
    out[i] = allowed;
  }
}
