// The raw objects one watch target currently holds, keyed by namespace/name, and whether an update
// changed anything (by resourceVersion), so an unchanged re-list makes no new snapshot.
import { objectKey, resourceVersionOf, type RawObject } from './watch-event.ts';

export class ObjectCache {
  private readonly objects = new Map<string, RawObject>();

  /** The cached objects, sorted by namespace/name. */
  list(): RawObject[] {
    return [...this.objects.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, o]) => o);
  }

  /** Whether an object with this `objectKey` (`namespace/name`, `/name` when cluster-scoped) is cached. */
  has(key: string): boolean {
    return this.objects.has(key);
  }

  /** Stores `object`; true when it is new or its resourceVersion differs from the cached one. */
  put(object: RawObject): boolean {
    const key = objectKey(object);
    const previous = this.objects.get(key);
    this.objects.set(key, object);
    if (!previous) return true;
    const before = resourceVersionOf(previous);
    return before === undefined || before !== resourceVersionOf(object);
  }

  /** true when the object was cached. */
  delete(object: RawObject): boolean {
    return this.objects.delete(objectKey(object));
  }

  /** Replaces the whole content (a fresh list); true when anything changed. */
  replaceAll(items: readonly RawObject[]): boolean {
    let changed = false;
    const keys = new Set<string>();
    for (const item of items) {
      keys.add(objectKey(item));
      if (this.put(item)) changed = true;
    }
    for (const key of [...this.objects.keys()]) {
      if (!keys.has(key)) {
        this.objects.delete(key);
        changed = true;
      }
    }
    return changed;
  }
}
