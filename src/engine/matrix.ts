// Connectivity matrices for one port. The class matrix is computed with word-wide bit operations:
// per destination class the set of admitted source classes (ingress), transposed once; per source
// class the set of reachable destination classes (egress); a row is their AND. Pods are expanded
// only on output, with the pod-level rules (self, node-local by direction) applied there.
import type { Protocol } from '../model/types.ts';
import { type Bits, andInto, forEachBit, fullBits, hasBit, newBits, orAndInto, orInto, setBit } from './bitset.ts';
import { validatePort } from './check.ts';
import { nodeLocalPairs } from './endpoint.ts';
import type { CompiledRule, CompiledSnapshot } from './compiled.ts';
import { ruleHasAtom } from './pair.ts';
import { atomOf, maskHas } from './port-atoms.ts';
import { dataplaneSummary } from './plugin-verdict.ts';
import type { MatrixResult } from './verdict.ts';
import { tierClassMatrix } from './tiers/matrix-tiers.ts';
import { tierUnknownSummary } from './tiers/unknown-summary.ts';

export interface ClassMatrix {
  readonly classes: number;
  /** rows[a] has bit b iff class a may reach class b (distinct pods; no overrides). */
  readonly rows: Bits[];
  /** Under the tiers: unknown[a] has bit b iff the answer from a to b is unknown (absent: none is). */
  readonly unknown?: Bits[];
}

function orPeers(target: Bits, rule: CompiledRule, all: Bits): void {
  if (rule.allPeers) orInto(target, all);
  else {
    if (rule.podPeers) orInto(target, rule.podPeers);
    if (rule.ipPeers) orInto(target, rule.ipPeers);
  }
}

/** Classes b whose named port `key` is the atom: destinations a named egress rule reaches. */
function namedDestinations(c: CompiledSnapshot, keys: readonly string[], atom: number, cache: Map<string, Bits>): Bits {
  const cacheKey = keys.join('|');
  let bits = cache.get(cacheKey);
  if (!bits) {
    bits = newBits(c.classes.length);
    c.classes.forEach((cls, b) => {
      if (keys.some((k) => cls.namedAtoms.get(k) === atom)) setBit(bits!, b);
    });
    cache.set(cacheKey, bits);
  }
  return bits;
}

export function classMatrix(c: CompiledSnapshot, port: number, protocol: Protocol): ClassMatrix {
  validatePort(port, protocol);
  if (c.tiers?.any) return { classes: c.classes.length, ...tierClassMatrix(c, port, protocol) };
  const n = c.classes.length;
  const atom = atomOf(c.atoms, protocol, port);
  const all = fullBits(n);
  // admittedBy[a]: destinations whose ingress admits a; open: destinations not isolated for ingress.
  const admittedBy: Bits[] = Array.from({ length: n }, () => newBits(n));
  const open = newBits(n);
  const incoming = newBits(n);
  for (let b = 0; b < n; b++) {
    if (c.ingressPolicies[b].length === 0) {
      setBit(open, b);
      continue;
    }
    incoming.fill(0);
    for (const rule of c.ingressRules[b]) if (ruleHasAtom(c, rule, b, atom)) orPeers(incoming, rule, all);
    forEachBit(incoming, (a) => setBit(admittedBy[a], b));
  }
  const named = new Map<string, Bits>();
  const scratch = newBits(n);
  const rows: Bits[] = new Array(n);
  for (let a = 0; a < n; a++) {
    const row = admittedBy[a];
    orInto(row, open);
    if (c.egressPolicies[a].length > 0) {
      const reach = newBits(n);
      for (const rule of c.egressRules[a]) {
        if (maskHas(rule.atoms, atom)) orPeers(reach, rule, all);
        else if (rule.named.length > 0) {
          scratch.fill(0);
          orPeers(scratch, rule, all);
          const dests = namedDestinations(c, rule.named, atom, named);
          orAndInto(reach, scratch, dests);
        }
      }
      andInto(row, reach);
    }
    rows[a] = row;
  }
  return { classes: n, rows };
}

