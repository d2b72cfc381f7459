// Canonical port sets in JSON form: per protocol, sorted, merged, inclusive ranges in 1..65535.
import { PROTOCOLS, type Protocol } from '../model/types.ts';
import type { PortRanges } from './verdict.ts';

function normalise(ranges: readonly [number, number][]): [number, number][] {
  const sorted = ranges.filter(([a, b]) => a <= b).map(([a, b]) => [a, b] as [number, number]);
  sorted.sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && r[0] <= prev[1] + 1) prev[1] = Math.max(prev[1], r[1]);
    else out.push(r);
  }
  return out;
}

export function portRanges(entries: Partial<Record<Protocol, readonly [number, number][]>>): PortRanges {
  const out: PortRanges = {};
  for (const p of PROTOCOLS) {
    const list = entries[p];
    if (!list) continue;
    const n = normalise(list);
    if (n.length) out[p] = n;
  }
  return out;
}

export function unionRanges(a: PortRanges, b: PortRanges): PortRanges {
  const out: Partial<Record<Protocol, [number, number][]>> = {};
  for (const p of PROTOCOLS) out[p] = [...(a[p] ?? []), ...(b[p] ?? [])];
  return portRanges(out);
}

export function equalRanges(a: PortRanges, b: PortRanges): boolean {
  return JSON.stringify(portRanges(a)) === JSON.stringify(portRanges(b));
}

export function isEmptyRanges(a: PortRanges): boolean {
  return PROTOCOLS.every((p) => !a[p]?.length);
}

/** True when every protocol allows every port. */
export function isAllPorts(a: PortRanges): boolean {
  return PROTOCOLS.every((p) => a[p]?.length === 1 && a[p]![0][0] === 1 && a[p]![0][1] === 65535);
}

export const ALL_PORTS: PortRanges = { TCP: [[1, 65535]], UDP: [[1, 65535]], SCTP: [[1, 65535]] };

function subtractList(a: readonly [number, number][], b: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [lo0, hi] of a) {
    let lo = lo0;
    for (const [blo, bhi] of b) {
      if (bhi < lo || blo > hi) continue;
      if (blo > lo) out.push([lo, blo - 1]);
      lo = Math.max(lo, bhi + 1);
      if (lo > hi) break;
    }
    if (lo <= hi) out.push([lo, hi]);
  }
  return out;
}

/** a minus b (both canonical). */
export function subtractRanges(a: PortRanges, b: PortRanges): PortRanges {
  const out: PortRanges = {};
  for (const p of PROTOCOLS) {
    const list = subtractList(a[p] ?? [], b[p] ?? []);
    if (list.length) out[p] = list;
  }
  return out;
}
