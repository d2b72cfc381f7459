// The documented deviations from the API's meaning: one sentence and one source per code, so every
// profile (and every answer that names a deviation) says the same thing.
import type { Deviation, DeviationCode, Undocumented } from '../types.ts';

const DEVIATIONS: Record<DeviationCode, Deviation> = {
  // Cilium: "CIDR policies in Cilium are used to define policies to and from endpoints which are not
  // managed by Cilium (i.e. external to the Kubernetes cluster)" (policy caveats); nodes only with
  // policy-cidr-match-mode: nodes ("By default, CIDR-based selectors do not match in-cluster entities
  // (pods or nodes)", layer3 docs, cilium/cilium#28421).
  'ipblock-ignores-cluster': {
    code: 'ipblock-ignores-cluster',
    message:
      'Cilium never matches pod IPs with ipBlock (only traffic from outside the cluster, and node IPs with policy-cidr-match-mode: nodes)',
    source: 'https://docs.cilium.io/en/stable/security/policy/caveats/',
  },
  // Cilium: the agent computes a pod's security identity from its labels minus those its default
  // identity-relevant label filter drops (pkg/labelsfilter/filter.go defaultLabelPrefixCfg), and
  // translates a NetworkPolicy's podSelector into a selector over identities
  // (pkg/k8s/network_policy.go): a label not in the identity is absent for it ("Many Kubernetes labels
  // are not useful for policy enforcement ... timestamps or hashes", Limiting Identity-Relevant Labels).
  'identity-label-filter': {
    code: 'identity-label-filter',
    message:
      'Cilium leaves labels such as pod-template-hash, controller-revision-hash, statefulset.kubernetes.io/pod-name and other ' +
      'kubernetes.io/* or io.kubernetes* keys out of every security identity: a podSelector on one of them selects nothing ' +
      '(NotIn / DoesNotExist on it: every pod)',
    source: 'https://docs.cilium.io/en/stable/operations/performance/scalability/identity-relevant-labels/',
  },
  // Cilium: "With always mode, policy enforcement is enabled on all endpoints even if no rules select
  // specific endpoints" (Policy Enforcement Modes).
  'isolates-unselected': {
    code: 'isolates-unselected',
    message: 'Cilium with enable-policy: always isolates every pod both ways, whether a policy selects it or not',
    source: 'https://docs.cilium.io/en/stable/security/policy/intro/',
  },
  // OVN-Kubernetes: "network policy allowing named port also allows traffic on different port with
  // same protocol" (ovn-kubernetes/ovn-kubernetes#2117, found by cyclonus).
  'named-port-any-port': {
    code: 'named-port-any-port',
    message: 'OVN-Kubernetes admits every port of the protocol where a rule names a port by name',
    source: 'https://github.com/ovn-kubernetes/ovn-kubernetes/issues/2117',
  },
  // Weave Net's weave-npc (last release 2.8.1, January 2021) predates endPort (alpha in Kubernetes
  // 1.21, KEP-2079); the API docs say a plugin without endPort support applies `port` alone.
  'endport-ignored': {
    code: 'endport-ignored',
    message: 'Weave Net ignores endPort: a port range admits only its first port',
    source: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-range-of-ports',
  },
  // weave-npc: "named ports in network policies is not supported yet. Rejecting network policy ...
  // from further processing" (weaveworks/weave#3032, #3375, #3785).
  'named-port-policy-rejected': {
    code: 'named-port-policy-rejected',
    message: 'Weave Net rejects a policy that names a port by name and applies none of it',
    source: 'https://github.com/weaveworks/weave/issues/3032',
  },
  // AWS: "For any of your Kubernetes services, the service port must be the same as the container
  // port" (EKS user guide, network policy considerations; aws/aws-network-policy-agent#166: the
  // controller adds the Service's ClusterIP and port to the PolicyEndpoint, egress is matched there).
  'egress-before-service-dnat': {
    code: 'egress-before-service-dnat',
    message: 'the AWS VPC CNI checks egress before Service DNAT: an egress rule must admit the Service port, not only the target port',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html',
  },
  // Felix DefaultEndpointToHostAction Drop (profiles/felix.ts): "Calico blocks traffic from workload
  // endpoints to the host itself" after the endpoint's egress policy.
  'endpoint-to-host-drop': {
    code: 'endpoint-to-host-drop',
    message:
      "Felix DefaultEndpointToHostAction Drop: a pod's traffic to its own host (the node IP, hostNetwork pods on it) is dropped " +
      'after its ' +
      'egress policy',
    source: 'https://docs.tigera.io/calico/latest/reference/felix/configuration',
  },
};

export function deviation(code: DeviationCode): Deviation {
  return DEVIATIONS[code];
}

export const ALL_DEVIATIONS: readonly Deviation[] = Object.values(DEVIATIONS);

// SCTP in policies, per plugin, where the plugin does not document what it does with it.
const SCTP_REASONS = {
  // "Cilium Network Policies that reference the Stream Control Transmission Protocol (SCTP) will not
  // work properly" (policy caveats) unless SCTP support (beta) is on: https://docs.cilium.io/en/stable/configuration/sctp/
  cilium: 'Cilium documents SCTP policy only with enable-sctp: "true" (beta); without it SCTP policy does not work properly',
  // weave-npc documents TCP and UDP only.
  weave: 'Weave Net does not document SCTP in NetworkPolicy',
  // kube-router: "support for SCTP in network policies" is an open feature request (cloudnativelabs/kube-router#1019).
  'kube-router': "kube-router's policy controller does not support SCTP in NetworkPolicy (an open feature request)",
} as const;

export const SCTP_SOURCES = {
  cilium: 'https://docs.cilium.io/en/stable/configuration/sctp/',
  weave: 'https://github.com/weaveworks/weave/tree/master/npc',
  'kube-router': 'https://github.com/cloudnativelabs/kube-router/issues/1019',
} as const;

export function sctpUndocumented(plugin: keyof typeof SCTP_REASONS): Undocumented {
  return { protocol: 'SCTP', reason: SCTP_REASONS[plugin] };
}
