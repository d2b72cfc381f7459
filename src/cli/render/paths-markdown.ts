// Markdown rendering of a composite answer for chat: a headline with the overall answer, a table with
// one row per path, then the notes as a blockquoted list. No trailing newline.
import type { Outcome, PathVerdict, PathsVerdict } from '../../query/paths/types.ts';
import { allNotes, countText } from './paths-text.ts';

const HEAD: Record<Outcome, string> = { allowed: '✅ **Allowed**', denied: '⛔ **Denied**', partial: '⚠️ **Partial**' };

function cell(text: string): string {
  return text.replace(/\s*\n\s*/gu, ' ').replace(/\|/gu, '\\|');
}

function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function row(p: PathVerdict, protocol: string): string {
  const cells = [p.allowed ? '✅' : '⛔', code(p.from), code(p.to), `${protocol}/${p.port}`, p.via ?? '', p.reason ?? ''];
  return `| ${cells.map(cell).join(' | ')} |`;
}

export function renderPathsMarkdown(a: PathsVerdict): string {
  const lines = [`${HEAD[a.outcome]}: ${code(a.from)} → ${code(a.to)} on ${a.protocol}/${a.port} (${countText(a)})`];
  if (a.paths.length > 0) {
    lines.push('', '| | From | To | Port | Via | Why |', '|---|---|---|---|---|---|');
    for (const p of a.paths) lines.push(row(p, a.protocol));
  }
  const notes = allNotes(a);
  if (notes.length > 0) {
    lines.push('');
    for (const n of notes) lines.push(`> - _${n.code}_: ${n.message.replace(/\s*\n\s*/gu, ' ')}`);
  }
  return lines.join('\n');
}
