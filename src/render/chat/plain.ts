// A chat answer as plain text (logs, terminals, platforms without markup).
import type { ChatAnswer } from './answer.ts';

export function chatPlain(a: ChatAnswer): string {
  const lines = [a.title, a.text, ...a.fields.map((f) => `${f.label}: ${f.text}`), ...a.items.map((i) => `- ${i}`)];
  if (a.more) lines.push(a.more);
  if (a.detail) lines.push('', a.detail);
  if (a.link) lines.push(`Dashboard: ${a.link}`);
  return lines.join('\n');
}
