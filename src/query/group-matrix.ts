// The connectivity matrix by workload or by namespace, so a 10k-pod cluster gives a readable table.
// A cell summarises every ordered pair of distinct endpoints (row endpoint → column endpoint) of the
// two groups: '1' every pair is allowed, '0' none is, 'p' some are. On the diagonal a group's pairs
// are its distinct endpoints; a group of one endpoint has only the pair with itself, which is '1'.
// Counted per class pair from the engine's class matrix, plus the pod-level node-local pairs that
// override it, so the cost is O(groups² × classes per group), not O(pods²).
import { nodeLocalPairs } from '../engine/endpoint.ts';
import { type CompiledSnapshot, classMatrix } from '../engine/index.ts';
import { hasBit } from '../engine/bitset.ts';
import type { Protocol } from '../model/types.ts';

export type GroupBy = 'workload' | 'namespace';
export const GROUP_BYS: readonly GroupBy[] = ['workload', 'namespace'];

export interface GroupMatrixResult {
  readonly port: number;
  readonly protocol: Protocol;
  readonly groupBy: GroupBy;
  /** Sorted group names: `deploy:ns/name` (`pod:ns/name` for a bare pod) or namespace names. */
  readonly groups: readonly string[];
  /** rows[i][j]: '1' all pairs allowed, '0' none, 'p' some. */
  readonly rows: readonly string[];
}

function groupOf(c: CompiledSnapshot, id: number, by: GroupBy): string {
  const e = c.endpoints[id];
  return by === 'workload' ? e.group : e.pod.namespace;
}

export function groupMatrix(c: CompiledSnapshot, port: number, protocol: Protocol, groupBy: GroupBy): GroupMatrixResult {
  const cm = classMatrix(c, port, protocol);
  const groups = [...new Set(c.endpoints.map((_, i) => groupOf(c, i, groupBy)))].sort();
  const index = new Map(groups.map((g, i) => [g, i]));
  // Per group: class id → number of its endpoints in that class.
  const classCounts: Map<number, number>[] = groups.map(() => new Map());
  c.endpoints.forEach((e, i) => {
    const g = index.get(groupOf(c, i, groupBy))!;
    classCounts[g].set(e.classId, (classCounts[g].get(e.classId) ?? 0) + 1);
  });
  const n = groups.length;
  const total = new Float64Array(n * n);
  const allowed = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      for (const [ca, na] of classCounts[a]) {
        for (const [cb, nb] of classCounts[b]) {
          const pairs = na * nb - (a === b && ca === cb ? na : 0);
          total[a * n + b] += pairs;
          if (hasBit(cm.rows[ca], cb)) allowed[a * n + b] += pairs;
        }
      }
    }
  }
  for (const { from: x, to: y, effect } of nodeLocalPairs(c)) {
    // allow: counted where the class matrix did not; deny: uncounted where it did; unknown: left as the
    // policies answer (a group cell has no "unknown").
    const byClass = hasBit(cm.rows[c.endpoints[x].classId], c.endpoints[y].classId);
    const cell = index.get(groupOf(c, x, groupBy))! * n + index.get(groupOf(c, y, groupBy))!;
    if (effect === 'allow' && !byClass) allowed[cell]++;
    else if (effect === 'deny' && byClass) allowed[cell]--;
  }
  const rows = groups.map((_, a) => {
    let row = '';
    for (let b = 0; b < n; b++) {
      const t = total[a * n + b];
      const k = allowed[a * n + b];
      // Only a lone endpoint's diagonal has no distinct pair: itself, always allowed.
      row += t === 0 ? '1' : k === 0 ? '0' : k === t ? '1' : 'p';
    }
    return row;
  });
  return { port, protocol, groupBy, groups, rows };
}
