// Plain-text rendering of a connectivity matrix. Pod keys are too long for column headers, so an
// index legend comes first and columns are headed by index:
//   TCP/80: 1 = the row may open a connection to the column
//   [0] default/a
//   [1] default/b
//
//                  0 1
//   [0] default/a  1 0
//   [1] default/b  1 1
// No trailing newline.
import type { MatrixResult } from '../../engine/verdict.ts';

export function renderMatrixText(m: MatrixResult): string {
  const title = `${m.protocol}/${m.port}`;
  if (m.pods.length === 0) return `${title}: no pods`;
  const indexWidth = String(m.pods.length - 1).length;
  const bracket = (i: number): string => `[${i}]`.padEnd(indexWidth + 2);
  const nameWidth = Math.max(...m.pods.map((p) => p.length));
  const label = (i: number): string => `${bracket(i)} ${m.pods[i].padEnd(nameWidth)}`;
  const cells = (values: readonly string[]): string => values.map((c) => c.padStart(indexWidth)).join(' ');

  const lines = [`${title}: 1 = the row may open a connection to the column`];
  m.pods.forEach((p, i) => lines.push(`${bracket(i)} ${p}`.trimEnd()));
  lines.push('');
  const indexes = m.pods.map((_, i) => String(i));
  lines.push(`${' '.repeat(label(0).length)}  ${cells(indexes)}`);
  m.pods.forEach((_, i) => lines.push(`${label(i)}  ${cells([...(m.rows[i] ?? '')])}`));
  return lines.join('\n');
}
