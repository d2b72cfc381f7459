// How `connections` groups endpoints: by workload (a pod under the top of its owner chain, a
// template endpoint as itself), by pod (each endpoint alone) or by namespace. A group is described by
// its classes and how many of its endpoints each holds, so connections are computed on classes and
// only expanded to groups. Pod-level rules (node-local: a hostNetwork pod to the pods on its node, and a
// plugin's rule for a pod's traffic to its host) are collected per pair of groups, because they hold for
// some member pairs only.
import type { WorkloadKind } from '../model/types.ts';
import { nodeLocalPairs } from './endpoint.ts';
import type { CompiledSnapshot, EndpointInfo } from './compiled.ts';
import { workloadKindOf } from './workloads.ts';

export type GroupBy = 'workload' | 'pod' | 'namespace';
export const GROUP_BYS: readonly GroupBy[] = ['workload', 'pod', 'namespace'];

export interface ConnectionGroup {
  /** `deploy:ns/name` (`pod:ns/name` for a bare pod), `ns/name` for a pod, or the namespace name. */
  readonly id: string;
  /** How the group is named in answers: a workload (or template endpoint), a pod, a namespace. */
  readonly kind: 'workload' | 'pod' | 'namespace';
  readonly namespace: string;
  /** The object name (the namespace name for a namespace group). */
  readonly name: string;
  /** For workload groups: the workload kind, `Pod` for a bare pod. */
  readonly workloadKind?: WorkloadKind | 'Pod';
  /** Endpoints in the group. */
  readonly size: number;
}

export interface GroupLayout {
  /** Sorted by namespace, name, id. */
  readonly groups: readonly ConnectionGroup[];
  /** Group index of each endpoint. */
  readonly groupOf: Int32Array;
  /** Per group: [class id, endpoints of the group in that class], by class id. */
  readonly classCounts: readonly (readonly [number, number])[][];
}

interface GroupKey {
  readonly id: string;
  readonly kind: ConnectionGroup['kind'];
  readonly namespace: string;
  readonly name: string;
  readonly workloadKind?: WorkloadKind | 'Pod';
}

/** `deploy:ns/name` → its parts and kind. */
export function parseWorkloadId(id: string): { prefix: string; namespace: string; name: string; kind: WorkloadKind | 'Pod' } {
  const colon = id.indexOf(':');
  const slash = id.indexOf('/', colon + 1);
  const prefix = id.slice(0, colon);
  return { prefix, namespace: id.slice(colon + 1, slash), name: id.slice(slash + 1), kind: workloadKindOf(prefix) ?? 'Pod' };
}

function workloadGroup(id: string): GroupKey {
  const w = parseWorkloadId(id);
  return { id, kind: 'workload', namespace: w.namespace, name: w.name, workloadKind: w.kind };
}

function groupKey(c: CompiledSnapshot, e: EndpointInfo, groupBy: GroupBy): GroupKey {
  switch (groupBy) {
    case 'workload':
      return workloadGroup(e.group);
    case 'pod':
      return e.template ? workloadGroup(e.key) : { id: e.key, kind: 'pod', namespace: e.pod.namespace, name: e.pod.name };
    case 'namespace': {
      const ns = c.namespaces[e.namespace].name;
      return { id: ns, kind: 'namespace', namespace: ns, name: ns };
    }
    default: {
      const never: never = groupBy;
      throw new Error(`unknown grouping ${String(never)}`);
    }
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function groupEndpoints(c: CompiledSnapshot, groupBy: GroupBy): GroupLayout {
  const keys = new Map<string, GroupKey>();
  const endpointGroup: string[] = [];
  for (const e of c.endpoints) {
    const key = groupKey(c, e, groupBy);
    if (!keys.has(key.id)) keys.set(key.id, key);
    endpointGroup.push(key.id);
  }
  const sorted = [...keys.values()].sort((a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name) || compare(a.id, b.id));
  const index = new Map(sorted.map((g, i) => [g.id, i]));
  const groupOf = new Int32Array(c.endpoints.length);
  const counts: Map<number, number>[] = sorted.map(() => new Map());
  const sizes = new Int32Array(sorted.length);
  c.endpoints.forEach((e, i) => {
    const g = index.get(endpointGroup[i])!;
    groupOf[i] = g;
    sizes[g]++;
    counts[g].set(e.classId, (counts[g].get(e.classId) ?? 0) + 1);
  });
  return {
    groups: sorted.map((g, i) => ({ ...g, size: sizes[i] })),
    groupOf,
    classCounts: counts.map((m) => [...m].sort((a, b) => a[0] - b[0])),
  };
}

/** Node-local pairs between distinct groups, per `from * groups + to`: per class pair (`a * classes + b`)
 * how many member pairs the class matrix does not decide, whether one of them is allowed every port
 * (the API's ingress exemption) and whether one is denied (the plugin drops a pod's traffic to its host);
 * an `unknown` one is left to the class matrix (connections list what the policies admit). */
export interface GroupPairOverrides {
  readonly pairs: Map<number, number>;
  allowsAll: boolean;
  denies: boolean;
}

export function overridesByGroupPair(c: CompiledSnapshot, layout: GroupLayout): Map<number, GroupPairOverrides> {
  const groups = layout.groups.length;
  const classes = c.classes.length;
  const out = new Map<number, GroupPairOverrides>();
  for (const { from: a, to: b, effect } of nodeLocalPairs(c)) {
    if (effect === 'unknown') continue;
    const ga = layout.groupOf[a];
    const gb = layout.groupOf[b];
    if (ga === gb) continue;
    const key = ga * groups + gb;
    let entry = out.get(key);
    if (!entry) out.set(key, (entry = { pairs: new Map(), allowsAll: false, denies: false }));
    if (effect === 'allow') entry.allowsAll = true;
    else entry.denies = true;
    const cp = c.endpoints[a].classId * classes + c.endpoints[b].classId;
    entry.pairs.set(cp, (entry.pairs.get(cp) ?? 0) + 1);
  }
  return out;
}
