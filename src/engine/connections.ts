// connections(c, groupBy): every allowed connection between groups of endpoints, and between
// groups and the outside, each with its exact port set per protocol. Self pairs (a group to itself)
// are omitted. Computed on classes and expanded to groups:
// - group → group: the union over member pairs (distinct endpoints) of the class pair's port set,
//   plus every port for member pairs a node reaches (node-local ingress), nothing for pairs the plugin
//   drops (a pod to its host under Felix Drop). When member pairs disagree (pods of one owner that
//   policies tell apart, say by labels that differ) the union is reported with `differs: true`:
//   some member pairs are allowed less.
// - outside ↔ group: per region, the union over the group's classes; the outside pieces (outside.ts)
//   with equal port sets are merged into the fewest CIDRs, IPv4 and IPv6 together.
import type { CompiledSnapshot } from './compiled.ts';
import { type ConnectionGroup, type GroupBy, type GroupLayout, groupEndpoints, overridesByGroupPair } from './connection-groups.ts';
import { allPortsMatrix, type PortSetTable } from './all-ports.ts';
import { type OutsidePiece, groupPieces, outsidePieces } from './outside.ts';
import { pairAtoms } from './pair-atoms.ts';
import type { Peer } from './pair.ts';
import { newMask } from './port-atoms.ts';
import type { PortRanges } from './verdict.ts';

export type ConnectionPeer =
  { readonly kind: 'group'; readonly group: number } | { readonly kind: 'outside'; readonly cidrs: readonly string[] };

export interface Connection {
  readonly from: ConnectionPeer;
  readonly to: ConnectionPeer;
  readonly ports: PortRanges;
  /** Member pairs of the two groups are not all allowed the same ports; `ports` is their union. */
  readonly differs: boolean;
}

export interface ConnectionsResult {
  readonly groupBy: GroupBy;
  readonly groups: readonly ConnectionGroup[];
  /** Group pairs by (from, to) in group order, then outside → group, then group → outside. */
  readonly connections: readonly Connection[];
}

const NOTHING = 0;
const EVERYTHING = 1;

/** Accumulates port-set ids into their union and notes whether they all were equal. */
class UnionAcc {
  private first = -1;
  private mixed = false;
  private readonly mask: Uint32Array;
  constructor(private readonly table: PortSetTable) {
    this.mask = new Uint32Array(table.interner.mask(0).length);
  }
  reset(): void {
    this.first = -1;
    this.mixed = false;
    this.mask.fill(0);
  }
  add(id: number): void {
    if (this.first === -1) this.first = id;
    else if (id !== this.first) this.mixed = true;
    const m = this.table.interner.mask(id);
    for (let w = 0; w < m.length; w++) this.mask[w] |= m[w];
  }
  /** The union's id (NOTHING when nothing was added). */
  id(): number {
    if (this.first === -1) return NOTHING;
    return this.mixed ? this.table.interner.intern(this.mask) : this.first;
  }
  differs(): boolean {
    return this.mixed;
  }
}

function betweenGroups(c: CompiledSnapshot, layout: GroupLayout, cells: Uint32Array, table: PortSetTable, out: Connection[]): void {
  const n = c.classes.length;
  const g = layout.groups.length;
  const overrides = overridesByGroupPair(c, layout);
  const acc = new UnionAcc(table);
  for (let a = 0; a < g; a++) {
    const from = layout.classCounts[a];
    for (let b = 0; b < g; b++) {
      if (a === b) continue;
      const to = layout.classCounts[b];
      const local = overrides.get(a * g + b);
      let id: number;
      let differs = false;
      if (from.length === 1 && to.length === 1 && !local) id = cells[from[0][0] * n + to[0][0]];
      else {
        acc.reset();
        for (const [ca, na] of from) {
          for (const [cb, nb] of to) {
            const pairs = na * nb - (local?.pairs.get(ca * n + cb) ?? 0);
            if (pairs > 0) acc.add(cells[ca * n + cb]);
          }
        }
        if (local?.allowsAll) acc.add(EVERYTHING);
        if (local?.denies) acc.add(NOTHING);
        id = acc.id();
        differs = acc.differs();
      }
      if (id !== NOTHING)
        out.push({ from: { kind: 'group', group: a }, to: { kind: 'group', group: b }, ports: table.ranges(id), differs });
    }
  }
}