// A matrix row is built as one byte per cell and decoded as latin1 into the row string: one
// allocation per row instead of n one-character strings joined (pods² cells at 10k pods).
const CELL_YES = 0x31; // '1'
const CELL_NO = 0x30; // '0'
const CELL_UNKNOWN = 0x3f; // '?'

/** `onProgress(rowsDone, rows)` is called as pod rows are expanded (for a terminal progress bar). */
export function matrix(
  c: CompiledSnapshot,
  port: number,
  protocol: Protocol,
  onProgress?: (done: number, total: number) => void,
): MatrixResult {
  const cm = classMatrix(c, port, protocol);
  const n = c.endpoints.length;
  const cells: Uint8Array[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (onProgress && (i & 255) === 0) onProgress(i, n);
    const row = cm.rows[c.endpoints[i].classId];
    const cellRow = new Uint8Array(n);
    for (let j = 0; j < n; j++) cellRow[j] = hasBit(row, c.endpoints[j].classId) ? CELL_YES : CELL_NO;
    cellRow[i] = CELL_YES;
    cells[i] = cellRow;
  }
  const undocumented = c.dataplane.profile.undocumented.find((u) => u.protocol === protocol);
  if (undocumented) markUndocumented(c, cells);
  const tierUnknown = cm.unknown ? markTierUnknown(c, cm.unknown, cells) : null;
  let toHostUnknown = false;
  for (const { from, to, effect } of nodeLocalPairs(c)) {
    if (effect === 'allow') cells[from][to] = CELL_YES;
    // deny / unknown only where the policies admit it (an unknown cell stays unknown).
    else if (cells[from][to] === CELL_YES) {
      cells[from][to] = effect === 'deny' ? CELL_NO : CELL_UNKNOWN;
      if (effect === 'unknown') toHostUnknown = true;
    }
  }
  const reasons = [
    undocumented?.reason,
    tierUnknown ?? undefined,
    toHostUnknown ? c.dataplane.profile.podToOwnNode.reason : undefined,
  ].filter((r) => r !== undefined);
  onProgress?.(n, n);
  const decoder = new TextDecoder('latin1');
  return {
    port,
    protocol,
    pods: c.endpoints.map((e) => e.key),
    rows: cells.map((r) => decoder.decode(r)),
    enforced: c.dataplane.enforced,
    dataplane: dataplaneSummary(c),
    ...(reasons.length > 0 ? { unknownReason: reasons.join('; ') } : {}),
  };
}

/** '?' on pairs of distinct pods whose classes' answer is unknown under the tiers; the reason, or null.
 * Walks only the unknown cells: per source class its unknown destination classes' members. */
function markTierUnknown(c: CompiledSnapshot, unknown: Bits[], cells: Uint8Array[]): string | null {
  let any = false;
  unknown.forEach((row, a) => {
    if (row.every((w) => w === 0)) return;
    for (const i of c.classes[a].members) {
      const cellRow = cells[i];
      forEachBit(row, (b) => {
        for (const j of c.classes[b].members)
          if (j !== i) {
            cellRow[j] = CELL_UNKNOWN;
            any = true;
          }
      });
    }
  });
  return any ? tierUnknownSummary(c) : null;
}

/** '?' on every pair of distinct pods where some policy isolates a side: the plugin does not say. */
function markUndocumented(c: CompiledSnapshot, cells: Uint8Array[]): void {
  const n = c.endpoints.length;
  for (let i = 0; i < n; i++) {
    const srcIsolated = c.egressPolicies[c.endpoints[i].classId].length > 0;
    for (let j = 0; j < n; j++) {
      if (i !== j && (srcIsolated || c.ingressPolicies[c.endpoints[j].classId].length > 0)) cells[i][j] = CELL_UNKNOWN;
    }
  }
}
