// Policy kinds netreach does not model (yet), by API group. An object of one of these kinds is kept in
// the snapshot and makes every verdict it could change `unknown` (its namespace for a namespaced kind,
// every endpoint for a cluster-scoped one) — a kind is never ignored silently (DESIGN.md "Policy
// tiers"). Cilium's CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy are modelled
// (model/decode/cilium-policy.ts). A kind that becomes modelled is removed from this table and gets a decoder of its own.
// Sources: each project's CRD reference — docs.cilium.io "Layer 3-7 policy" (CiliumNetworkPolicy,
// CiliumClusterwideNetworkPolicy); docs.tigera.io Calico API resources (projectcalico.org/v3 and the
// crd.projectcalico.org/v1 storage group); antrea.io docs/antrea-network-policy.md; k8snetworkplumbingwg
// multi-networkpolicy; ovn-kubernetes docs "EgressFirewall"; GoogleCloudPlatform gke-fqdnnetworkpolicies;
// istio.io AuthorizationPolicy reference.

export interface UnmodelledKind {
  readonly kind: string;
  readonly group: string;
  readonly namespaced: boolean;
}

const k = (group: string, kind: string, namespaced: boolean): UnmodelledKind => ({ group, kind, namespaced });

const CALICO_KINDS = (group: string): UnmodelledKind[] => [
  k(group, 'NetworkPolicy', true),
  k(group, 'GlobalNetworkPolicy', false),
  k(group, 'StagedNetworkPolicy', true),
  k(group, 'StagedGlobalNetworkPolicy', false),
  k(group, 'StagedKubernetesNetworkPolicy', true),
  k(group, 'Tier', false),
];

export const UNMODELLED_KINDS: readonly UnmodelledKind[] = [
  ...CALICO_KINDS('projectcalico.org'),
  ...CALICO_KINDS('crd.projectcalico.org'),
  k('crd.antrea.io', 'ClusterNetworkPolicy', false),
  k('crd.antrea.io', 'NetworkPolicy', true),
  k('crd.antrea.io', 'Tier', false),
  k('k8s.cni.cncf.io', 'MultiNetworkPolicy', true),
  k('k8s.ovn.org', 'EgressFirewall', true),
  k('networking.gke.io', 'FQDNNetworkPolicy', true),
  k('security.istio.io', 'AuthorizationPolicy', true),
];

/** The unmodelled kind `kind` of API group `group`, if it is one. */
export function unmodelledKind(kind: string, group: string): UnmodelledKind | undefined {
  return UNMODELLED_KINDS.find((u) => u.kind === kind && u.group === group);
}
