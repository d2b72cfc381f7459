// A generated Snapshot written back as the Kubernetes objects it was read from (Namespaces, Nodes,
// Pods, NetworkPolicies), for benchmarks that start where a user does: a manifest file. Every field
// the decoder reads is written; policyTypes always explicitly (the same effective types).
import type { LabelSelector, NetworkPolicy, Node, Pod, PolicyPeer, PolicyPort, PolicyRule, Snapshot } from '../src/model/types.ts';

type Obj = Record<string, unknown>;

function selector(s: LabelSelector): Obj {
  const out: Obj = {};
  if (Object.keys(s.matchLabels).length > 0) out.matchLabels = { ...s.matchLabels };
  if (s.matchExpressions.length > 0) out.matchExpressions = s.matchExpressions.map((e) => (e.values.length > 0 ? { key: e.key, operator: e.operator, values: [...e.values] } : { key: e.key, operator: e.operator }));
  return out;
}

function peer(p: PolicyPeer): Obj {
  if (p.kind === 'ipBlock') return { ipBlock: p.except.length > 0 ? { cidr: p.cidr, except: [...p.except] } : { cidr: p.cidr } };
  const out: Obj = { podSelector: selector(p.pods) };
  if (p.namespaces.kind === 'selector') out.namespaceSelector = selector(p.namespaces.selector);
  return out;
}

function port(p: PolicyPort): Obj {
  switch (p.kind) {
    case 'all':
      return { protocol: p.protocol };
    case 'named':
      return { protocol: p.protocol, port: p.name };
    case 'range':
      return p.to === p.from ? { protocol: p.protocol, port: p.from } : { protocol: p.protocol, port: p.from, endPort: p.to };
  }
}

function rule(r: PolicyRule, peersField: 'from' | 'to'): Obj {
  const out: Obj = {};
  if (r.peers !== null) out[peersField] = r.peers.map(peer);
  if (r.ports !== null) out.ports = r.ports.map(port);
  return out;
}

function policyObject(p: NetworkPolicy): Obj {
  const spec: Obj = { podSelector: selector(p.podSelector), policyTypes: [...p.policyTypes] };
  if (p.ingress.length > 0) spec.ingress = p.ingress.map((r) => rule(r, 'from'));
  if (p.egress.length > 0) spec.egress = p.egress.map((r) => rule(r, 'to'));
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace: p.namespace, name: p.name }, spec };
}

function podObject(p: Pod): Obj {
  const ports = p.containerPorts.map((c) => ({ ...(c.name ? { name: c.name } : {}), containerPort: c.containerPort, protocol: c.protocol }));
  const metadata: Obj = { namespace: p.namespace, name: p.name, labels: { ...p.labels } };
  if (p.ownerReferences.length > 0) metadata.ownerReferences = p.ownerReferences.map((o) => ({ apiVersion: 'apps/v1', kind: o.kind, name: o.name, controller: o.controller }));
  const spec: Obj = { containers: [{ name: 'main', image: 'registry.example/app:1', ...(ports.length > 0 ? { ports } : {}) }] };
  if (p.nodeName) spec.nodeName = p.nodeName;
  if (p.hostNetwork) spec.hostNetwork = true;
  const status: Obj = { phase: p.phase ?? 'Running' };
  if (p.hostIP) status.hostIP = p.hostIP;
  if (p.ips.length > 0) {
    status.podIP = p.ips[0];
    status.podIPs = p.ips.map((ip) => ({ ip }));
  }
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec, status };
}

function nodeObject(n: Node): Obj {
  const addresses = [...n.internalIPs.map((address) => ({ type: 'InternalIP', address })), ...n.externalIPs.map((address) => ({ type: 'ExternalIP', address }))];
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: n.name, labels: { ...n.labels }, ...(Object.keys(n.annotations).length > 0 ? { annotations: { ...n.annotations } } : {}) }, status: { addresses } };
}

/** The snapshot's namespaces, nodes, pods and policies as raw objects, in that order. */
export function manifestObjects(s: Snapshot): Obj[] {
  return [
    ...s.namespaces.map((ns) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns.name, labels: { ...ns.labels } } })),
    ...s.nodes.map(nodeObject),
    ...s.pods.map(podObject),
    ...s.policies.map(policyObject),
  ];
}

export { policyObject };
