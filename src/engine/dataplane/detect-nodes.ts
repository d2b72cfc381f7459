// Node annotations that show the network plugin: flannel's backend type, Calico's tunnel addresses,
// k3s's node-args. The same annotation and value on many nodes is one evidence item.
import type { Node } from '../../model/types.ts';
import { k3sFlag, k3sNodeArgs } from './detect-parse.ts';
import { PRIORITY, offer, offerIfAbsent, signalOf, type Collected } from './detect-signals.ts';

export const FLANNEL_BACKEND_ANNOTATION = 'flannel.alpha.coreos.com/backend-type';
export const CALICO_IPIP_ANNOTATION = 'projectcalico.org/IPv4IPIPTunnelAddr';
export const CALICO_VXLAN_ANNOTATION = 'projectcalico.org/IPv4VXLANTunnelAddr';
export const K3S_ARGS_ANNOTATION = 'k3s.io/node-args';

interface Group {
  readonly annotation: string;
  readonly detail: string;
  readonly nodes: string[];
}

function k3sDetail(c: Collected, node: string, raw: string): string {
  const parsed = k3sNodeArgs(raw);
  if (!parsed.ok) {
    c.warnings.push(`node ${node}: ${K3S_ARGS_ANNOTATION} ${parsed.problem}; its flags are ignored`);
    return 'k3s (node-args unreadable)';
  }
  const args = parsed.value;
  const from = `node ${node} ${K3S_ARGS_ANNOTATION}`;
  const disabled = k3sFlag(args, 'disable-network-policy', true);
  const backend = k3sFlag(args, 'flannel-backend', false);
  offer(c, 'k3s', 'disable-network-policy', disabled, from, PRIORITY.annotation);
  offer(c, 'k3s', 'flannel-backend', backend, from, PRIORITY.annotation);
  const flags = [
    ...(disabled !== undefined ? [`--disable-network-policy=${disabled}`] : []),
    ...(backend !== undefined ? [`--flannel-backend=${backend}`] : []),
  ];
  return ['k3s', args[0] ?? '', ...flags].filter(Boolean).join(' ');
}

/** What one node's annotations show; returns (annotation, detail) pairs for grouping. */
function readNode(c: Collected, node: Node): [string, string][] {
  const a = node.annotations;
  const out: [string, string][] = [];
  const backend = a[FLANNEL_BACKEND_ANNOTATION];
  if (backend !== undefined) {
    signalOf(c, 'flannel', true);
    offer(c, 'flannel', 'backend', backend.trim().toLowerCase(), `node ${node.name} ${FLANNEL_BACKEND_ANNOTATION}`, PRIORITY.annotation);
    out.push([FLANNEL_BACKEND_ANNOTATION, `flannel backend ${backend}`]);
  }
  // A tunnel address means the IP pool encapsulates (Always or CrossSubnet: the env var says which).
  if (a[CALICO_IPIP_ANNOTATION] !== undefined) {
    offerIfAbsent(c, 'calico', 'encapsulation', 'ipip', `node ${node.name} ${CALICO_IPIP_ANNOTATION}`);
    out.push([CALICO_IPIP_ANNOTATION, 'Calico IP-in-IP tunnel address']);
  }
  if (a[CALICO_VXLAN_ANNOTATION] !== undefined) {
    offerIfAbsent(c, 'calico', 'encapsulation', 'vxlan', `node ${node.name} ${CALICO_VXLAN_ANNOTATION}`);
    out.push([CALICO_VXLAN_ANNOTATION, 'Calico VXLAN tunnel address']);
  }
  const k3s = a[K3S_ARGS_ANNOTATION];
  if (k3s !== undefined) {
    signalOf(c, 'k3s', true);
    out.push([K3S_ARGS_ANNOTATION, k3sDetail(c, node.name, k3s)]);
  }
  return out;
}

export function collectNodes(c: Collected, nodes: readonly Node[]): void {
  const groups = new Map<string, Group>();
  const sorted = [...nodes].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  for (const node of sorted) {
    for (const [annotation, detail] of readNode(c, node)) {
      const key = `${annotation}\n${detail}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { annotation, detail, nodes: [] }));
      g.nodes.push(node.name);
    }
  }
  for (const g of groups.values()) {
    const who = g.nodes.length === 1 ? g.nodes[0] : `${g.nodes[0]} (+${g.nodes.length - 1} more)`;
    c.evidence.push({ kind: 'NodeAnnotation', ref: `${who}: ${g.annotation}`, detail: g.detail });
  }
}
