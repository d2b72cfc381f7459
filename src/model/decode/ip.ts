// IP and CIDR parsing as the API server does it (net.ParseIP / netutils.ParseCIDRSloppy): dotted
// four-part decimal IPv4 (leading zeros read as decimal), IPv6 without zone. ipaddr.js alone is
// more permissive ("10" or "0x0a.0.0.1" parse as IPv4), so IPv4 text is checked here first.
import ipaddr from 'ipaddr.js';

export type Address = ipaddr.IPv4 | ipaddr.IPv6;

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIP(text: string): Address | undefined {
  const v4 = IPV4.exec(text);
  if (v4) {
    const octets = v4.slice(1, 5).map((o) => Number.parseInt(o, 10));
    return octets.every((o) => o <= 255) ? new ipaddr.IPv4(octets) : undefined;
  }
  if (!text.includes(':') || text.includes('%') || !ipaddr.IPv6.isValid(text)) return undefined;
  return ipaddr.IPv6.parse(text);
}

/** The canonical text of an address (compact IPv6), or undefined when it is not an IP. */
export function normaliseIP(text: string): string | undefined {
  return parseIP(text)?.toString();
}

export interface Cidr {
  readonly address: Address;
  readonly prefix: number;
  /** `network/prefix` with host bits cleared: 10.0.0.1/24 → 10.0.0.0/24. */
  readonly text: string;
}

export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseIP(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!address || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number.parseInt(prefixText, 10);
  const bits = address.kind() === 'ipv4' ? 32 : 128;
  if (prefix > bits) return undefined;
  const network = networkAddress(address, prefix);
  return { address: network, prefix, text: `${network.toString()}/${prefix}` };
}

function networkAddress(address: Address, prefix: number): Address {
  const bytes = address.toByteArray();
  bytes.forEach((b, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    bytes[i] = b & ((0xff << (8 - keep)) & 0xff);
  });
  return ipaddr.fromByteArray(bytes);
}

/** `inner` lies inside `outer` and is strictly smaller (what ipBlock.except requires). */
export function strictlyInside(inner: Cidr, outer: Cidr): boolean {
  if (inner.address.kind() !== outer.address.kind() || inner.prefix <= outer.prefix) return false;
  // kind() is equal, so the cast only satisfies ipaddr's overloads.
  return (inner.address as ipaddr.IPv4).match(outer.address as ipaddr.IPv4, outer.prefix);
}
