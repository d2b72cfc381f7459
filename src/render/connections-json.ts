// `connections -o json`: the contract `{"groupBy", "connections": [{"from", "to", "ports"}]}`
// (see query/connections.ts), one connection per line so large answers stay diffable. Given the
// plugin context, `"dataplane"` and `"enforced"` are added after groupBy (additive).
import type { ConnectionsResult } from '../engine/connections.ts';
import { connectionsJson } from '../query/connections.ts';
import { type PluginContext, pluginJson } from '../query/plugin-context.ts';

export function renderConnectionsJson(r: ConnectionsResult, ctx?: PluginContext): string {
  const doc = connectionsJson(r);
  const rows = doc.connections.map((c) => `  ${JSON.stringify(c)}`);
  const plugin = ctx
    ? Object.entries(pluginJson(ctx))
        .map(([k, v]) => `\n ${JSON.stringify(k)}: ${JSON.stringify(v)},`)
        .join('')
    : '';
  return `{"groupBy": ${JSON.stringify(doc.groupBy)},${plugin}\n "connections": [${rows.length ? `\n${rows.join(',\n')}\n ` : ''}]}`;
}
