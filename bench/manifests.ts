// A generated Snapshot written back as the Kubernetes objects it was read from (Namespaces, Nodes,
// Pods, NetworkPolicies), for benchmarks that start where a user does: a manifest file. Every field
// the decoder reads is written; policyTypes always explicitly (the same effective types).
import { policyManifest } from '../src/engine/fix/manifest.ts';
import type { NetworkPolicy, Node, Pod, Snapshot } from '../src/model/types.ts';

type Obj = Record<string, unknown>;

/** The NetworkPolicy as a manifest: the same writer `netreach fix` prints its candidates with. */
const policyObject = (p: NetworkPolicy): Obj => policyManifest(p);

function podObject(p: Pod): Obj {
  const ports = p.containerPorts.map((c) => ({
    ...(c.name ? { name: c.name } : {}),
    containerPort: c.containerPort,
    protocol: c.protocol,
  }));
  const metadata: Obj = { namespace: p.namespace, name: p.name, labels: { ...p.labels } };
  if (p.ownerReferences.length > 0)
    metadata.ownerReferences = p.ownerReferences.map((o) => ({
      apiVersion: 'apps/v1',
      kind: o.kind,
      name: o.name,
      controller: o.controller,
    }));
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
  const addresses = [
    ...n.internalIPs.map((address) => ({ type: 'InternalIP', address })),
    ...n.externalIPs.map((address) => ({ type: 'ExternalIP', address })),
  ];
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels: { ...n.labels },
      ...(Object.keys(n.annotations).length > 0 ? { annotations: { ...n.annotations } } : {}),
    },
    status: { addresses },
  };
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
