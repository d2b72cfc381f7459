// cilium.io/v2 CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy, normalised once by
// model/decode/cilium-policy.ts: one CiliumPolicy per rule (`spec`, or each of `specs`), selectors
// with the namespace the agent injects (pkg/k8s/apis/cilium.io/utils/utils.go ParseToCiliumRule,
// getEndpointSelector) and their keys in Cilium's label model (model `k8s:app` and `any:app` both as
// `app`; `reserved:host` kept), default-deny per direction filled in as the agent's Rule.Sanitize does
// (pkg/policy/api/rule_validation.go), ports with protocol ANY expanded to TCP, UDP and SCTP.
import type { LabelSelector, PolicyPort } from './policy-parts.ts';

export type CiliumPolicyKind = 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy';

/** pkg/policy/api/entity.go EntitySelectorMapping (and kube-apiserver, ingress, world-ipv4/6 of later releases). */
export const CILIUM_ENTITIES = [
  'all',
  'world',
  'world-ipv4',
  'world-ipv6',
  'cluster',
  'host',
  'init',
  'remote-node',
  'health',
  'unmanaged',
  'none',
  'kube-apiserver',
  'ingress',
] as const;
export type CiliumEntity = (typeof CILIUM_ENTITIES)[number];

export type CiliumPeer =
  /** from/toEndpoints: an identity selector (namespace already injected for a CNP). */
  | { readonly kind: 'endpoints'; readonly selector: LabelSelector }
  | { readonly kind: 'entity'; readonly entity: CiliumEntity }
  /** from/toCIDR, from/toCIDRSet: matches only addresses outside the cluster (never an endpoint). */
  | { readonly kind: 'cidr'; readonly cidr: string; readonly except: readonly string[] }
  /** toServices: a Service by name (`k8sService`) or by its labels (`k8sServiceSelector`); namespace
   * absent: any namespace (pkg/k8s/rule_translate.go serviceMatches). Only Services without a selector
   * count, through their endpoints' addresses as CIDR rules (engine/cilium/services.ts). */
  | {
      readonly kind: 'service';
      readonly name?: string;
      readonly selector?: LabelSelector;
      readonly namespace?: string;
    }
  /** Peers whose addresses are not in the snapshot (toFQDNs, to/fromGroups, a CiliumCIDRGroup): never
   * a pod; an outside address may or may not be one of them (→ unknown). */
  | { readonly kind: 'outside-unknown'; readonly what: string };

export interface CiliumRule {
  /** Index in its section (ingress, ingressDeny, egress, egressDeny). */
  readonly index: number;
  /** null: no L3 part given — with ports (or icmps) the rule applies to every peer, without it admits nothing. */
  readonly peers: readonly CiliumPeer[] | null;
  /** null: every port of every protocol (no toPorts). Empty: none (an `icmps`-only rule, which never
   * admits TCP, UDP or SCTP). */
  readonly ports: readonly PolicyPort[] | null;
  /** Whether toPorts or icmps were given (an L4 part: an empty L3 part then means every peer). */
  readonly hasL4: boolean;
  /** The L7 protocols of its toPorts rules (`http`, `kafka`, `dns`, `l7proto`): decided per request. */
  readonly l7: readonly string[];
}

export interface CiliumPolicy {
  readonly kind: CiliumPolicyKind;
  /** Absent for a CiliumClusterwideNetworkPolicy. */
  readonly namespace?: string;
  readonly name: string;
  /** `spec` or `specs[i]`: where the rule is in the object. */
  readonly path: string;
  /** The endpoint selector as the agent evaluates it (CNP: the namespace label injected). */
  readonly subject: LabelSelector;
  readonly ingress: readonly CiliumRule[];
  readonly ingressDeny: readonly CiliumRule[];
  readonly egress: readonly CiliumRule[];
  readonly egressDeny: readonly CiliumRule[];
  /** enableDefaultDeny, defaulted: true iff the direction has a rule (allow or deny). */
  readonly defaultDeny: { readonly ingress: boolean; readonly egress: boolean };
}

/** `CiliumNetworkPolicy shop/api` (`… specs[1]` for the second of several rules). */
export function ciliumPolicyName(p: Pick<CiliumPolicy, 'namespace' | 'name' | 'path'>): string {
  const base = p.namespace !== undefined ? `${p.namespace}/${p.name}` : p.name;
  return p.path === 'spec' ? base : `${base} ${p.path}`;
}

/** Identity labels Cilium derives from Kubernetes (pkg/k8s/apis/cilium.io/const.go). */
export const CILIUM_LABELS = {
  podNamespace: 'io.kubernetes.pod.namespace',
  namespaceLabels: 'io.cilium.k8s.namespace.labels.',
  serviceAccount: 'io.cilium.k8s.policy.serviceaccount',
  cluster: 'io.cilium.k8s.policy.cluster',
} as const;
