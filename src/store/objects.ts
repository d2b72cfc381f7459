// Content addressing: a snapshot is flattened into objects, each stored once per distinct content
// (sha256 over its kind and canonical JSON), and reassembled in the same order on the way back.
// Canonical JSON sorts object keys so that two equal values hash equally whatever order their
// properties were built in; array order is meaningful and kept.
// Network plugin evidence (Snapshot.dataplane) and the user's `--cni` override (Snapshot.cni) are
// objects too, after every model collection and only when present, so a snapshot without them
// flattens, hashes and stores exactly as it did before they existed.
import { createHash } from 'node:crypto';
import type { TierPolicy, UnmodelledPolicy } from '../model/tier-policy.ts';
import type {
  CniOverride,
  ConfigMapEvidence,
  DaemonSetEvidence,
  DataplaneEvidence,
  FelixConfigurationEvidence,
} from '../model/dataplane.ts';
import type {
  EndpointSlice,
  Namespace,
  NetworkPolicy,
  Node,
  NotAnalysable,
  Pod,
  Service,
  Snapshot,
  SnapshotSource,
  Workload,
  WorkloadKind,
} from '../model/types.ts';

/** One stored object: the model value tagged with its kind. */
export type ObjectValue =
  | { readonly kind: 'Namespace'; readonly value: Namespace }
  | { readonly kind: 'Pod'; readonly value: Pod }
  | { readonly kind: WorkloadKind; readonly value: Workload }
  | { readonly kind: 'Service'; readonly value: Service }
  | { readonly kind: 'EndpointSlice'; readonly value: EndpointSlice }
  | { readonly kind: 'Node'; readonly value: Node }
  | { readonly kind: 'NetworkPolicy'; readonly value: NetworkPolicy }
  | { readonly kind: 'NotAnalysable'; readonly value: NotAnalysable }
  // 'Plugin…': a DaemonSet/ConfigMap read as plugin evidence is not a workload (kind 'DaemonSet' is).
  | { readonly kind: 'PluginDaemonSet'; readonly value: DaemonSetEvidence }
  | { readonly kind: 'PluginConfigMap'; readonly value: ConfigMapEvidence }
  | { readonly kind: 'CrdGroups'; readonly value: readonly string[] }
  | { readonly kind: 'PluginFelixConfiguration'; readonly value: FelixConfigurationEvidence }
  | { readonly kind: 'CniOverride'; readonly value: CniOverride }
  // AdminNetworkPolicy / BaselineAdminNetworkPolicy / ClusterNetworkPolicy, and policy-like objects of
  // kinds not modelled: after everything else, only when present (older snapshots hash as before).
  | { readonly kind: 'TierPolicy'; readonly value: TierPolicy }
  | { readonly kind: 'UnmodelledPolicy'; readonly value: UnmodelledPolicy };

const DATAPLANE_KINDS: ReadonlySet<string> = new Set(['PluginDaemonSet', 'PluginConfigMap', 'CrdGroups', 'PluginFelixConfiguration']);

/** The one-per-snapshot objects' names (they have no name of their own). */
export const CRD_GROUPS_NAME = 'crd-groups';
export const CNI_OVERRIDE_NAME = 'cni';

export interface HashedObject {
  readonly object: ObjectValue;
  readonly namespace: string | null;
  readonly name: string;
  readonly body: string;
  readonly hash: string;
}

const WORKLOAD_KINDS: ReadonlySet<string> = new Set<WorkloadKind>([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'ReplicationController',
  'Job',
  'CronJob',
]);

function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) sorted[k] = (value as Record<string, unknown>)[k];
  return sorted;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortKeys);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function identity(object: ObjectValue): { namespace: string | null; name: string } {
  switch (object.kind) {
    case 'Namespace':
    case 'Node':
      return { namespace: null, name: object.value.name };
    case 'NotAnalysable':
      return { namespace: object.value.ref.namespace ?? null, name: object.value.ref.name };
    case 'CrdGroups':
      return { namespace: null, name: CRD_GROUPS_NAME };
    case 'PluginFelixConfiguration':
      return { namespace: null, name: object.value.name };
    case 'CniOverride':
      return { namespace: null, name: CNI_OVERRIDE_NAME };
    case 'TierPolicy':
      return { namespace: null, name: `${object.value.kind}/${object.value.name}` };
    case 'UnmodelledPolicy':
      return { namespace: object.value.namespace ?? null, name: `${object.value.kind}.${object.value.group}/${object.value.name}` };
    default:
      return { namespace: object.value.namespace, name: object.value.name };
  }
}

/** An object's content hash, as stored beside it and checked on every read. */
export function objectHash(kind: string, body: string): string {
  return sha256(`${kind}\n${body}`);
}

function hashed(object: ObjectValue): HashedObject {
  const body = canonicalJson(object.value);
  return { object, ...identity(object), body, hash: objectHash(object.kind, body) };
}

