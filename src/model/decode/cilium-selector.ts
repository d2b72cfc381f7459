// Cilium endpoint selectors: a metav1.LabelSelector whose keys may carry a label source
// (`k8s:app`, `any:app`, `reserved:host`; pkg/labels/labels.go ParseSelectLabel: no source = `any`).
// Pods' identity labels all have source k8s, so `k8s:` and `any:` keys are read as the bare key;
// `reserved:` and other sources are kept with their prefix (they never match a pod's label).
// The namespace injection is the agent's (pkg/k8s/apis/cilium.io/utils/utils.go):
// - endpointSelector of a CNP: `io.kubernetes.pod.namespace=<ns>` always added (an illegal user value
//   is overridden, ParseToCiliumRule);
// - from/toEndpoints of a CNP: the same unless the selector names the namespace key or a reserved label
//   (getEndpointSelector); of a CCNP: `io.kubernetes.pod.namespace` Exists (Cilium-managed pods only).
import { CILIUM_LABELS } from '../cilium-policy.ts';
import type { LabelSelector, SelectorOperator, SelectorRequirement } from '../types.ts';
import type { ObjectContext } from './context.ts';
import { labelKeyProblem, labelValueProblem } from './names.ts';
import { child, item, readEach, readMapping, readString, readStringList } from './read.ts';

const OPERATORS: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const SOURCE = /^([a-z0-9-]+):(.*)$/;

/** `k8s:app` → `app`; `reserved:host` stays; the key part validated as a label key. */
function normaliseKey(ctx: ObjectContext, raw: string, path: string): string {
  const m = SOURCE.exec(raw);
  const source = m ? m[1] : 'any';
  const key = m ? m[2] : raw;
  const problem = labelKeyProblem(key);
  if (problem && !(source === 'reserved' && key !== '')) ctx.error('invalid-label', path, problem);
  return source === 'k8s' || source === 'any' ? key : `${source}:${key}`;
}

export function readCiliumSelector(ctx: ObjectContext, value: unknown, path: string): LabelSelector | undefined {
  const raw = readMapping(ctx, value, path);
  if (!raw) return undefined;
  const matchLabels: Record<string, string> = {};
  const labels = readMapping(ctx, raw.matchLabels, child(path, 'matchLabels')) ?? {};
  for (const [k, v] of Object.entries(labels)) {
    const p = child(child(path, 'matchLabels'), k);
    const text = readString(ctx, v ?? '', p) ?? '';
    const problem = labelValueProblem(text);
    if (problem) ctx.error('invalid-label', p, problem);
    matchLabels[normaliseKey(ctx, k, p)] = text;
  }
  const matchExpressions = readEach(ctx, raw.matchExpressions, child(path, 'matchExpressions'), (e, p) => readRequirement(ctx, e, p)) ?? [];
  return { matchLabels, matchExpressions };
}

function readRequirement(ctx: ObjectContext, value: unknown, path: string): SelectorRequirement | undefined {
  const raw = readMapping(ctx, value, path);
  if (!raw) return undefined;
  const keyText = readString(ctx, raw.key, child(path, 'key'));
  if (keyText === undefined) ctx.error('required', child(path, 'key'));
  const operator = readString(ctx, raw.operator, child(path, 'operator'));
  if (operator === undefined || !OPERATORS.includes(operator as SelectorOperator)) {
    ctx.error('invalid-selector-operator', child(path, 'operator'), String(operator));
    return undefined;
  }
  const values = readStringList(ctx, raw.values, child(path, 'values')) ?? [];
  values.forEach((v, i) => {
    const problem = labelValueProblem(v);
    if (problem) ctx.error('invalid-label', item(child(path, 'values'), i), problem);
  });
  const needsValues = operator === 'In' || operator === 'NotIn';
  if (needsValues !== values.length > 0) ctx.error('invalid-selector-values', child(path, 'values'), operator);
  if (keyText === undefined) return undefined;
  return { key: normaliseKey(ctx, keyText, child(path, 'key')), operator: operator as SelectorOperator, values };
}

const hasKey = (s: LabelSelector, key: string) => Object.hasOwn(s.matchLabels, key) || s.matchExpressions.some((e) => e.key === key);
const hasReserved = (s: LabelSelector) =>
  [...Object.keys(s.matchLabels), ...s.matchExpressions.map((e) => e.key)].some((k) => k.startsWith('reserved:'));

/** The subject of a CNP: always in the policy's namespace. A CCNP's is as written. */
export function injectSubjectNamespace(s: LabelSelector, namespace: string | undefined): LabelSelector {
  if (namespace === undefined) return s;
  return { ...s, matchLabels: { ...s.matchLabels, [CILIUM_LABELS.podNamespace]: namespace } };
}

/** A from/toEndpoints selector as the agent stores it. */
export function injectPeerNamespace(s: LabelSelector, namespace: string | undefined): LabelSelector {
  if (hasReserved(s) || hasKey(s, CILIUM_LABELS.podNamespace)) return s;
  if (namespace !== undefined) return { ...s, matchLabels: { ...s.matchLabels, [CILIUM_LABELS.podNamespace]: namespace } };
  return { ...s, matchExpressions: [...s.matchExpressions, { key: CILIUM_LABELS.podNamespace, operator: 'Exists', values: [] }] };
}

/** Keys of the selector (for "not modelled" checks, e.g. the service-account label). */
export function selectorKeyList(s: LabelSelector): string[] {
  return [...Object.keys(s.matchLabels), ...s.matchExpressions.map((e) => e.key)];
}
