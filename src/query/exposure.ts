// Pods reachable from outside the cluster, from which address ranges and on which ports: for every
// ipBlock region that holds an outside address, the ports an address there may open to each endpoint
// class (engine pairAtoms: all-peers rules, ipBlocks; the outside has no egress policy). Regions with
// equal port sets are merged into the fewest CIDRs. This is the NetworkPolicy view: whether outside
// traffic gets to a pod at all (a Service, an ingress, routing) is another question.
import { type AddressRange, rangeToCidrs } from '../engine/addresses.ts';
import type { CompiledSnapshot, PortRanges } from '../engine/index.ts';
import { outsidePieces } from '../engine/outside.ts';
import { pairAtoms } from '../engine/pair-atoms.ts';
import { maskToRanges, newMask } from '../engine/port-atoms.ts';
import { isEmptyRanges } from '../engine/port-ranges.ts';
import { regionRange } from '../engine/regions.ts';

export interface ExposureSource {
  /** Outside address ranges (pod IPs in them excluded). */
  readonly cidrs: readonly string[];
  readonly ports: PortRanges;
}

export interface ExposedPod {
  readonly pod: string;
  readonly from: readonly ExposureSource[];
}

export interface ExposureResult {
  readonly pods: readonly ExposedPod[];
  readonly notes: readonly string[];
}

export const EXPOSURE_NOTES = [
  'NetworkPolicy view: ranges exclude pod IPs; whether outside traffic is routed to a pod (Service, ' +
    'ingress, NodePort) is not part of this answer',
  'an endpoint without an ingress policy is exposed on every port',
];

function merge(ranges: AddressRange[], region: AddressRange): void {
  const last = ranges[ranges.length - 1];
  if (last && last.family === region.family && BigInt(last.hi) + 1n === BigInt(region.lo)) {
    ranges[ranges.length - 1] = { ...last, hi: region.hi } as AddressRange;
  } else ranges.push(region);
}

/** Per class: the outside sources grouped by port set, in address order of their first region. */
function classExposure(c: CompiledSnapshot, classId: number, regions: readonly number[]): ExposureSource[] {
  const out = newMask(c.atoms);
  const scratch = newMask(c.atoms);
  const groups = new Map<string, { ports: PortRanges; ranges: AddressRange[] }>();
  for (const region of regions) {
    pairAtoms(c, { regions: [region] }, classId, out, scratch);
    const ports = maskToRanges(c.atoms, out);
    if (isEmptyRanges(ports)) continue;
    const key = JSON.stringify(ports);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ports, ranges: [] }));
    merge(group.ranges, regionRange(c.regions, region));
  }
  return [...groups.values()].map((g) => ({ cidrs: g.ranges.flatMap(rangeToCidrs), ports: g.ports }));
}

export function exposureQuery(c: CompiledSnapshot, namespace?: string): ExposureResult {
  const regions = [...new Set(outsidePieces(c).map((p) => p.region))].sort((a, b) => a - b);
  const byClass = new Map<number, ExposureSource[]>();
  const pods: ExposedPod[] = [];
  for (const e of c.endpoints) {
    if (namespace !== undefined && e.pod.namespace !== namespace) continue;
    let from = byClass.get(e.classId);
    if (!from) byClass.set(e.classId, (from = classExposure(c, e.classId, regions)));
    if (from.length > 0) pods.push({ pod: e.key, from });
  }
  return { pods, notes: EXPOSURE_NOTES };
}
