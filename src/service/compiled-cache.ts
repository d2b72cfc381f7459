// Stored snapshots compiled on demand (diff, `at`, history by id), the last few kept in LRU order;
// the snapshots the service serves are put here too once they have an id (snapshots.ts).
import { compile } from '../engine/index.ts';
import { dataplaneSummary } from '../query/dataplane.ts';
import type { Store } from '../store/store.ts';
import type { ServedSnapshot } from './served-snapshot.ts';

export class CompiledCache {
  private readonly cache = new Map<number, ServedSnapshot>();

  constructor(
    private readonly store: Store,
    private readonly max: number,
  ) {}

  /** Keeps `served` under its id (the oldest entry goes when more than `max` are kept). */
  remember(served: ServedSnapshot): void {
    this.cache.delete(served.meta.id);
    this.cache.set(served.meta.id, served);
    while (this.cache.size > this.max) this.cache.delete(this.cache.keys().next().value!);
  }

  /** A cached snapshot, or the stored one compiled (and cached); undefined when the store has no such id. */
  get(id: number): ServedSnapshot | undefined {
    const hit = this.cache.get(id);
    if (hit) {
      this.remember(hit); // refresh LRU order
      return hit;
    }
    const stored = this.store.get(id);
    if (!stored) return undefined;
    const compiled = compile(stored.snapshot);
    // Rows saved before the store kept a dataplane summary get the one their compile reads.
    const meta = stored.meta.dataplane ? stored.meta : { ...stored.meta, dataplane: dataplaneSummary(compiled) };
    const served = { meta, snapshot: stored.snapshot, compiled };
    this.remember(served);
    return served;
  }
}
