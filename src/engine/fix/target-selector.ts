// The selector a careful engineer writes for a set of pods: the fewest of their common labels that
// select exactly them in their namespace (and no other pod there). Labels that change on every
// rollout (pod-template-hash, controller-revision-hash) are never used: a policy on them would stop
// selecting the pods at the next rollout. When no subset selects exactly the set, every stable
// common label is used and the selector is marked inexact (the impact proof then shows what else
// it selects). Pure.
import type { LabelSelector, Labels } from '../../model/types.ts';
import type { CompiledSnapshot } from '../compiled.ts';

/** Set by controllers per revision (apps/v1 Deployment and StatefulSet/DaemonSet docs). */
const UNSTABLE_KEYS = new Set(['pod-template-hash', 'controller-revision-hash', 'pod-template-generation']);
/** Subsets are tried exhaustively up to this many labels; beyond, all common labels are used. */
const MAX_SUBSET = 3;

export interface TargetSelector {
  readonly selector: LabelSelector;
  /** The selector selects exactly the target endpoints among the namespace's selectable pods. */
  readonly exact: boolean;
}

function commonLabels(all: readonly Labels[]): [string, string][] {
  if (all.length === 0) return [];
  const first = all[0];
  return Object.keys(first)
    .filter((k) => !UNSTABLE_KEYS.has(k) && all.every((l) => l[k] === first[k]))
    .sort()
    .map((k) => [k, first[k]]);
}

function* subsets<T>(items: readonly T[], size: number, start = 0): Generator<T[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= items.length - size; i++) for (const rest of subsets(items, size - 1, i + 1)) yield [items[i], ...rest];
}

const labelsSelector = (pairs: readonly [string, string][]): LabelSelector => ({
  matchLabels: Object.fromEntries(pairs),
  matchExpressions: [],
});

/** The fewest-label selector for `target` (endpoint ids, all in `namespace`). hostNetwork endpoints
 * are never selected by a NetworkPolicy, so they neither count as targets nor as extra matches. */
export function targetSelector(c: CompiledSnapshot, namespace: string, target: readonly number[]): TargetSelector {
  const wanted = new Set(target.filter((id) => !c.endpoints[id].pod.hostNetwork));
  const others = c.endpoints
    .filter((e, id) => e.pod.namespace === namespace && !e.pod.hostNetwork && !wanted.has(id))
    .map((e) => e.pod.labels);
  const common = commonLabels([...wanted].map((id) => c.endpoints[id].pod.labels));
  const selectsOther = (pairs: readonly [string, string][]) => others.some((l) => pairs.every(([k, v]) => l[k] === v));
  // `{}` only when the pods share no label: it would also select every pod added to the namespace later.
  for (let size = common.length > 0 ? 1 : 0; size <= Math.min(MAX_SUBSET, common.length); size++) {
    for (const pairs of subsets(common, size)) if (!selectsOther(pairs)) return { selector: labelsSelector(pairs), exact: true };
  }
  return { selector: labelsSelector(common), exact: !selectsOther(common) };
}
