// The address space cut at every ipBlock boundary (cidr and except). Addresses in one region are
// told apart by no policy, so an endpoint's ipBlock membership is a function of its regions.
// Region ids: IPv4 regions first (0..v4.length-1), then IPv6.
import { type Address, type AddressRange, parseCidr } from './addresses.ts';

export interface IpRegions {
  /** Sorted region starts; v4[0] === 0, v6[0] === 0n. */
  readonly v4: readonly number[];
  readonly v6: readonly bigint[];
  readonly count: number;
}

export function buildRegions(cidrs: Iterable<string>): IpRegions {
  const v4 = new Set<number>([0]);
  const v6 = new Set<bigint>([0n]);
  for (const text of cidrs) {
    const r = parseCidr(text);
    if (!r) continue;
    if (r.family === 4) {
      v4.add(r.lo);
      if (r.hi + 1 < 2 ** 32) v4.add(r.hi + 1);
    } else {
      v6.add(r.lo);
      if (r.hi + 1n < 1n << 128n) v6.add(r.hi + 1n);
    }
  }
  const v4s = [...v4].sort((a, b) => a - b);
  const v6s = [...v6].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { v4: v4s, v6: v6s, count: v4s.length + v6s.length };
}

function lastAtOrBelow<T extends number | bigint>(starts: readonly T[], value: T): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function regionOf(regions: IpRegions, addr: Address): number {
  if (addr.family === 4) return lastAtOrBelow(regions.v4, addr.n);
  return regions.v4.length + lastAtOrBelow(regions.v6, addr.n);
}

/** Region ids [first, last] that a CIDR range covers exactly (its bounds are region bounds). */
export function regionSpan(regions: IpRegions, range: AddressRange): [number, number] {
  if (range.family === 4) return [lastAtOrBelow(regions.v4, range.lo), lastAtOrBelow(regions.v4, range.hi)];
  const base = regions.v4.length;
  return [base + lastAtOrBelow(regions.v6, range.lo), base + lastAtOrBelow(regions.v6, range.hi)];
}

/** The address range of one region. */
export function regionRange(regions: IpRegions, id: number): AddressRange {
  if (id < regions.v4.length) {
    const hi = id + 1 < regions.v4.length ? regions.v4[id + 1] - 1 : 2 ** 32 - 1;
    return { family: 4, lo: regions.v4[id], hi };
  }
  const i = id - regions.v4.length;
  const hi = i + 1 < regions.v6.length ? regions.v6[i + 1] - 1n : (1n << 128n) - 1n;
  return { family: 6, lo: regions.v6[i], hi };
}

/** Membership of an ipBlock (cidr minus excepts) per region. */
export function blockRegions(regions: IpRegions, cidr: string, except: readonly string[]): Uint8Array {
  const member = new Uint8Array(regions.count);
  const range = parseCidr(cidr);
  if (!range) return member;
  const [first, last] = regionSpan(regions, range);
  member.fill(1, first, last + 1);
  for (const e of except) {
    const r = parseCidr(e);
    if (!r) continue;
    const [f, l] = regionSpan(regions, r);
    member.fill(0, f, l + 1);
  }
  return member;
}
