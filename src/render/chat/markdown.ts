// A chat answer as Markdown (Mattermost; the same words as Block Kit), within Mattermost's post limit.
import type { ChatAnswer } from './answer.ts';
import { MATTERMOST_MESSAGE, clip } from './limits.ts';

export function chatMarkdown(a: ChatAnswer): string {
  const lines = [`#### ${a.title}`, a.text];
  if (a.fields.length > 0) lines.push('', ...a.fields.map((f) => `- **${f.label}:** ${f.text}`));
  if (a.items.length > 0) lines.push('', ...a.items.map((i) => `- ${i}`));
  if (a.more) lines.push(`_${a.more}_`);
  if (a.detail) lines.push('', a.detail);
  const footer = [a.snapshot ? `snapshot ${a.snapshot.id}, ${a.snapshot.takenAt}` : '', a.link ? `[dashboard](${a.link})` : ''].filter(
    (x) => x !== '',
  );
  if (footer.length > 0) lines.push('', `_${footer.join(' · ')}_`);
  return clip(lines.join('\n'), MATTERMOST_MESSAGE);
}
