// The parts every policy kind shares (NetworkPolicy in types.ts, the tier policies in tier-policy.ts):
// protocols, labels, label selectors and policy ports.

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export type Labels = Readonly<Record<string, string>>;

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface SelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  /** Non-empty for In/NotIn, empty for Exists/DoesNotExist. */
  readonly values: readonly string[];
}

/** A metav1.LabelSelector. Both parts empty = matches everything in scope. */
export interface LabelSelector {
  readonly matchLabels: Labels;
  readonly matchExpressions: readonly SelectorRequirement[];
}

export type PolicyPort =
  /** port omitted: every port of the protocol. */
  | { readonly kind: 'all'; readonly protocol: Protocol }
  /** port (and endPort) given: inclusive range; from == to for a single port. */
  | { readonly kind: 'range'; readonly protocol: Protocol; readonly from: number; readonly to: number }
  /** port given by name: resolved against the destination pod's container ports. */
  | { readonly kind: 'named'; readonly protocol: Protocol; readonly name: string };
