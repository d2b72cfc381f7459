// Markdown rendering of a Verdict for chat (GitHub, Mattermost, Teams): a headline with the answer
// (allowed, denied, or unknown on the plugin in force), the plugin block under a plugin profile
// (plugin-text.ts), a small table with one row per direction, then the notes as a blockquoted list
// (a list, so that chat clients keep one note per line). No trailing newline.
import type { DirectionVerdict, Verdict, VerdictWord } from '../engine/verdict.ts';
import { nearMissMarkdown } from './near-miss-text.ts';
import { PLUGIN_NOTE_CODES, verdictPluginMarkdown } from './plugin-text.ts';
import { connectionText, peerPhrase } from './verdict-text.ts';
import { cell, code } from './markdown.ts';

export const VERDICT_HEAD: Record<VerdictWord, string> = { allowed: '✅ **Allowed**', denied: '⛔ **Denied**', unknown: '❔ **Unknown**' };

function isolatedByCell(d: DirectionVerdict): string {
  if (!d.policed) return 'not policed';
  if (!d.isolated) return 'not isolated';
  return d.isolatedBy.map(code).join(', ');
}

function decidedByCell(v: Verdict, d: DirectionVerdict): string {
  if (d.allowedBy.length > 0) {
    return d.allowedBy.map((r) => `${code(r.policy)} ${r.direction.toLowerCase()} rule #${r.rule}`).join(', ');
  }
  if (d.reason.trim() !== '') return d.reason.trim();
  if (!d.policed) return 'no NetworkPolicy applies here';
  if (!d.isolated) return `no NetworkPolicy with ${d.direction} selects it`;
  return `no rule admits ${connectionText(v)} ${peerPhrase(v, d)}`;
}

function directionRow(v: Verdict, d: DirectionVerdict): string {
  const icon = d.allowed ? '✅' : '⛔';
  const endpoint = d.direction === 'Egress' ? v.from.name : v.to.name;
  const cells = [`${icon} ${d.direction}`, code(endpoint), isolatedByCell(d), decidedByCell(v, d)];
  return `| ${cells.map(cell).join(' | ')} |`;
}

export function renderVerdictMarkdown(v: Verdict): string {
  const lines = [`${VERDICT_HEAD[v.verdict]}: ${code(v.from.name)} → ${code(v.to.name)} on ${connectionText(v)}`, ''];
  const plugin = verdictPluginMarkdown(v);
  if (plugin.length > 0) lines.push(...plugin, '');
  if (v.override) lines.push(`_Decided by ${code(v.override)}, not by the policy checks below._`, '');
  lines.push('| Direction | Endpoint | Isolated by | Decided by |', '|---|---|---|---|');
  lines.push(directionRow(v, v.egress), directionRow(v, v.ingress));
  const misses = [...nearMissMarkdown(v.egress), ...nearMissMarkdown(v.ingress)];
  if (misses.length > 0) lines.push('', ...misses);
  const notes = v.notes.filter((n) => !PLUGIN_NOTE_CODES.has(n.code));
  if (notes.length > 0) {
    lines.push('');
    for (const n of notes) lines.push(`> - _${n.code}_: ${n.message.replace(/\s*\n\s*/gu, ' ')}`);
  }
  return lines.join('\n');
}
