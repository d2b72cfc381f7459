// Lint fixes for peer selectors that match nothing because of how they were written:
// - `peer-label-typo`: a podSelector label that no pod in the peer's namespaces carries, one or two
//   edits away from one that some pod does (`rloe: db` for `role: db`); the fix uses the nearest
//   existing label, and only when the corrected selector then matches a pod;
// - `namespace-selector-unlabelled`: a namespaceSelector label no namespace carries whose value is a
//   namespace's name (`name: monitoring` on a namespace labelled only by the API server); the fix
//   selects it by `kubernetes.io/metadata.name`, the label the API server sets on every namespace
//   (immutable, NamespaceDefaultLabelName, Kubernetes ≥ 1.21).
import type { Diagnostic, DiagnosticFix } from '../../model/diagnostics.ts';
import type { LabelSelector, Labels, NetworkPolicy, PolicyPeer, PolicyRule, PolicyType } from '../../model/types.ts';
import { NAMESPACE_NAME_LABEL } from '../../model/types.ts';
import type { CompiledSnapshot } from '../compiled.ts';
import { matchesSelector } from '../selector.ts';
import { PEER_FIELD, policyManifest } from './manifest.ts';
import { podEndpointsOf } from './pod-endpoints.ts';

const MAX_EDITS = 2;

/** Levenshtein distance, stopping early above MAX_EDITS. */
function edits(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > MAX_EDITS) return MAX_EDITS + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length];
}

type PodsPeer = Extract<PolicyPeer, { kind: 'pods' }>;

function withLabel(s: LabelSelector, oldKey: string, key: string, value: string): LabelSelector {
  const matchLabels: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.matchLabels)) if (k !== oldKey) matchLabels[k] = v;
  matchLabels[key] = value;
  return { ...s, matchLabels };
}

/** The nearest (key, value) among `labels` for a label of `s` that none carries, making `s` match. */
function nearestLabel(s: LabelSelector, labels: readonly Labels[]): { from: [string, string]; to: [string, string] } | null {
  let best: { d: number; from: [string, string]; to: [string, string] } | null = null;
  const pairs = [...new Set(labels.flatMap((l) => Object.entries(l).map(([k, v]) => `${k}\u0000${v}`)))]
    .sort()
    .map((x) => x.split('\u0000') as [string, string]);
  for (const [k, v] of Object.entries(s.matchLabels)) {
    if (labels.some((l) => l[k] === v)) continue;
    for (const [k2, v2] of pairs) {
      const d = edits(k, k2) + edits(v, v2);
      if (d === 0 || d > MAX_EDITS || (best && d >= best.d)) continue;
      if (!labels.some((l) => matchesSelector(withLabel(s, k, k2, v2), l))) continue;
      best = { d, from: [k, v], to: [k2, v2] };
    }
  }
  return best ? { from: best.from, to: best.to } : null;
}

function scopeNamespaces(c: CompiledSnapshot, peer: PodsPeer, policyNs: string): string[] {
  return peer.namespaces.kind === 'own'
    ? [policyNs]
    : c.namespaces.filter((n) => matchesSelector((peer.namespaces as { selector: LabelSelector }).selector, n.labels)).map((n) => n.name);
}

interface Finding {
  readonly code: string;
  readonly path: string;
  readonly message: string;
  readonly peer: PodsPeer;
}

function findingsOfPeer(c: CompiledSnapshot, p: NetworkPolicy, peer: PodsPeer, path: string): Finding[] {
  const out: Finding[] = [];
  if (
    peer.namespaces.kind === 'selector' &&
    !c.namespaces.some((n) => matchesSelector((peer.namespaces as { selector: LabelSelector }).selector, n.labels))
  ) {
    const sel = peer.namespaces.selector;
    const named = Object.entries(sel.matchLabels).find(
      ([k, v]) => k !== NAMESPACE_NAME_LABEL && c.namespaces.some((n) => n.name === v && n.labels[k] !== v),
    );
    if (named) {
      const [k, v] = named;
      const fixed = withLabel(sel, k, NAMESPACE_NAME_LABEL, v);
      if (c.namespaces.some((n) => matchesSelector(fixed, n.labels))) {
        out.push({
          code: 'namespace-selector-unlabelled',
          path: `${path}.namespaceSelector`,
          message:
            `namespace ${v} has no label ${k}=${v}, so this selector matches no namespace; select it by ` + `${NAMESPACE_NAME_LABEL}=${v}`,
          peer: { ...peer, namespaces: { kind: 'selector', selector: fixed } },
        });
      }
    }
    return out;
  }
  // Order is irrelevant below (some(), and nearestLabel sorts the pairs it draws from).
  const labels = [...new Set(scopeNamespaces(c, peer, p.namespace))].flatMap((ns) =>
    podEndpointsOf(c, ns).map((id) => c.endpoints[id].pod.labels),
  );
  if (labels.length === 0 || labels.some((l) => matchesSelector(peer.pods, l))) return out;
  const near = nearestLabel(peer.pods, labels);
  if (near) {
    const [[k, v], [k2, v2]] = [near.from, near.to];
    out.push({
      code: 'peer-label-typo',
      path: `${path}.podSelector.matchLabels`,
      message: `no pod in its namespaces has ${k}=${v}; did you mean ${k2}=${v2}?`,
      peer: { ...peer, pods: withLabel(peer.pods, k, k2, v2) },
    });
  }
  return out;
}

export function lintPeerSelectors(c: CompiledSnapshot): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of c.snapshot.policies) {
    const found: { finding: Finding; direction: PolicyType; rule: number; peer: number }[] = [];
    for (const direction of ['Ingress', 'Egress'] as const) {
      const field = direction === 'Ingress' ? 'ingress' : 'egress';
      (direction === 'Ingress' ? p.ingress : p.egress).forEach((rule, i) => {
        rule.peers?.forEach((peer, j) => {
          if (peer.kind !== 'pods') return;
          for (const finding of findingsOfPeer(c, p, peer, `spec.${field}[${i}].${PEER_FIELD[direction]}[${j}]`))
            found.push({ finding, direction, rule: i, peer: j });
        });
      });
    }
    if (found.length === 0) continue;
    const fixRules = (rules: readonly PolicyRule[], direction: PolicyType) =>
      rules.map((rule, i) => ({
        ...rule,
        peers:
          rule.peers?.map(
            (peer, j) => found.find((f) => f.direction === direction && f.rule === i && f.peer === j)?.finding.peer ?? peer,
          ) ?? null,
      }));
    const fixed: NetworkPolicy = { ...p, ingress: fixRules(p.ingress, 'Ingress'), egress: fixRules(p.egress, 'Egress') };
    const fix: DiagnosticFix = { summary: `correct the peer selectors of ${p.namespace}/${p.name}`, objects: [policyManifest(fixed)] };
    for (const { finding } of found)
      out.push({
        severity: 'warning',
        code: finding.code,
        ref: { kind: 'NetworkPolicy', namespace: p.namespace, name: p.name },
        path: finding.path,
        message: finding.message,
        fix,
      });
  }
  return out;
}
