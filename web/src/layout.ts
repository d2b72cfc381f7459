// Positions for the overview, computed (no force simulation, so thousands of nodes place at once
// and the same cluster always looks the same): each namespace is an island, its nodes on a grid;
// islands packed in rows; the outside's CIDR nodes in a column on the left.
import type { GraphNode } from './graph-data.ts';

export const CELL = 110;

export function layout(nodes: readonly GraphNode[]): Map<string, { x: number; y: number }> {
  const pos = new Map<string, { x: number; y: number }>();
  const byNs = new Map<string, GraphNode[]>();
  const cidrs: GraphNode[] = [];
  for (const n of nodes) {
    if (n.kind === 'cidr') cidrs.push(n);
    else byNs.set(n.namespace, [...(byNs.get(n.namespace) ?? []), n]);
  }
  const islands = [...byNs.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([ns, members]) => {
    const cols = Math.max(1, Math.ceil(Math.sqrt(members.length)));
    return { ns, members, cols, rows: Math.ceil(members.length / cols) };
  });
  const totalCells = islands.reduce((s, i) => s + (i.cols + 1) * (i.rows + 1), 0);
  const rowWidth = Math.max(4, Math.ceil(Math.sqrt(totalCells) * 1.6));
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const island of islands) {
    if (x > 0 && x + island.cols > rowWidth) {
      x = 0;
      y += rowHeight + 1;
      rowHeight = 0;
    }
    island.members.forEach((n, i) => pos.set(n.id, { x: (x + (i % island.cols)) * CELL, y: (y + Math.floor(i / island.cols)) * CELL }));
    x += island.cols + 1;
    rowHeight = Math.max(rowHeight, island.rows);
  }
  cidrs.forEach((n, i) => pos.set(n.id, { x: -2 * CELL, y: i * CELL }));
  return pos;
}
