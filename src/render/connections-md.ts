// `connections -o md`: a Markdown table, one row per pair, for pull-request comments and chat; under
// a network-plugin profile the plugin block (plugin-text.ts) follows the title.
import type { ConnectionsResult } from '../engine/connections.ts';
import type { PluginContext } from '../query/plugin-context.ts';
import { DIFFERS_TEXT, peerText, portsText } from './connections-txt.ts';
import { pluginMarkdown } from './plugin-text.ts';
import { cell } from './markdown.ts';

export function renderConnectionsMd(r: ConnectionsResult, ctx?: PluginContext): string {
  const plugin = pluginMarkdown(ctx);
  const lines = [
    `Allowed connections, grouped by ${r.groupBy} (${r.connections.length}).`,
    '',
    ...(plugin.length ? [...plugin, ''] : []),
    '| From | To | Ports |',
    '| --- | --- | --- |',
  ];
  for (const c of r.connections) {
    const ports = `${portsText(c.ports)}${c.differs ? ` (${DIFFERS_TEXT})` : ''}`;
    lines.push(`| ${cell(peerText(r, c.from, ', '))} | ${cell(peerText(r, c.to, ', '))} | ${cell(ports)} |`);
  }
  return lines.join('\n');
}