/** Per class and region: the port-set id towards (egress) or from (ingress) addresses of the region. */
function classRegionIds(c: CompiledSnapshot, table: PortSetTable, direction: 'egress' | 'ingress'): Uint32Array {
  const r = c.regions.count;
  const ids = new Uint32Array(c.classes.length * r);
  const out = newMask(c.atoms);
  const scratch = newMask(c.atoms);
  for (let cls = 0; cls < c.classes.length; cls++) {
    const isolated = (direction === 'egress' ? c.egressPolicies : c.ingressPolicies)[cls].length > 0;
    for (let region = 0; region < r; region++) {
      if (!isolated) {
        ids[cls * r + region] = EVERYTHING;
        continue;
      }
      const address: Peer = { regions: [region] };
      if (direction === 'egress') pairAtoms(c, cls, address, out, scratch);
      else pairAtoms(c, address, cls, out, scratch);
      ids[cls * r + region] = table.interner.intern(out);
    }
  }
  return ids;
}

interface OutsideEntry {
  readonly cidrs: string[];
  readonly id: number;
  readonly differs: boolean;
}

function outsideEntries(
  classes: readonly (readonly [number, number])[],
  ids: Uint32Array,
  regions: number,
  pieces: readonly OutsidePiece[],
  acc: UnionAcc,
): OutsideEntry[] {
  const perRegion = new Uint32Array(regions);
  const differs = new Uint8Array(regions);
  for (let region = 0; region < regions; region++) {
    acc.reset();
    for (const [cls] of classes) acc.add(ids[cls * regions + region]);
    perRegion[region] = acc.id();
    differs[region] = acc.differs() ? 1 : 0;
  }
  return groupPieces(pieces, (region) => perRegion[region], NOTHING).map((g) => ({
    cidrs: g.cidrs,
    id: g.value,
    differs: g.regions.some((region) => differs[region] === 1),
  }));
}

function withOutside(c: CompiledSnapshot, layout: GroupLayout, table: PortSetTable, out: Connection[]): void {
  const pieces = outsidePieces(c);
  const regions = c.regions.count;
  const acc = new UnionAcc(table);
  for (const direction of ['ingress', 'egress'] as const) {
    const ids = classRegionIds(c, table, direction);
    // Groups with the same classes have the same outside connections: compute once per class set.
    const cache = new Map<string, OutsideEntry[]>();
    layout.classCounts.forEach((classes, group) => {
      const key = classes.map(([cls]) => cls).join(',');
      let entries = cache.get(key);
      if (!entries) cache.set(key, (entries = outsideEntries(classes, ids, regions, pieces, acc)));
      for (const e of entries) {
        const self: ConnectionPeer = { kind: 'group', group };
        const outside: ConnectionPeer = { kind: 'outside', cidrs: e.cidrs };
        const ports = table.ranges(e.id);
        out.push(
          direction === 'ingress'
            ? { from: outside, to: self, ports, differs: e.differs }
            : { from: self, to: outside, ports, differs: e.differs },
        );
      }
    });
  }
}

export function connections(c: CompiledSnapshot, groupBy: GroupBy): ConnectionsResult {
  const layout = groupEndpoints(c, groupBy);
  const matrix = allPortsMatrix(c);
  const out: Connection[] = [];
  betweenGroups(c, layout, matrix.cells, matrix.table, out);
  withOutside(c, layout, matrix.table, out);
  return { groupBy, groups: layout.groups, connections: out };
}

export { type ConnectionGroup, type GroupBy, GROUP_BYS } from './connection-groups.ts';
