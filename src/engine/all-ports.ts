// The all-ports class matrix: for every ordered pair of classes, the exact allowed port set across
// all protocols, interned to ids (a cluster has few distinct port sets). Rows are produced one at a
// time so callers can stream them.
import { MaskInterner } from './mask-interner.ts';
import { forEachBit } from './bitset.ts';
import type { CompiledRule, CompiledSnapshot } from './compiled.ts';
import { egressIsolated, ingressIsolated } from './pair.ts';
import { pairAtoms } from './pair-atoms.ts';
import { maskToRanges, newMask } from './port-atoms.ts';
import type { PortRanges } from './verdict.ts';

export interface PortSetTable {
  readonly interner: MaskInterner;
  ranges(id: number): PortRanges;
}

export function portSetTable(c: CompiledSnapshot): PortSetTable {
  const interner = new MaskInterner(c.atoms.words);
  interner.intern(newMask(c.atoms)); // id 0: nothing
  interner.intern(c.allAtoms); // id 1: everything
  const cache = new Map<number, PortRanges>();
  return {
    interner,
    ranges(id) {
      let r = cache.get(id);
      if (!r) {
        r = maskToRanges(c.atoms, interner.mask(id));
        cache.set(id, r);
      }
      return r;
    },
  };
}

/**
 * The rules of the compiled snapshot turned around for whole rows: per class, the ingress rules
 * that admit it as a peer, and per ingress rule, the classes whose ingress lists hold it. Built
 * from `ingressRules` itself, so a row equals pairAtoms cell by cell (test/engine/all-ports.test.ts).
 */
interface RowIndex {
  /** admittedBy[a]: ingress rules that admit class a as a peer (ruleAdmits(rule, a)). */
  readonly admittedBy: readonly (readonly number[])[];
  readonly rules: readonly CompiledRule[];
  /** destinations[r]: classes b with rules[r] in ingressRules[b]. */
  readonly destinations: readonly Int32Array[];
  /** Classes an egress rule admits as a peer (podPeers ∪ ipPeers; null: every class), on first use. */
  readonly egressTargets: Map<CompiledRule, Int32Array | null>;
  /** ingressIsolated(c, b) per class. */
  readonly dstIsolated: Uint8Array;
}

const rowIndexes = new WeakMap<CompiledSnapshot, RowIndex>();

function rowIndex(c: CompiledSnapshot): RowIndex {
  let index = rowIndexes.get(c);
  if (index) return index;
  const n = c.classes.length;
  const ids = new Map<CompiledRule, number>();
  const rules: CompiledRule[] = [];
  const destinations: number[][] = [];
  for (let b = 0; b < n; b++) {
    for (const rule of c.ingressRules[b]) {
      let id = ids.get(rule);
      if (id === undefined) {
        id = rules.length;
        ids.set(rule, id);
        rules.push(rule);
        destinations.push([]);
      }
      const list = destinations[id];
      if (list[list.length - 1] !== b) list.push(b);
    }
  }
  const admittedBy: number[][] = Array.from({ length: n }, () => []);
  // ruleAdmits(rule, a) for a class: every peer, or a's bit in podPeers or ipPeers.
  const admit = (id: number) => (a: number) => {
    const list = admittedBy[a];
    if (a < n && list[list.length - 1] !== id) list.push(id);
  };
  rules.forEach((rule, id) => {
    if (rule.allPeers) for (let a = 0; a < n; a++) admittedBy[a].push(id);
    else {
      if (rule.podPeers !== null) forEachBit(rule.podPeers, admit(id));
      if (rule.ipPeers !== null) forEachBit(rule.ipPeers, admit(id));
    }
  });
  const dstIsolated = Uint8Array.from({ length: n }, (_, b) => (ingressIsolated(c, b) ? 1 : 0));
  index = { admittedBy, rules, destinations: destinations.map((d) => Int32Array.from(d)), egressTargets: new Map(), dstIsolated };
  rowIndexes.set(c, index);
  return index;
}

/** masks[b * words ...] |= the rule's atoms towards b (named ports resolved against b), as addRulePorts. */
function orRulePorts(c: CompiledSnapshot, rule: CompiledRule, b: number, masks: Uint32Array, words: number): void {
  const base = b * words;
  const atoms = rule.atoms;
  for (let w = 0; w < words; w++) masks[base + w] |= atoms[w];
  if (rule.named.length === 0) return;
  const named = c.classes[b].namedAtoms;
  for (const key of rule.named) {
    const atom = named.get(key);
    if (atom !== undefined) masks[base + (atom >>> 5)] |= 1 << (atom & 31);
  }
}

