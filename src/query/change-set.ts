// A proposed change to a snapshot: policies to apply (same namespace/name replaces) or delete, pods
// and namespaces to upsert or delete. Applying keeps every untouched array and object the very same
// value, so an incremental compile (compile(after, before)) reuses the previous compilation.
import type { Diagnostic } from '../model/diagnostics.ts';
import type { Namespace, NetworkPolicy, Pod, Snapshot, Workload } from '../model/types.ts';
import type { CiliumPolicy } from '../model/cilium-policy.ts';
import { tierPolicyRef, type TierPolicy, type UnmodelledPolicy } from '../model/tier-policy.ts';

/** `AdminNetworkPolicy/deny-all`: a delete of a tier policy (a NetworkPolicy's `ns/name` can never
 * start with a kind: namespaces are lower-case). */
const TIER_REF = /^(AdminNetworkPolicy|BaselineAdminNetworkPolicy|ClusterNetworkPolicy)\//;

export interface ChangeSet {
  readonly apply: readonly NetworkPolicy[];
  /** `ns/name` of policies to delete; `AdminNetworkPolicy/NAME` (BaselineAdminNetworkPolicy/,
   * ClusterNetworkPolicy/) deletes a tier policy. */
  readonly delete: readonly string[];
  /** AdminNetworkPolicy / BaselineAdminNetworkPolicy / ClusterNetworkPolicy to add or change (same kind and name replaces). */
  readonly tierPolicies?: readonly TierPolicy[];
  /** Cilium policies (one entry per rule of `spec`/`specs`) and objects of unmodelled kinds to add or
   * change: a proposed object replaces every entry of the same kind, namespace and name in both lists
   * (a change may move an object between them, e.g. a CiliumNetworkPolicy gaining a toServices rule). */
  readonly ciliumPolicies?: readonly CiliumPolicy[];
  readonly unmodelled?: readonly UnmodelledPolicy[];
  readonly pods?: { readonly upsert?: readonly Pod[]; readonly delete?: readonly string[] /* ns/name */ };
  readonly namespaces?: { readonly upsert?: readonly Namespace[]; readonly delete?: readonly string[] /* name */ };
  /** Workload templates (manifest input), keyed by kind, namespace and name. */
  readonly workloads?: { readonly upsert?: readonly Workload[] };
}

type Keyed = { readonly namespace: string; readonly name: string };
const keyOf = (o: Keyed) => `${o.namespace}/${o.name}`;

/** Upserts (an equal object keeps the base one, for identity reuse) and deletes, by key; the base
 * array itself when nothing changes. */
function patch<T>(base: readonly T[], key: (o: T) => string, upsert: readonly T[], remove: (o: T) => boolean): readonly T[] {
  if (upsert.length === 0 && !base.some(remove)) return base;
  const incoming = new Map(upsert.map((o) => [key(o), o]));
  let changed = false;
  const out: T[] = [];
  for (const o of base) {
    const k = key(o);
    const next = incoming.get(k);
    incoming.delete(k);
    if (next !== undefined && JSON.stringify(next) !== JSON.stringify(o)) {
      out.push(next);
      changed = true;
    } else if (next === undefined && remove(o)) changed = true;
    else out.push(o);
  }
  for (const o of incoming.values()) {
    out.push(o);
    changed = true;
  }
  return changed ? out : base;
}

const objectKey = (o: { readonly kind: string; readonly namespace?: string; readonly name: string }) =>
  `${o.kind} ${o.namespace ?? ''}/${o.name}`;

/** Base Cilium and unmodelled entries with the proposed objects in place; the base arrays when none is proposed. */
function patchPluginObjects(base: Snapshot, change: ChangeSet) {
  const cilium = change.ciliumPolicies ?? [];
  const unmodelled = change.unmodelled ?? [];
  const baseCilium = base.ciliumPolicies ?? [];
  const baseUnmodelled = base.unmodelled ?? [];
  if (cilium.length === 0 && unmodelled.length === 0) return { ciliumPolicies: baseCilium, unmodelled: baseUnmodelled, same: true };
  const replaced = new Set([...cilium.map(objectKey), ...unmodelled.map(objectKey)]);
  return {
    ciliumPolicies: [...baseCilium.filter((p) => !replaced.has(objectKey(p))), ...cilium],
    unmodelled: [...baseUnmodelled.filter((u) => !replaced.has(objectKey(u))), ...unmodelled],
    same: false,
  };
}

