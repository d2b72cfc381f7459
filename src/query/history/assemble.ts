// A Snapshot from parsed stored objects, kept as the very values given (no copy), so snapshots that
// share objects share values and an incremental compile recognises them. Same kinds and collections
// as the store's own assembleSnapshot (store/objects.ts), which parses bodies instead.
import type { CniOverride, ConfigMapEvidence, DaemonSetEvidence } from '../../model/dataplane.ts';
import type { EndpointSlice, Namespace, NetworkPolicy, Node, NotAnalysable, Pod, Service, Snapshot, SnapshotSource, Workload } from '../../model/types.ts';

const WORKLOAD_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController', 'Job', 'CronJob']);

export function assembleValues(source: SnapshotSource, values: Iterable<{ readonly kind: string; readonly value: unknown }>): Snapshot {
  const s = {
    namespaces: [] as Namespace[],
    pods: [] as Pod[],
    workloads: [] as Workload[],
    services: [] as Service[],
    endpointSlices: [] as EndpointSlice[],
    nodes: [] as Node[],
    policies: [] as NetworkPolicy[],
    notAnalysable: [] as NotAnalysable[],
  };
  const plugin = { daemonSets: [] as DaemonSetEvidence[], configMaps: [] as ConfigMapEvidence[], crdGroups: [] as string[] };
  let hasDataplane = false;
  let cni: CniOverride | undefined;
  for (const { kind, value } of values) {
    if (kind === 'Namespace') s.namespaces.push(value as Namespace);
    else if (kind === 'Pod') s.pods.push(value as Pod);
    else if (WORKLOAD_KINDS.has(kind)) s.workloads.push(value as Workload);
    else if (kind === 'Service') s.services.push(value as Service);
    else if (kind === 'EndpointSlice') s.endpointSlices.push(value as EndpointSlice);
    else if (kind === 'Node') s.nodes.push(value as Node);
    else if (kind === 'NetworkPolicy') s.policies.push(value as NetworkPolicy);
    else if (kind === 'NotAnalysable') s.notAnalysable.push(value as NotAnalysable);
    else if (kind === 'PluginDaemonSet') (plugin.daemonSets.push(value as DaemonSetEvidence), (hasDataplane = true));
    else if (kind === 'PluginConfigMap') (plugin.configMaps.push(value as ConfigMapEvidence), (hasDataplane = true));
    else if (kind === 'CrdGroups') (plugin.crdGroups.push(...(value as string[])), (hasDataplane = true));
    else if (kind === 'CniOverride') cni = value as CniOverride;
    else throw new Error(`stored object of unknown kind ${kind}`);
  }
  return { source, ...s, ...(hasDataplane ? { dataplane: plugin } : {}), ...(cni ? { cni } : {}) };
}
