// Network plugin profiles: what a plugin does with v1 NetworkPolicy. A profile is a value; the engine
// applies it at compile time (apply.ts) so check, ports, matrix, impact and connections all answer
// under the same meaning. Detection (detect.ts) picks the profile from the snapshot's evidence.
import type { Protocol } from '../../model/types.ts';

export type PluginId =
  | 'flannel'
  | 'calico'
  | 'canal'
  | 'cilium'
  | 'kube-router'
  | 'weave'
  | 'romana'
  | 'antrea'
  | 'ovn-kubernetes'
  | 'aws-vpc-cni'
  | 'azure-npm'
  | 'k3s'
  | 'kube-network-policies'
  | 'unknown';

export const PLUGIN_IDS: readonly PluginId[] = [
  'flannel',
  'calico',
  'canal',
  'cilium',
  'kube-router',
  'weave',
  'romana',
  'antrea',
  'ovn-kubernetes',
  'aws-vpc-cni',
  'azure-npm',
  'k3s',
  'kube-network-policies',
  'unknown',
];

/** Documented ways a plugin's enforcement differs from the API's meaning. */
export type DeviationCode =
  /** Cilium: ipBlock never matches pod IPs (nor node IPs, unless policy-cidr-match-mode: nodes). */
  | 'ipblock-ignores-cluster'
  /** Cilium: a podSelector on a label its identities leave out (pod-template-hash, kubernetes.io/*, ...) selects nothing. */
  | 'identity-label-filter'
  /** Cilium enable-policy: always: every pod is isolated both ways, selected or not. */
  | 'isolates-unselected'
  /** OVN-Kubernetes: a named port admits every port of its protocol. */
  | 'named-port-any-port'
  /** Weave Net: endPort is ignored (only `port` is admitted). */
  | 'endport-ignored'
  /** Weave Net: a policy with a named port is rejected whole (not applied). */
  | 'named-port-policy-rejected'
  /** AWS VPC CNI: egress is checked before Service DNAT (on the ClusterIP and Service port). */
  | 'egress-before-service-dnat'
  /** Calico/Canal DefaultEndpointToHostAction Drop: a pod's traffic to its own host is dropped after its egress policy. */
  | 'endpoint-to-host-drop';

export interface Deviation {
  readonly code: DeviationCode;
  /** One sentence, for answers. */
  readonly message: string;
  /** Where this is documented (URL). */
  readonly source: string;
}

/** A behaviour the plugin does not document: a verdict that depends on it is `unknown`. */
export interface Undocumented {
  /** Traffic of this protocol to or from an isolated pod. */
  readonly protocol: Protocol;
  readonly reason: string;
}

export interface PodToOwnNode {
  readonly action: 'policy' | 'drop' | 'unknown';
  /** One sentence naming the rule (and setting) that decides; for `unknown`, why it is unknown. */
  readonly reason: string;
}

export type Enforcement = 'enforced' | 'not-enforced' | 'unknown';

export interface NetworkMode {
  /** overlay (encapsulated), underlay (routed / VPC-native), hybrid, or unknown. */
  readonly kind: 'overlay' | 'underlay' | 'hybrid' | 'unknown';
  /** e.g. `vxlan`, `host-gw`, `ipip`, `bgp`, `geneve`, `native-routing`, `eni`. */
  readonly mode: string;
}

export interface Profile {
  readonly id: PluginId;
  /** Display name: `Cilium`, `flannel`, ... */
  readonly name: string;
  /** Whether networking.k8s.io/v1 NetworkPolicy is enforced under these settings. */
  readonly enforcement: Enforcement;
  /** Why (one sentence; names the setting when a setting decided it). */
  readonly enforcementReason: string;
  readonly network: NetworkMode;
  /** Only the deviations in force under these settings. */
  readonly deviations: readonly Deviation[];
  readonly undocumented: readonly Undocumented[];
  /** Which addresses an ipBlock can match: everything (upstream), node IPs and outside, or outside only. */
  readonly ipBlockScope: 'all' | 'nodes-and-external' | 'external';
  /** Every profile: a node reaches the pods on it whatever the policies say. */
  readonly nodeReachesLocalPods: boolean;
  /** A pod's connection to its own node (the node IP, a hostNetwork pod on it) once its egress policy
   * admitted it: `policy` (the API: nothing more), `drop` (dropped), `unknown` (the plugin's setting is
   * not known, or hands the packet to host rules netreach does not see). */
  readonly podToOwnNode: PodToOwnNode;
  /** The settings that shaped this profile (`enable-policy` → `always`), as read or given. */
  readonly settings: Readonly<Record<string, string>>;
  /** Where the profile's facts come from (URLs). */
  readonly sources: readonly string[];
}

export type EvidenceKind =
  'DaemonSet' | 'Container' | 'ConfigMap' | 'CustomResourceDefinition' | 'NodeAnnotation' | 'FelixConfiguration' | 'Override';

export interface EvidenceItem {
  readonly kind: EvidenceKind;
  /** `kube-system/cilium`, `cilium.io`, `node-1: k3s.io/node-args`, `--cni`. */
  readonly ref: string;
  /** What it showed: `DaemonSet kube-system/cilium`, `enable-policy: never`. */
  readonly detail: string;
}

export interface Detection {
  /** How the plugin was chosen. */
  readonly source: 'override' | 'detected' | 'none';
  readonly profile: Profile;
  /** Everything that pointed at the plugin or its settings, in the order it was weighed. */
  readonly evidence: readonly EvidenceItem[];
  /** Conflicts or leftovers worth saying (two plugins seen, an unknown setting ignored). */
  readonly warnings: readonly string[];
}
