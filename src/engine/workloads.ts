// Workloads as endpoints. A pod belongs to the workload at the top of its controller chain, followed
// through the owners the input holds (pod → ReplicaSet → Deployment when both are present; a missing
// owner ends the chain at the last reference: `rs:ns/web-7d4f` when only the pods are there).
// A workload whose template no pod of the input represents is an endpoint of its own: the template's
// labels and ports, no address (`deploy:ns/name`).
import type { OwnerReference, Pod, Snapshot, Workload, WorkloadKind } from '../model/types.ts';

export const WORKLOAD_PREFIX: Readonly<Record<WorkloadKind, string>> = {
  Deployment: 'deploy',
  ReplicaSet: 'rs',
  StatefulSet: 'sts',
  DaemonSet: 'ds',
  ReplicationController: 'rc',
  Job: 'job',
  CronJob: 'cronjob',
};

const KIND_BY_PREFIX = new Map(Object.entries(WORKLOAD_PREFIX).map(([k, p]) => [p, k as WorkloadKind]));

export function workloadKindOf(prefix: string): WorkloadKind | undefined {
  return KIND_BY_PREFIX.get(prefix);
}

export function workloadKey(kind: string, namespace: string, name: string): string {
  const prefix = (WORKLOAD_PREFIX as Record<string, string>)[kind] ?? 'pod';
  return `${prefix}:${namespace}/${name}`;
}

function controllerOf(refs: readonly OwnerReference[]): OwnerReference | undefined {
  return refs.find((r) => r.controller && r.kind !== 'Node');
}

/** Resolves owner chains against the workloads present in the snapshot. */
export class OwnerIndex {
  private readonly byKey = new Map<string, Workload>();

  constructor(snapshot: Snapshot) {
    for (const w of snapshot.workloads) this.byKey.set(`${w.kind}/${w.namespace}/${w.name}`, w);
  }

  /** The top workload of a chain starting at `refs` in `namespace`, or undefined for a bare pod. */
  top(namespace: string, refs: readonly OwnerReference[]): { kind: string; name: string } | undefined {
    let ref = controllerOf(refs);
    let top: { kind: string; name: string } | undefined;
    for (let depth = 0; ref && depth < 8; depth++) {
      top = { kind: ref.kind, name: ref.name };
      const owner = this.byKey.get(`${ref.kind}/${namespace}/${ref.name}`);
      if (!owner) break;
      ref = controllerOf(owner.ownerReferences);
    }
    return top;
  }

  /** `deploy:ns/name` of the pod's workload, or `pod:ns/name` for a bare (or Node-owned) pod. */
  groupOf(pod: Pod): string {
    const top = this.top(pod.namespace, pod.ownerReferences);
    return top ? workloadKey(top.kind, pod.namespace, top.name) : `pod:${pod.namespace}/${pod.name}`;
  }
}

export interface EndpointSource {
  readonly key: string;
  /** The pod, or a pod-shaped view of a workload's template (no address). */
  readonly pod: Pod;
  /** The workload group the endpoint belongs to (`deploy:ns/name`, or `pod:ns/name`). */
  readonly group: string;
  readonly template: boolean;
}

/** Every analysable endpoint: each pod, and each workload that no pod of the input represents. */
export function endpointSources(snapshot: Snapshot): EndpointSource[] {
  const owners = new OwnerIndex(snapshot);
  const out: EndpointSource[] = [];
  const represented = new Set<string>();
  for (const pod of snapshot.pods) {
    const group = owners.groupOf(pod);
    represented.add(group);
    out.push({ key: `${pod.namespace}/${pod.name}`, pod, group, template: false });
  }
  for (const w of snapshot.workloads) {
    const top = owners.top(w.namespace, [{ kind: w.kind, name: w.name, controller: true }]);
    const group = workloadKey(top!.kind, w.namespace, top!.name);
    if (represented.has(group)) continue;
    represented.add(group);
    const pod: Pod = {
      namespace: w.namespace,
      name: w.name,
      labels: w.labels,
      ips: [],
      hostNetwork: w.hostNetwork,
      containerPorts: w.containerPorts,
      ownerReferences: [],
    };
    out.push({ key: group, pod, group, template: true });
  }
  return out;
}
