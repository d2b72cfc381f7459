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

/** By kind, then name (one namespace's workloads or owners: no key strings built per lookup). */
type ByKindName<T> = Map<string, Map<string, T>>;

/** `m`'s value at `k`, made first when absent. */
function slot<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k);
  if (v === undefined) m.set(k, (v = make()));
  return v;
}

/**
 * Calls `visit` with every kind and name the pod's controller chain passes through (up to 8 steps).
 * A ReplicaSet whose object is absent (the cluster watch reads pods only) ends the chain at its
 * Deployment, found by naming convention (history/identity.ts).
 */
function chainOf(pod: Pod, workloads: ByKindName<Workload> | undefined, visit: (kind: string, name: string) => void): void {
  let ref = controllerOf(pod.ownerReferences);
  for (let depth = 0; ref && depth < 8; depth++) {
    visit(ref.kind, ref.name);
    const owner = workloads?.get(ref.kind)?.get(ref.name);
    if (!owner && ref.kind === 'ReplicaSet') {
      const deployment = deploymentOfReplicaSet(pod, ref.name);
      if (deployment !== undefined) visit('Deployment', deployment);
    }
    ref = owner ? controllerOf(owner.ownerReferences) : undefined;
  }
}

interface WorkloadIndex {
  /** Workload objects by namespace, kind and name. */
  readonly workloads: ReadonlyMap<string, ByKindName<Workload>>;
  /** Endpoints by group (`deploy:ns/name`, `pod:ns/name`). */
  readonly byGroup: ReadonlyMap<string, readonly number[]>;
  /** Endpoints (pods and templates) by namespace, in key order. */
  readonly byNamespace: ReadonlyMap<string, readonly number[]>;
  /** Per namespace (filled when a workload of it is first asked for): its pod endpoints (not
   * templates) by every kind and name their controller chain passes through. */
  readonly owned: Map<string, ByKindName<number[]>>;
}

const indexes = new WeakMap<CompiledSnapshot, WorkloadIndex>();

/** Built once per compiled snapshot, so resolving many workload spellings (assertions, impact
 * groups) does not scan every endpoint each time. */
function indexOf(c: CompiledSnapshot): WorkloadIndex {
  let index = indexes.get(c);
  if (!index) {
    const byGroup = new Map<string, number[]>();
    const byNamespace = new Map<string, number[]>();
    c.endpoints.forEach((e, i) => {
      slot(byGroup, e.group, () => []).push(i);
      slot(byNamespace, e.pod.namespace, () => []).push(i);
    });
    const workloads = new Map<string, ByKindName<Workload>>();
    // The last of duplicates, as a Map built from the list keeps.
    for (const w of c.snapshot.workloads)
      slot(
        slot(workloads, w.namespace, () => new Map()),
        w.kind,
        () => new Map(),
      ).set(w.name, w);
    index = { workloads, byGroup, byNamespace, owned: new Map() };
    indexes.set(c, index);
  }
  return index;
}

/** The pod endpoints of `namespace` by owner, each pod's controller chain followed once. */
function ownedIn(c: CompiledSnapshot, index: WorkloadIndex, namespace: string): ByKindName<number[]> {
  let owned = index.owned.get(namespace);
  if (!owned) {
    const byOwner: ByKindName<number[]> = new Map();
    const workloads = index.workloads.get(namespace);
    for (const i of index.byNamespace.get(namespace) ?? []) {
      const e = c.endpoints[i]!;
      if (!e.template)
        chainOf(e.pod, workloads, (kind, name) =>
          slot(
            slot(byOwner, kind, () => new Map()),
            name,
            () => [],
          ).push(i),
        );
    }
    index.owned.set(namespace, (owned = byOwner));
  }
  return owned;
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
    if (kind !== undefined) for (const i of ownedIn(c, index, namespace).get(kind)?.get(name) ?? []) found.add(i);
  }
  return [...found].sort((a, b) => a - b).map((i) => c.endpoints[i]!);
}

/** The endpoints of a namespace (pods and templates), in key order. */
export function namespaceEndpoints(c: CompiledSnapshot, namespace: string): EndpointInfo[] {
  return (indexOf(c).byNamespace.get(namespace) ?? []).map((i) => c.endpoints[i]!);
}
