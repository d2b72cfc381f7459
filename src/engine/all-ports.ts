// The all-ports class matrix: for every ordered pair of classes, the exact allowed port set across
// all protocols, interned to ids (a cluster has few distinct port sets). Rows are produced one at a
// time so callers can stream them.
import type { CompiledSnapshot } from './compiled.ts';
import { MaskInterner } from './mask-interner.ts';
import { egressIsolated, ingressIsolated, pairAtoms } from './pair.ts';
import { maskToRanges, newMask } from './port-atoms.ts';
import type { PortRanges } from './verdict.ts';

export interface PortSetTable {
  readonly interner: MaskInterner;
  ranges(id: number): PortRanges;
}

export function portSetTable(c: CompiledSnapshot): PortSetTable {
  const interner = new MaskInterner(c.atoms.words);
  interner.intern(newMask(c.atoms)); // id 0: nothing
  interner.intern(c.allAtoms); // id 1: everything
  const cache = new Map<number, PortRanges>();
  return {
    interner,
    ranges(id) {
      let r = cache.get(id);
      if (!r) {
        r = maskToRanges(c.atoms, interner.mask(id));
        cache.set(id, r);
      }
      return r;
    },
  };
}

/** Fills `row` (length = classes) with the port-set id from class a to every class. */
export function allPortsRow(c: CompiledSnapshot, table: PortSetTable, a: number, row: Uint32Array, out: Uint32Array, scratch: Uint32Array): void {
  const srcOpen = !egressIsolated(c, a);
  for (let b = 0; b < row.length; b++) {
    if (srcOpen && !ingressIsolated(c, b)) {
      row[b] = 1;
      continue;
    }
    pairAtoms(c, a, b, out, scratch);
    row[b] = table.interner.intern(out);
  }
}

export interface AllPortsMatrix {
  readonly classes: number;
  readonly portSetCount: number;
  readonly table: PortSetTable;
  /** cells[a * classes + b]: port-set id. */
  readonly cells: Uint32Array;
}

export function allPortsMatrix(c: CompiledSnapshot): AllPortsMatrix {
  const n = c.classes.length;
  const table = portSetTable(c);
  const cells = new Uint32Array(n * n);
  const out = newMask(c.atoms);
  const scratch = newMask(c.atoms);
  for (let a = 0; a < n; a++) allPortsRow(c, table, a, cells.subarray(a * n, (a + 1) * n), out, scratch);
  return { classes: n, portSetCount: table.interner.size, table, cells };
}