export function applyChangeSet(base: Snapshot, change: ChangeSet): Snapshot {
  const deletedNamespaces = new Set(change.namespaces?.delete ?? []);
  const deletedPolicies = new Set(change.delete.filter((r) => !TIER_REF.test(r)));
  const deletedTiers = new Set(change.delete.filter((r) => TIER_REF.test(r)));
  const baseTiers = base.tierPolicies ?? [];
  const tiers = patch(baseTiers, tierPolicyRef, change.tierPolicies ?? [], (p) => deletedTiers.has(tierPolicyRef(p)));
  const deletedPods = new Set(change.pods?.delete ?? []);
  const inDeleted = (o: Keyed) => deletedNamespaces.has(o.namespace);
  const namespaces = patch(
    base.namespaces,
    (n) => n.name,
    change.namespaces?.upsert ?? [],
    (n) => deletedNamespaces.has(n.name),
  );
  const policies = patch(base.policies, keyOf, change.apply, (p) => deletedPolicies.has(keyOf(p)) || inDeleted(p));
  const pods = patch(base.pods, keyOf, change.pods?.upsert ?? [], (p) => deletedPods.has(keyOf(p)) || inDeleted(p));
  const workloadKey = (w: Workload) => `${w.kind}:${keyOf(w)}`;
  const workloads = patch(base.workloads, workloadKey, change.workloads?.upsert ?? [], inDeleted);
  const sameTiers = tiers === baseTiers;
  const plugin = patchPluginObjects(base, change);
  const same = namespaces === base.namespaces && policies === base.policies && pods === base.pods && workloads === base.workloads;
  if (same && sameTiers && plugin.same) return base;
  return {
    ...base,
    namespaces,
    policies,
    pods,
    workloads,
    ...(sameTiers ? {} : { tierPolicies: tiers }),
    ...(plugin.same ? {} : { ciliumPolicies: plugin.ciliumPolicies, unmodelled: plugin.unmodelled }),
  };
}

/** Deletes that name nothing in the base: likely a typo, reported as errors (bad input). */
export function changeSetProblems(base: Snapshot, change: ChangeSet): Diagnostic[] {
  const out: Diagnostic[] = [];
  const policies = new Set(base.policies.map(keyOf));
  const pods = new Set(base.pods.map(keyOf));
  const namespaces = new Set(base.namespaces.map((n) => n.name));
  const missing = (kind: string, name: string) =>
    out.push({
      severity: 'error',
      code: 'impact-delete-unknown',
      message: `cannot delete ${kind} ${name}: the base snapshot has no such object`,
    });
  const tiers = new Set((base.tierPolicies ?? []).map(tierPolicyRef));
  for (const ref of change.delete) {
    if (TIER_REF.test(ref)) {
      if (!tiers.has(ref)) missing(ref.split('/')[0], ref.split('/')[1]);
    } else if (!policies.has(ref)) missing('NetworkPolicy', ref);
  }
  for (const ref of change.pods?.delete ?? []) if (!pods.has(ref)) missing('Pod', ref);
  for (const name of change.namespaces?.delete ?? []) if (!namespaces.has(name)) missing('Namespace', name);
  return out;
}

/** The change a set of proposed files makes: their policies are applied, their pods, workloads and
 * (explicitly declared) namespaces upserted; `deletes` names policies to delete. */
export function changeSetOf(proposed: Snapshot, deletes: readonly string[]): ChangeSet {
  const namespaces = proposed.namespaces.filter((n) => !n.implicit);
  return {
    apply: proposed.policies,
    delete: deletes,
    ...(proposed.tierPolicies?.length ? { tierPolicies: proposed.tierPolicies } : {}),
    ...(proposed.ciliumPolicies?.length ? { ciliumPolicies: proposed.ciliumPolicies } : {}),
    ...(proposed.unmodelled?.length ? { unmodelled: proposed.unmodelled } : {}),
    ...(proposed.pods.length ? { pods: { upsert: proposed.pods } } : {}),
    ...(namespaces.length ? { namespaces: { upsert: namespaces } } : {}),
    ...(proposed.workloads.length ? { workloads: { upsert: proposed.workloads } } : {}),
  };
}
