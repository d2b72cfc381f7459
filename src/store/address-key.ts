// Addresses as fixed-width lowercase hex (8 digits for IPv4, 32 for IPv6): text order equals numeric
// order, so "which ranges contain this address" is `lo <= key AND hi >= key` on an index. Parsing is
// the engine's (same reading of leading zeros, IPv4-mapped IPv6 as IPv4), so the index and the engine
// agree on what an address is.
import { parseAddress, parseCidr } from '../engine/addresses.ts';

export type Family = 4 | 6;

export interface AddressKey {
  readonly family: Family;
  readonly key: string;
}

export interface RangeKey {
  readonly family: Family;
  readonly lo: string;
  readonly hi: string;
}

function hex(family: Family, n: number | bigint): string {
  return n.toString(16).padStart(family === 4 ? 8 : 32, '0');
}

/** Null when `ip` is not an address. */
export function addressKey(ip: string): AddressKey | null {
  const a = parseAddress(ip);
  return a === null ? null : { family: a.family, key: hex(a.family, a.n) };
}

/** Null when `cidr` is not a CIDR; host bits are ignored, as the engine ignores them. */
export function rangeKey(cidr: string): RangeKey | null {
  const r = parseCidr(cidr);
  return r === null ? null : { family: r.family, lo: hex(r.family, r.lo), hi: hex(r.family, r.hi) };
}
