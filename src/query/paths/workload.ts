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

/** The endpoints a workload spelling stands for, in key order. */
export function workloadEndpoints(c: CompiledSnapshot, prefix: string, namespace: string, name: string): EndpointInfo[] {
  const key = `${prefix}:${namespace}/${name}`;
  if (prefix === 'pod') return c.endpoints.filter((e) => e.group === key || (!e.template && e.key === `${namespace}/${name}`));
  const kind = workloadKindOf(prefix);
  const workloads = new Map(c.snapshot.workloads.map((w) => [`${w.kind}/${w.namespace}/${w.name}`, w]));
  return c.endpoints.filter(
    (e) => e.group === key || e.key === key || (kind !== undefined && !e.template && e.pod.namespace === namespace && ownedBy(e.pod, kind, name, workloads)),
  );
}
