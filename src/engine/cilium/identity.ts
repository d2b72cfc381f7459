// Cilium's identity label model: which labels of a pod its security identity carries, and so what an
// endpoint selector (of a CiliumNetworkPolicy, or of a NetworkPolicy translated by the agent) can see.
// - Pod labels filtered by the default identity-relevant label list (pkg/labelsfilter/filter.go
//   defaultLabelPrefixCfg; docs.cilium.io "Limiting Identity-Relevant Labels"): kept are
//   io.kubernetes.pod.namespace, io.cilium.k8s.namespace.labels.*, app.kubernetes.io*,
//   io.cilium.k8s.policy.cluster; dropped are other io.kubernetes* and kubernetes.io* keys,
//   statefulset.kubernetes.io/pod-name, apps.kubernetes.io/pod-index,
//   batch.kubernetes.io/job-completion-index, *beta.kubernetes.io*, k8s.io*, pod-template-generation,
//   pod-template-hash, controller-revision-hash, annotation*, etcd_node. A label is kept when no
//   ignore prefix matches, or an include prefix matches a longer part than the shortest ignore.
// - Pod labels starting io.cilium.k8s. are Cilium's own and never taken from the pod (cilium/cilium
//   commit ed4e6505 "filter out cilium-owned labels").
// - Added by the agent: io.kubernetes.pod.namespace=<ns>, io.cilium.k8s.namespace.labels.<k>=<v> for
//   each namespace label, io.cilium.k8s.policy.cluster=<cluster-name> (pkg/k8s/apis/cilium.io/const.go).
//   The service account label is not modelled (model/decode/cilium-policy.ts keeps such objects unmodelled).
import { CILIUM_LABELS } from '../../model/cilium-policy.ts';
import type { Labels } from '../../model/types.ts';

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
  // `.*beta\.kubernetes\.io` matches from the start up to the first occurrence; `annotation.*` all of it.
  const beta = key.indexOf('beta.kubernetes.io');
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

/** The identity labels of a pod in namespace `namespace` (labels `nsLabels`), in cluster `cluster`. */
export function identityLabels(pod: Labels, namespace: string, nsLabels: Labels, cluster: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(pod)) if (!k.startsWith('io.cilium.k8s.') && identityRelevant(k)) out[k] = v;
  out[CILIUM_LABELS.podNamespace] = namespace;
  for (const [k, v] of Object.entries(nsLabels)) out[`${CILIUM_LABELS.namespaceLabels}${k}`] = v;
  out[CILIUM_LABELS.cluster] = cluster;
  return out;
}

/** The cluster name the agent runs with (cilium-config `cluster-name`, default "default"). */
export function clusterNameOf(settings: Readonly<Record<string, string>> | undefined): string {
  return settings?.['cluster-name'] || 'default';
}
