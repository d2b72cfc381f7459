// `connections -o csv`: header `from,to,protocol,ports,differs`, then one row per pair and protocol
// (protocols in the order TCP, UDP, SCTP). Outside CIDRs are joined by spaces. RFC 4180 quoting.
// Under a network-plugin profile the plugin lines come first as `# ` comment lines.
import type { ConnectionsResult } from '../engine/connections.ts';
import { PROTOCOLS } from '../model/types.ts';
import type { PluginContext } from '../query/plugin-context.ts';
import { csvField } from './matrix-csv.ts';
import { peerText, pluginComments } from './connections-txt.ts';
import { rangeList } from './ports-text.ts';

export function renderConnectionsCsv(r: ConnectionsResult, ctx?: PluginContext): string {
  const lines = [...pluginComments(ctx, '#'), 'from,to,protocol,ports,differs'];
  for (const c of r.connections) {
    const from = peerText(r, c.from, ' ');
    const to = peerText(r, c.to, ' ');
    for (const proto of PROTOCOLS) {
      const ranges = c.ports[proto];
      if (!ranges?.length) continue;
      lines.push([from, to, proto, rangeList(ranges), c.differs ? 'true' : 'false'].map(csvField).join(','));
    }
  }
  return lines.join('\n');
}
