// Cilium's identity label model: which labels of a pod its security identity carries, and so what an
// endpoint selector (of a CiliumNetworkPolicy, or of a NetworkPolicy translated by the agent) can see.
// - Pod labels filtered by the default identity-relevant label list (cilium/cilium
//   pkg/labelsfilter/filter.go defaultLabelPrefixCfg, read at commit 0b22469d; docs.cilium.io
//   "Limiting Identity-Relevant Labels"), which applies to Kubernetes NetworkPolicy on Cilium as
//   much as to Cilium's own kinds (the agent translates both into selectors over identities): kept are
//   io.kubernetes.pod.namespace, io.cilium.k8s.namespace.labels.*, app.kubernetes.io*,
//   io.cilium.k8s.policy.cluster; dropped are other io.kubernetes* and kubernetes.io* keys,
//   statefulset.kubernetes.io/pod-name, apps.kubernetes.io/pod-index,
//   batch.kubernetes.io/job-completion-index, *beta.kubernetes.io*, k8s.io*, pod-template-generation,
//   pod-template-hash, controller-revision-hash, annotation*, etcd_node. Each entry is a regular
//   expression that must match at the start of the key (LabelPrefix.matches: FindStringIndex, first
//   match at 0; its length is the match's end). A label is kept when no ignore entry matches, or an
//   include entry matches a longer part than the shortest ignore (filterLabels; the default list sets
//   no whitelist). Older releases lacked the statefulset, pod-index and job-completion-index entries.
// - Pod labels starting io.cilium.k8s. are Cilium's own and never taken from the pod (cilium/cilium
//   commit ed4e6505 "filter out cilium-owned labels").
// - Added by the agent: io.kubernetes.pod.namespace=<ns>, io.cilium.k8s.namespace.labels.<k>=<v> for
//   each namespace label, io.cilium.k8s.policy.cluster=<cluster-name> (pkg/k8s/apis/cilium.io/const.go).
//   The service account label is not modelled (model/decode/cilium-policy.ts keeps such objects unmodelled).
import { CILIUM_LABELS } from '../../model/cilium-policy.ts';
import type { LabelSelector, Labels, SelectorRequirement } from '../../model/types.ts';

const INCLUDE = [CILIUM_LABELS.podNamespace, 'io.cilium.k8s.namespace.labels', 'app.kubernetes.io', CILIUM_LABELS.cluster];
const IGNORE = [
  'io.kubernetes',
  'kubernetes.io',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'batch.kubernetes.io/job-completion-index',
  'k8s.io',
  'pod-template-generation',
  'pod-template-hash',
  'controller-revision-hash',
  'etcd_node',
];

/** Length of the shortest ignore pattern matching at the start of `key` (0: none). */
function ignoredLength(key: string): number {
  let best = 0;
  const note = (n: number) => {
    if (n > 0 && (best === 0 || n < best)) best = n;
  };
  for (const p of IGNORE) if (key.startsWith(p)) note(p.length);
  // `.*beta\.kubernetes\.io` matches from the start up to the last occurrence (`.*` is greedy);
  // `annotation.*` all of the key.
  const beta = key.lastIndexOf('beta.kubernetes.io');
  if (beta >= 0) note(beta + 'beta.kubernetes.io'.length);
  if (key.startsWith('annotation')) note(key.length);
  return best;
}

/** Whether the default label filter keeps `key` in the identity. */
export function identityRelevant(key: string): boolean {
  const ignored = ignoredLength(key);
  if (ignored === 0) return true;
  const included = Math.max(0, ...INCLUDE.filter((p) => key.startsWith(p)).map((p) => p.length));
  return included > ignored;
}

/** The keys of a selector (as written, without a `reserved:` source) that no identity carries. */
export function filteredKeys(s: LabelSelector): string[] {
  return [...Object.keys(s.matchLabels), ...s.matchExpressions.map((e) => e.key)].filter((k) => !k.includes(':') && !identityRelevant(k));
}

/** Never true: `In` with no value. */
const NEVER = (key: string): SelectorRequirement => ({ key, operator: 'In', values: [] });

/**
 * A selector over pod labels that means what `s` means over identity labels: a requirement on a
 * filtered key sees the key absent, so `k=v`, `In` and `Exists` on it never match (the selector
 * selects nothing) and `NotIn` and `DoesNotExist` always do (dropped). `s` itself when nothing changes.
 */
export function selectorOnIdentity(s: LabelSelector): LabelSelector {
  if (filteredKeys(s).length === 0) return s;
  const matchLabels: Record<string, string> = {};
  const matchExpressions: SelectorRequirement[] = [];
  for (const [k, v] of Object.entries(s.matchLabels)) {
    if (identityRelevant(k)) matchLabels[k] = v;
    else matchExpressions.push(NEVER(k));
  }
  for (const e of s.matchExpressions) {
    if (identityRelevant(e.key)) matchExpressions.push(e);
    else if (e.operator === 'In' || e.operator === 'Exists') matchExpressions.push(NEVER(e.key));
  }
  return { matchLabels, matchExpressions };
}

/** The identity labels of a pod in namespace `namespace` (labels `nsLabels`), in cluster `cluster`
 * (`filter` false: every pod label, as if no label filter applied). */
export function identityLabels(pod: Labels, namespace: string, nsLabels: Labels, cluster: string, filter = true): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(pod)) if (!k.startsWith('io.cilium.k8s.') && (!filter || identityRelevant(k))) out[k] = v;
  out[CILIUM_LABELS.podNamespace] = namespace;
  for (const [k, v] of Object.entries(nsLabels)) out[`${CILIUM_LABELS.namespaceLabels}${k}`] = v;
  out[CILIUM_LABELS.cluster] = cluster;
  return out;
}

/** The cluster name the agent runs with (cilium-config `cluster-name`, default "default"). */
export function clusterNameOf(settings: Readonly<Record<string, string>> | undefined): string {
  return settings?.['cluster-name'] || 'default';
}
