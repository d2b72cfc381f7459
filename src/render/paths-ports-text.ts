// Plain-text rendering of per-path port sets (query/paths): the union and the intersection first,
// then one line per path, then the notes. No trailing newline.
//   union: TCP 80; every path: TCP 80
//     store/web-1 -> store/api-v1-1: TCP 80  (via ...)
// Under a network-plugin profile the plugin lines (plugin-text.ts) follow the first line.
import type { PathsPorts } from '../query/paths/types.ts';
import type { PluginContext } from '../query/plugin-context.ts';
import { pluginLines } from './plugin-text.ts';
import { renderPortRanges } from './ports-text.ts';

export function renderPathsPortsText(a: PathsPorts, ctx?: PluginContext): string {
  const lines = [`${a.from} -> ${a.to}: some path: ${renderPortRanges(a.union)}; every path: ${renderPortRanges(a.intersection)}`];
  lines.push(...pluginLines(ctx));
  for (const p of a.paths) {
    const via = p.via ? `  (via ${p.via})` : '';
    const reason = p.reason && Object.keys(p.ports).length === 0 ? ` — ${p.reason}` : '';
    lines.push(`  ${p.from} -> ${p.to}: ${renderPortRanges(p.ports)}${via}${reason}`);
  }
  for (const n of a.notes) lines.push(`note: ${n.message}`);
  return lines.join('\n');
}
