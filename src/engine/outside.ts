// The outside: the IPv4 and IPv6 space that no in-cluster endpoint owns, cut at every region
// boundary (ipBlock cidr/except bounds), so every piece lies in exactly one region and has that
// region's connectivity. Owned means "is the IP of a pod endpoint": pod IPs are endpoints, listed as
// such, never as outside addresses. Node IPs (and so the IPs hostNetwork pods speak with) stay in
// the outside: a node is not an endpoint of the list, and NetworkPolicy sees it as an address that
// only ipBlocks match. (Traffic between a node and its own pods is allowed whatever the policies say;
// `check` reports that per pod, the outside list gives the ipBlock view.)
import { type Address, type AddressRange, parseAddress, rangeToCidrs } from './addresses.ts';
import type { CompiledSnapshot } from './compiled.ts';
import { regionRange } from './regions.ts';

export interface OutsidePiece {
  readonly range: AddressRange;
  readonly region: number;
}

/** Successor / predecessor per family: IPv4 addresses are numbers, IPv6 addresses bigints. */
interface Step<T> {
  readonly next: (v: T) => T;
  readonly prev: (v: T) => T;
}
const STEP4: Step<number> = { next: (v) => v + 1, prev: (v) => v - 1 };
const STEP6: Step<bigint> = { next: (v) => v + 1n, prev: (v) => v - 1n };

/** Endpoint IPs of one family as sorted, merged inclusive ranges. */
function ownedRanges<T extends number | bigint>(values: T[], step: Step<T>): [T, T][] {
  values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: [T, T][] = [];
  for (const v of values) {
    const last = out[out.length - 1];
    if (last && step.next(last[1]) === v) last[1] = v;
    else if (!last || last[1] < v) out.push([v, v]);
  }
  return out;
}

/** Splits [lo, hi] around the owned ranges (sorted); `cursor` skips ranges below earlier regions. */
function subtractOwned<T extends number | bigint>(
  lo: T,
  hi: T,
  owned: readonly [T, T][],
  cursor: { i: number },
  step: Step<T>,
  emit: (lo: T, hi: T) => void,
): void {
  while (cursor.i < owned.length && owned[cursor.i][1] < lo) cursor.i++;
  let start = lo;
  for (let i = cursor.i; i < owned.length && owned[i][0] <= hi; i++) {
    const [olo, ohi] = owned[i];
    if (olo > start) emit(start, step.prev(olo));
    if (ohi >= hi) return;
    start = step.next(ohi);
  }
  emit(start, hi);
}

/** The outside in address order (IPv4 first), one piece per maximal range inside one region. */
export function outsidePieces(c: CompiledSnapshot): OutsidePiece[] {
  const v4: number[] = [];
  const v6: bigint[] = [];
  for (const ip of c.endpointByIp.keys()) {
    const a: Address | null = parseAddress(ip);
    if (a?.family === 4) v4.push(a.n);
    else if (a?.family === 6) v6.push(a.n);
  }
  const owned4 = ownedRanges(v4, STEP4);
  const owned6 = ownedRanges(v6, STEP6);
  const out: OutsidePiece[] = [];
  const cursor4 = { i: 0 };
  const cursor6 = { i: 0 };
  for (let region = 0; region < c.regions.count; region++) {
    const r = regionRange(c.regions, region);
    if (r.family === 4) subtractOwned(r.lo, r.hi, owned4, cursor4, STEP4, (lo, hi) => out.push({ range: { family: 4, lo, hi }, region }));
    else subtractOwned(r.lo, r.hi, owned6, cursor6, STEP6, (lo, hi) => out.push({ range: { family: 6, lo, hi }, region }));
  }
  return out;
}

function adjacent(a: AddressRange, b: AddressRange): boolean {
  if (a.family === 4) return b.family === 4 && a.hi + 1 === b.lo;
  return b.family === 6 && a.hi + 1n === b.lo;
}

/**
 * Groups the pieces by a value per region (a port-set id; `skip` leaves a value out), merging
 * adjacent pieces of equal value, and writes each group as the fewest CIDRs that cover it exactly.
 * Groups come in order of their first address.
 */
export function groupPieces(
  pieces: readonly OutsidePiece[],
  valueOf: (region: number) => number,
  skip: number,
): { value: number; cidrs: string[]; regions: number[] }[] {
  const groups = new Map<number, { value: number; cidrs: string[]; regions: number[] }>();
  let run: AddressRange | null = null;
  let runValue = skip;
  const flush = () => {
    if (run && runValue !== skip) groups.get(runValue)!.cidrs.push(...rangeToCidrs(run));
    run = null;
  };
  for (const piece of pieces) {
    const value = valueOf(piece.region);
    if (value === skip) {
      flush();
      continue;
    }
    let group = groups.get(value);
    if (!group) groups.set(value, (group = { value, cidrs: [], regions: [] }));
    if (group.regions[group.regions.length - 1] !== piece.region) group.regions.push(piece.region);
    if (run !== null && value === runValue && adjacent(run, piece.range)) {
      run = { ...(run as AddressRange), hi: piece.range.hi } as AddressRange;
      continue;
    }
    flush();
    run = piece.range;
    runValue = value;
  }
  flush();
  return [...groups.values()];
}
