// The allowed port atoms between two sides, the one entry point for reachable, connections and impact:
// NetworkPolicy only (pair.ts), or through the policy tiers when the snapshot has any
// (tiers/pair-tiers.ts, which builds on pair.ts; kept apart so neither imports the other).
import { andInto } from './bitset.ts';
import type { CompiledSnapshot } from './compiled.ts';
import { npDirectionAtoms, type Peer } from './pair.ts';
import { tierPairAtoms } from './tiers/pair-tiers.ts';

/** out = atoms allowed from src to dst (class level: no self or node-local override). Atoms the tiers
 * leave unknown are not in `out` (tiers/pair-tiers.ts gives them). */
export function pairAtoms(c: CompiledSnapshot, src: Peer, dst: Peer, out: Uint32Array, scratch: Uint32Array): void {
  if (c.tiers?.any) return tierPairAtoms(c, src, dst, out, null);
  if (!npDirectionAtoms(c, false, src, dst, dst, out)) out.set(c.allAtoms);
  if (npDirectionAtoms(c, true, dst, src, dst, scratch)) andInto(out, scratch);
}
