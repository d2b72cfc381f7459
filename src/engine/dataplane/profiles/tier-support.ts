// Which network plugins implement which kinds of the network-policy-api, and since which version.
// A plugin not listed for a kind does not enforce objects of that kind: they are compiled out of its
// answers (`enforced: false` for them) and kept in the upstream (API) answer. No plugin recognised
// (`unknown`): the API's meaning, as for NetworkPolicy.
// Sources:
// - OVN-Kubernetes: docs/features/network-security-controls/admin-network-policy.md (ANP and BANP as
//   ACL tiers 1 and 3, NetworkPolicy tier 2); OKD "Understanding network policy APIs".
// - Antrea: docs/antrea-network-policy.md → "AdminNetworkPolicy API Support in Antrea"
//   (docs/admin-network-policy.md; feature gate AdminNetworkPolicy, alpha since v1.13).
// - Calico: docs.tigera.io "Tiered policy" — tier `adminnetworkpolicy` (order 1000, default action
//   Pass) since v3.29, `baselineadminnetworkpolicy` since v3.30; ClusterNetworkPolicy (tier
//   `kube-admin`) documented in tigera/docs#2416 (2025-11). Canal runs Calico's Felix for policy.
// - kube-network-policies (kubernetes-sigs): README "AdminNetworkPolicy and BaselineAdminNetworkPolicy"
//   (the project is the network-policy-api's reference implementation, including ClusterNetworkPolicy).
// - Cilium: its own CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (engine/cilium/).
// - Cilium, flannel, Weave, kube-router/k3s, Romana, AWS VPC CNI, Azure NPM: no support documented
//   (Cilium: cilium/cilium#23380 open).
import type { CiliumTierKind, TierPolicyKind } from '../../../model/tier-policy.ts';
import type { PluginId } from '../types.ts';

export interface TierSupport {
  /** First version that implements the kind ('' when the source gives none). */
  readonly since: string;
  readonly source: string;
}

export type EnforcedKind = TierPolicyKind | CiliumTierKind;
type Table = Partial<Record<PluginId, Partial<Record<EnforcedKind, TierSupport>>>>;

const OVN = 'https://ovn-kubernetes.io/features/network-security-controls/admin-network-policy/';
const ANTREA = 'https://github.com/antrea-io/antrea/blob/main/docs/admin-network-policy.md';
const CALICO = 'https://docs.tigera.io/calico/latest/network-policy/policy-tiers/tiered-policy';
const CILIUM = 'https://docs.cilium.io/en/stable/security/policy/';
const KNP = 'https://github.com/kubernetes-sigs/kube-network-policies';

const calico = (): Partial<Record<EnforcedKind, TierSupport>> => ({
  AdminNetworkPolicy: { since: 'v3.29', source: CALICO },
  BaselineAdminNetworkPolicy: { since: 'v3.30', source: CALICO },
  ClusterNetworkPolicy: { since: '', source: 'https://github.com/tigera/docs/pull/2416' },
});

export const TIER_SUPPORT: Table = {
  'ovn-kubernetes': { AdminNetworkPolicy: { since: '', source: OVN }, BaselineAdminNetworkPolicy: { since: '', source: OVN } },
  antrea: { AdminNetworkPolicy: { since: 'v1.13', source: ANTREA }, BaselineAdminNetworkPolicy: { since: 'v1.13', source: ANTREA } },
  calico: calico(),
  // Cilium's own kinds: enforced by the Cilium agent only (docs.cilium.io "Layer 3-7 policy").
  cilium: {
    CiliumNetworkPolicy: { since: '', source: CILIUM },
    CiliumClusterwideNetworkPolicy: { since: '', source: CILIUM },
  },
  canal: calico(),
  'kube-network-policies': {
    AdminNetworkPolicy: { since: '', source: KNP },
    BaselineAdminNetworkPolicy: { since: '', source: KNP },
    ClusterNetworkPolicy: { since: '', source: KNP },
  },
};

/** Whether the plugin enforces objects of this kind (true for `unknown`: the API's meaning). */
export function enforcesTierKind(plugin: PluginId, kind: EnforcedKind): boolean {
  if (plugin === 'unknown') return true;
  return TIER_SUPPORT[plugin]?.[kind] !== undefined;
}
