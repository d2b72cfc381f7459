// Advice for `netreach cni`: what to change when the plugin enforces nothing, how to write policies
// that mean the same on this plugin, and the seed's general guidance on pod networks.
import type { Detection, Deviation, DeviationCode, PluginId, Profile } from './types.ts';
import { PLUGIN_IDS } from './types.ts';

/** How to get NetworkPolicy enforced, per plugin that can be configured (or paired) to enforce it. */
const ENFORCE: Partial<Record<PluginId, (p: Profile) => string>> = {
  flannel: () =>
    "flannel builds the network only: add a policy-capable plugin on top of it, Calico (Canal), kube-network-policies or, on k3s, k3s's " +
    'embedded controller.',
  cilium: (p) =>
    p.settings['enable-policy'] === 'never'
      ? 'Set enable-policy to default in cilium-config (Helm policyEnforcementMode) for Cilium to enforce NetworkPolicy.'
      : 'Turn policy-audit-mode off in cilium-config once the audit log shows no unexpected drops: until then Cilium enforces nothing.',
  'aws-vpc-cni': () =>
    'Set enable-network-policy-controller: "true" in ConfigMap kube-system/amazon-vpc-cni (EKS add-on: enableNetworkPolicy) for the AWS ' +
    'VPC CNI to enforce NetworkPolicy.',
  k3s: () => 'Drop --disable-network-policy from the k3s servers, or install a policy-capable plugin, for NetworkPolicy to be enforced.',
  weave: () => 'Run the weave-npc container in the weave-net DaemonSet for Weave Net to enforce NetworkPolicy.',
  'kube-router': () => 'Run kube-router with --run-firewall=true (its default) for its network policy controller to enforce NetworkPolicy.',
  romana: () =>
    'Romana cannot enforce networking.k8s.io/v1 NetworkPolicy: move to a policy-capable plugin (Calico, Cilium, Antrea, kube-router).',
};

const WRITE: Record<DeviationCode, string> = {
  'ipblock-ignores-cluster':
    'On Cilium, select pods with podSelector / namespaceSelector, not ipBlock (ipBlock matches only traffic from outside the cluster; ' +
    'node IPs need policy-cidr-match-mode: nodes).',
  'identity-label-filter':
    'On Cilium, select pods by labels their identity keeps (app, app.kubernetes.io/*, your own keys), not pod-template-hash, ' +
    'controller-revision-hash or kubernetes.io/* keys.',
  'isolates-unselected': 'With enable-policy: always every pod needs a policy that admits its traffic, DNS included.',
  'named-port-any-port':
    'On OVN-Kubernetes, write port numbers where a rule should admit one port: a named port admits every port of its protocol.',
  'endport-ignored': 'On Weave Net, list every port of a range: endPort is ignored.',
  'named-port-policy-rejected': 'On Weave Net, write port numbers: a policy with a named port is rejected whole.',
  'egress-before-service-dnat':
    'On the AWS VPC CNI, let egress rules admit the Service port as well as the target port (or keep the two the same).',
  'endpoint-to-host-drop':
    'With Felix DefaultEndpointToHostAction Drop no pod reaches its own node (node-local DNS caches, node agents): set it to Accept ' +
    '(FelixConfiguration default) and let egress policies decide.',
};

// The seed's guidance. flannel: "VXLAN is the recommended choice. host-gw ... Requires direct layer2
// connectivity between hosts" (https://github.com/flannel-io/flannel/blob/master/Documentation/backends.md).
const GENERAL: readonly string[] = [
  "For the pod network, flannel's VXLAN backend is the most portable overlay: it needs only UDP between nodes, whatever lies between them.",
  "Where all nodes share one L2 segment, Calico (BGP, no encapsulation) or flannel's host-gw backend route pod traffic without " +
    'encapsulation.',
  'Use NetworkPolicy for flow control: a default deny per namespace, then admit what each workload needs.',
];

function enforcementAdvice(p: Profile): string[] {
  if (p.id === 'unknown') {
    return [
      `No network plugin was recognised: answers follow the Kubernetes API's meaning; make sure the cluster's plugin enforces ` +
        `NetworkPolicy, or name it with --cni NAME (${PLUGIN_IDS.filter((id) => id !== 'unknown').join(', ')}).`,
    ];
  }
  if (p.enforcement === 'unknown') return [`${p.enforcementReason}: check the plugin's configuration, or name the settings with --cni.`];
  if (p.enforcement === 'enforced') return [];
  const remedy = ENFORCE[p.id]?.(p) ?? 'NetworkPolicy needs a policy-capable plugin to take effect.';
  return [`NetworkPolicies here restrict nothing: ${p.enforcementReason}.`, remedy];
}

function deviationAdvice(d: Deviation): string {
  return WRITE[d.code];
}

function networkAdvice(p: Profile): string[] {
  // "UDP is suggested for debugging only or for very old kernels that don't support VXLAN" (backends.md).
  if (p.network.mode === 'udp') return ["flannel's udp backend is meant for debugging only: use vxlan."];
  return [];
}

export function adviceFor(detection: Detection): string[] {
  const p = detection.profile;
  return [
    ...enforcementAdvice(p),
    ...p.deviations.map(deviationAdvice),
    ...p.undocumented.map((u) => `${u.reason}; answers for ${u.protocol} to or from isolated pods are unknown.`),
    ...networkAdvice(p),
    ...GENERAL,
  ];
}
