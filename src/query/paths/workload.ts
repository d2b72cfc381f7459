// Workloads as endpoints: `deploy:ns/name` (sts:, ds:, rs:, rc:, job:, cronjob:) stands for every
// endpoint of that workload: pods whose controller chain (ownerReferences, followed through the
// workloads the input holds) passes through it, or its template when no pod represents it.
// `pod:ns/name` is a bare pod's own group. Without the ReplicaSet object, a Deployment's pods are
// found by the controller's naming convention (history/identity.ts).
import type { CompiledSnapshot, EndpointInfo } from '../../engine/index.ts';
import { workloadKindOf } from '../../engine/workloads.ts';
import type { OwnerReference, Pod, Workload } from '../../model/types.ts';
import { deploymentOfReplicaSet } from '../history/identity.ts';

function controllerOf(refs: readonly OwnerReference[]): OwnerReference | undefined {
  return refs.find((r) => r.controller && r.kind !== 'Node');
}

/** Whether the pod's controller chain passes through `kind/name`. */
function ownedBy(pod: Pod, kind: string, name: string, workloads: ReadonlyMap<string, Workload>): boolean {
  let ref = controllerOf(pod.ownerReferences);
  for (let depth = 0; ref && depth < 8; depth++) {
    if (ref.kind === kind && ref.name === name) return true;
    const owner = workloads.get(`${ref.kind}/${pod.namespace}/${ref.name}`);
    // No ReplicaSet object (the cluster watch reads pods only): its Deployment by naming convention.
    if (!owner && kind === 'Deployment' && ref.kind === 'ReplicaSet') return deploymentOfReplicaSet(pod, ref.name) === name;
    ref = owner ? controllerOf(owner.ownerReferences) : undefined;
  }
  return false;
}

interface WorkloadIndex {
  readonly workloads: ReadonlyMap<string, Workload>;
  /** Endpoints by group (`deploy:ns/name`, `pod:ns/name`). */
  readonly byGroup: ReadonlyMap<string, readonly number[]>;
  /** Pod endpoints (not templates) by namespace: the only ones whose controller chain is followed. */
  readonly podsByNamespace: ReadonlyMap<string, readonly number[]>;
}

const indexes = new WeakMap<CompiledSnapshot, WorkloadIndex>();

/** Built once per compiled snapshot, so resolving many workload spellings (assertions, impact
 * groups) does not scan every endpoint each time. */
function indexOf(c: CompiledSnapshot): WorkloadIndex {
  let index = indexes.get(c);
  if (!index) {
    const byGroup = new Map<string, number[]>();
    const podsByNamespace = new Map<string, number[]>();
    const push = (m: Map<string, number[]>, k: string, i: number) => (m.get(k) ?? m.set(k, []).get(k)!).push(i);
    c.endpoints.forEach((e, i) => {
      push(byGroup, e.group, i);
      if (!e.template) push(podsByNamespace, e.pod.namespace, i);
    });
    index = { workloads: new Map(c.snapshot.workloads.map((w) => [`${w.kind}/${w.namespace}/${w.name}`, w])), byGroup, podsByNamespace };
    indexes.set(c, index);
  }
  return index;
}

/** The endpoints a workload spelling stands for, in key order (the order of `c.endpoints`). */
export function workloadEndpoints(c: CompiledSnapshot, prefix: string, namespace: string, name: string): EndpointInfo[] {
  const key = `${prefix}:${namespace}/${name}`;
  const index = indexOf(c);
  const found = new Set<number>(index.byGroup.get(key));
  if (prefix === 'pod') {
    const own = c.endpointIndex.get(`${namespace}/${name}`);
    if (own !== undefined && !c.endpoints[own]!.template) found.add(own);
  } else {
    const self = c.endpointIndex.get(key);
    if (self !== undefined) found.add(self);
    const kind = workloadKindOf(prefix);
    if (kind !== undefined)
      for (const i of index.podsByNamespace.get(namespace) ?? [])
        if (ownedBy(c.endpoints[i]!.pod, kind, name, index.workloads)) found.add(i);
  }
  return [...found].sort((a, b) => a - b).map((i) => c.endpoints[i]!);
}
