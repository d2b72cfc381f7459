// The normalised snapshot: what the engine reads. Raw Kubernetes objects are decoded and validated
// once (model/decode*.ts); nothing downstream looks at a raw spec again. Defaults are applied here:
// protocol TCP, "no namespaceSelector" = the policy's own namespace, omitted/empty from/to = all peers,
// omitted ports = all ports, effective policyTypes.

import type { CniOverride, DataplaneEvidence } from './dataplane.ts';
import type { Labels, LabelSelector, PolicyPort, Protocol } from './policy-parts.ts';
import type { CiliumPolicy } from './cilium-policy.ts';
import type { TierPolicy, UnmodelledPolicy } from './tier-policy.ts';

export { PROTOCOLS } from './policy-parts.ts';
export type { Labels, LabelSelector, PolicyPort, Protocol, SelectorOperator, SelectorRequirement } from './policy-parts.ts';

export interface ObjectRef {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

export interface OwnerReference {
  readonly kind: string;
  readonly name: string;
  readonly uid?: string;
  readonly controller: boolean;
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: Protocol;
}

export interface Namespace {
  readonly name: string;
  /** Always carries kubernetes.io/metadata.name=<name>. */
  readonly labels: Labels;
  /** True when no Namespace object declared it (it was implied by an object inside it). */
  readonly implicit?: boolean;
}

/** Kinds of endpoint that come from a pod template rather than a running pod. */
export type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'ReplicationController' | 'Job' | 'CronJob';

export interface Pod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  /** status.podIPs (or status.podIP); empty when the pod has no address (manifest input). */
  readonly ips: readonly string[];
  readonly hostNetwork: boolean;
  readonly nodeName?: string;
  /** status.hostIP when known. */
  readonly hostIP?: string;
  readonly phase?: string;
  readonly containerPorts: readonly ContainerPort[];
  readonly ownerReferences: readonly OwnerReference[];
}

/** A workload object's pod template (Deployment, StatefulSet, ... CronJob). */
export interface Workload {
  readonly kind: WorkloadKind;
  readonly namespace: string;
  readonly name: string;
  /** The pod template's labels. */
  readonly labels: Labels;
  /** spec.selector (absent for CronJob, may be absent for Job). */
  readonly selector?: LabelSelector;
  readonly containerPorts: readonly ContainerPort[];
  readonly hostNetwork: boolean;
  readonly replicas?: number;
  readonly ownerReferences: readonly OwnerReference[];
}

export interface ServicePort {
  readonly name?: string;
  readonly protocol: Protocol;
  readonly port: number;
  /** Number or a container port name; defaults to `port`. */
  readonly targetPort: number | string;
  readonly nodePort?: number;
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface Service {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly type: ServiceType;
  /** 'None' for a headless Service. */
  readonly clusterIP?: string;
  readonly clusterIPs: readonly string[];
  /** Absent/null: the Service has no selector (endpoints are managed by hand). */
  readonly selector: Labels | null;
  readonly ports: readonly ServicePort[];
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly externalIPs: readonly string[];
  readonly loadBalancerSourceRanges: readonly string[];
  /** status.loadBalancer.ingress[].ip */
  readonly loadBalancerIPs: readonly string[];
}

export interface EndpointSliceEndpoint {
  readonly addresses: readonly string[];
  /** conditions.ready; null when unknown (treated as ready, as kube-proxy does). */
  readonly ready: boolean | null;
  readonly targetRef?: ObjectRef;
  readonly nodeName?: string;
}

export interface EndpointSlicePort {
  readonly name?: string;
  readonly port?: number;
  readonly protocol: Protocol;
}

export interface EndpointSlice {
  readonly namespace: string;
  readonly name: string;
  /** From the kubernetes.io/service-name label. */
  readonly serviceName?: string;
  readonly addressType: 'IPv4' | 'IPv6' | 'FQDN';
  readonly endpoints: readonly EndpointSliceEndpoint[];
  readonly ports: readonly EndpointSlicePort[];
}

export interface Node {
  readonly name: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  /** status.addresses of type InternalIP. */
  readonly internalIPs: readonly string[];
  readonly externalIPs: readonly string[];
}

export type PolicyType = 'Ingress' | 'Egress';

/** Which namespaces a pod peer looks in. */
export type NamespaceScope =
  | { readonly kind: 'own' } // no namespaceSelector: the policy's namespace
  | { readonly kind: 'selector'; readonly selector: LabelSelector };

export type PolicyPeer =
  | { readonly kind: 'pods'; readonly namespaces: NamespaceScope; readonly pods: LabelSelector }
  | { readonly kind: 'ipBlock'; readonly cidr: string; readonly except: readonly string[] };

export interface PolicyRule {
  /** null: all peers (from/to omitted or empty). */
  readonly peers: readonly PolicyPeer[] | null;
  /** null: all ports of all protocols (ports omitted or empty). */
  readonly ports: readonly PolicyPort[] | null;
}

export interface NetworkPolicy {
  readonly namespace: string;
  readonly name: string;
  readonly podSelector: LabelSelector;
  /** Effective types: as written, or Ingress + (Egress iff spec.egress has a rule). Sorted Ingress, Egress. */
  readonly policyTypes: readonly PolicyType[];
  /** Whether policyTypes was written in the spec (explanations mention when it was inferred). */
  readonly policyTypesExplicit: boolean;
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
}

/** An object that was read but cannot take part in the analysis, and why. */
export interface NotAnalysable {
  readonly ref: ObjectRef;
  readonly reason: string;
}

/** Where a snapshot came from; changes which implementation-defined notes apply. */
export type SnapshotSource = 'manifests' | 'cluster' | 'demo' | 'upload';

/** An immutable value: everything the engine needs. */
export interface Snapshot {
  readonly source: SnapshotSource;
  readonly namespaces: readonly Namespace[];
  readonly pods: readonly Pod[];
  readonly workloads: readonly Workload[];
  readonly services: readonly Service[];
  readonly endpointSlices: readonly EndpointSlice[];
  readonly nodes: readonly Node[];
  readonly policies: readonly NetworkPolicy[];
  /** AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy (absent: none), sorted by kind, name. */
  readonly tierPolicies?: readonly TierPolicy[];
  /** CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy rules (one per spec / specs[i]; absent: none),
   * sorted by kind, namespace, name, path. */
  readonly ciliumPolicies?: readonly CiliumPolicy[];
  /** Policy-like objects of kinds netreach does not model (absent: none); each makes the verdicts it
   * could change unknown. */
  readonly unmodelled?: readonly UnmodelledPolicy[];
  readonly notAnalysable: readonly NotAnalysable[];
  /** What the input shows about the network plugin (DaemonSets, ConfigMaps, CRD groups); absent when
   * nothing was read. Node annotations are read from `nodes`. */
  readonly dataplane?: DataplaneEvidence;
  /** The plugin the user named (`--cni`): overrides detection. */
  readonly cni?: CniOverride;
}

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export function emptySnapshot(source: SnapshotSource = 'manifests'): Snapshot {
  return {
    source,
    namespaces: [],
    pods: [],
    workloads: [],
    services: [],
    endpointSlices: [],
    nodes: [],
    policies: [],
    notAnalysable: [],
  };
}
