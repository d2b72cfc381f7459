// The class matrix for one port under the tiers: per destination class one sweep whose lanes are the
// source classes (ingress), per source class one whose lanes are the destination classes (egress),
// word-wide; the ingress results are transposed once and ANDed with egress. Unknown cells (equal
// priorities that disagree, unmodelled kinds) come out beside the rows.
import type { Protocol } from '../../model/types.ts';
import { type Bits, forEachBit, fullBits, newBits, orInto, setBit } from '../bitset.ts';
import type { CompiledRule, CompiledSnapshot } from '../compiled.ts';
import { ruleHasAtom } from '../pair.ts';
import { atomOf, maskHas } from '../port-atoms.ts';
import { tiersApply } from './compile-tiers.ts';
import { MAYBE, NO_MATCH, SURE, sweepDirection } from './sweep.ts';

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

export function tierClassMatrix(c: CompiledSnapshot, port: number, protocol: Protocol): TierClassMatrix {
  const t = c.tiers!;
  const n = c.classes.length;
  const atom = atomOf(c.atoms, protocol, port);
  const all = fullBits(n);
  const named = new Map<string, Bits>();
  // Egress lanes are destinations: a named port is resolved against each of them.
  const egressHit = (rule: CompiledRule, out: Bits): boolean => {
    if (maskHas(rule.atoms, atom)) return orPeers(out, rule, all);
    if (rule.named.length === 0) return false;
    const peers = newBits(n);
    if (!orPeers(peers, rule, all)) return false;
    const dests = namedDestinations(c, rule.named, atom, named);
    for (let w = 0; w < out.length; w++) out[w] |= peers[w] & dests[w];
    return true;
  };
  const direction = (owner: number, ingress: boolean) => {
    const hit = (rule: CompiledRule, out: Bits): boolean =>
      ingress ? ruleHasAtom(c, rule, owner, atom) && orPeers(out, rule, all) : egressHit(rule, out);
    const npRules = ingress ? c.ingressRules[owner] : c.egressRules[owner];
    const npIsolated = (ingress ? c.ingressPolicies[owner] : c.egressPolicies[owner]).length > 0;
    const npAllowed = newBits(n);
    if (npIsolated) for (const r of npRules) hit(r, npAllowed);
    if (!tiersApply(t, owner, ingress ? 'Ingress' : 'Egress')) return { allow: npIsolated ? npAllowed : all, unknown: null };
    const r = sweepDirection({
      words: all.length,
      all,
      admin: ingress ? t.adminIngress[owner] : t.adminEgress[owner],
      baseline: ingress ? t.baselineIngress[owner] : t.baselineEgress[owner],
      match: (rule, sure, maybe) => (rule.undecided ? (hit(rule.rule, maybe) ? MAYBE : NO_MATCH) : hit(rule.rule, sure) ? SURE : NO_MATCH),
      npIsolated,
      npAllowed,
      floor: t.floorScope[owner],
    });
    return { allow: r.allow, unknown: r.unknown }; // scratch: read before the next sweep
  };
  // Transpose ingress: admittedBy[a] = destinations whose ingress admits a.
  const admittedBy: Bits[] = Array.from({ length: n }, () => newBits(n));
  const unknownBy: Bits[] = Array.from({ length: n }, () => newBits(n));
  for (let b = 0; b < n; b++) {
    const d = direction(b, true);
    forEachBit(d.allow, (a) => setBit(admittedBy[a], b));
    if (d.unknown) forEachBit(d.unknown, (a) => setBit(unknownBy[a], b));
  }
  const rows: Bits[] = new Array(n);
  const unknown: Bits[] = new Array(n);
  for (let a = 0; a < n; a++) {
    const e = direction(a, false);
    const row = newBits(n);
    const unk = newBits(n);
    for (let w = 0; w < row.length; w++) {
      const ingressAllow = admittedBy[a][w];
      const egressAllow = e.allow[w];
      row[w] = egressAllow & ingressAllow;
      unk[w] = (egressAllow | (e.unknown ? e.unknown[w] : 0)) & (ingressAllow | unknownBy[a][w]) & ~row[w];
    }
    rows[a] = row;
    unknown[a] = unk;
  }
  return { rows, unknown };
}
