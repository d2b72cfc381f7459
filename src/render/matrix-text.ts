// Plain-text rendering of a connectivity matrix. Pod keys are too long for column headers, so an
// index legend comes first and columns are headed by index:
//   TCP/80: 1 = the row may open a connection to the column
//   [0] default/a
//   [1] default/b
//
//                  0 1
//   [0] default/a  1 0
//   [1] default/b  1 1
// Under a network-plugin profile the plugin lines (plugin-text.ts) follow the legend, and a '?' cell
// (the plugin does not document the outcome) is explained there. No trailing newline.
import type { MatrixResult } from '../engine/verdict.ts';
import type { Protocol } from '../model/types.ts';
import type { PluginContext } from '../query/plugin-context.ts';
import { contextOfMatrix, pluginLines } from './plugin-text.ts';

/** Lines that say which plugin the cells are under and what '?' means; empty with no plugin in force. */
export function matrixPluginLines(
  m: { protocol: Protocol; rows: readonly string[]; unknownReason?: string },
  ctx: PluginContext | undefined,
): string[] {
  const unknownCells = m.rows.some((r) => r.includes('?'));
  const undocumented = ctx?.undocumented.filter((u) => u.protocol === m.protocol) ?? [];
  const lines = pluginLines(ctx && { ...ctx, undocumented: unknownCells ? [] : undocumented });
  if (unknownCells) {
    const reason = m.unknownReason ?? undocumented[0]?.reason ?? 'the network plugin does not document the outcome';
    lines.push(`? = unknown: ${reason}`);
  }
  return lines;
}

export function renderMatrixText(m: MatrixResult, ctx?: PluginContext): string {
  const title = `${m.protocol}/${m.port}`;
  const plugin = matrixPluginLines(m, ctx ?? contextOfMatrix(m));
  if (m.pods.length === 0) return [`${title}: no pods`, ...plugin].join('\n');
  const indexWidth = String(m.pods.length - 1).length;
  const bracket = (i: number): string => `[${i}]`.padEnd(indexWidth + 2);
  const nameWidth = Math.max(...m.pods.map((p) => p.length));
  const label = (i: number): string => `${bracket(i)} ${m.pods[i].padEnd(nameWidth)}`;
  const cells = (values: readonly string[]): string => values.map((c) => c.padStart(indexWidth)).join(' ');

  const lines = [`${title}: 1 = the row may open a connection to the column`, ...plugin];
  m.pods.forEach((p, i) => lines.push(`${bracket(i)} ${p}`.trimEnd()));
  lines.push('');
  const indexes = m.pods.map((_, i) => String(i));
  lines.push(`${' '.repeat(label(0).length)}  ${cells(indexes)}`);
  m.pods.forEach((_, i) => lines.push(`${label(i)}  ${cells([...(m.rows[i] ?? '')])}`));
  return lines.join('\n');
}
