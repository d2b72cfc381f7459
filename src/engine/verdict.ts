// The values the engine answers with. Renderers (text, JSON, Markdown) work on these only.
import type { PolicyType, Protocol } from '../model/types.ts';
import type { Deviation, Enforcement, PluginId } from './dataplane/types.ts';

/** Port sets in JSON: inclusive ranges within 1..65535 per protocol, protocols with nothing omitted. */
export type PortRanges = Partial<Record<Protocol, [number, number][]>>;

/** What a query names as one side of a connection, after the query layer resolved user spelling. */
export type EndpointQuery =
  /** An analysable endpoint by key: `ns/name` for a pod. */
  | { readonly kind: 'endpoint'; readonly key: string }
  /** An address outside the known endpoints (or any address: a pod IP resolves to that pod). */
  | { readonly kind: 'ip'; readonly ip: string };

export interface RuleRef {
  /** `ns/name` of the policy. */
  readonly policy: string;
  readonly direction: PolicyType;
  /** Index of the rule in spec.ingress / spec.egress. */
  readonly rule: number;
}

/** Stable codes for implementation-defined behaviour the answer depends on. */
export type NoteCode =
  | 'self-traffic'
  | 'node-local'
  | 'host-network'
  | 'ipblock-matches-pod-ip'
  | 'no-ip'
  | 'external-not-policed'
  | 'named-port-unresolved'
  | 'enforcement-depends-on-plugin'
  /** The detected (or named) plugin enforces no NetworkPolicy: the traffic is not restricted. */
  | 'not-enforced'
  /** The plugin's documented meaning of a rule differs from the API's, and it changed this answer. */
  | 'plugin-deviation'
  /** The plugin does not document what it does here: the verdict is unknown. */
  | 'plugin-undocumented';

export interface Note {
  readonly code: NoteCode;
  readonly message: string;
}

export interface DirectionVerdict {
  readonly direction: PolicyType;
  readonly allowed: boolean;
  /** False when no NetworkPolicy can apply on this side (an external address, a hostNetwork pod). */
  readonly policed: boolean;
  /** Some policy of this direction selects the endpoint. */
  readonly isolated: boolean;
  /** `ns/name` of every policy of this direction that selects the endpoint, sorted. */
  readonly isolatedBy: readonly string[];
  /** Rules that admit the connection (empty when denied, or when not isolated). */
  readonly allowedBy: readonly RuleRef[];
  /** One sentence: why. */
  readonly reason: string;
  /** When denied: the rules that come closest to admitting, each with what fails (near-miss.ts). */
  readonly nearMisses?: readonly NearMiss[];
  /** Which tier decided (absent when no tier policy or unmodelled object takes part). */
  readonly tier?: 'Admin' | 'Cilium' | 'NetworkPolicy' | 'Baseline' | 'Default';
  /** The admin or baseline rule that decided. */
  readonly decidedBy?: TierRuleRef;
  /** The admin rule that passed the connection on to NetworkPolicy. */
  readonly passedBy?: TierRuleRef;
  /** The tiers do not decide this direction (equal priorities that disagree, domainNames, an
   * unmodelled policy kind): then `allowed` is false and `unknownReason` says why. */
  readonly unknown?: boolean;
  readonly unknownReason?: string;
}

/** What keeps a rule from admitting a connection. */
export type MissedConditionKind = 'selector-term' | 'namespace' | 'port' | 'protocol' | 'ipblock-cidr' | 'ipblock-except' | 'peer-kind';

export interface MissedCondition {
  readonly kind: MissedConditionKind;
  /** Field path in the policy, e.g. `spec.ingress[0].from[0].podSelector.matchLabels.tier`. */
  readonly path: string;
  /** e.g. `podSelector wants tier=frontend; shop/web-1 has tier=web`. */
  readonly message: string;
}

/** A rule that almost admits a denied connection: `fails` has the conditions that fail (one for a
 * near miss proper; the fewest any rule of the isolating policies has otherwise). */
export interface NearMiss extends RuleRef {
  readonly fails: readonly MissedCondition[];
}

/** A rule of an AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy. */
export interface TierRuleRef {
  readonly tier: 'Admin' | 'Baseline' | 'Cilium';
  readonly kind: string;
  readonly policy: string;
  readonly priority: number;
  readonly direction: PolicyType;
  /** Index in spec.ingress / spec.egress. */
  readonly rule: number;
  /** The rule's name ('' when unnamed). */
  readonly name: string;
  readonly action: 'Allow' | 'Deny' | 'Pass';
}

export interface EndpointDescription {
  /** `pod` for an analysable endpoint, `ip` for an address. */
  readonly kind: 'pod' | 'ip';
  /** `ns/name` or the address. */
  readonly name: string;
  readonly ips: readonly string[];
}

/** The network plugin an answer was given under (engine/dataplane). */
export interface DataplaneSummary {
  readonly plugin: PluginId;
  /** Display name: `Cilium`, `flannel`, ... */
  readonly name: string;
  readonly enforcement: Enforcement;
  /** How the plugin was chosen: `--cni`, detected from cluster objects, or nothing recognised. */
  readonly source: 'override' | 'detected' | 'none';
}

export type VerdictWord = 'allowed' | 'denied' | 'unknown';

export interface Verdict {
  /** The answer under the plugin in force. For `unknown`, false (never read as a confident yes). */
  readonly allowed: boolean;
  /** `allowed` / `denied` under the plugin in force; `unknown` when the plugin does not document it. */
  readonly verdict: VerdictWord;
  /** true: the plugin enforces NetworkPolicy; false: it enforces none (nothing is restricted);
   * null: no plugin recognised (the answer is the API's meaning). */
  readonly enforced: boolean | null;
  readonly dataplane: DataplaneSummary;
  /** The plugin deviations that changed this answer from the API's meaning (empty when none did). */
  readonly deviations: readonly Deviation[];
  /** The API's (upstream) answer, present only when it differs from `allowed`/`verdict`. */
  readonly upstream?: { readonly allowed: boolean };
  /** Why the verdict is `unknown`. */
  readonly unknownReason?: string;
  readonly from: EndpointDescription;
  readonly to: EndpointDescription;
  readonly port: number;
  readonly protocol: Protocol;
  /** Egress at the source, ingress at the destination. */
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
  /** The rule that decided the whole answer, when one did (overrides such as self traffic). */
  readonly override?: NoteCode;
  readonly notes: readonly Note[];
}

export interface MatrixResult {
  readonly port: number;
  readonly protocol: Protocol;
  /** Sorted endpoint keys (`ns/name`). */
  readonly pods: readonly string[];
  /** rows[i][j] === '1' iff pods[i] may open a connection to pods[j] under the plugin in force;
   * '?' where the plugin does not document the outcome (see `unknownReason`). */
  readonly rows: readonly string[];
  /** As in Verdict: false when the plugin enforces nothing (every cell is then '1'). */
  readonly enforced?: boolean | null;
  readonly dataplane?: DataplaneSummary;
  /** Why some cells are '?'. */
  readonly unknownReason?: string;
}
