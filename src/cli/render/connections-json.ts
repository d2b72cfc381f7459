// `connections -o json`: the contract `{"groupBy", "connections": [{"from", "to", "ports"}]}`
// (see query/connections.ts), one connection per line so large answers stay diffable.
import type { ConnectionsResult } from '../../engine/connections.ts';
import { connectionsJson } from '../../query/connections.ts';

export function renderConnectionsJson(r: ConnectionsResult): string {
  const doc = connectionsJson(r);
  const rows = doc.connections.map((c) => `  ${JSON.stringify(c)}`);
  return `{"groupBy": ${JSON.stringify(doc.groupBy)},\n "connections": [${rows.length ? `\n${rows.join(',\n')}\n ` : ''}]}`;
}
