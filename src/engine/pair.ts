// Allowed port atoms between two sides: egress at the source AND ingress at the destination.
// A side is a class id (>= 0) or an address outside the cluster (its region ids).
// These predicates are the single definition of "a rule admits a peer on a port" that check,
// ports, the matrices and impact all use.
import { hasBit, orInto, setBit } from './bitset.ts';
import type { CompiledRule, CompiledSnapshot } from './compiled.ts';
import { tiersApply } from './tiers/compile-tiers.ts';

/** A rule that admitted a peer (check.ts collects them, notes.ts explains them). */
export interface RuleMatch {
  readonly rule: CompiledRule;
  /** The peer was admitted only through an ipBlock matching its pod IP. */
  readonly viaIpBlockOnPod: boolean;
}

/** A class, or an address by its regions; `nodeRegions`: a node's address where ipBlocks ignore node
 * addresses (Cilium), matched only by rules that name nodes as such (CompiledRule.nodeBlocks). */
export type Peer = number | { readonly regions: readonly number[]; readonly nodeRegions?: readonly number[] };

export function ruleAdmits(rule: CompiledRule, peer: Peer): boolean {
  if (rule.allPeers) return true;
  if (typeof peer === 'number') {
    return (rule.podPeers !== null && hasBit(rule.podPeers, peer)) || (rule.ipPeers !== null && hasBit(rule.ipPeers, peer));
  }
  for (const block of rule.blocks) for (const r of peer.regions) if (block[r] === 1) return true;
  if (peer.nodeRegions && rule.nodeBlocks)
    for (const block of rule.nodeBlocks) for (const r of peer.nodeRegions) if (block[r] === 1) return true;
  return false;
}

/** Adds the rule's ports to `out` (mutates out), named ports resolved against the destination (never for an address). */
export function addRulePorts(c: CompiledSnapshot, rule: CompiledRule, dst: Peer, out: Uint32Array): void {
  orInto(out, rule.atoms);
  if (rule.named.length === 0 || typeof dst !== 'number') return;
  const named = c.classes[dst].namedAtoms;
  for (const key of rule.named) {
    const atom = named.get(key);
    if (atom !== undefined) setBit(out, atom);
  }
}

/** Some policy (NetworkPolicy, or a tier policy or unmodelled object) may restrict src's egress. */
export function egressIsolated(c: CompiledSnapshot, src: Peer): boolean {
  return typeof src === 'number' && (c.egressPolicies[src].length > 0 || tiersApply(c.tiers, src, 'Egress'));
}

export function ingressIsolated(c: CompiledSnapshot, dst: Peer): boolean {
  return typeof dst === 'number' && (c.ingressPolicies[dst].length > 0 || tiersApply(c.tiers, dst, 'Ingress'));
}

/** NetworkPolicy alone, one direction at `owner`: out = atoms it allows; false when not isolated (out untouched). */
export function npDirectionAtoms(c: CompiledSnapshot, ingress: boolean, owner: Peer, other: Peer, dst: Peer, out: Uint32Array): boolean {
  if (typeof owner !== 'number') return false;
  if ((ingress ? c.ingressPolicies[owner] : c.egressPolicies[owner]).length === 0) return false;
  out.fill(0);
  for (const rule of ingress ? c.ingressRules[owner] : c.egressRules[owner]) if (ruleAdmits(rule, other)) addRulePorts(c, rule, dst, out);
  return true;
}

/** Whether the rule allows `atom` towards dst (named ports resolved against dst). */
export function ruleHasAtom(c: CompiledSnapshot, rule: CompiledRule, dst: Peer, atom: number): boolean {
  if (hasBit(rule.atoms, atom)) return true;
  if (rule.named.length === 0 || typeof dst !== 'number') return false;
  const named = c.classes[dst].namedAtoms;
  for (const key of rule.named) if (named.get(key) === atom) return true;
  return false;
}
