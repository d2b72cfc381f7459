// The six Kubernetes resources netreach reads from a live cluster: where to list and watch them, and
// the kind/apiVersion to put back on list items (a real API server omits both on the items of a list).
// deploy/rbac.yaml grants get/list/watch on exactly these; test/deploy/rbac.test.ts keeps them in step.

export type ClusterResourceName = 'namespaces' | 'pods' | 'services' | 'endpointslices' | 'nodes' | 'networkpolicies';

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
  /** The cluster-wide collection path (all namespaces) used for list and watch. */
  readonly listPath: string;
}

function resource(name: ClusterResourceName, group: string, kind: string, namespaced: boolean): ClusterResource {
  const version = 'v1';
  const apiVersion = group === '' ? version : `${group}/${version}`;
  const listPath = group === '' ? `/api/${version}/${name}` : `/apis/${group}/${version}/${name}`;
  return { name, group, version, kind, apiVersion, namespaced, listPath };
}

/** In the order their objects are handed to the decoder (namespaces first: readers find them first). */
export const CLUSTER_RESOURCES: readonly ClusterResource[] = [
  resource('namespaces', '', 'Namespace', false),
  resource('nodes', '', 'Node', false),
  resource('pods', '', 'Pod', true),
  resource('services', '', 'Service', true),
  resource('endpointslices', 'discovery.k8s.io', 'EndpointSlice', true),
  resource('networkpolicies', 'networking.k8s.io', 'NetworkPolicy', true),
];

export function clusterResource(name: ClusterResourceName): ClusterResource {
  const found = CLUSTER_RESOURCES.find((r) => r.name === name);
  if (!found) throw new Error(`unknown cluster resource ${name}`);
  return found;
}
