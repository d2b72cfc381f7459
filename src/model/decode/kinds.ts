// Which kinds we decode, under which API groups, and how the rest is classified: skipped (Secrets,
// Ingresses, a Calico NetworkPolicy, a ConfigMap that is not a plugin's) or an unsupported version of a
// kind we know (extensions/v1beta1). ConfigMaps and CRDs are read only as network-plugin evidence.
import { PLUGIN_CONFIGMAPS } from '../dataplane.ts';
import type { WorkloadKind } from '../types.ts';
import { unmodelledKind, type UnmodelledKind } from '../unmodelled-kinds.ts';
import type { NameRule } from './names.ts';

export type DecodedKind =
  | 'Namespace'
  | 'Pod'
  | 'Service'
  | 'EndpointSlice'
  | 'Node'
  | 'NetworkPolicy'
  | 'ConfigMap'
  | 'CustomResourceDefinition'
  | 'FelixConfiguration'
  | 'AdminNetworkPolicy'
  | 'BaselineAdminNetworkPolicy'
  | 'ClusterNetworkPolicy'
  | 'CiliumNetworkPolicy'
  | 'CiliumClusterwideNetworkPolicy'
  | WorkloadKind;

export interface KindInfo {
  readonly kind: DecodedKind;
  /** API groups ('' = core) this kind is read from. */
  readonly groups: readonly string[];
  /** When set, only these versions are read; others of the same group are unsupported. */
  readonly versions?: readonly string[];
  readonly namespaced: boolean;
  readonly nameRule: NameRule;
  /** The apiVersion assumed when an object omits it. */
  readonly defaultApiVersion: string;
  /**
   * When set, only objects with one of these names are read; any other is skipped and counted like a
   * kind we do not read (a repository full of ConfigMaps gives no diagnostics).
   */
  readonly onlyNames?: readonly string[];
}

export const POLICY_API_GROUP = 'policy.networking.k8s.io';

const info = (kind: DecodedKind, groups: readonly string[], defaultApiVersion: string, extra: Partial<KindInfo> = {}): KindInfo => ({
  kind,
  groups,
  defaultApiVersion,
  namespaced: true,
  nameRule: 'dns1123-subdomain',
  ...extra,
});

const KINDS: Readonly<Record<DecodedKind, KindInfo>> = {
  Namespace: info('Namespace', [''], 'v1', { namespaced: false, nameRule: 'dns1123-label' }),
  Node: info('Node', [''], 'v1', { namespaced: false }),
  Pod: info('Pod', [''], 'v1'),
  Service: info('Service', [''], 'v1', { nameRule: 'dns1035-label' }),
  EndpointSlice: info('EndpointSlice', ['discovery.k8s.io'], 'discovery.k8s.io/v1', { versions: ['v1', 'v1beta1'] }),
  NetworkPolicy: info('NetworkPolicy', ['networking.k8s.io'], 'networking.k8s.io/v1', { versions: ['v1'] }),
  Deployment: info('Deployment', ['apps', 'extensions'], 'apps/v1'),
  ReplicaSet: info('ReplicaSet', ['apps', 'extensions'], 'apps/v1'),
  DaemonSet: info('DaemonSet', ['apps', 'extensions'], 'apps/v1'),
  StatefulSet: info('StatefulSet', ['apps'], 'apps/v1'),
  ReplicationController: info('ReplicationController', [''], 'v1'),
  Job: info('Job', ['batch'], 'batch/v1'),
  CronJob: info('CronJob', ['batch'], 'batch/v1'),
  ConfigMap: info('ConfigMap', [''], 'v1', { onlyNames: PLUGIN_CONFIGMAPS }),
  // spec.group means the same in v1 and the removed v1beta1: any version is read.
  CustomResourceDefinition: info('CustomResourceDefinition', ['apiextensions.k8s.io'], 'apiextensions.k8s.io/v1', { namespaced: false }),
  // Calico's Felix settings, as plugin evidence: the CRD (crd.projectcalico.org/v1) or the Calico API
  // server's projectcalico.org/v3 (https://docs.tigera.io/calico/latest/reference/resources/felixconfig).
  FelixConfiguration: info('FelixConfiguration', ['crd.projectcalico.org', 'projectcalico.org'], 'crd.projectcalico.org/v1', {
    namespaced: false,
    versions: ['v1', 'v3'],
  }),
  // The network-policy-api (kubernetes-sigs/network-policy-api): ANP/BANP are v1alpha1, CNP v1alpha2.
  AdminNetworkPolicy: info('AdminNetworkPolicy', [POLICY_API_GROUP], `${POLICY_API_GROUP}/v1alpha1`, {
    namespaced: false,
    versions: ['v1alpha1'],
  }),
  BaselineAdminNetworkPolicy: info('BaselineAdminNetworkPolicy', [POLICY_API_GROUP], `${POLICY_API_GROUP}/v1alpha1`, {
    namespaced: false,
    versions: ['v1alpha1'],
  }),
  ClusterNetworkPolicy: info('ClusterNetworkPolicy', [POLICY_API_GROUP], `${POLICY_API_GROUP}/v1alpha2`, {
    namespaced: false,
    versions: ['v1alpha2'],
  }),
  // Cilium's own kinds (model/decode/cilium-policy.ts); cilium.io/v2 is the served version.
  CiliumNetworkPolicy: info('CiliumNetworkPolicy', ['cilium.io'], 'cilium.io/v2', { versions: ['v2'] }),
  CiliumClusterwideNetworkPolicy: info('CiliumClusterwideNetworkPolicy', ['cilium.io'], 'cilium.io/v2', {
    namespaced: false,
    versions: ['v2'],
  }),
};

export type Classification =
  | { readonly kind: 'decode'; readonly info: KindInfo }
  /** Not ours (another kind, or a same-named kind of a CRD group): counted under `key`. */
  | { readonly kind: 'skip'; readonly key: string }
  /** One of our kinds in a built-in group/version we do not read. */
  | { readonly kind: 'unsupported' }
  /** A policy-like kind we do not model (model/unmodelled-kinds.ts): kept, and its verdicts unknown. */
  | { readonly kind: 'unmodelled'; readonly info: UnmodelledKind };

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Built-in Kubernetes groups have no dot or end in .k8s.io; anything else is a CRD group. */
function isBuiltinGroup(group: string): boolean {
  return !group.includes('.') || group.endsWith('.k8s.io');
}

export function classify(kind: string, apiVersion: string): Classification {
  const { group, version } = splitApiVersion(apiVersion);
  const unmodelled = unmodelledKind(kind, group);
  if (unmodelled) return { kind: 'unmodelled', info: unmodelled };
  const known = kindInfo(kind);
  if (!known) return { kind: 'skip', key: kind };
  const groupOk = known.groups.includes(group);
  if (groupOk && (!known.versions || known.versions.includes(version))) return { kind: 'decode', info: known };
  // A version of the network-policy-api we do not read (v1beta1 ClusterNetworkPolicy, ...) still
  // enforces something: unmodelled, never dropped.
  if (groupOk && group === POLICY_API_GROUP) return { kind: 'unmodelled', info: { kind, group, namespaced: false } };
  if (groupOk || isBuiltinGroup(group)) return { kind: 'unsupported' };
  return { kind: 'skip', key: `${kind}.${group}` };
}

/** The kind we decode under this name, whatever its apiVersion (for objects that omit it). */
export function kindInfo(kind: string): KindInfo | undefined {
  return Object.hasOwn(KINDS, kind) ? KINDS[kind as DecodedKind] : undefined;
}
