// `connections -o txt`, in the line format of netpol-analyzer's `list`:
//   ns/name[Deployment] => ns/name[StatefulSet] : TCP 80,8000-8100,UDP 53
// A port set prints as `All Connections` when TCP, UDP and SCTP allow every port; otherwise as
// protocol groups in name order (SCTP, TCP, UDP), each `PROTO a,b-c`. The outside prints as its
// CIDRs joined by `,` with `[External]`. A pair whose member pairs disagree ends in
// ` (not every member pair)`. Lines are sorted. Under a network-plugin profile the plugin lines come
// first as `# ` comment lines (line parsers skip them); with no plugin recognised nothing is added.
import type { ConnectionPeer, ConnectionsResult } from '../engine/connections.ts';
import { isAllPorts } from '../engine/port-ranges.ts';
import type { PortRanges } from '../engine/verdict.ts';
import type { Protocol } from '../model/types.ts';
import type { PluginContext } from '../query/plugin-context.ts';
import { pluginLines } from './plugin-text.ts';
import { rangeList } from './ports-text.ts';

const NAME_ORDER: readonly Protocol[] = ['SCTP', 'TCP', 'UDP'];

export const DIFFERS_TEXT = 'not every member pair';

export function portsText(p: PortRanges): string {
  if (isAllPorts(p)) return 'All Connections';
  const parts = NAME_ORDER.filter((proto) => (p[proto]?.length ?? 0) > 0).map((proto) => `${proto} ${rangeList(p[proto]!)}`);
  return parts.length ? parts.join(',') : 'No Connections';
}

/** `ns/name[Deployment]`, `ns/name[Pod]`, `ns[Namespace]`, or `cidr,cidr[External]`. */
export function peerText(r: ConnectionsResult, peer: ConnectionPeer, cidrSeparator = ','): string {
  if (peer.kind === 'outside') return `${peer.cidrs.join(cidrSeparator)}[External]`;
  const g = r.groups[peer.group];
  switch (g.kind) {
    case 'workload':
      return `${g.namespace}/${g.name}[${g.workloadKind}]`;
    case 'pod':
      return `${g.namespace}/${g.name}[Pod]`;
    case 'namespace':
      return `${g.name}[Namespace]`;
    default: {
      const never: never = g.kind;
      return String(never);
    }
  }
}

/** The plugin lines as `<prefix> line` comments; empty with no plugin in force. */
export function pluginComments(ctx: PluginContext | undefined, prefix: string): string[] {
  return pluginLines(ctx).map((l) => `${prefix} ${l}`);
}

export function renderConnectionsTxt(r: ConnectionsResult, ctx?: PluginContext): string {
  const lines = r.connections.map(
    (c) => `${peerText(r, c.from)} => ${peerText(r, c.to)} : ${portsText(c.ports)}${c.differs ? ` (${DIFFERS_TEXT})` : ''}`,
  );
  lines.sort();
  return [...pluginComments(ctx, '#'), ...lines].join('\n');
}
