// A CIDR endpoint (`0.0.0.0/0`: anywhere outside) split into the pieces that policies tell apart:
// the compiled snapshot's ipBlock regions inside the range, cut further at any extra boundaries the
// query needs (a Service's loadBalancerSourceRanges). Each piece is evaluated from one address in it
// that is neither a pod's nor a node's, since those resolve to the pod or get the node-local rule.
import { type Address, type AddressRange, addressText, parseCidr, rangeToCidrs } from '../../engine/addresses.ts';
import type { CompiledSnapshot } from '../../engine/index.ts';
import { regionRange, regionSpan } from '../../engine/regions.ts';
import { InputError } from '../../model/diagnostics.ts';

export interface CidrPiece {
  readonly range: AddressRange;
  /** The address the piece was evaluated from. */
  readonly sample: string;
}

export interface CidrSplit {
  readonly pieces: readonly CidrPiece[];
  /** Pieces that hold only pod or node addresses (not evaluated). */
  readonly skipped: number;
}

/** How many addresses at the start of a piece are tried for a sample. */
const SAMPLE_TRIES = 1024;

type Bound = { lo: bigint; hi: bigint };

function toBig(r: AddressRange): Bound {
  return { lo: BigInt(r.lo), hi: BigInt(r.hi) };
}

function fromBig(family: 4 | 6, lo: bigint, hi: bigint): AddressRange {
  return family === 4 ? { family, lo: Number(lo), hi: Number(hi) } : { family, lo, hi };
}

function addressOf(family: 4 | 6, n: bigint): Address {
  return family === 4 ? { family, n: Number(n) } : { family, n };
}

/** Piece starts: the range's start, every region start inside it, every extra cut inside it. */
function starts(c: CompiledSnapshot, range: AddressRange, cuts: readonly string[]): bigint[] {
  const { lo, hi } = toBig(range);
  const out = new Set<bigint>([lo]);
  const [first, last] = regionSpan(c.regions, range);
  for (let id = first + 1; id <= last; id++) out.add(BigInt(regionRange(c.regions, id).lo));
  for (const text of cuts) {
    const cut = parseCidr(text);
    if (!cut || cut.family !== range.family) continue;
    const b = toBig(cut);
    if (b.lo > lo && b.lo <= hi) out.add(b.lo);
    if (b.hi + 1n > lo && b.hi + 1n <= hi) out.add(b.hi + 1n);
  }
  return [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function sampleOf(c: CompiledSnapshot, family: 4 | 6, lo: bigint, hi: bigint): string | undefined {
  for (let n = lo, tries = 0; n <= hi && tries < SAMPLE_TRIES; n++, tries++) {
    const text = addressText(addressOf(family, n));
    if (!c.endpointByIp.has(text) && !c.nodeByIp.has(text)) return text;
  }
  return undefined;
}

/** A range's name: its CIDRs when one or two cover it, else `first-last`. */
export function rangeName(range: AddressRange): string {
  const cidrs = rangeToCidrs(range);
  if (cidrs.length <= 2) return cidrs.join(', ');
  return `${addressText(addressOf(range.family, BigInt(range.lo)))}-${addressText(addressOf(range.family, BigInt(range.hi)))}`;
}

/** The union of two adjacent ranges (a ends right before b starts). */
export function joinRanges(a: AddressRange, b: AddressRange): AddressRange {
  return fromBig(a.family, BigInt(a.lo), BigInt(b.hi));
}

export function splitCidr(c: CompiledSnapshot, cidr: string, cuts: readonly string[] = []): CidrSplit {
  const range = parseCidr(cidr);
  if (!range) throw new InputError(`endpoint ${cidr}: not a CIDR`);
  const bounds = starts(c, range, cuts);
  const end = toBig(range).hi;
  const pieces: CidrPiece[] = [];
  let skipped = 0;
  bounds.forEach((lo, i) => {
    const hi = i + 1 < bounds.length ? bounds[i + 1] - 1n : end;
    const sample = sampleOf(c, range.family, lo, hi);
    if (sample === undefined) skipped++;
    else pieces.push({ range: fromBig(range.family, lo, hi), sample });
  });
  return { pieces, skipped };
}
