// The class matrix for one port under the tiers: per destination class one sweep whose lanes are the
// source classes (ingress), per source class one whose lanes are the destination classes (egress),
// word-wide; the ingress results are transposed once and ANDed with egress. Unknown cells (equal
// priorities that disagree, unmodelled kinds) come out beside the rows.
import type { Protocol } from '../../model/types.ts';
import { type Bits, fullBits, isEmptyBits, newBits, orInto, setBit } from '../bitset.ts';
import type { CompiledRule, CompiledSnapshot } from '../compiled.ts';
import { ruleHasAtom } from '../pair.ts';
import { atomOf, maskHas } from '../port-atoms.ts';
import { tiersApply } from './compile-tiers.ts';
import { MAYBE, NO_MATCH, SURE, sweepDirection } from './sweep.ts';
import type { CompiledTierRule } from './types.ts';

/** Whether the rule has peers at all (then they were ORed into target). */
function orPeers(target: Bits, rule: CompiledRule, all: Bits): boolean {
  if (rule.allPeers) return (orInto(target, all), true);
  if (rule.podPeers) orInto(target, rule.podPeers);
  if (rule.ipPeers) orInto(target, rule.ipPeers);
  return rule.podPeers !== null || rule.ipPeers !== null;
}

/** Destination classes whose named port `keys` resolve to the atom (cached per key list). */
function namedDestinations(c: CompiledSnapshot, keys: readonly string[], atom: number, cache: Map<string, Bits>): Bits {
  const cacheKey = keys.join('|');
  let bits = cache.get(cacheKey);
  if (!bits) {
    const b = newBits(c.classes.length);
    c.classes.forEach((cls, i) => keys.some((k) => cls.namedAtoms.get(k) === atom) && setBit(b, i));
    cache.set(cacheKey, (bits = b));
  }
  return bits;
}

export interface TierClassMatrix {
  readonly rows: Bits[];
  readonly unknown: Bits[];
}

/** Sets bit `b` of row a (rows of `words` words, back to back in `flat`) for every bit a of `col`. */
function setColumn(flat: Uint32Array, words: number, col: Bits, b: number): void {
  const bw = b >>> 5;
  const bm = 1 << (b & 31);
  for (let w = 0; w < words; w++) {
    for (let x = col[w]; x !== 0; x &= x - 1) flat[((w << 5) + 31 - Math.clz32(x & -x)) * words + bw] |= bm;
  }
}

/**
 * Allocation-light: the rows are views of two flat buffers (the transposed ingress answers become the
 * rows in place), one scratch mask serves every direction's NetworkPolicy answer and one every named
 * egress rule's peers, and the closures the sweep calls are made once, not per class.
 */
export function tierClassMatrix(c: CompiledSnapshot, port: number, protocol: Protocol): TierClassMatrix {
  const t = c.tiers!;
  const n = c.classes.length;
  const words = (n + 31) >>> 5;
  const atom = atomOf(c.atoms, protocol, port);
  const all = fullBits(n);
  const named = new Map<string, Bits>();
  const peers = newBits(n);
  const npAllowed = newBits(n);
  let owner = 0;
  let ingress = true;
  // Egress lanes are destinations: a named port is resolved against each of them.
  const egressHit = (rule: CompiledRule, out: Bits): boolean => {
    if (maskHas(rule.atoms, atom)) return orPeers(out, rule, all);
    if (rule.named.length === 0) return false;
    peers.fill(0);
    if (!orPeers(peers, rule, all)) return false;
    const dests = namedDestinations(c, rule.named, atom, named);
    for (let w = 0; w < out.length; w++) out[w] |= peers[w] & dests[w];
    return true;
  };
  const hit = (rule: CompiledRule, out: Bits): boolean =>
    ingress ? ruleHasAtom(c, rule, owner, atom) && orPeers(out, rule, all) : egressHit(rule, out);
  const match = (rule: CompiledTierRule, sure: Bits, maybe: Bits): number =>
    rule.undecided ? (hit(rule.rule, maybe) ? MAYBE : NO_MATCH) : hit(rule.rule, sure) ? SURE : NO_MATCH;
  /** allow and unknown are scratch: read before the next call. */
  const direction = (o: number, ing: boolean): { allow: Bits; unknown: Bits | null } => {
    owner = o;
    ingress = ing;
    const npIsolated = (ing ? c.ingressPolicies[o] : c.egressPolicies[o]).length > 0;
    npAllowed.fill(0);
    if (npIsolated) for (const r of ing ? c.ingressRules[o] : c.egressRules[o]) hit(r, npAllowed);
    if (!tiersApply(t, o, ing ? 'Ingress' : 'Egress')) return { allow: npIsolated ? npAllowed : all, unknown: null };
    return sweepDirection({
      words,
      all,
      admin: ing ? t.adminIngress[o] : t.adminEgress[o],
      baseline: ing ? t.baselineIngress[o] : t.baselineEgress[o],
      match,
      npIsolated,
      npAllowed,
      floor: t.floorScope[o],
    });
  };
  // Transpose ingress: row a of `admitted` = destinations whose ingress admits a (likewise unknownIn).
  const admitted = new Uint32Array(n * words);
  let unknownIn: Uint32Array | null = null;
  for (let b = 0; b < n; b++) {
    const d = direction(b, true);
    setColumn(admitted, words, d.allow, b);
    if (d.unknown && !isEmptyBits(d.unknown)) setColumn((unknownIn ??= new Uint32Array(n * words)), words, d.unknown, b);
  }
  const unknownFlat = new Uint32Array(n * words);
  const rows: Bits[] = new Array(n);
  const unknown: Bits[] = new Array(n);
  for (let a = 0; a < n; a++) {
    const e = direction(a, false);
    const off = a * words;
    for (let w = 0; w < words; w++) {
      const ingressAllow = admitted[off + w];
      const egressAllow = e.allow[w];
      const row = egressAllow & ingressAllow;
      admitted[off + w] = row;
      unknownFlat[off + w] = (egressAllow | (e.unknown ? e.unknown[w] : 0)) & (ingressAllow | (unknownIn ? unknownIn[off + w] : 0)) & ~row;
    }
    rows[a] = admitted.subarray(off, off + words);
    unknown[a] = unknownFlat.subarray(off, off + words);
  }
  return { rows, unknown };
}
