// Nodes as endpoints: a node speaks with its InternalIP (from the Node object; without one, the
// address a hostNetwork pod or a pod's hostIP shows for that node). The engine knows node addresses
// (CompiledSnapshot.nodeByIp), so an IP endpoint with a node's address gets the node-local rule.
import type { CompiledSnapshot } from '../../engine/index.ts';

export interface NodeAddress {
  readonly name: string;
  readonly ip: string;
}

/** The node's address, or undefined when the input names no address for it. */
export function nodeAddress(c: CompiledSnapshot, name: string): string | undefined {
  const node = c.snapshot.nodes.find((n) => n.name === name);
  if (node && node.internalIPs.length > 0) return node.internalIPs[0];
  for (const [ip, nodeName] of c.nodeByIp) if (nodeName === name) return ip;
  return undefined;
}

/** Whether the input knows the node at all (a Node object, or a pod scheduled on it). */
export function nodeKnown(c: CompiledSnapshot, name: string): boolean {
  return c.snapshot.nodes.some((n) => n.name === name) || c.snapshot.pods.some((p) => p.nodeName === name);
}

/** Every node with an address, sorted by name. */
export function knownNodes(c: CompiledSnapshot): NodeAddress[] {
  const names = new Set<string>([...c.snapshot.nodes.map((n) => n.name), ...c.nodeByIp.values()]);
  const out: NodeAddress[] = [];
  for (const name of [...names].sort()) {
    const ip = nodeAddress(c, name);
    if (ip !== undefined) out.push({ name, ip });
  }
  return out;
}
