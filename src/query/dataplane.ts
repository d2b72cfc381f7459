// The network plugin a snapshot is answered under: what was detected, from which evidence, the
// profile in force and the advice. One shape for `netreach cni -o json`, GET /v1/dataplane and gRPC.
import type { CompiledSnapshot } from '../engine/compiled.ts';
import { adviceFor } from '../engine/dataplane/advice.ts';
import type { Deviation, EvidenceItem, NetworkMode, PluginId, Undocumented } from '../engine/dataplane/types.ts';
import type { DataplaneSummary } from '../engine/verdict.ts';

export interface DataplaneReport {
  readonly plugin: PluginId;
  readonly name: string;
  /** How the plugin was chosen: `--cni` (override), detected from objects, or nothing recognised. */
  readonly source: 'override' | 'detected' | 'none';
  readonly enforcement: 'enforced' | 'not-enforced' | 'unknown';
  readonly enforcementReason: string;
  /** NetworkPolicies in the snapshot (as written). */
  readonly policies: number;
  readonly network: NetworkMode;
  readonly settings: Readonly<Record<string, string>>;
  readonly deviations: readonly Deviation[];
  readonly undocumented: readonly Undocumented[];
  readonly nodeReachesLocalPods: boolean;
  readonly evidence: readonly EvidenceItem[];
  readonly warnings: readonly string[];
  readonly advice: readonly string[];
  readonly sources: readonly string[];
}

export function dataplaneQuery(c: CompiledSnapshot): DataplaneReport {
  const { detection, profile } = c.dataplane;
  return {
    plugin: profile.id,
    name: profile.name,
    source: detection.source,
    enforcement: profile.enforcement,
    enforcementReason: profile.enforcementReason,
    policies: c.snapshot.policies.length,
    network: profile.network,
    settings: profile.settings,
    deviations: profile.deviations,
    undocumented: profile.undocumented,
    nodeReachesLocalPods: profile.nodeReachesLocalPods,
    evidence: detection.evidence,
    warnings: detection.warnings,
    advice: adviceFor(detection),
    sources: profile.sources,
  };
}

export { dataplaneSummary } from '../engine/plugin-verdict.ts';
export type { DataplaneSummary };
