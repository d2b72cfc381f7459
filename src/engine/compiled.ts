// The compiled snapshot: dense endpoint ids, equivalence classes of endpoints, selectors as bitsets
// over classes, rules as (peer bitsets, ipBlock regions, port-atom mask). Built once per snapshot by
// compile.ts; every query reads it and never the raw policies.
import type { Labels, Namespace, NetworkPolicy, Pod, PolicyType, Snapshot } from '../model/types.ts';
import type { Address } from './addresses.ts';
import type { Bits } from './bitset.ts';
import type { PodFactsCache } from './classes.ts';
import type { Layout } from './compile.ts';
import type { DeviationCode, Detection, Profile } from './dataplane/types.ts';
import type { PortAtoms } from './port-atoms.ts';
import type { IpRegions } from './regions.ts';
import type { CompiledTiers } from './tiers/types.ts';

export interface EndpointInfo {
  /** `ns/name` for a pod, `deploy:ns/name` (sts:, ds:, ...) for a workload template. */
  readonly key: string;
  /** The pod, or a pod-shaped view of the workload's template (no address). */
  readonly pod: Pod;
  /** The workload the endpoint belongs to (`deploy:ns/name`; `pod:ns/name` for a bare pod). */
  readonly group: string;
  readonly template: boolean;
  readonly namespace: number;
  readonly classId: number;
  readonly addresses: readonly Address[];
}

/** Endpoints that no policy can tell apart: same namespace, referenced labels, referenced named
 * ports, ipBlock regions and hostNetwork. */
export interface EndpointClass {
  readonly namespace: number;
  /** The first member's labels (equal on every label any selector reads). */
  readonly labels: Labels;
  readonly hostNetwork: boolean;
  /** Sorted region ids of the members' addresses; empty when they have no IP. */
  readonly regions: readonly number[];
  /** `TCP/http` → atom id, for the named ports policies reference. */
  readonly namedAtoms: ReadonlyMap<string, number>;
  /** `TCP/http` → port number. */
  readonly namedPorts: ReadonlyMap<string, number>;
  readonly members: number[];
}

export interface CompiledRule {
  readonly policy: number;
  readonly direction: PolicyType;
  readonly index: number;
  /** from/to omitted or empty: every peer, inside the cluster or not. */
  readonly allPeers: boolean;
  /** Classes matched by the rule's pod peers (null: none). */
  readonly podPeers: Bits | null;
  /** Classes matched by the rule's ipBlock peers through their addresses (null: none). */
  readonly ipPeers: Bits | null;
  /** Region membership of each ipBlock peer, for addresses outside the cluster. */
  readonly blocks: readonly Uint8Array[];
  /** Numeric ports (and whole protocols) as an atom mask; every atom when ports are omitted. */
  readonly atoms: Uint32Array;
  /** Named ports (`TCP/http`), resolved against the destination class. */
  readonly named: readonly string[];
}

export interface CompiledPolicy {
  /** `ns/name` */
  readonly ref: string;
  readonly policy: NetworkPolicy;
  readonly namespace: number;
  /** Classes the podSelector selects. */
  readonly selected: Bits;
  readonly ingress: readonly CompiledRule[];
  readonly egress: readonly CompiledRule[];
  readonly types: { readonly ingress: boolean; readonly egress: boolean };
}

export interface CompileStats {
  readonly endpoints: number;
  readonly classes: number;
  readonly policies: number;
  readonly atoms: number;
  readonly regions: number;
}

/** One change the plugin profile made to what the API says (apply.ts). */
export interface AppliedDeviation {
  readonly code: DeviationCode;
  /** `ns/name` of the policy it changed (a synthetic policy for `isolates-unselected`). */
  readonly policy: string;
  /** What changed: `rule ingress#0 port "http" → every TCP port`. */
  readonly detail: string;
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
