// A snapshot served from memory before (or without) being stored: the watcher's and manifests'
// snapshots are served at once, and when their write fails (database locked, disk full, read-only)
// or the database is busy with an upload's write, the write is held here and retried on a timer
// until it succeeds (snapshots.ts says what a retry does). Meanwhile the served meta says `unsaved`.
import type { DataplaneSummary } from '../engine/verdict.ts';
import type { Snapshot, SnapshotSource } from '../model/types.ts';
import { snapshotCounts } from '../store/objects.ts';
import type { SnapshotMeta } from '../store/store.ts';

export interface UnsavedSnapshot {
  readonly snapshot: Snapshot;
  readonly takenAt: Date;
  readonly detail: Record<string, unknown>;
  readonly dataplane: DataplaneSummary;
}

/** The meta of a snapshot served but not stored: id 0, no hash, `detail.unsaved`. */
export function unsavedMeta(p: UnsavedSnapshot, source: SnapshotSource, detail: Record<string, unknown>): SnapshotMeta {
  return {
    id: 0,
    takenAt: p.takenAt.toISOString(),
    source,
    hash: '',
    counts: snapshotCounts(p.snapshot),
    detail: { ...detail, unsaved: true },
    dataplane: p.dataplane,
  };
}

/** The one write waiting (a newer one replaces it) and its retry timer. */
export class PendingWrite {
  private pending?: UnsavedSnapshot;
  private timer?: NodeJS.Timeout;

  /** `attempt` writes the snapshot; false: not written (busy or failed), try again later. */
  constructor(
    private readonly retryMs: number,
    private readonly attempt: (p: UnsavedSnapshot) => boolean,
  ) {}

  hold(p: UnsavedSnapshot): void {
    this.pending = p;
    this.schedule();
  }

  /** A newer snapshot was stored: the held one is superseded. */
  clear(): void {
    this.pending = undefined;
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const p = this.pending;
      if (!p) return;
      if (this.attempt(p)) {
        if (this.pending === p) this.pending = undefined;
      } else this.schedule();
    }, this.retryMs);
    this.timer.unref();
  }
}
