// What /readyz reports of the served snapshot: ready or not and why, staleness (the source is behind
// or failing), the store's last write failure, and how far back history reaches. snapshots.ts keeps
// the state; this builds the answer from it.
import type { DataplaneSummary } from '../engine/verdict.ts';
import { dataplaneSummary } from '../query/dataplane.ts';
import type { Store } from '../store/store.ts';
import type { ServedSnapshot } from './served-snapshot.ts';

export interface Readiness {
  readonly ready: boolean;
  /** Where snapshots come from: `cluster (~/.kube/config)`, `demo`, `manifests (path)`. */
  readonly source: string;
  readonly snapshotId?: number;
  readonly takenAt?: string;
  readonly ageSeconds?: number;
  /**
   * The served data may be behind its source: resumed from the store before the first sync, or the
   * source (API server, manifest files) is failing now. Tracked at all times, not only before the first sync.
   */
  readonly stale: boolean;
  readonly staleReason?: string;
  /** Since when the data has been behind: the resumed snapshot's time, or when the source began failing. */
  readonly staleSince?: string;
  /** The last store write failed (or the stored history is corrupt): not ready until a write succeeds. */
  readonly storeError?: string;
  /** False while the served snapshot is only in memory (its write failed and is being retried). */
  readonly persisted?: boolean;
  /** The served snapshot was accepted leniently: objects with errors were left out. */
  readonly partial?: boolean;
  /** The network plugin the served snapshot is answered under (detected, `--cni`, or none). */
  readonly dataplane?: DataplaneSummary;
  /** The oldest snapshot retention keeps: how far back history, diff and `at` can look. */
  readonly oldestSnapshot?: { readonly id: number; readonly takenAt: string };
}

export interface Staleness {
  readonly stale: boolean;
  readonly reason?: string;
  readonly since?: string;
}

/** The state readiness is read from (SnapshotService's). */
export interface ReadinessState {
  readonly served: ServedSnapshot | undefined;
  readonly staleness: Staleness;
  readonly sourceLabel: string;
  readonly storeError: string | undefined;
  readonly now: Date;
  readonly store: Store;
}

export function readinessOf(state: ReadinessState): Readiness {
  const { served: s, staleness: st, storeError } = state;
  const staleness = { stale: st.stale, ...(st.reason ? { staleReason: st.reason } : {}), ...(st.since ? { staleSince: st.since } : {}) };
  const base = { source: state.sourceLabel, ...staleness, ...(storeError ? { storeError } : {}) };
  if (!s) return { ready: false, ...base };
  const ageSeconds = Math.max(0, Math.round((state.now.getTime() - Date.parse(s.meta.takenAt)) / 1000));
  const marks = { persisted: s.meta.id > 0, partial: s.meta.detail?.partial === true };
  return {
    ready: storeError === undefined,
    snapshotId: s.meta.id,
    takenAt: s.meta.takenAt,
    ageSeconds,
    ...base,
    ...marks,
    dataplane: dataplaneSummary(s.compiled),
    ...oldestSnapshot(state.store),
  };
}

function oldestSnapshot(store: Store): { oldestSnapshot?: { id: number; takenAt: string } } {
  try {
    const oldest = store.historyEntries()[0];
    return oldest ? { oldestSnapshot: { id: oldest.id, takenAt: oldest.takenAt } } : {};
  } catch {
    return {}; // readiness never fails on a store read; storeError says what is wrong with writes
  }
}
