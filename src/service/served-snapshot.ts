// The snapshot being served: its stored metadata, the snapshot and its compilation (snapshots.ts
// serves it, assertions.ts evaluates it).
import type { CompiledSnapshot } from '../engine/index.ts';
import type { Snapshot } from '../model/types.ts';
import type { SnapshotMeta } from '../store/store.ts';

export interface ServedSnapshot {
  readonly meta: SnapshotMeta;
  readonly snapshot: Snapshot;
  readonly compiled: CompiledSnapshot;
}
