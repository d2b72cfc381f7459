// Change impact towards and from the outside: for every joint class the change can touch, compare
// its connectivity with each outside address region before and after. The two compilations cut the
// address space at different ipBlock bounds, so the comparison runs on the union of both cuts: in
// one merged region both snapshots answer alike for every address. Addresses owned by a pod in
// either snapshot are endpoints, never outside. Class level: the node-local override (a node and its
// own pods) is not applied here, as in `connections`.
import type { CompiledSnapshot } from './compiled.ts';
import { groupPieces, outsidePieces } from './outside.ts';
import { pairAtoms } from './pair-atoms.ts';
import { maskToRanges, newMask } from './port-atoms.ts';
import { isEmptyRanges, subtractRanges } from './port-ranges.ts';
import { type IpRegions, regionOf, regionRange } from './regions.ts';
import type { PortRanges } from './verdict.ts';

/** A class pairing of one endpoint set in both snapshots, and which of its directions may change. */
export interface ImpactJoint {
  readonly before: number;
  readonly after: number;
  /** Endpoint ids in `after`. */
  readonly members: number[];
  ingress: boolean;
  egress: boolean;
}

export interface OutsideImpactGroup {
  /** egress: the pods open connections to the CIDRs; ingress: the CIDRs open connections to the pods. */
  readonly direction: 'egress' | 'ingress';
  readonly pods: readonly string[];
  /** The fewest CIDRs covering the outside addresses that changed the same way. */
  readonly cidrs: readonly string[];
  readonly lost: PortRanges;
  readonly gained: PortRanges;
}

/** Region cuts of both compilations together. */
export function mergedRegions(a: IpRegions, b: IpRegions): IpRegions {
  const v4 = [...new Set([...a.v4, ...b.v4])].sort((x, y) => x - y);
  const v6 = [...new Set([...a.v6, ...b.v6])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return { v4, v6, count: v4.length + v6.length };
}

/** Region of each merged region in `c` (every merged region lies inside one region of each side). */
function regionMap(merged: IpRegions, c: CompiledSnapshot): Int32Array {
  const out = new Int32Array(merged.count);
  for (let m = 0; m < merged.count; m++) {
    const r = regionRange(merged, m);
    out[m] = regionOf(c.regions, r.family === 4 ? { family: 4, n: r.lo } : { family: 6, n: r.lo });
  }
  return out;
}

interface Change {
  readonly lost: PortRanges;
  readonly gained: PortRanges;
}

export function outsideImpact(before: CompiledSnapshot, after: CompiledSnapshot, joints: readonly ImpactJoint[]): OutsideImpactGroup[] {
  const affected = joints.filter((j) => j.ingress || j.egress);
  if (affected.length === 0) return [];
  const merged = mergedRegions(before.regions, after.regions);
  const toBefore = regionMap(merged, before);
  const toAfter = regionMap(merged, after);
  // The outside's pieces (regions minus pod addresses) cost O(pods): built only once a region changed.
  // outsidePieces reads only the regions and the owned addresses.
  let pieces: ReturnType<typeof outsidePieces> | undefined;
  const outside = () => {
    const owned = new Map<string, number>([...before.endpointByIp, ...after.endpointByIp]);
    return (pieces ??= outsidePieces({ regions: merged, endpointByIp: owned } as unknown as CompiledSnapshot));
  };
  const changes: Change[] = [{ lost: {}, gained: {} }]; // id 0: unchanged
  const changeIds = new Map<string, number>();
  const mb = newMask(before.atoms);
  const sb = newMask(before.atoms);
  const ma = newMask(after.atoms);
  const sa = newMask(after.atoms);
  const ids = new Uint32Array(merged.count);
  const out: OutsideImpactGroup[] = [];
  for (const j of affected) {
    const pods = j.members.map((i) => after.endpoints[i].key);
    for (const direction of ['egress', 'ingress'] as const) {
      if (!j[direction]) continue;
      let changed = false;
      for (let m = 0; m < merged.count; m++) {
        const b = { regions: [toBefore[m]] };
        const a = { regions: [toAfter[m]] };
        if (direction === 'egress') {
          pairAtoms(before, j.before, b, mb, sb);
          pairAtoms(after, j.after, a, ma, sa);
        } else {
          pairAtoms(before, b, j.before, mb, sb);
          pairAtoms(after, a, j.after, ma, sa);
        }
        const was = maskToRanges(before.atoms, mb);
        const now = maskToRanges(after.atoms, ma);
        const change = { lost: subtractRanges(was, now), gained: subtractRanges(now, was) };
        if (isEmptyRanges(change.lost) && isEmptyRanges(change.gained)) {
          ids[m] = 0;
          continue;
        }
        const key = JSON.stringify(change);
        let id = changeIds.get(key);
        if (id === undefined) {
          changeIds.set(key, (id = changes.length));
          changes.push(change);
        }
        ids[m] = id;
        changed = true;
      }
      if (!changed) continue;
      for (const g of groupPieces(outside(), (m) => ids[m], 0)) {
        out.push({ direction, pods, cidrs: g.cidrs, lost: changes[g.value].lost, gained: changes[g.value].gained });
      }
    }
  }
  return out;
}
