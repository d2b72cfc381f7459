// Field-level summaries of what changed in an object, for the people reading a cause: which labels,
// which policy fields (selector, types, a rule's peers or ports), a Service's selector or ports.
import type { LabelSelector, Labels, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule } from '../../model/types.ts';

export function labelsDiff(before: Labels, after: Labels): string {
  const parts: string[] = [];
  for (const k of Object.keys(after).sort()) {
    if (!(k in before)) parts.push(`+${k}=${after[k]}`);
    else if (before[k] !== after[k]) parts.push(`${k}: ${before[k]} → ${after[k]}`);
  }
  for (const k of Object.keys(before).sort()) if (!(k in after)) parts.push(`-${k}`);
  return parts.join(', ');
}

export function selectorText(s: LabelSelector): string {
  const parts = Object.entries(s.matchLabels)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions) parts.push(`${e.key} ${e.operator}${e.values.length ? ` (${e.values.join(',')})` : ''}`);
  return parts.length ? `{${parts.join(', ')}}` : '{} (all)';
}

function portText(p: PolicyPort): string {
  if (p.kind === 'all') return `${p.protocol}/*`;
  if (p.kind === 'named') return `${p.protocol}/${p.name}`;
  return p.from === p.to ? `${p.protocol}/${p.from}` : `${p.protocol}/${p.from}-${p.to}`;
}

function peerText(p: PolicyPeer): string {
  if (p.kind === 'ipBlock') return `ipBlock ${p.cidr}${p.except.length ? ` except ${p.except.join(',')}` : ''}`;
  const ns = p.namespaces.kind === 'own' ? '' : `ns ${selectorText(p.namespaces.selector)} `;
  return `${ns}pods ${selectorText(p.pods)}`;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const list = <T>(items: readonly T[] | null, text: (t: T) => string, none: string) =>
  items === null ? none : items.map(text).join(', ') || '(none)';

function ruleDiff(direction: 'ingress' | 'egress', i: number, a: PolicyRule, b: PolicyRule): string[] {
  const out: string[] = [];
  const peers = direction === 'ingress' ? 'from' : 'to';
  if (!same(a.peers, b.peers))
    out.push(`${direction}[${i}].${peers}: ${list(a.peers, peerText, 'all peers')} → ${list(b.peers, peerText, 'all peers')}`);
  if (!same(a.ports, b.ports))
    out.push(`${direction}[${i}].ports: ${list(a.ports, portText, 'all ports')} → ${list(b.ports, portText, 'all ports')}`);
  return out;
}

function rulesDiff(direction: 'ingress' | 'egress', a: readonly PolicyRule[], b: readonly PolicyRule[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) out.push(...ruleDiff(direction, i, a[i], b[i]));
  for (let i = a.length; i < b.length; i++) out.push(`${direction}[${i}] added`);
  for (let i = b.length; i < a.length; i++) out.push(`${direction}[${i}] removed`);
  return out;
}

/** `podSelector: {app=db} → {app=db, tier=x}; ingress[0].ports: TCP/8443 → TCP/9443`. */
export function policyDiff(a: NetworkPolicy, b: NetworkPolicy): string {
  const out: string[] = [];
  if (!same(a.podSelector, b.podSelector)) out.push(`podSelector: ${selectorText(a.podSelector)} → ${selectorText(b.podSelector)}`);
  if (!same(a.policyTypes, b.policyTypes))
    out.push(`policyTypes: ${a.policyTypes.join(',') || '(none)'} → ${b.policyTypes.join(',') || '(none)'}`);
  out.push(...rulesDiff('ingress', a.ingress, b.ingress), ...rulesDiff('egress', a.egress, b.egress));
  return out.join('; ') || 'no field the analysis reads changed';
}

/** One line describing a policy as created (or as it was when deleted). */
export function policySummary(p: NetworkPolicy): string {
  return (
    `podSelector ${selectorText(p.podSelector)}, policyTypes ${p.policyTypes.join(',')}, ` +
    `${p.ingress.length} ingress / ${p.egress.length} egress rules`
  );
}

/** Keys whose values differ between two plain objects (a short "what changed" for other kinds). */
export function fieldsDiff(a: Record<string, unknown>, b: Record<string, unknown>): string {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const changed = keys.filter((k) => !same(a[k], b[k]));
  if (changed.includes('labels') && a.labels && b.labels) {
    const labels = `labels ${labelsDiff(a.labels as Labels, b.labels as Labels)}`;
    const rest = changed.filter((k) => k !== 'labels');
    return rest.length ? `${labels}; ${rest.join(', ')} changed` : labels;
  }
  return changed.length ? `${changed.join(', ')} changed` : 'unchanged';
}
