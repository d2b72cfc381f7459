// A normalised NetworkPolicy written back as the Kubernetes object (networking.k8s.io/v1), the way
// `kubectl apply -f -` reads it: policyTypes always explicit (the effective types, so the meaning is
// the one the snapshot had), `from`/`to` omitted for "all peers", `ports` omitted for "all ports",
// no namespaceSelector for "the policy's own namespace", `endPort` only for a range. Field names and
// shapes: the NetworkPolicy API reference (NetworkPolicySpec, NetworkPolicyPeer, NetworkPolicyPort).
// Pure: plain JSON values out; rendering YAML is the doors' job.
import type { LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule, PolicyType } from '../../model/types.ts';

/** The field a rule lists its peers in, per direction (NetworkPolicyIngressRule.from, EgressRule.to). */
export const PEER_FIELD: Readonly<Record<PolicyType, string>> = { Ingress: `from`, Egress: `to` };

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** One RFC 6902 operation, for `kubectl patch --type=json`. */
export interface JsonPatchOp {
  readonly op: 'add' | 'replace' | 'remove';
  readonly path: string;
  readonly value?: Json;
}

export function selectorManifest(s: LabelSelector): JsonObject {
  const out: JsonObject = {};
  if (Object.keys(s.matchLabels).length > 0)
    out.matchLabels = Object.fromEntries(
      Object.keys(s.matchLabels)
        .sort()
        .map((k) => [k, s.matchLabels[k]]),
    );
  if (s.matchExpressions.length > 0) {
    out.matchExpressions = s.matchExpressions.map((e): JsonObject =>
      e.values.length > 0 ? { key: e.key, operator: e.operator, values: [...e.values] } : { key: e.key, operator: e.operator },
    );
  }
  return out;
}

function peerManifest(p: PolicyPeer): JsonObject {
  if (p.kind === 'ipBlock') return { ipBlock: p.except.length > 0 ? { cidr: p.cidr, except: [...p.except] } : { cidr: p.cidr } };
  const out: JsonObject = {};
  if (p.namespaces.kind === 'selector') out.namespaceSelector = selectorManifest(p.namespaces.selector);
  out.podSelector = selectorManifest(p.pods);
  return out;
}

function portManifest(p: PolicyPort): JsonObject {
  switch (p.kind) {
    case 'all':
      return { protocol: p.protocol };
    case 'named':
      return { protocol: p.protocol, port: p.name };
    case 'range':
      return p.from === p.to ? { protocol: p.protocol, port: p.from } : { protocol: p.protocol, port: p.from, endPort: p.to };
    default: {
      const never: never = p;
      return never;
    }
  }
}

export function ruleManifest(rule: PolicyRule, direction: PolicyType): JsonObject {
  const out: JsonObject = {};
  if (rule.peers !== null) out[PEER_FIELD[direction]] = rule.peers.map(peerManifest);
  if (rule.ports !== null) out.ports = rule.ports.map(portManifest);
  return out;
}

export function policyManifest(p: NetworkPolicy): JsonObject {
  const spec: JsonObject = { podSelector: selectorManifest(p.podSelector), policyTypes: [...p.policyTypes] };
  if (p.policyTypes.includes('Ingress')) spec.ingress = p.ingress.map((r) => ruleManifest(r, 'Ingress'));
  if (p.policyTypes.includes('Egress')) spec.egress = p.egress.map((r) => ruleManifest(r, 'Egress'));
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: p.name, namespace: p.namespace }, spec };
}

/** The patch that appends `rule` to the policy's rules of `direction` (creating the list when the
 * policy has none: `add` on an existing member replaces it, RFC 6902 §4.1, and an empty list holds
 * nothing to keep). */
export function appendRulePatch(p: NetworkPolicy, direction: PolicyType, rule: PolicyRule): JsonPatchOp[] {
  const field = direction === 'Ingress' ? 'ingress' : 'egress';
  const value = ruleManifest(rule, direction);
  return (direction === 'Ingress' ? p.ingress : p.egress).length > 0
    ? [{ op: 'add', path: `/spec/${field}/-`, value }]
    : [{ op: 'add', path: `/spec/${field}`, value: [value] }];
}

/** The patch that replaces the policy's rules of `direction` as a whole. */
export function replaceRulesPatch(p: NetworkPolicy, direction: PolicyType): JsonPatchOp[] {
  const field = direction === 'Ingress' ? 'ingress' : 'egress';
  return [
    { op: 'add', path: `/spec/${field}`, value: (direction === 'Ingress' ? p.ingress : p.egress).map((r) => ruleManifest(r, direction)) },
  ];
}
