// The one chat answer: what every chat formatter (Block Kit, Markdown, plain) renders, built from the
// query layer's summaries. Summary and link, never a dumped matrix: lists are capped with a count.
import type { Diagnostic } from '../../model/diagnostics.ts';
import type { CheckSummary, PortsSummary } from '../../query/reach-summary.ts';
import type { ReachSet } from '../../query/reach-sets.ts';
import { type SnapshotWords, checkSentence, portsSentence, portsWords, reachSentence } from './sentences.ts';

export interface ChatField {
  readonly label: string;
  readonly text: string;
}

export interface ChatAnswer {
  readonly title: string;
  readonly verdict?: 'allowed' | 'denied' | 'partial' | 'unknown';
  readonly text: string;
  readonly fields: readonly ChatField[];
  /** One line each (who can reach, lint findings), at most ITEMS_SHOWN. */
  readonly items: readonly string[];
  /** What was left out of `items`, and how to see it. */
  readonly more?: string;
  readonly snapshot?: SnapshotWords;
  /** The dashboard, when the server knows its public address. */
  readonly link?: string;
  /** Help, mistakes: shown to the asker only. */
  readonly ephemeral: boolean;
  /** The full explanation in Markdown: the REST answer's own (`Accept: text/markdown`), for `why`. */
  readonly detail?: string;
}

export const ITEMS_SHOWN = 15;

function items(all: readonly string[], narrow: string): { items: string[]; more?: string } {
  if (all.length <= ITEMS_SHOWN) return { items: [...all] };
  return { items: all.slice(0, ITEMS_SHOWN), more: `${all.length - ITEMS_SHOWN} more not shown; ${narrow}` };
}

export function checkChatAnswer(s: CheckSummary, snap: SnapshotWords, why: boolean, link?: string): ChatAnswer {
  const fields: ChatField[] = [];
  if (s.egress) fields.push({ label: `Egress (${s.egress.verdict})`, text: s.egress.reason });
  if (s.ingress) fields.push({ label: `Ingress (${s.ingress.verdict})`, text: s.ingress.reason });
  if (s.decidingPolicies.length > 0) fields.push({ label: 'Deciding policies', text: s.decidingPolicies.join(', ') });
  if (s.missing) fields.push({ label: 'Unknown because', text: s.missing });
  if (why) fields.push({ label: 'Reason codes', text: s.reasons.map((r) => r.code).join(', ') });
  const mark = { allowed: '✅', denied: '⛔', unknown: '❔' } as const;
  const via = (v: string | undefined) => (v ? `(${v}) ` : '');
  const paths = (s.paths ?? []).map((p) => `${mark[p.verdict]} ${p.from} → ${p.to}:${p.port} ${via(p.via)}— ${p.reason}`);
  return {
    title: `${s.from} → ${s.to} on ${s.protocol}/${s.port}: ${s.verdict.toUpperCase()}`,
    verdict: s.verdict,
    text: checkSentence(s, snap),
    fields,
    ...items(paths, 'ask about one pod pair'),
    snapshot: snap,
    ...(link ? { link } : {}),
    ephemeral: false,
  };
}

export function portsChatAnswer(p: PortsSummary, snap: SnapshotWords, link?: string): ChatAnswer {
  const lines = (p.paths ?? []).map((x) => `${x.from} → ${x.to}${x.via ? ` (${x.via})` : ''}: ${portsWords(x.ports)}`);
  return {
    title: `${p.from} → ${p.to}: ${p.verdict.toUpperCase()}`,
    verdict: p.verdict,
    text: portsSentence(p, snap),
    fields: [
      { label: 'Open on some path', text: portsWords(p.ports) },
      { label: 'Open on every path', text: portsWords(p.everyPath) },
    ],
    ...items(lines, 'ask about one pod pair'),
    snapshot: snap,
    ...(link ? { link } : {}),
    ephemeral: false,
  };
}

export function reachChatAnswer(r: ReachSet, snap: SnapshotWords, link?: string): ChatAnswer {
  const pods = (n: number) => `${n} pod${n === 1 ? '' : 's'}`;
  const lines = r.namespaces.flatMap((n) => n.workloads.map((w) => `${w.workload} (${pods(w.members.length)})`));
  const listed = items(lines, 'add "on PORT" or ask about a narrower endpoint');
  const hidden = r.workloads - listed.items.length;
  const more = hidden > 0 ? `${hidden} more workload(s) not shown; add "on PORT" or ask about a narrower endpoint` : undefined;
  const title =
    r.direction === 'to'
      ? `Who can reach ${r.endpoint}${r.port !== undefined ? ` on ${r.protocol}/${r.port}` : ''}`
      : `What ${r.endpoint} can reach${r.port !== undefined ? ` on ${r.protocol}/${r.port}` : ''}`;
  return {
    title,
    text: reachSentence(r, snap),
    fields: [
      { label: 'Endpoints', text: String(r.endpoints) },
      { label: 'Workloads', text: String(r.workloads) },
    ],
    items: listed.items,
    ...(more ? { more } : {}),
    snapshot: snap,
    ...(link ? { link } : {}),
    ephemeral: false,
  };
}

export function lintChatAnswer(findings: readonly Diagnostic[], snap: SnapshotWords, link?: string): ChatAnswer {
  const errors = findings.filter((d) => d.severity === 'error').length;
  const warnings = findings.filter((d) => d.severity === 'warning').length;
  const object = (d: Diagnostic) => (d.ref ? ` ${d.ref.namespace ? `${d.ref.namespace}/` : ''}${d.ref.name}` : '');
  const lines = findings.filter((d) => d.severity !== 'info').map((d) => `${d.severity} ${d.code}${object(d)}: ${d.message}`);
  return {
    title: `Lint: ${errors} error(s), ${warnings} warning(s)`,
    text: `${findings.length} finding(s) on the served snapshot (snapshot ${snap.id}, ${snap.takenAt}).`,
    fields: [],
    ...items(lines, 'run `netreach lint` for all'),
    snapshot: snap,
    ...(link ? { link } : {}),
    ephemeral: false,
  };
}

export function messageChatAnswer(title: string, text: string, lines: readonly string[] = []): ChatAnswer {
  return { title, text, fields: [], items: lines, ephemeral: true };
}
