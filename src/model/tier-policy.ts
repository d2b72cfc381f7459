// Cluster-scoped tiered policies of the network-policy-api (kubernetes-sigs/network-policy-api):
// policy.networking.k8s.io/v1alpha1 AdminNetworkPolicy and BaselineAdminNetworkPolicy, and
// v1alpha2 ClusterNetworkPolicy (tier Admin or Baseline). Normalised once by model/decode/admin-policy.ts:
// `Accept` (v1alpha2) is read as `Allow`, ports take the TCP default, BANP has priority 0. And the
// policy-like objects of kinds netreach does not model (model/unmodelled-kinds.ts), kept so every
// verdict they could change says `unknown`.
import type { LabelSelector, PolicyPort } from './policy-parts.ts';

export type TierPolicyKind = 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy' | 'ClusterNetworkPolicy';

/** Kinds of the compiled tier entries engine/cilium/ builds (never in Snapshot.tierPolicies): Cilium's
 * policies, and NetworkPolicies whose allow rules join Cilium's on endpoints Cilium isolates. */
export type CiliumTierKind = 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy' | 'NetworkPolicy';

/** Where a policy sits in the evaluation order (DESIGN.md "Policy tiers"). */
export type PolicyTier = 'Admin' | 'Baseline' | 'Cilium';

/** Allow (v1alpha1) and Accept (v1alpha2) mean the same: read as Allow. */
export type TierAction = 'Allow' | 'Deny' | 'Pass';

/** `subject`: pods of the selected namespaces, or pods selected by both selectors. Host-network pods
 * are never subjects (apis/v1alpha2 ClusterNetworkPolicySubject). */
export type TierSubject =
  | { readonly kind: 'namespaces'; readonly namespaces: LabelSelector }
  | { readonly kind: 'pods'; readonly namespaces: LabelSelector; readonly pods: LabelSelector };

export type TierPeer =
  | { readonly kind: 'namespaces'; readonly namespaces: LabelSelector }
  | { readonly kind: 'pods'; readonly namespaces: LabelSelector; readonly pods: LabelSelector }
  /** Egress only: the IPs in status.addresses of the selected nodes. */
  | { readonly kind: 'nodes'; readonly nodes: LabelSelector }
  /** Egress only: CIDRs, matched on every address including pod IPs (apis: "cluster-internal
   * traffic will be checked against the rule as well"). */
  | { readonly kind: 'networks'; readonly cidrs: readonly string[] }
  /** Egress only: DNS names; which addresses they are is not decidable offline (→ unknown). */
  | { readonly kind: 'domainNames'; readonly names: readonly string[] };

export interface TierRule {
  /** The rule's `name` (may be empty). */
  readonly name: string;
  readonly action: TierAction;
  /** Never empty (MinItems=1). */
  readonly peers: readonly TierPeer[];
  /** null: every port of every protocol (ports/protocols omitted). */
  readonly ports: readonly PolicyPort[] | null;
}

export interface TierPolicy {
  readonly kind: TierPolicyKind | CiliumTierKind;
  readonly name: string;
  readonly tier: PolicyTier;
  /** 0..1000, lower first; a BaselineAdminNetworkPolicy (a singleton) has 0. */
  readonly priority: number;
  readonly subject: TierSubject;
  /** In written order: within one policy the first matching rule wins. */
  readonly ingress: readonly TierRule[];
  readonly egress: readonly TierRule[];
}

/** A policy-like object of a kind netreach does not model. */
export interface UnmodelledPolicy {
  readonly kind: string;
  readonly group: string;
  /** Absent for cluster-scoped kinds: then it may change the verdict of every endpoint. */
  readonly namespace?: string;
  readonly name: string;
}

/** `AdminNetworkPolicy/deny-all`, `CiliumNetworkPolicy.cilium.io shop/block` */
export function tierPolicyRef(p: Pick<TierPolicy, 'kind' | 'name'>): string {
  return `${p.kind}/${p.name}`;
}

export function unmodelledRef(u: UnmodelledPolicy): string {
  return `${u.kind}.${u.group} ${u.namespace !== undefined ? `${u.namespace}/` : ''}${u.name}`;
}