/** The snapshot's objects in a fixed order: by collection, each collection in its own order. */
export function flattenSnapshot(s: Snapshot): HashedObject[] {
  const out: HashedObject[] = [];
  for (const value of s.namespaces) out.push(hashed({ kind: 'Namespace', value }));
  for (const value of s.pods) out.push(hashed({ kind: 'Pod', value }));
  for (const value of s.workloads) out.push(hashed({ kind: value.kind, value }));
  for (const value of s.services) out.push(hashed({ kind: 'Service', value }));
  for (const value of s.endpointSlices) out.push(hashed({ kind: 'EndpointSlice', value }));
  for (const value of s.nodes) out.push(hashed({ kind: 'Node', value }));
  for (const value of s.policies) out.push(hashed({ kind: 'NetworkPolicy', value }));
  for (const value of s.notAnalysable) out.push(hashed({ kind: 'NotAnalysable', value }));
  if (s.dataplane) {
    for (const value of s.dataplane.daemonSets) out.push(hashed({ kind: 'PluginDaemonSet', value }));
    for (const value of s.dataplane.configMaps) out.push(hashed({ kind: 'PluginConfigMap', value }));
    // Always written when evidence is present, even with no groups: it is what marks `dataplane` as
    // present on the way back (evidence with three empty lists is not the same as no evidence).
    out.push(hashed({ kind: 'CrdGroups', value: s.dataplane.crdGroups }));
    for (const value of s.dataplane.felixConfigurations ?? []) out.push(hashed({ kind: 'PluginFelixConfiguration', value }));
  }
  if (s.cni) out.push(hashed({ kind: 'CniOverride', value: s.cni }));
  for (const value of s.tierPolicies ?? []) out.push(hashed({ kind: 'TierPolicy', value }));
  for (const value of s.unmodelled ?? []) out.push(hashed({ kind: 'UnmodelledPolicy', value }));
  return out;
}

/** The snapshot's content hash: equal iff source and every object (in order) are equal. */
export function snapshotHash(source: SnapshotSource, objects: readonly HashedObject[]): string {
  const h = createHash('sha256').update(`${source}\n`);
  for (const o of objects) h.update(`${o.hash}\n`);
  return h.digest('hex');
}

/** The seven model collections only: plugin evidence is summarised by the snapshot's `dataplane` column. */
export function snapshotCounts(s: Snapshot): Record<string, number> {
  return {
    namespaces: s.namespaces.length,
    pods: s.pods.length,
    workloads: s.workloads.length,
    services: s.services.length,
    endpointSlices: s.endpointSlices.length,
    nodes: s.nodes.length,
    policies: s.policies.length,
  };
}

/** Rebuild a Snapshot from stored (kind, body) rows given in the order they were flattened. */
export function assembleSnapshot(source: SnapshotSource, rows: Iterable<{ kind: string; body: string }>): Snapshot {
  return assembleValues(source, parsedRows(rows));
}

function* parsedRows(rows: Iterable<{ kind: string; body: string }>): Iterable<{ kind: string; value: unknown }> {
  for (const { kind, body } of rows) yield { kind, value: JSON.parse(body) as unknown };
}

/** A Snapshot from stored objects already parsed, kept as the very values given (no copy): snapshots
 * that share objects share values, so an incremental compile recognises them (query/history). */
export function assembleValues(source: SnapshotSource, values: Iterable<{ readonly kind: string; readonly value: unknown }>): Snapshot {
  const s = {
    source,
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
  const felix: FelixConfigurationEvidence[] = [];
  let hasDataplane = false;
  let cni: CniOverride | undefined;
  const tierPolicies: TierPolicy[] = [];
  const unmodelled: UnmodelledPolicy[] = [];
  for (const { kind, value } of values) {
    if (kind === 'Namespace') s.namespaces.push(value as Namespace);
    else if (kind === 'Pod') s.pods.push(value as Pod);
    else if (WORKLOAD_KINDS.has(kind)) s.workloads.push(value as Workload);
    else if (kind === 'Service') s.services.push(value as Service);
    else if (kind === 'EndpointSlice') s.endpointSlices.push(value as EndpointSlice);
    else if (kind === 'Node') s.nodes.push(value as Node);
    else if (kind === 'NetworkPolicy') s.policies.push(value as NetworkPolicy);
    else if (kind === 'NotAnalysable') s.notAnalysable.push(value as NotAnalysable);
    else if (kind === 'PluginDaemonSet') plugin.daemonSets.push(value as DaemonSetEvidence);
    else if (kind === 'PluginConfigMap') plugin.configMaps.push(value as ConfigMapEvidence);
    else if (kind === 'CrdGroups') plugin.crdGroups.push(...(value as string[]));
    else if (kind === 'PluginFelixConfiguration') felix.push(value as FelixConfigurationEvidence);
    else if (kind === 'CniOverride') cni = value as CniOverride;
    else if (kind === 'TierPolicy') tierPolicies.push(value as TierPolicy);
    else if (kind === 'UnmodelledPolicy') unmodelled.push(value as UnmodelledPolicy);
    else throw new Error(`stored object of unknown kind ${kind}`);
    if (DATAPLANE_KINDS.has(kind)) hasDataplane = true;
  }
  // Optional fields stay absent (not `undefined`) when they were absent on save: deepEqual holds.
  const dataplane: DataplaneEvidence | undefined = hasDataplane
    ? { ...plugin, ...(felix.length > 0 ? { felixConfigurations: felix } : {}) }
    : undefined;
  return {
    ...s,
    ...(tierPolicies.length > 0 ? { tierPolicies } : {}),
    ...(unmodelled.length > 0 ? { unmodelled } : {}),
    ...(dataplane ? { dataplane } : {}),
    ...(cni ? { cni } : {}),
  };
}
