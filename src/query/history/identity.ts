// A pod's workload identity, which survives a rollout: pods are replaced under new names, their
// owner stays. The Deployment controller names each ReplicaSet `<deployment>-<pod-template-hash>`
// and labels its pods `pod-template-hash=<hash>` (Kubernetes docs, Concepts › Deployments,
// "Pod-template-hash label"), so a pod owned by ReplicaSet `web-7d4f` with that label value belongs
// to Deployment `web` even when the input holds no Deployment object (the cluster watch reads pods
// only). Other controllers (StatefulSet, DaemonSet, Job, ...) are the identity themselves.
import { WORKLOAD_PREFIX } from '../../engine/workloads.ts';
import type { OwnerReference, Pod } from '../../model/types.ts';

const HASH_LABEL = 'pod-template-hash';

function controllerOf(refs: readonly OwnerReference[]): OwnerReference | undefined {
  return refs.find((r) => r.controller && r.kind !== 'Node');
}

/** The Deployment name behind a ReplicaSet owner, by the controller's naming convention. */
export function deploymentOfReplicaSet(pod: Pod, replicaSet: string): string | undefined {
  const hash = pod.labels[HASH_LABEL];
  if (!hash || !replicaSet.endsWith(`-${hash}`) || replicaSet.length <= hash.length + 1) return undefined;
  return replicaSet.slice(0, replicaSet.length - hash.length - 1);
}

/** `deploy:ns/name` (sts:, ds:, ...) of the pod's owning workload; undefined for a bare pod. */
export function workloadIdentity(pod: Pod): string | undefined {
  const owner = controllerOf(pod.ownerReferences);
  if (!owner) return undefined;
  if (owner.kind === 'ReplicaSet') {
    const deployment = deploymentOfReplicaSet(pod, owner.name);
    if (deployment) return `deploy:${pod.namespace}/${deployment}`;
  }
  const prefix = (WORKLOAD_PREFIX as Record<string, string>)[owner.kind];
  return prefix ? `${prefix}:${pod.namespace}/${owner.name}` : `${owner.kind}:${pod.namespace}/${owner.name}`;
}
