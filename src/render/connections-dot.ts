// `connections -o dot`: a Graphviz digraph, one cluster per namespace holding its groups, one
// ellipse per distinct set of outside CIDRs, one edge per connection labelled with its ports. Under
// a network-plugin profile the plugin lines are `//` comments and the graph's title (the caveat must
// show in the picture too).
import type { ConnectionPeer, ConnectionsResult } from '../engine/connections.ts';
import type { PluginContext } from '../query/plugin-context.ts';
import { DIFFERS_TEXT, pluginComments, portsText } from './connections-txt.ts';
import { pluginLine, inForce } from './plugin-text.ts';

function quote(text: string): string {
  return `"${text.replace(/\\/gu, '\\\\').replace(/"/gu, '\\"').replace(/\n/gu, '\\n')}"`;
}

function groupLabel(r: ConnectionsResult, group: number): string {
  const g = r.groups[group];
  return g.kind === 'workload' ? `${g.name}\n(${g.workloadKind})` : g.name;
}

function titleLines(ctx: PluginContext | undefined): string[] {
  if (!ctx || !inForce(ctx.dataplane)) return [];
  const title = [pluginLine(ctx.dataplane), ...(ctx.caveat !== undefined ? [ctx.caveat] : [])].join('\n');
  return [`  label=${quote(title)};`, '  labelloc="t";'];
}

export function renderConnectionsDot(r: ConnectionsResult, ctx?: PluginContext): string {
  const lines = [
    'digraph connections {',
    ...pluginComments(ctx, '  //'),
    '  rankdir=LR;',
    ...titleLines(ctx),
    '  node [shape=box, fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  const byNamespace = new Map<string, number[]>();
  r.groups.forEach((g, i) => {
    const list = byNamespace.get(g.namespace);
    if (list) list.push(i);
    else byNamespace.set(g.namespace, [i]);
  });
  let cluster = 0;
  for (const [ns, members] of byNamespace) {
    lines.push(`  subgraph cluster_${cluster++} {`, `    label=${quote(ns)};`);
    for (const i of members) lines.push(`    ${quote(r.groups[i].id)} [label=${quote(groupLabel(r, i))}];`);
    lines.push('  }');
  }
  const outside = new Map<string, string>();
  const nodeOf = (peer: ConnectionPeer): string => {
    if (peer.kind === 'group') return quote(r.groups[peer.group].id);
    const key = peer.cidrs.join(',');
    let id = outside.get(key);
    if (!id) {
      id = quote(`outside-${outside.size}`);
      outside.set(key, id);
      lines.push(`  ${id} [shape=ellipse, label=${quote(peer.cidrs.join('\n'))}];`);
    }
    return id;
  };
  for (const c of r.connections) {
    const from = nodeOf(c.from);
    const to = nodeOf(c.to);
    const label = `${portsText(c.ports)}${c.differs ? ` (${DIFFERS_TEXT})` : ''}`;
    lines.push(`  ${from} -> ${to} [label=${quote(label)}${c.differs ? ', style=dashed' : ''}];`);
  }
  lines.push('}');
  return lines.join('\n');
}
