// IP addresses and CIDR ranges as numbers (IPv4) and bigints (IPv6), parsed with ipaddr.js.
// IPv4 uses plain numbers because pod IPs are parsed on the compile hot path.
import ipaddr from 'ipaddr.js';

export type Address = { readonly family: 4; readonly n: number } | { readonly family: 6; readonly n: bigint };

export type AddressRange =
  { readonly family: 4; readonly lo: number; readonly hi: number } | { readonly family: 6; readonly lo: bigint; readonly hi: bigint };

const V6_MAX = (1n << 128n) - 1n;

/** Dotted quads, read as the API server's (sloppy) parser and our decoder read them: leading zeros
 * are decimal, never octal. Null when `text` is not four decimal octets. */
function parseDottedQuad(text: string): number | null {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return null;
    } else if (c === 46 && digits > 0 && dots < 3) {
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else return null;
  }
  if (dots !== 3 || digits === 0) return null;
  return value * 256 + part;
}

function bytesToBigint(bytes: number[]): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

export function parseAddress(text: string): Address | null {
  if (!text.includes(':')) {
    const quad = parseDottedQuad(text);
    return quad === null ? null : { family: 4, n: quad };
  }
  if (text.includes('%') || !ipaddr.IPv6.isValid(text)) return null;
  const v6 = ipaddr.IPv6.parse(text);
  if (v6.isIPv4MappedAddress()) {
    const b = v6.toIPv4Address().toByteArray();
    return { family: 4, n: ((b[0] * 256 + b[1]) * 256 + b[2]) * 256 + b[3] };
  }
  return { family: 6, n: bytesToBigint(v6.toByteArray()) };
}

/** One spelling per address (IPv6 short form; IPv4-mapped IPv6 as IPv4), for lookups. */
export function canonicalAddress(text: string): string | null {
  const a = parseAddress(text);
  return a === null ? null : addressText(a);
}

/** The one-address CIDR of an address: `/32` for IPv4, `/128` for IPv6. */
export function hostCidr(ip: string): string {
  return `${ip}/${ip.includes(':') ? 128 : 32}`;
}

export function parseCidr(text: string): AddressRange | null {
  const slash = text.indexOf('/');
  if (slash < 0 || !/^\d{1,3}$/.test(text.slice(slash + 1))) return null;
  const bits = Number(text.slice(slash + 1));
  const addr = parseAddress(text.slice(0, slash));
  if (!addr) return null;
  if (addr.family === 4) {
    if (bits > 32 || text.includes(':')) return null;
    const size = 2 ** (32 - bits);
    const lo = Math.floor(addr.n / size) * size;
    return { family: 4, lo, hi: lo + size - 1 };
  }
  if (bits > 128) return null;
  const hostBits = BigInt(128 - bits);
  const lo = (addr.n >> hostBits) << hostBits;
  return { family: 6, lo, hi: lo + (1n << hostBits) - 1n };
}

export function containsAddress(range: AddressRange, addr: Address): boolean {
  if (range.family === 4) return addr.family === 4 && addr.n >= range.lo && addr.n <= range.hi;
  return addr.family === 6 && addr.n >= range.lo && addr.n <= range.hi;
}

export function addressText(addr: Address): string {
  if (addr.family === 4) {
    const n = addr.n;
    return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
  }
  const bytes: number[] = [];
  for (let i = 15; i >= 0; i--) bytes.push(Number((addr.n >> BigInt(i * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

/** The fewest CIDRs that cover [lo, hi] exactly. */
export function rangeToCidrs(range: AddressRange): string[] {
  const out: string[] = [];
  if (range.family === 4) {
    let lo = range.lo;
    while (lo <= range.hi) {
      let size = 1;
      while (lo % (size * 2) === 0 && lo + size * 2 - 1 <= range.hi && size < 2 ** 32) size *= 2;
      out.push(`${addressText({ family: 4, n: lo })}/${32 - Math.log2(size)}`);
      lo += size;
    }
    return out;
  }
  let lo = range.lo;
  while (lo <= range.hi) {
    let bits = 0n;
    while (bits < 128n && (lo & ((1n << (bits + 1n)) - 1n)) === 0n && lo + (1n << (bits + 1n)) - 1n <= range.hi) bits++;
    out.push(`${addressText({ family: 6, n: lo })}/${128n - bits}`);
    lo += 1n << bits;
  }
  return out;
}

export const FULL_V4: AddressRange = { family: 4, lo: 0, hi: 2 ** 32 - 1 };
export const FULL_V6: AddressRange = { family: 6, lo: 0n, hi: V6_MAX };
