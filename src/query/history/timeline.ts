// The stored history as a time line of snapshot values that share structure: each distinct stored
// object is parsed once and the same value is used by every snapshot that holds it, so compiling a
// snapshot from its predecessor (compile(next, previous)) reuses per-pod facts and unchanged
// policies. The delta between two neighbours is the one the store recorded when it saved the later
// one (a few rows); failing that (saved before schema 5, or its base was retained away) it is
// computed from both memberships' ids (no body is read). Compiled snapshots are kept in a bounded
// LRU. Reads go through HistorySource (the Store).
import { compile, type CompiledSnapshot } from '../../engine/index.ts';
import type { Snapshot, SnapshotSource } from '../../model/types.ts';
import { type HistoryEntry, type StoredDelta, type StoredObjectRow, sortedMinus as minus } from '../../store/history.ts';
import { assembleValues } from '../../store/objects.ts';
import { workloadIdentity } from './identity.ts';

export interface HistorySource {
  historyEntries(): HistoryEntry[];
  memberIds(id: number): Int32Array;
  objectRows(ids: readonly number[]): StoredObjectRow[];
  latestObjectNamed(kind: string, namespace: string | null, name: string): StoredObjectRow | undefined;
  /** The delta recorded when snapshot `id` was saved, if any. */
  storedDelta?(id: number): StoredDelta | undefined;
}

/** One stored object, parsed: identity, value and (for a pod) its workload identity. */
export interface StoredValue {
  readonly id: number;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly value: unknown;
  /** Pods only: `deploy:ns/name` of the owning workload (history/identity.ts). */
  readonly workload?: string;
}

export interface Delta {
  readonly added: readonly StoredValue[];
  readonly removed: readonly StoredValue[];
}

export interface TimelineOptions {
  /** Compiled snapshots kept in memory (default 8). */
  readonly compiledCacheSize?: number;
}

/** A stored object whose body is parsed on first use (most of a snapshot's objects are only
 * counted, grouped or filtered by identity in a history question). */
class LazyValue implements StoredValue {
  private parsed?: unknown;
  private identity?: string | null;
  readonly namespace?: string;
  constructor(
    readonly id: number,
    readonly kind: string,
    namespace: string | null,
    readonly name: string,
    private body: string | undefined,
  ) {
    if (namespace !== null) this.namespace = namespace;
  }
  get value(): unknown {
    if (this.body !== undefined) {
      this.parsed = JSON.parse(this.body);
      this.body = undefined;
    }
    return this.parsed;
  }
  get workload(): string | undefined {
    if (this.kind !== 'Pod') return undefined;
    this.identity ??= workloadIdentity(this.value as Parameters<typeof workloadIdentity>[0]) ?? null;
    return this.identity ?? undefined;
  }
}

export function parseStored(row: StoredObjectRow): StoredValue {
  return new LazyValue(row.id, row.kind, row.namespace, row.name, row.body);
}

class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }
}

export class Timeline {
  private readonly members = new Map<number, Int32Array>();
  private readonly sorted = new Map<number, Int32Array>();
  private readonly objects = new Map<number, StoredValue>();
  private readonly deltas = new Map<string, Delta>();
  private readonly snapshots = new Lru<number, Snapshot>(4);
  private readonly compiledCache: Lru<number, CompiledSnapshot>;
  private known: HistoryEntry[] = [];

  constructor(
    private readonly source: HistorySource,
    options: TimelineOptions = {},
  ) {
    this.compiledCache = new Lru(Math.max(2, options.compiledCacheSize ?? 8));
  }

  /** Stored snapshots, oldest first, as the store holds them now (retention drops cached ones). */
  entries(): HistoryEntry[] {
    const entries = this.source.historyEntries();
    const live = new Set(entries.map((e) => e.id));
    for (const id of this.members.keys())
      if (!live.has(id)) {
        this.members.delete(id);
        this.sorted.delete(id);
      }
    this.known = entries;
    return entries;
  }

  entry(id: number): HistoryEntry | undefined {
    return this.known.find((e) => e.id === id) ?? this.entries().find((e) => e.id === id);
  }

  memberIds(id: number): Int32Array {
    let m = this.members.get(id);
    if (!m) {
      m = this.source.memberIds(id);
      this.members.set(id, m);
    }
    return m;
  }

  private sortedIds(id: number): Int32Array {
    let s = this.sorted.get(id);
    if (!s) {
      s = Int32Array.from(this.memberIds(id)).sort();
      this.sorted.set(id, s);
    }
    return s;
  }

  /** Parsed objects for ids, reading from the store only those not seen yet. */
  values(ids: ArrayLike<number>): StoredValue[] {
    const missing: number[] = [];
    for (let i = 0; i < ids.length; i++) if (!this.objects.has(ids[i])) missing.push(ids[i]);
    if (missing.length) for (const row of this.source.objectRows(missing)) this.objects.set(row.id, parseStored(row));
    const out: StoredValue[] = [];
    for (let i = 0; i < ids.length; i++) {
      const v = this.objects.get(ids[i]);
      if (!v) throw new Error(`stored object ${ids[i]} is missing from the database`);
      out.push(v);
    }
    return out;
  }

  /** Objects that went (removed) and came (added) from snapshot `a` to `b`. */
  delta(a: number, b: number): Delta {
    const key = `${a}>${b}`;
    let d = this.deltas.get(key);
    if (!d) {
      const stored = this.source.storedDelta?.(b);
      if (stored && stored.base === a) {
        d = { added: this.values(stored.added), removed: this.values(stored.removed) };
        this.deltas.set(key, d);
        return d;
      }
      const sa = this.sortedIds(a);
      const sb = this.sortedIds(b);
      d = { added: this.values(minus(sb, sa)), removed: this.values(minus(sa, sb)) };
      this.deltas.set(key, d);
    }
    return d;
  }

  snapshot(id: number): Snapshot {
    let s = this.snapshots.get(id);
    if (!s) {
      const entry = this.entry(id);
      if (!entry) throw new Error(`snapshot ${id} is not stored`);
      s = assembleValues(entry.source as SnapshotSource, this.values(this.memberIds(id)));
      this.snapshots.set(id, s);
    }
    return s;
  }

  /** Snapshot `id` compiled, from `previous` when given (incremental), cached within the bound. */
  compiled(id: number, previous?: CompiledSnapshot): CompiledSnapshot {
    let c = this.compiledCache.get(id);
    if (!c) {
      c = compile(this.snapshot(id), previous);
      this.compiledCache.set(id, c);
    }
    return c;
  }

  /** The newest stored version of an object (for identities of pods that are gone). */
  latestNamed(kind: string, namespace: string | null, name: string): StoredValue | undefined {
    const row = this.source.latestObjectNamed(kind, namespace, name);
    return row && (this.objects.get(row.id) ?? parseStored(row));
  }
}
