// The compiled snapshot: dense endpoint ids, equivalence classes of endpoints, selectors as bitsets
// over classes, rules as (peer bitsets, ipBlock regions, port-atom mask). Built once per snapshot by
// compile.ts; every query reads it and never the raw policies.
import type { Namespace, NetworkPolicy, Snapshot } from '../model/types.ts';
import type { ClassLayout, EndpointClass, EndpointInfo, PodFactsCache } from './classes.ts';
import type { AppliedDeviation } from './dataplane/apply.ts';
import type { Detection, Profile } from './dataplane/types.ts';
import type { PortAtoms } from './port-atoms.ts';
import type { IpRegions } from './regions.ts';
import type { CompiledPolicy, CompiledRule } from './rules.ts';
import type { CompiledTiers } from './tiers/types.ts';

// Each type lives in the module that builds it; re-exported here as the compiled snapshot's vocabulary.
export type { EndpointClass, EndpointInfo } from './classes.ts';
export type { AppliedDeviation } from './dataplane/apply.ts';
export type { CompiledPolicy, CompiledRule } from './rules.ts';

/** Everything derived from endpoints, namespaces and nodes (not from policy rules). */
export interface Layout {
  readonly layout: ClassLayout;
  /** Identity of namespaces, class partition and references (not of port atoms). */
  readonly layoutKey: string;
  readonly endpointIndex: ReadonlyMap<string, number>;
  readonly endpointByIp: ReadonlyMap<string, number>;
  readonly nodeByIp: ReadonlyMap<string, string>;
}

export interface CompileStats {
  readonly endpoints: number;
  readonly classes: number;
  readonly policies: number;
  readonly atoms: number;
  readonly regions: number;
}

/** The network plugin the snapshot was compiled under. */
export interface CompiledDataplane {
  readonly detection: Detection;
  readonly profile: Profile;
  /** true: enforced; false: the plugin enforces nothing; null: no plugin recognised. */
  readonly enforced: boolean | null;
  /** What applying the profile changed (empty for conformant plugins). */
  readonly applied: readonly AppliedDeviation[];
}

export interface CompiledSnapshot {
  /** The snapshot as read (policies as written, whatever the plugin makes of them). */
  readonly snapshot: Snapshot;
  readonly dataplane: CompiledDataplane;
  readonly namespaces: readonly Namespace[];
  readonly namespaceIndex: ReadonlyMap<string, number>;
  /** Class id range [from, to) of each namespace (classes are grouped by namespace). */
  readonly namespaceClasses: readonly (readonly [number, number])[];
  /** Sorted by key. */
  readonly endpoints: readonly EndpointInfo[];
  readonly endpointIndex: ReadonlyMap<string, number>;
  /** Pod IP → endpoint id (hostNetwork pods excluded: their IP is the node's). */
  readonly endpointByIp: ReadonlyMap<string, number>;
  /** Node InternalIP → node name. */
  readonly nodeByIp: ReadonlyMap<string, string>;
  readonly classes: readonly EndpointClass[];
  readonly regions: IpRegions;
  readonly atoms: PortAtoms;
  readonly allAtoms: Uint32Array;
  /** The policies in force under the plugin (after apply.ts: dropped, rewritten or added ones). */
  readonly policies: readonly CompiledPolicy[];
  /** Per class: ids of policies that select it, per direction. */
  readonly ingressPolicies: readonly (readonly number[])[];
  readonly egressPolicies: readonly (readonly number[])[];
  /** Per class: the rules of those policies, flattened. */
  readonly ingressRules: readonly (readonly CompiledRule[])[];
  readonly egressRules: readonly (readonly CompiledRule[])[];
  readonly stats: CompileStats;
  /** AdminNetworkPolicy / BaselineAdminNetworkPolicy / ClusterNetworkPolicy and the unmodelled policy
   * kinds (absent when the snapshot has none: answers are NetworkPolicy-only). */
  readonly tiers?: CompiledTiers;
  /** What a later compile may reuse (see compile.ts). */
  readonly reuse: CompileReuse;
}

export interface CompileReuse {
  /** The label keys, named ports and CIDRs policies reference (regions follow from it). */
  readonly refsKey: string;
  /** Per-pod facts by object identity, valid under refsKey. */
  readonly podFacts: PodFactsCache;
  /** The endpoint layout, reused whole when endpoints and references are unchanged. */
  readonly layout: Layout;
  /** Identity of namespaces, class partition, regions and atoms: equal keys mean equal class ids. */
  readonly layoutKey: string;
  /** Compiled policies by object identity and by content, valid under layoutKey. */
  readonly policiesByObject: WeakMap<NetworkPolicy, CompiledPolicy>;
  readonly policiesByContent: ReadonlyMap<string, CompiledPolicy>;
  /** JSON of each policy object, computed once per object. */
  readonly contentKeys: WeakMap<NetworkPolicy, string>;
}
