// What netreach reads from a live cluster: the six resources it analyses, and the optional watch targets
// that show the network plugin (its DaemonSets and ConfigMaps in the usual namespaces, every CRD's group,
// Calico's FelixConfigurations).
// For each: where to list and watch it, and the kind/apiVersion to put back on list items (a real API
// server omits both on the items of a list). deploy/rbac.yaml (and deploy/optional/) grant get/list/watch
// on exactly these; test/deploy/rbac.test.ts keeps them in step.
import { PLUGIN_CONFIGMAPS, PLUGIN_NAMESPACES } from '../../model/dataplane.ts';

/** A Kubernetes object as the API server sent it (kind/apiVersion filled in, managedFields dropped). */
export type RawObject = Record<string, unknown> & { metadata: Record<string, unknown> };

export type CoreResourceName = 'namespaces' | 'pods' | 'services' | 'endpointslices' | 'nodes' | 'networkpolicies';
export type PluginResourceName = 'daemonsets' | 'configmaps' | 'customresourcedefinitions' | 'felixconfigurations';
/** Policy kinds read while their CRD exists (policy-resources.ts). */
export type PolicyResourceName =
  | 'adminnetworkpolicies'
  | 'baselineadminnetworkpolicies'
  | 'clusternetworkpolicies'
  | 'ciliumnetworkpolicies'
  | 'ciliumclusterwidenetworkpolicies'
  | 'networkpolicies'
  | 'globalnetworkpolicies'
  | 'stagednetworkpolicies'
  | 'stagedglobalnetworkpolicies'
  | 'stagedkubernetesnetworkpolicies'
  | 'tiers'
  | 'multi-networkpolicies'
  | 'egressfirewalls'
  | 'fqdnnetworkpolicies'
  | 'authorizationpolicies';
export type ClusterResourceName = CoreResourceName | PluginResourceName | PolicyResourceName;

export interface ClusterResource {
  /** The plural resource name, as in RBAC rules and URLs. */
  readonly name: ClusterResourceName;
  /** The API group; '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** `v1` for the core group, `group/version` otherwise. */
  readonly apiVersion: string;
  readonly namespaced: boolean;
  /** The collection path list and watch use: all namespaces, or `namespace`'s only. */
  readonly listPath: string;
  /** Set when the target reads one namespace. */
  readonly namespace?: string;
  /**
   * `metadata.name=NAME`: an RBAC rule with resourceNames allows list and watch only when the request
   * carries this selector (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources).
   */
  readonly fieldSelector?: string;
  /** A 403 or 404 reads as "none" instead of an error: plugin evidence must never stop the snapshots. */
  readonly optional: boolean;
  /** What events and logs call this target: `pods`, `daemonsets in kube-system`, `configmaps kube-system/cilium-config`. */
  readonly target: string;
  /** Keeps only what the decoder reads of a large object before it is cached (a CRD's schema is not). */
  readonly slim?: (object: RawObject) => RawObject;
}

function collectionPath(group: string, version: string, name: string, namespace?: string): string {
  const base = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  return namespace === undefined ? `${base}/${name}` : `${base}/namespaces/${namespace}/${name}`;
}

function resource(
  name: ClusterResourceName,
  group: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<ClusterResource> = {},
): ClusterResource {
  const version = 'v1';
  const apiVersion = group === '' ? version : `${group}/${version}`;
  return {
    name,
    group,
    version,
    kind,
    apiVersion,
    namespaced,
    listPath: collectionPath(group, version, name),
    optional: false,
    target: name,
    ...extra,
  };
}

/** The six analysed resources, in the order their objects are handed to the decoder (namespaces first: readers find them first). */
export const CLUSTER_RESOURCES: readonly ClusterResource[] = [
  resource('namespaces', '', 'Namespace', false),
  resource('nodes', '', 'Node', false),
  resource('pods', '', 'Pod', true),
  resource('services', '', 'Service', true),
  resource('endpointslices', 'discovery.k8s.io', 'EndpointSlice', true),
  resource('networkpolicies', 'networking.k8s.io', 'NetworkPolicy', true),
];

/** Only the group is evidence; the schemas (often hundreds of KB per CRD) and annotations are not kept. */
function slimCrd(object: RawObject): RawObject {
  const metadata: Record<string, unknown> = {};
  for (const key of ['name', 'uid', 'resourceVersion']) if (object.metadata[key] !== undefined) metadata[key] = object.metadata[key];
  const spec = typeof object.spec === 'object' && object.spec !== null ? (object.spec as Record<string, unknown>) : {};
  return { apiVersion: object.apiVersion, kind: object.kind, metadata, spec: spec.group === undefined ? {} : { group: spec.group } };
}

/** Every CRD, cluster-wide: detection looks for the plugins' API groups. */
export const CRD_RESOURCE: ClusterResource = resource(
  'customresourcedefinitions',
  'apiextensions.k8s.io',
  'CustomResourceDefinition',
  false,
  {
    optional: true,
    slim: slimCrd,
  },
);

/** Only the name and the fields detection reads (model/decode/dataplane.ts decodeFelixConfiguration). */
function slimFelix(object: RawObject): RawObject {
  const metadata: Record<string, unknown> = {};
  for (const key of ['name', 'uid', 'resourceVersion']) if (object.metadata[key] !== undefined) metadata[key] = object.metadata[key];
  const spec = typeof object.spec === 'object' && object.spec !== null ? (object.spec as Record<string, unknown>) : {};
  const action = spec.defaultEndpointToHostAction;
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata,
    spec: action === undefined ? {} : { defaultEndpointToHostAction: action },
  };
}

/** Calico's FelixConfigurations, cluster-wide: Felix's DefaultEndpointToHostAction (a 404 where Calico is not installed). */
export const FELIX_RESOURCE: ClusterResource = resource('felixconfigurations', 'crd.projectcalico.org', 'FelixConfiguration', false, {
  optional: true,
  slim: slimFelix,
});

const DAEMONSETS = resource('daemonsets', 'apps', 'DaemonSet', true, { optional: true });
const CONFIGMAPS = resource('configmaps', '', 'ConfigMap', true, { optional: true });

/** Every resource type read, cluster-wide (the fake API server routes these). */
export const RESOURCE_TYPES: readonly ClusterResource[] = [...CLUSTER_RESOURCES, DAEMONSETS, CONFIGMAPS, CRD_RESOURCE, FELIX_RESOURCE];

function inNamespace(type: ClusterResource, namespace: string, target: string, fieldSelector?: string): ClusterResource {
  const listPath = collectionPath(type.group, type.version, type.name, namespace);
  return { ...type, listPath, namespace, target, ...(fieldSelector !== undefined ? { fieldSelector } : {}) };
}

/**
 * The plugin targets of one namespace (none outside PLUGIN_NAMESPACES): its DaemonSets, and each plugin
 * ConfigMap by name, one watch per name, since RBAC grants those names only. Secrets are never read.
 */
export function pluginTargetsIn(namespace: string): ClusterResource[] {
  if (!PLUGIN_NAMESPACES.includes(namespace)) return [];
  return [
    inNamespace(DAEMONSETS, namespace, `daemonsets in ${namespace}`),
    ...PLUGIN_CONFIGMAPS.map((name) => inNamespace(CONFIGMAPS, namespace, `configmaps ${namespace}/${name}`, `metadata.name=${name}`)),
  ];
}

export function clusterResource(name: ClusterResourceName): ClusterResource {
  const found = RESOURCE_TYPES.find((r) => r.name === name);
  if (!found) throw new Error(`unknown cluster resource ${name}`);
  return found;
}
