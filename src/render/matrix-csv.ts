// CSV rendering of a connectivity matrix: header `from,<pod>,...`, then one row per source pod with
// 1/0 cells. Fields are quoted per RFC 4180 when they hold a comma, quote or line break. Lines end
// in LF (what spreadsheet tools and scripts accept); no trailing newline. Under a network-plugin
// profile the plugin lines come first as `# ` comment lines (most CSV readers skip them with a
// comment option); with no plugin recognised the output is plain CSV as before.
import type { MatrixResult } from '../engine/verdict.ts';
import type { PluginContext } from '../query/plugin-context.ts';
import { matrixPluginLines } from './matrix-text.ts';
import { contextOfMatrix } from './plugin-text.ts';

export function csvField(text: string): string {
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

export function renderMatrixCsv(m: MatrixResult, ctx?: PluginContext): string {
  const lines = matrixPluginLines(m, ctx ?? contextOfMatrix(m)).map((l) => `# ${l}`);
  lines.push(csvLine(['from', ...m.pods]));
  m.pods.forEach((p, i) => lines.push(csvLine([p, ...(m.rows[i] ?? '')])));
  return lines.join('\n');
}
