// Flow history and snapshot diff as text and Markdown: one line per change of the verdict, its
// causes under it; the diff is impact's rendering plus the object changes behind it.
import type { SnapshotDiffAnswer } from '../query/history/diff.ts';
import type { FlowHistoryAnswer, HistoryCause } from '../query/history/flow-history.ts';
import type { Cause } from '../query/history/units.ts';
import { renderImpactMarkdown } from './impact-markdown.ts';
import { renderImpactText } from './impact-text.ts';

export function causeText(c: Cause | HistoryCause): string {
  const who = c.namespace ? `${c.namespace}/${c.name}` : c.name;
  const joint = 'joint' in c && c.joint !== undefined ? ` [jointly, group ${c.joint}]` : '';
  return `${c.kind} ${who} ${c.change}${c.detail ? `: ${c.detail}` : ''}${joint}`;
}

function header(a: FlowHistoryAnswer): string {
  return `${a.from} -> ${a.to} ${a.protocol}/${a.port}: ${a.snapshots.count} snapshot(s)`;
}

export function renderHistoryText(a: FlowHistoryAnswer): string {
  const lines = [header(a)];
  for (const c of a.changes) {
    const what = c.before === null ? `${c.verdict} (first snapshot of the range)` : `${c.before} -> ${c.verdict}`;
    lines.push(`  snapshot ${c.snapshot} (${c.takenAt}): ${what}`);
    for (const cause of c.causes) lines.push(`    because ${causeText(cause)}`);
    for (const r of c.rules) lines.push(`    rule: ${r}`);
  }
  return lines.join('\n');
}

export function renderHistoryMarkdown(a: FlowHistoryAnswer): string {
  const lines = [
    `**${a.from} → ${a.to}** ${a.protocol}/${a.port} over ${a.snapshots.count} snapshot(s)`,
    '',
    '| snapshot | taken | verdict | causes |',
    '| --- | --- | --- | --- |',
  ];
  for (const c of a.changes) {
    const what = c.before === null ? c.verdict : `${c.before} → ${c.verdict}`;
    lines.push(`| ${c.snapshot} | ${c.takenAt} | ${what} | ${c.causes.map(causeText).join('<br>') || '—'} |`);
  }
  return lines.join('\n');
}

function changesLines(a: SnapshotDiffAnswer): string[] {
  return a.changes.length ? ['', `Changes from snapshot ${a.base.id} to ${a.head.id}:`, ...a.changes.map((c) => `  ${causeText(c)}`)] : [];
}

export function renderDiffText(a: SnapshotDiffAnswer): string {
  return [`snapshot ${a.base.id} (${a.base.takenAt}) -> ${a.head.id} (${a.head.takenAt})`, renderImpactText(a), ...changesLines(a)].join(
    '\n',
  );
}

export function renderDiffMarkdown(a: SnapshotDiffAnswer): string {
  return [`**Snapshot ${a.base.id} → ${a.head.id}**`, '', renderImpactMarkdown(a), ...changesLines(a)].join('\n');
}
