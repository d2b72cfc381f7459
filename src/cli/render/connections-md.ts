// `connections -o md`: a Markdown table, one row per pair, for pull-request comments and chat.
import type { ConnectionsResult } from '../../engine/connections.ts';
import { DIFFERS_TEXT, peerText, portsText } from './connections-txt.ts';

function cell(text: string): string {
  return text.replace(/\\/gu, '\\\\').replace(/\|/gu, '\\|');
}

export function renderConnectionsMd(r: ConnectionsResult): string {
  const lines = [`Allowed connections, grouped by ${r.groupBy} (${r.connections.length}).`, '', '| From | To | Ports |', '| --- | --- | --- |'];
  for (const c of r.connections) {
    const ports = `${portsText(c.ports)}${c.differs ? ` (${DIFFERS_TEXT})` : ''}`;
    lines.push(`| ${cell(peerText(r, c.from, ', '))} | ${cell(peerText(r, c.to, ', '))} | ${cell(ports)} |`);
  }
  return lines.join('\n');
}
