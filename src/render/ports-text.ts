// Plain-text rendering of per-protocol port sets: `TCP 80,443,8000-8100; UDP 53`.
// Protocols in the order TCP, UDP, SCTP; a protocol with every port reads `TCP all`; nothing reads
// `none`; every port of every protocol reads `all ports (TCP, UDP, SCTP)`. The one spelling of a
// port range list (`rangeList`, `rangesText`) for every renderer.
import { PROTOCOLS } from '../model/types.ts';
import type { PortRanges } from '../engine/verdict.ts';

const MIN_PORT = 1;
const MAX_PORT = 65535;

function isAllPorts(ranges: readonly (readonly [number, number])[]): boolean {
  return ranges.length === 1 && ranges[0][0] <= MIN_PORT && ranges[0][1] >= MAX_PORT;
}

/** `80,443,8000-8100`: every range as given (the spelling netpol-analyzer's `list` prints). */
export function rangeList(ranges: readonly (readonly [number, number])[]): string {
  return ranges.map(([from, to]) => (from === to ? `${from}` : `${from}-${to}`)).join(',');
}

/** As `rangeList`, but one range over every port reads `all`. */
export function rangesText(ranges: readonly (readonly [number, number])[]): string {
  return isAllPorts(ranges) ? 'all' : rangeList(ranges);
}

export function renderPortRanges(p: PortRanges): string {
  const present = PROTOCOLS.filter((proto) => (p[proto]?.length ?? 0) > 0);
  if (present.length === 0) return 'none';
  if (present.length === PROTOCOLS.length && present.every((proto) => isAllPorts(p[proto] ?? []))) {
    return `all ports (${PROTOCOLS.join(', ')})`;
  }
  return present.map((proto) => `${proto} ${rangesText(p[proto] ?? [])}`).join('; ');
}
