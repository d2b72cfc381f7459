// Text and CSV renderings of a matrix by workload or namespace: the pod matrix's layout with groups
// for pods, and a legend that explains the three cell values. No trailing newline.
import type { GroupMatrixResult } from '../query/group-matrix.ts';
import type { PluginContext } from '../query/plugin-context.ts';
import { renderMatrixCsv } from './matrix-csv.ts';
import { renderMatrixText } from './matrix-text.ts';

function asPodMatrix(m: GroupMatrixResult) {
  return { port: m.port, protocol: m.protocol, pods: m.groups, rows: m.rows };
}

export function renderGroupMatrixText(m: GroupMatrixResult, ctx?: PluginContext): string {
  const title = `${m.protocol}/${m.port} by ${m.groupBy}`;
  if (m.groups.length === 0) return renderMatrixText(asPodMatrix(m), ctx).replace(/^[^\n]*/u, `${title}: no pods`);
  const legend = `${title}: 1 = every pod of the row may reach every pod of the column, 0 = none may, p = some may`;
  const [, ...rest] = renderMatrixText(asPodMatrix(m), ctx).split('\n');
  return [legend, ...rest].join('\n');
}

export function renderGroupMatrixCsv(m: GroupMatrixResult, ctx?: PluginContext): string {
  return renderMatrixCsv(asPodMatrix(m), ctx);
}
