// A CIDR side is evaluated piece by piece (cidr.ts), then adjacent pieces whose paths get the same
// answer for the same reasons are merged back, so `0.0.0.0/0` reads as a few ranges, not one per
// ipBlock boundary of the whole cluster. A merged path keeps the verdict of its first piece.
import { rangeToCidrs } from '../../engine/addresses.ts';
import type { Verdict } from '../../engine/verdict.ts';
import { joinRanges, rangeName } from './cidr.ts';
import type { Member, Side } from './members.ts';
import type { PathNote, PathVerdict } from './types.ts';

export interface PathSet {
  readonly paths: PathVerdict[];
  readonly notes: PathNote[];
}

type Which = 'from' | 'to';

function verdictSignature(v: Verdict): unknown[] {
  return [
    v.override ?? '',
    v.egress.allowed,
    v.ingress.allowed,
    v.egress.allowedBy,
    v.ingress.allowedBy,
    v.egress.isolatedBy,
    v.ingress.isolatedBy,
  ];
}

function signature(set: PathSet, m: Member, which: Which): string {
  return JSON.stringify(
    set.paths.map((p) => [
      which === 'from' && p.from === m.name ? '*' : p.from,
      which === 'to' && p.to === m.name ? '*' : p.to,
      p.port,
      p.allowed,
      p.via ?? '',
      p.verdict ? verdictSignature(p.verdict) : (p.reason ?? ''),
    ]),
  );
}

function adjacent(a: Member, b: Member): boolean {
  return (
    a.range !== undefined && b.range !== undefined && a.range.family === b.range.family && BigInt(a.range.hi) + 1n === BigInt(b.range.lo)
  );
}

function renamed(p: PathVerdict, old: string, member: Member, which: Which): PathVerdict {
  if (p[which] !== old || member.range === undefined) return p;
  return { ...p, [which]: member.name, cidrs: rangeToCidrs(member.range) };
}

/** Evaluates each piece alone, merges adjacent pieces with equal signatures, dedupes shared paths. */
export function mergedPieces(side: Side, which: Which, evaluate: (members: readonly Member[]) => PathSet): PathSet {
  const groups: { first: Member; merged: Member; set: PathSet; sig: string }[] = [];
  for (const m of side.members) {
    const set = evaluate([m]);
    const sig = signature(set, m, which);
    const last = groups[groups.length - 1];
    if (last && last.sig === sig && adjacent(last.merged, m)) {
      const range = joinRanges(last.merged.range!, m.range!);
      last.merged = { ...last.merged, name: rangeName(range), range };
    } else groups.push({ first: m, merged: m, set, sig });
  }
  const seen = new Set<string>();
  const paths: PathVerdict[] = [];
  const notes: PathNote[] = [];
  for (const g of groups) {
    for (const p of g.set.paths.map((x) => renamed(x, g.first.name, g.merged, which))) {
      const key = `${p.from}\n${p.to}\n${p.port}\n${p.via ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      paths.push(p);
    }
    notes.push(...g.set.notes);
  }
  return { paths, notes };
}