/**
 * Fills `row` (length = classes) with the port-set id from class a to every class: pairAtoms(a, b)
 * for each b, computed a row at a time. A cell costs the rules that admit it rather than every rule of
 * both sides: a's egress rules are walked over the classes they admit, and the ingress rules that
 * admit a over the classes they guard (profiled: ruleAdmits per pair was most of the all-ports time).
 */
export function allPortsRow(
  c: CompiledSnapshot,
  table: PortSetTable,
  a: number,
  row: Uint32Array,
  out: Uint32Array,
  pairScratch?: Uint32Array,
): void {
  // Under the policy tiers (admin, baseline, Cilium, the unmodelled floor) a cell is the tiers' sweep:
  // the row walk below knows NetworkPolicy rules only.
  if (c.tiers?.any) return tieredRow(c, table, a, row, out, pairScratch ?? newMask(c.atoms));
  const n = row.length;
  const words = out.length;
  const index = rowIndex(c);
  const srcIsolated = egressIsolated(c, a);
  const scratch = rowScratch(c, n, words);
  const egress = scratch.egress;
  const ingress = scratch.ingress;
  if (srcIsolated) {
    egress.fill(0);
    for (const rule of c.egressRules[a]) {
      const targets = egressTargets(index, rule, n);
      if (targets === null) for (let b = 0; b < n; b++) orRulePorts(c, rule, b, egress, words);
      else for (let i = 0; i < targets.length; i++) orRulePorts(c, rule, targets[i], egress, words);
    }
  }
  ingress.fill(0);
  for (const id of index.admittedBy[a]) {
    const rule = index.rules[id];
    const destinations = index.destinations[id];
    for (let i = 0; i < destinations.length; i++) orRulePorts(c, rule, destinations[i], ingress, words);
  }
  const all = c.allAtoms;
  const dstIsolated = index.dstIsolated;
  // Most neighbouring cells hold the same few port sets: the last one interned is reused as is.
  let last = -1;
  let lastId = 0;
  for (let b = 0; b < n; b++) {
    if (!srcIsolated && dstIsolated[b] === 0) {
      row[b] = 1;
      continue;
    }
    const base = b * words;
    for (let w = 0; w < words; w++)
      out[w] = (srcIsolated ? egress[base + w] : all[w]) & (dstIsolated[b] === 1 ? ingress[base + w] : all[w]);
    if (words === 1 && out[0] === last) {
      row[b] = lastId;
      continue;
    }
    lastId = table.interner.intern(out);
    last = words === 1 ? out[0] : -1;
    row[b] = lastId;
  }
}

function tieredRow(c: CompiledSnapshot, table: PortSetTable, a: number, row: Uint32Array, out: Uint32Array, scratch: Uint32Array): void {
  for (let b = 0; b < row.length; b++) {
    pairAtoms(c, a, b, out, scratch);
    row[b] = table.interner.intern(out);
  }
}

function egressTargets(index: RowIndex, rule: CompiledRule, n: number): Int32Array | null {
  let targets = index.egressTargets.get(rule);
  if (targets !== undefined) return targets;
  if (rule.allPeers) targets = null;
  else {
    const list: number[] = [];
    const bits = new Uint8Array(n);
    const add = (b: number) => {
      if (b < n && bits[b] === 0) {
        bits[b] = 1;
        list.push(b);
      }
    };
    if (rule.podPeers !== null) forEachBit(rule.podPeers, add);
    if (rule.ipPeers !== null) forEachBit(rule.ipPeers, add);
    targets = Int32Array.from(list);
  }
  index.egressTargets.set(rule, targets);
  return targets;
}

/** Per-row masks for every destination (egress part, ingress part), reused across rows. */
const rowScratches = new WeakMap<CompiledSnapshot, { egress: Uint32Array; ingress: Uint32Array }>();
function rowScratch(c: CompiledSnapshot, n: number, words: number): { egress: Uint32Array; ingress: Uint32Array } {
  let s = rowScratches.get(c);
  if (!s || s.egress.length !== n * words) {
    s = { egress: new Uint32Array(n * words), ingress: new Uint32Array(n * words) };
    rowScratches.set(c, s);
  }
  return s;
}

export interface AllPortsMatrix {
  readonly classes: number;
  readonly portSetCount: number;
  readonly table: PortSetTable;
  /** cells[a * classes + b]: port-set id. */
  readonly cells: Uint32Array;
}

export function allPortsMatrix(c: CompiledSnapshot): AllPortsMatrix {
  const n = c.classes.length;
  const table = portSetTable(c);
  const cells = new Uint32Array(n * n);
  const out = newMask(c.atoms);
  const scratch = newMask(c.atoms);
  for (let a = 0; a < n; a++) allPortsRow(c, table, a, cells.subarray(a * n, (a + 1) * n), out, scratch);
  return { classes: n, portSetCount: table.interner.size, table, cells };
}
