// The policy kinds read besides NetworkPolicy: the network-policy-api's (modelled) and the policy-like
// kinds of model/unmodelled-kinds.ts (kept so their verdicts say unknown). Each is listed and watched
// only while its CustomResourceDefinition exists (CRD name `plural.group`), and a 403/404 reads as
// none, as for the plugin evidence. Calico's projectcalico.org/v3 objects are stored as
// crd.projectcalico.org/v1 CRDs, which is what is read. deploy/rbac.yaml grants get/list/watch on each.
import type { ClusterResource, PolicyResourceName } from './resources.ts';

interface PolicyKind {
  readonly name: PolicyResourceName;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

const K = (name: PolicyResourceName, group: string, version: string, kind: string, namespaced: boolean): PolicyKind => ({
  name,
  group,
  version,
  kind,
  namespaced,
});

const KINDS: readonly PolicyKind[] = [
  K('adminnetworkpolicies', 'policy.networking.k8s.io', 'v1alpha1', 'AdminNetworkPolicy', false),
  K('baselineadminnetworkpolicies', 'policy.networking.k8s.io', 'v1alpha1', 'BaselineAdminNetworkPolicy', false),
  K('clusternetworkpolicies', 'policy.networking.k8s.io', 'v1alpha2', 'ClusterNetworkPolicy', false),
  K('ciliumnetworkpolicies', 'cilium.io', 'v2', 'CiliumNetworkPolicy', true),
  K('ciliumclusterwidenetworkpolicies', 'cilium.io', 'v2', 'CiliumClusterwideNetworkPolicy', false),
  K('networkpolicies', 'crd.projectcalico.org', 'v1', 'NetworkPolicy', true),
  K('globalnetworkpolicies', 'crd.projectcalico.org', 'v1', 'GlobalNetworkPolicy', false),
  K('stagednetworkpolicies', 'crd.projectcalico.org', 'v1', 'StagedNetworkPolicy', true),
  K('stagedglobalnetworkpolicies', 'crd.projectcalico.org', 'v1', 'StagedGlobalNetworkPolicy', false),
  K('stagedkubernetesnetworkpolicies', 'crd.projectcalico.org', 'v1', 'StagedKubernetesNetworkPolicy', true),
  K('tiers', 'crd.projectcalico.org', 'v1', 'Tier', false),
  K('clusternetworkpolicies', 'crd.antrea.io', 'v1beta1', 'ClusterNetworkPolicy', false),
  K('networkpolicies', 'crd.antrea.io', 'v1beta1', 'NetworkPolicy', true),
  K('tiers', 'crd.antrea.io', 'v1beta1', 'Tier', false),
  K('multi-networkpolicies', 'k8s.cni.cncf.io', 'v1beta1', 'MultiNetworkPolicy', true),
  K('egressfirewalls', 'k8s.ovn.org', 'v1', 'EgressFirewall', true),
  K('fqdnnetworkpolicies', 'networking.gke.io', 'v1alpha3', 'FQDNNetworkPolicy', true),
  K('authorizationpolicies', 'security.istio.io', 'v1', 'AuthorizationPolicy', true),
];

function toResource(k: PolicyKind): ClusterResource {
  const apiVersion = `${k.group}/${k.version}`;
  return {
    name: k.name,
    group: k.group,
    version: k.version,
    kind: k.kind,
    apiVersion,
    namespaced: k.namespaced,
    listPath: `/apis/${apiVersion}/${k.name}`,
    optional: true,
    target: `${k.name}.${k.group}`,
  };
}

export const POLICY_RESOURCES: readonly ClusterResource[] = KINDS.map(toResource);

/** The CRD name that must exist for a policy resource to be watched. */
export function crdNameOf(r: ClusterResource): string {
  return `${r.name}.${r.group}`;
}
