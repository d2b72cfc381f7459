// The reference evaluator for the tiers, written plainly and apart from src/engine/tiers: for one
// direction at one pod, loop over every policy in the order the network-policy-api gives
// (apis/v1alpha2 ClusterNetworkPolicySpec.Tier and .Priority, rule order within a policy):
// admin by priority (Allow/Deny decide, Pass goes on) → NetworkPolicy (isolated: what some rule
// admits) → baseline (Pass = default) → allow. Equal priorities whose matching policies say different
// things, or a domainNames rule towards an address: unknown. Unmodelled kinds: a cluster-scoped one
// makes everything unknown; a namespaced one everything but an admin Deny.
import type { Pod, PolicyPort, Protocol, Snapshot } from '../../src/model/types.ts';
import type { TierPeer, TierPolicy, TierRule } from '../../src/model/tier-policy.ts';
import { ipInCidr, nodeOfEndpoint, refDirectionAllowed, selectable, selectorMatches, speaksAsNode, type RefEndpoint } from './reference.ts';

export type Tri = 'allowed' | 'denied' | 'unknown';

function nsLabels(s: Snapshot, name: string) {
  return s.namespaces.find((n) => n.name === name)?.labels ?? { 'kubernetes.io/metadata.name': name };
}

function subjectSelects(s: Snapshot, p: TierPolicy, pod: Pod): boolean {
  if (pod.hostNetwork) return false;
  if (!selectorMatches(p.subject.namespaces, nsLabels(s, pod.namespace))) return false;
  return p.subject.kind === 'namespaces' || selectorMatches(p.subject.pods, pod.labels);
}

function nodeAddresses(s: Snapshot, nodeName: string): string[] {
  const node = s.nodes.find((n) => n.name === nodeName)!;
  const out = [...node.internalIPs, ...node.externalIPs];
  for (const pod of s.pods) {
    if (pod.nodeName !== nodeName) continue;
    if (pod.hostIP) out.push(pod.hostIP);
    if (pod.hostNetwork) out.push(...pod.ips);
  }
  return out;
}

/** true, false, or 'maybe' (domainNames towards an address). */
function peerMatches(s: Snapshot, peer: TierPeer, other: RefEndpoint): boolean | 'maybe' {
  const ips = 'pod' in other ? other.pod.ips : [other.ip];
  switch (peer.kind) {
    case 'namespaces':
      return 'pod' in other && !other.pod.hostNetwork && selectorMatches(peer.namespaces, nsLabels(s, other.pod.namespace));
    case 'pods':
      return (
        'pod' in other &&
        !other.pod.hostNetwork &&
        selectorMatches(peer.namespaces, nsLabels(s, other.pod.namespace)) &&
        selectorMatches(peer.pods, other.pod.labels)
      );
    case 'networks':
      return ips.some((ip) => peer.cidrs.some((cidr) => ipInCidr(ip, cidr)));
    case 'nodes':
      return s.nodes.some((n) => selectorMatches(peer.nodes, n.labels) && nodeAddresses(s, n.name).some((a) => ips.includes(a)));
    case 'domainNames':
      return 'pod' in other ? false : 'maybe';
  }
}

function portMatches(p: PolicyPort, dst: RefEndpoint, port: number, protocol: Protocol): boolean {
  if (p.protocol !== protocol) return false;
  if (p.kind === 'all') return true;
  if (p.kind === 'range') return p.from <= port && port <= p.to;
  return 'pod' in dst && dst.pod.containerPorts.some((cp) => cp.name === p.name && cp.protocol === protocol && cp.containerPort === port);
}

/** The first rule of the policy that matches: its action, 'unknown' for a maybe, or null. */
function policyOutcome(
  s: Snapshot,
  rules: readonly TierRule[],
  other: RefEndpoint,
  dst: RefEndpoint,
  port: number,
  protocol: Protocol,
): string | null {
  for (const r of rules) {
    const portsOk = r.ports === null || r.ports.some((p) => portMatches(p, dst, port, protocol));
    if (!portsOk) continue;
    const m = r.peers.map((p) => peerMatches(s, p, other));
    if (m.includes(true)) return r.action;
    if (m.includes('maybe')) return 'unknown';
  }
  return null;
}

