// Where the MCP door's answers come from: the snapshots `netreach serve` holds (SnapshotService), or
// manifest files read once for `netreach mcp -f PATH...`. Tools only see this interface, so the stdio
// and the HTTP server answer with the same code.
import type { CompiledSnapshot } from '../engine/index.ts';
import { type Diagnostic, InputError } from '../model/diagnostics.ts';
import type { Snapshot } from '../model/types.ts';
import { type LoadedSnapshot, loadManifests } from '../query/manifests.ts';
import type { Origins } from '../query/origins.ts';
import type { SnapshotService } from '../service/snapshots.ts';

export interface SourceSnapshot {
  readonly id: number;
  readonly takenAt: string;
  readonly source: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly snapshot: Snapshot;
  readonly compiled: CompiledSnapshot;
  /** Input diagnostics (manifest files only; a served snapshot was accepted already). */
  readonly diagnostics: readonly Diagnostic[];
  readonly origins?: Origins;
}

export interface SnapshotSummary {
  readonly id: number;
  readonly takenAt: string;
  readonly source: string;
  readonly counts: Readonly<Record<string, number>>;
}

export interface McpSource {
  /** The snapshot `id` names, else the one being served; an InputError names what is missing. */
  pick(id?: number): SourceSnapshot;
  list(limit?: number): readonly SnapshotSummary[];
}

export function serviceSource(service: SnapshotService): McpSource {
  return {
    pick(id) {
      const served = id === undefined ? service.current() : service.get(id);
      if (!served)
        throw new InputError(
          id === undefined ? 'no snapshot has been loaded yet (see /readyz)' : `no snapshot ${id} (netreach_snapshots lists them)`,
        );
      const { meta } = served;
      return {
        id: meta.id,
        takenAt: meta.takenAt,
        source: meta.source,
        counts: meta.counts,
        snapshot: served.snapshot,
        compiled: served.compiled,
        diagnostics: [],
      };
    },
    list: (limit) => service.list(limit).map((m) => ({ id: m.id, takenAt: m.takenAt, source: m.source, counts: m.counts })),
  };
}

function countsOf(s: Snapshot): Record<string, number> {
  return {
    namespaces: s.namespaces.length,
    pods: s.pods.length,
    workloads: s.workloads.length,
    services: s.services.length,
    endpointSlices: s.endpointSlices.length,
    nodes: s.nodes.length,
    policies: s.policies.length,
  };
}

/** One snapshot (id 1) read from manifest files at start. */
export function loadedSource(loaded: LoadedSnapshot, takenAt: string, label: string): McpSource {
  const one: SourceSnapshot = {
    id: 1,
    takenAt,
    source: label,
    counts: countsOf(loaded.snapshot),
    snapshot: loaded.snapshot,
    compiled: loaded.compiled,
    diagnostics: loaded.diagnostics,
    ...(loaded.origins ? { origins: loaded.origins } : {}),
  };
  return {
    pick(id) {
      if (id !== undefined && id !== 1) throw new InputError(`no snapshot ${id}: manifest input has one snapshot, id 1`);
      return one;
    },
    list: () => [{ id: one.id, takenAt: one.takenAt, source: one.source, counts: one.counts }],
  };
}

export async function manifestSource(paths: readonly string[], now: Date): Promise<McpSource> {
  return loadedSource(await loadManifests(paths), now.toISOString(), 'manifests');
}
