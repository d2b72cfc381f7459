// Each protocol's port space 1..65535 cut at every rule boundary into atoms: ports in one atom are
// told apart by no rule. A port set is then a small bitmask over atoms (all protocols in one mask:
// TCP atoms first, then UDP, then SCTP).
// Invariants of an atom mask: bit i is atom i (a bitset.ts `Bits` of width `atoms.words` words);
// protocol p's atoms are ids base[p] .. base[p] + starts[p].length - 1; bits at or above `count` are 0.
// Masks use bitset.ts's operations (one vocabulary; it documents which operand each one mutates).
import { PROTOCOLS, type Protocol } from '../model/types.ts';
import { hasBit, setRange } from './bitset.ts';
import type { PortRanges } from './verdict.ts';

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

export interface PortAtoms {
  /** Sorted atom starts per protocol, each beginning with 1. */
  readonly starts: Readonly<Record<Protocol, readonly number[]>>;
  /** Id of each protocol's first atom. */
  readonly base: Readonly<Record<Protocol, number>>;
  readonly count: number;
  /** Words in an atom mask. */
  readonly words: number;
}

/** Collects cut points: an inclusive range [from, to] cuts before `from` and after `to`. */
export class AtomCuts {
  readonly cuts: Record<Protocol, Set<number>> = { TCP: new Set([1]), UDP: new Set([1]), SCTP: new Set([1]) };
  addRange(protocol: Protocol, from: number, to: number): void {
    const set = this.cuts[protocol];
    set.add(from);
    if (to < MAX_PORT) set.add(to + 1);
  }
}

export function buildAtoms(cuts: AtomCuts): PortAtoms {
  const starts = {} as Record<Protocol, number[]>;
  const base = {} as Record<Protocol, number>;
  let count = 0;
  for (const p of PROTOCOLS) {
    starts[p] = [...cuts.cuts[p]].sort((a, b) => a - b);
    base[p] = count;
    count += starts[p].length;
  }
  return { starts, base, count, words: (count + 31) >>> 5 };
}

function indexAtOrBelow(starts: readonly number[], port: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= port) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function atomOf(atoms: PortAtoms, protocol: Protocol, port: number): number {
  return atoms.base[protocol] + indexAtOrBelow(atoms.starts[protocol], port);
}

export function newMask(atoms: PortAtoms): Uint32Array {
  return new Uint32Array(atoms.words);
}

export function fullMask(atoms: PortAtoms): Uint32Array {
  const m = newMask(atoms);
  setRange(m, 0, atoms.count);
  return m;
}

/** Adds the atoms of [from, to] to `mask` (mutates mask; bounds must be cut points of `atoms`). */
export function addRangeToMask(atoms: PortAtoms, mask: Uint32Array, protocol: Protocol, from: number, to: number): void {
  const first = atomOf(atoms, protocol, from);
  const last = atomOf(atoms, protocol, to);
  setRange(mask, first, last + 1);
}

/** The atom's inclusive port range. */
export function atomRange(atoms: PortAtoms, atom: number): [Protocol, number, number] {
  for (let p = PROTOCOLS.length - 1; p >= 0; p--) {
    const protocol = PROTOCOLS[p];
    const base = atoms.base[protocol];
    if (atom >= base) {
      const starts = atoms.starts[protocol];
      const i = atom - base;
      return [protocol, starts[i], i + 1 < starts.length ? starts[i + 1] - 1 : MAX_PORT];
    }
  }
  throw new Error(`atom ${atom} out of range`);
}

/** An atom mask as canonical port ranges (adjacent atoms merged). */
export function maskToRanges(atoms: PortAtoms, mask: Uint32Array): PortRanges {
  const out: PortRanges = {};
  for (const protocol of PROTOCOLS) {
    const starts = atoms.starts[protocol];
    const base = atoms.base[protocol];
    const ranges: [number, number][] = [];
    for (let i = 0; i < starts.length; i++) {
      const id = base + i;
      if (!hasBit(mask, id)) continue;
      const from = starts[i];
      const to = i + 1 < starts.length ? starts[i + 1] - 1 : MAX_PORT;
      const prev = ranges[ranges.length - 1];
      if (prev && prev[1] + 1 === from) prev[1] = to;
      else ranges.push([from, to]);
    }
    if (ranges.length) out[protocol] = ranges;
  }
  return out;
}

/** Whether the mask holds the atom (bitset.ts hasBit under the atom-mask name). */
export const maskHas: (mask: Uint32Array, atom: number) => boolean = hasBit;
