// Markdown rendering of a composite answer for chat: a headline with the overall answer, under a
// network-plugin profile the plugin block (plugin-text.ts), a table with one row per path (what the
// plugin changed on a path is in its Why cell), the deviations that changed a path, then the notes
// as a blockquoted list. No trailing newline.
import type { Deviation } from '../engine/dataplane/types.ts';
import type { Outcome, PathVerdict, PathsVerdict } from '../query/paths/types.ts';
import type { PluginContext } from '../query/plugin-context.ts';
import { allNotes, countText, pathWord, pathsContext } from './paths-text.ts';
import { nearMissMarkdown } from './near-miss-text.ts';
import { mdDeviation, pluginMarkdown } from './plugin-text.ts';
import { cell, code } from './markdown.ts';

const HEAD: Record<Outcome, string> = { allowed: '✅ **Allowed**', denied: '⛔ **Denied**', partial: '⚠️ **Partial**' };
const ICON = { ALLOWED: '✅', DENIED: '⛔', UNKNOWN: '❔' } as const;

/** The path's reason, then what the plugin changed (unknown reason, upstream answer). */
function why(p: PathVerdict): string {
  const parts = p.reason ? [p.reason] : [];
  const v = p.verdict;
  if (v?.verdict === 'unknown') parts.push(`unknown: ${v.unknownReason ?? 'the network plugin does not document this case'}`);
  if (v?.upstream) parts.push(`upstream (Kubernetes API): ${v.upstream.allowed ? 'allowed' : 'denied'}`);
  return parts.join('; ');
}

function row(p: PathVerdict, protocol: string): string {
  const cells = [ICON[pathWord(p)], code(p.from), code(p.to), `${protocol}/${p.port}`, p.via ?? '', why(p)];
  return `| ${cells.map(cell).join(' | ')} |`;
}

function pathDeviations(a: PathsVerdict): Deviation[] {
  const seen = new Map<string, Deviation>();
  for (const p of a.paths) for (const d of p.verdict?.deviations ?? []) if (!seen.has(d.code)) seen.set(d.code, d);
  return [...seen.values()];
}

export function renderPathsMarkdown(a: PathsVerdict, ctx?: PluginContext): string {
  const lines = [`${HEAD[a.outcome]}: ${code(a.from)} → ${code(a.to)} on ${a.protocol}/${a.port} (${countText(a)})`];
  const plugin = pluginMarkdown(pathsContext(a, ctx));
  if (plugin.length > 0) lines.push('', ...plugin);
  if (a.paths.length > 0) {
    lines.push('', '| | From | To | Port | Via | Why |', '|---|---|---|---|---|---|');
    for (const p of a.paths) lines.push(row(p, a.protocol));
  }
  const misses = a.paths.flatMap((p) =>
    p.verdict && !p.allowed
      ? [p.verdict.egress, p.verdict.ingress].flatMap((d) => nearMissMarkdown(d).map((l) => `${l} (${p.from} → ${p.to})`))
      : [],
  );
  if (misses.length > 0) lines.push('', ...misses);
  const deviations = pathDeviations(a);
  if (deviations.length > 0) lines.push('', ...deviations.map(mdDeviation));
  const notes = allNotes(a);
  if (notes.length > 0) {
    lines.push('');
    for (const n of notes) lines.push(`> - _${n.code}_: ${n.message.replace(/\s*\n\s*/gu, ' ')}`);
  }
  return lines.join('\n');
}
