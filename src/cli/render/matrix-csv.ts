// CSV rendering of a connectivity matrix: header `from,<pod>,...`, then one row per source pod with
// 1/0 cells. Fields are quoted per RFC 4180 when they hold a comma, quote or line break. Lines end
// in LF (what spreadsheet tools and scripts accept); no trailing newline.
import type { MatrixResult } from '../../engine/verdict.ts';

export function csvField(text: string): string {
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

export function renderMatrixCsv(m: MatrixResult): string {
  const lines = [csvLine(['from', ...m.pods])];
  m.pods.forEach((p, i) => lines.push(csvLine([p, ...(m.rows[i] ?? '')])));
  return lines.join('\n');
}