/** A tier: 'Allow' | 'Deny' | 'Pass' | 'unknown' | null (nothing matched). */
function tierOutcome(
  s: Snapshot,
  tier: 'Admin' | 'Baseline',
  ingress: boolean,
  pod: Pod,
  other: RefEndpoint,
  dst: RefEndpoint,
  port: number,
  protocol: Protocol,
): string | null {
  const policies = (s.tierPolicies ?? []).filter((p) => p.tier === tier && subjectSelects(s, p, pod));
  const priorities = [...new Set(policies.map((p) => p.priority))].sort((a, b) => a - b);
  for (const prio of priorities) {
    const outcomes = new Set<string>();
    for (const p of policies.filter((x) => x.priority === prio)) {
      const o = policyOutcome(s, ingress ? p.ingress : p.egress, other, dst, port, protocol);
      if (o !== null) outcomes.add(o);
    }
    if (outcomes.size === 0) continue;
    if (outcomes.size > 1 || outcomes.has('unknown')) return 'unknown';
    return [...outcomes][0];
  }
  return null;
}

export function refTierDirection(
  s: Snapshot,
  ingress: boolean,
  self: RefEndpoint,
  other: RefEndpoint,
  port: number,
  protocol: Protocol,
): Tri {
  if (!('pod' in self)) return 'allowed';
  const pod = self.pod;
  const dst = ingress ? self : other;
  const unmodelled = s.unmodelled ?? [];
  if (unmodelled.some((u) => u.namespace === undefined)) return 'unknown';
  const admin = tierOutcome(s, 'Admin', ingress, pod, other, dst, port, protocol);
  if (unmodelled.some((u) => u.namespace === pod.namespace)) return admin === 'Deny' ? 'denied' : 'unknown';
  if (admin === 'Allow') return 'allowed';
  if (admin === 'Deny') return 'denied';
  if (admin === 'unknown') return 'unknown';
  // NetworkPolicy: isolated iff some policy of the direction selects the pod (reference.ts decides).
  const isolated =
    !pod.hostNetwork &&
    s.policies.some(
      (p) =>
        p.namespace === pod.namespace &&
        p.policyTypes.includes(ingress ? 'Ingress' : 'Egress') &&
        selectorMatches(p.podSelector, pod.labels),
    );
  if (isolated) return refDirectionAllowed(s, ingress ? 'Ingress' : 'Egress', self, other, port, protocol) ? 'allowed' : 'denied';
  const baseline = tierOutcome(s, 'Baseline', ingress, pod, other, dst, port, protocol);
  if (baseline === 'Deny') return 'denied';
  if (baseline === 'unknown') return 'unknown';
  return 'allowed';
}

/** The pair: the overrides as reference.ts (self; the node → its pods exemption, ingress only), then
 * egress AND ingress, three-valued. A pod's egress to its own node follows its egress tiers. */
export function refTierVerdict(s: Snapshot, from: RefEndpoint, to: RefEndpoint, port: number, protocol: Protocol): Tri {
  if ('pod' in from && 'pod' in to && from.pod.namespace === to.pod.namespace && from.pod.name === to.pod.name) return 'allowed';
  const node = nodeOfEndpoint(s, from);
  if (node !== undefined && node === nodeOfEndpoint(s, to) && selectable(to) && speaksAsNode(s, from)) return 'allowed';
  const e = refTierDirection(s, false, from, to, port, protocol);
  const i = refTierDirection(s, true, to, from, port, protocol);
  if (e === 'denied' || i === 'denied') return 'denied';
  if (e === 'allowed' && i === 'allowed') return 'allowed';
  return 'unknown';
}
