// The near miss: for a direction that denies, the rules of the isolating policies that come closest
// to admitting the connection, each with the conditions that fail (for a near miss proper, exactly
// one: a selector term, the namespace, the port, the protocol, an ipBlock's cidr or except). Only
// computed for denied directions (never on the allowed hot path), from the policies in force as
// the model holds them. Semantics follow the NetworkPolicy API reference
// (https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/):
// a peer is a podSelector (in the policy's namespace unless a namespaceSelector is given) or an
// ipBlock (cidr minus except); a rule admits when some peer and some port match; a named port is
// resolved against the destination pod's container ports.
import type { NetworkPolicy, PolicyRule, PolicyType, Protocol } from '../model/types.ts';
import type { CompiledSnapshot } from './compiled.ts';
import type { Resolved } from './endpoint.ts';
import { ipPeerMisses, podPeerMisses, portMisses } from './near-miss-conditions.ts';
import type { DirectionVerdict, MissedCondition, NearMiss } from './verdict.ts';

/** How many near misses a direction lists at most. */
export const MAX_NEAR_MISSES = 3;

/** The fewest failing conditions among the alternatives (a rule's peers, or its ports); [] when one
 * matches. On a tie the preferred alternative wins (for a pod, a pod peer over an ipBlock), then the first. */
function fewest(alternatives: MissedCondition[][], preferPodPeers: boolean): MissedCondition[] {
  let best: MissedCondition[] | null = null;
  for (const a of alternatives) {
    if (best === null || a.length < best.length) best = a;
    else if (preferPodPeers && a.length === best.length && !ipFails(a) && ipFails(best)) best = a;
  }
  return best ?? [];
}

function ipFails(a: readonly MissedCondition[]): boolean {
  for (const f of a) if (IP_KINDS.has(f.kind)) return true;
  return false;
}

const IP_KINDS = new Set(['ipblock-cidr', 'ipblock-except']);
/** spec.egress[].to / spec.ingress[].from */
const PEER_FIELD: Record<PolicyType, string> = { Egress: 'to', Ingress: `from` };

/** The rule's failing conditions; `full` false: bare ones (kinds only), for ranking. */
function ruleMisses(
  c: CompiledSnapshot,
  policy: NetworkPolicy,
  direction: PolicyType,
  rule: PolicyRule,
  index: number,
  src: Resolved,
  dst: Resolved,
  protocol: Protocol,
  port: number,
  full: boolean,
): MissedCondition[] {
  const other = direction === 'Egress' ? dst : src;
  const base = full ? `spec.${direction === 'Egress' ? 'egress' : 'ingress'}[${index}]` : '';
  const peers: MissedCondition[][] = [];
  for (let i = 0; rule.peers !== null && i < rule.peers.length; i++) {
    const p = rule.peers[i];
    const path = full ? `${base}.${PEER_FIELD[direction]}[${i}]` : '';
    peers.push(p.kind === 'pods' ? podPeerMisses(c, policy, p, other, path, full) : ipPeerMisses(p, other, path, full));
  }
  const ports: MissedCondition[][] = [];
  for (let i = 0; rule.ports !== null && i < rule.ports.length; i++)
    ports.push(portMisses(rule.ports[i], protocol, port, dst, full ? `${base}.ports[${i}]` : '', full));
  const peerFails = fewest(peers, other.kind === 'endpoint');
  const portFails = fewest(ports, false);
  return portFails.length === 0 ? peerFails : peerFails.length === 0 ? portFails : [...peerFails, ...portFails];
}

/** How far a failed condition is from admitting: a term, namespace, port, protocol or except is one
 * edit; an ipBlock's cidr missing a pod's IP is further (pods are rarely meant by address); a peer of
 * the wrong kind (a podSelector for an address) is furthest. */
function distance(f: MissedCondition, otherIsPod: boolean): number {
  if (f.kind === 'peer-kind') return 3;
  if (f.kind === 'ipblock-cidr' && otherIsPod) return 2;
  return 1;
}

/** The closest rules of the direction's isolating policies (smallest distance), at most MAX_NEAR_MISSES.
 * Ranked on bare conditions; the reported ones are then built in full (the same conditions, with text). */
export function nearMisses(
  c: CompiledSnapshot,
  d: DirectionVerdict,
  src: Resolved,
  dst: Resolved,
  protocol: Protocol,
  port: number,
): NearMiss[] {
  const owner = d.direction === 'Egress' ? src : dst;
  if (owner.kind !== 'endpoint') return [];
  const otherIsPod = (d.direction === 'Egress' ? dst : src).kind === 'endpoint';
  const ids = d.direction === 'Egress' ? c.egressPolicies[owner.info.classId] : c.ingressPolicies[owner.info.classId];
  let found: { id: number; rule: number }[] = [];
  let least = Infinity;
  for (const id of ids) {
    const policy = c.policies[id].policy;
    const rules = d.direction === 'Egress' ? policy.egress : policy.ingress;
    for (let index = 0; index < rules.length; index++) {
      const fails = ruleMisses(c, policy, d.direction, rules[index], index, src, dst, protocol, port, false);
      // No failing condition found, yet denied: a rule of the plugin's or an implementation-defined
      // case (an ipBlock on a pod IP) decided; claim no near miss for it.
      if (fails.length === 0) continue;
      let total = 0;
      for (const f of fails) total += distance(f, otherIsPod);
      if (total > least) continue;
      if (total < least) found = [];
      least = total;
      found.push({ id, rule: index });
    }
  }
  const refOf = (m: { id: number }) => c.policies[m.id].ref;
  found.sort((a, b) => (refOf(a) < refOf(b) ? -1 : refOf(a) > refOf(b) ? 1 : a.rule - b.rule));
  return found.slice(0, MAX_NEAR_MISSES).map((m) => {
    const { ref, policy } = c.policies[m.id];
    const rule = (d.direction === 'Egress' ? policy.egress : policy.ingress)[m.rule];
    const fails = ruleMisses(c, policy, d.direction, rule, m.rule, src, dst, protocol, port, true);
    return { policy: ref, direction: d.direction, rule: m.rule, fails };
  });
}

/** The direction with its near misses when it denies an isolated, policed endpoint; as is otherwise. */
export function withNearMisses(
  c: CompiledSnapshot,
  d: DirectionVerdict,
  src: Resolved,
  dst: Resolved,
  protocol: Protocol,
  port: number,
): DirectionVerdict {
  if (d.allowed || !d.isolated || !d.policed) return d;
  const misses = nearMisses(c, d, src, dst, protocol, port);
  return misses.length > 0 ? { ...d, nearMisses: misses } : d;
}
