// What the cluster shows about its network plugin, as read from the API (or from manifests): the
// plugin DaemonSets' containers, the plugin ConfigMaps (by name only: never anything else) and the
// API groups of installed CustomResourceDefinitions. Node annotations are read from Snapshot.nodes.
// Detection (engine/dataplane/detect.ts) turns this evidence into a profile; nothing here decides.

/** Plugin DaemonSets, by metadata.name (GKE Dataplane V2's Cilium runs as `anetd`). */
export const PLUGIN_DAEMONSETS: readonly string[] = [
  'kube-flannel-ds',
  'kube-flannel',
  'calico-node',
  'canal',
  'cilium',
  'anetd',
  'kube-router',
  'weave-net',
  'romana-agent',
  'antrea-agent',
  'ovnkube-node',
  'aws-node',
  'azure-npm',
  'kube-network-policies',
];

/** Container names that reveal a policy controller inside another DaemonSet (flannel + kube-network-policies). */
export const PLUGIN_CONTAINERS: readonly string[] = ['kube-network-policies', 'weave-npc', 'aws-eks-nodeagent'];

/** Plugin ConfigMaps, by metadata.name (deploy/ RBAC grants these names only). */
export const PLUGIN_CONFIGMAPS: readonly string[] = [
  'kube-flannel-cfg',
  'canal-config',
  'calico-config',
  'cilium-config',
  'antrea-config',
  'amazon-vpc-cni',
];

/** Namespaces network plugins usually install into (the watcher reads ConfigMaps and DaemonSets there). */
export const PLUGIN_NAMESPACES: readonly string[] = [
  'kube-system',
  'kube-flannel',
  'calico-system',
  'cilium',
  'ovn-kubernetes',
  'openshift-ovn-kubernetes',
];

/** CRD API groups that belong to a network plugin. */
export const PLUGIN_CRD_GROUPS: readonly string[] = [
  'cilium.io',
  'crd.projectcalico.org',
  'crd.antrea.io',
  'k8s.ovn.org',
  'networking.k8s.aws',
];

export interface ContainerEvidence {
  readonly name: string;
  readonly image?: string;
  /** command + args as written. */
  readonly args: readonly string[];
  /** env entries with a literal value (valueFrom is never resolved). */
  readonly env: Readonly<Record<string, string>>;
}

export interface DaemonSetEvidence {
  readonly namespace: string;
  readonly name: string;
  readonly containers: readonly ContainerEvidence[];
}

export interface ConfigMapEvidence {
  readonly namespace: string;
  readonly name: string;
  readonly data: Readonly<Record<string, string>>;
}

/** A Calico FelixConfiguration (`default`: every node; `node.<name>`: one node): the fields detection reads. */
export interface FelixConfigurationEvidence {
  readonly name: string;
  /** spec.defaultEndpointToHostAction as written (Drop, Accept, Return). */
  readonly defaultEndpointToHostAction?: string;
}

export interface DataplaneEvidence {
  /** Sorted by namespace, name. Only DaemonSets named in PLUGIN_DAEMONSETS or holding a PLUGIN_CONTAINERS container. */
  readonly daemonSets: readonly DaemonSetEvidence[];
  /** Sorted by namespace, name. Only ConfigMaps named in PLUGIN_CONFIGMAPS. */
  readonly configMaps: readonly ConfigMapEvidence[];
  /** Sorted, distinct spec.group of every CustomResourceDefinition read. */
  readonly crdGroups: readonly string[];
  /** Sorted by name; absent when none was read (snapshots without it stay as they were). */
  readonly felixConfigurations?: readonly FelixConfigurationEvidence[];
}

/** `--cni NAME[,key=value...]`: the user names the plugin (and settings), overriding detection. */
export interface CniOverride {
  readonly plugin: string;
  readonly settings: Readonly<Record<string, string>>;
}

export function emptyEvidence(): DataplaneEvidence {
  return { daemonSets: [], configMaps: [], crdGroups: [] };
}

export function isPluginDaemonSet(name: string, containerNames: readonly string[]): boolean {
  return PLUGIN_DAEMONSETS.includes(name) || containerNames.some((c) => PLUGIN_CONTAINERS.includes(c));
}
