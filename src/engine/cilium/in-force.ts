// Which Cilium policies the plugin in force enforces (only Cilium: dataplane/profiles/tier-support.ts;
// with no plugin recognised they are read as Cilium enforces them, and lint says so), and what they
// reference that shapes classes, regions and port atoms.
import { ciliumPolicyName, type CiliumPolicy } from '../../model/cilium-policy.ts';
import type { Snapshot } from '../../model/types.ts';
import type { TierPolicy } from '../../model/tier-policy.ts';
import type { References } from '../references.ts';
import type { Profile } from '../dataplane/types.ts';
import { splitByEnforcement } from '../tiers/in-force.ts';
import { identityRelevant } from './identity.ts';
import { clusterNodeBlocks, peerCidrs } from './peers.ts';

export function ciliumPoliciesInForce(snapshot: Snapshot, profile: Profile): { inForce: CiliumPolicy[]; notEnforced: CiliumPolicy[] } {
  return splitByEnforcement(snapshot.ciliumPolicies ?? [], profile);
}

/** The view of a policy that is not enforced, as the tiers report them (notes, lint). */
export function notEnforcedView(p: CiliumPolicy): TierPolicy {
  return {
    kind: p.kind,
    name: ciliumPolicyName(p),
    tier: 'Cilium',
    priority: 0,
    subject: { kind: 'namespaces', namespaces: { matchLabels: {}, matchExpressions: [] } },
    ingress: [],
    egress: [],
  };
}

export function addCiliumReferences(refs: References, snapshot: Snapshot, policies: readonly CiliumPolicy[]): void {
  if (policies.length === 0) return;
  const nodes = clusterNodeBlocks(snapshot);
  const keys = (s: { matchLabels: Readonly<Record<string, string>>; matchExpressions: readonly { key: string }[] }) => {
    for (const k of [...Object.keys(s.matchLabels), ...s.matchExpressions.map((e) => e.key)]) {
      // Namespace and Cilium keys are the same for every pod of a namespace; filtered keys are in no identity.
      if (!k.includes(':') && !k.startsWith('io.cilium.k8s.') && identityRelevant(k) && k !== 'io.kubernetes.pod.namespace')
        refs.labelKeys.add(k);
    }
  };
  for (const p of policies) {
    keys(p.subject);
    for (const r of [...p.ingress, ...p.ingressDeny, ...p.egress, ...p.egressDeny]) {
      for (const peer of r.peers ?? []) if (peer.kind === 'endpoints') keys(peer.selector);
      for (const cidr of peerCidrs(r.peers ?? [], nodes, snapshot)) refs.cidrs.add(cidr);
      for (const port of r.ports ?? []) {
        if (port.kind === 'range') refs.cuts.addRange(port.protocol, port.from, port.to);
        else if (port.kind === 'named') refs.named.add(`${port.protocol}/${port.name}`);
      }
    }
  }
}
