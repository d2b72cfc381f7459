// The compiled tiers (DESIGN.md "Policy tiers"): per class and direction, the admin tier's rule groups
// by priority and the baseline tier's, and the unmodelled objects that make the class's verdicts
// unknown. NetworkPolicy v1 (the namespace tier) stays where it was compiled (CompiledSnapshot
// .ingressRules / .egressRules); tiers/sweep.ts evaluates the whole order over masks.
// A later plugin's own kinds (Cilium, Calico tiers) become more TierLevels in this order.
import type { PolicyType } from '../../model/types.ts';
import type { PolicyTier, TierAction, TierPolicy } from '../../model/tier-policy.ts';
import type { Bits } from '../bitset.ts';
import type { CompiledRule } from '../rules.ts';

export interface CompiledTierRule {
  /** Index into CompiledTiers.policies. */
  readonly policy: number;
  readonly direction: PolicyType;
  /** Index in spec.ingress / spec.egress. */
  readonly index: number;
  readonly name: string;
  readonly action: TierAction;
  /** Peers and ports in the shape NetworkPolicy rules compile to (never allPeers). */
  readonly rule: CompiledRule;
  /** A domainNames peer: may match any address outside the cluster, which is not decidable offline. */
  readonly maybeOutside: boolean;
  /** Where the rule admits, the lane is unknown, for this reason (Cilium: L7 rules decided per request,
   * peers whose addresses are not in the snapshot). */
  readonly undecided?: string;
}

export interface CompiledTierPolicy {
  /** `AdminNetworkPolicy/deny-all` */
  readonly ref: string;
  readonly policy: TierPolicy;
  readonly tier: PolicyTier;
  readonly priority: number;
  /** Subject classes (host-network pods are never subjects). */
  readonly selected: Bits;
  readonly ingress: readonly CompiledTierRule[];
  readonly egress: readonly CompiledTierRule[];
}

/** Policies of one tier with one priority selecting a class: their rules in written order each. */
export interface TierGroup {
  readonly priority: number;
  /** Policy ids, sorted by ref; more than one = an order the API leaves undefined. */
  readonly policies: readonly number[];
  /** rules[i]: the rules of policies[i] for this direction. */
  readonly rules: readonly (readonly CompiledTierRule[])[];
}

export interface CompiledTiers {
  readonly policies: readonly CompiledTierPolicy[];
  /** Per class, per direction: admin-tier groups by priority (lower first), then baseline groups. */
  readonly adminIngress: readonly (readonly TierGroup[])[];
  readonly adminEgress: readonly (readonly TierGroup[])[];
  readonly baselineIngress: readonly (readonly TierGroup[])[];
  readonly baselineEgress: readonly (readonly TierGroup[])[];
  /** Per class: refs of the unmodelled objects that may change any verdict there (empty: none). */
  readonly floor: readonly (readonly string[])[];
  /** Per class: 'cluster' when a cluster-scoped one is among them, else 'namespace' or 'none'. */
  readonly floorScope: readonly ('none' | 'namespace' | 'cluster')[];
  /** Tier policies the plugin in force does not implement (kept out of the evaluation). */
  readonly notEnforced: readonly TierPolicy[];
  /** Whether any class has a tier rule or a floor entry (false: answers are NetworkPolicy-only). */
  readonly any: boolean;
}
