// Resolving a query's endpoint against the compiled snapshot, and the pod-level rules the class matrix
// does not hold (decided here, reported in every answer): a pod reaching itself, and traffic between a
// node (or a hostNetwork pod, which speaks with the node's IP) and the pods on it, by direction.
import type { Address } from './addresses.ts';
import { addressText, parseAddress } from './addresses.ts';
import type { CompiledSnapshot, EndpointInfo } from './compiled.ts';
import { EngineError } from './errors.ts';
import type { Peer } from './pair.ts';
import { regionOf } from './regions.ts';
import type { EndpointDescription, EndpointQuery, NoteCode } from './verdict.ts';

export type Resolved =
  | { readonly kind: 'endpoint'; readonly id: number; readonly info: EndpointInfo; readonly peer: number; readonly viaIp?: string }
  | { readonly kind: 'address'; readonly ip: string; readonly address: Address; readonly peer: Peer; readonly node?: string };

export function resolveEndpoint(c: CompiledSnapshot, q: EndpointQuery): Resolved {
  if (q.kind === 'endpoint') {
    const id = c.endpointIndex.get(q.key);
    if (id === undefined) throw new EngineError('unknown-endpoint', `no pod ${q.key} in the snapshot`);
    const info = c.endpoints[id];
    return { kind: 'endpoint', id, info, peer: info.classId };
  }
  const address = parseAddress(q.ip);
  if (!address) throw new EngineError('invalid-address', `${q.ip} is not an IP address`);
  const canonical = addressText(address);
  const id = c.endpointByIp.get(canonical);
  if (id !== undefined) {
    const info = c.endpoints[id];
    return { kind: 'endpoint', id, info, peer: info.classId, viaIp: q.ip };
  }
  const node = c.nodeByIp.get(canonical);
  // A plugin whose ipBlocks ignore cluster addresses (Cilium) does not match a node IP with one either.
  const matchable = node === undefined || c.dataplane.profile.ipBlockScope !== 'external';
  const region = regionOf(c.regions, address);
  const peer = matchable ? { regions: [region] } : { regions: [], nodeRegions: [region] };
  return { kind: 'address', ip: q.ip, address, peer, node };
}

function nodeOf(r: Resolved): string | undefined {
  return r.kind === 'endpoint' ? r.info.pod.nodeName : r.node;
}

function speaksAsNode(r: Resolved): boolean {
  return r.kind === 'endpoint' ? r.info.pod.hostNetwork : r.node !== undefined;
}

/** A pod NetworkPolicy can select (not hostNetwork). */
function selectablePod(r: Resolved): boolean {
  return r.kind === 'endpoint' && !r.info.pod.hostNetwork;
}

/**
 * Traffic between a pod and its own node, by direction (NODE_LOCAL_SOURCE, dataplane/profiles/common.ts):
 * - `from-node`: the node (its address, or a hostNetwork pod on it) opens the connection to a pod on it.
 *   The API exempts it from the pod's ingress isolation ("the only allowed connections into the pod are
 *   those from the pod's node and those allowed by the ingress list"); nothing polices the node's egress.
 * - `to-node`: the pod opens the connection to its own node. No exemption: the pod's egress policy
 *   decides, then the plugin's rule for a pod's traffic to its host (Profile.podToOwnNode).
 */
export type NodeLocal = 'from-node' | 'to-node' | null;

export function nodeLocalOf(from: Resolved, to: Resolved): NodeLocal {
  const node = nodeOf(from);
  if (node === undefined || node !== nodeOf(to)) return null;
  if (selectablePod(to) && speaksAsNode(from)) return 'from-node';
  if (selectablePod(from) && speaksAsNode(to)) return 'to-node';
  return null;
}

/** An override that allows the connection whatever the policies say, or null. */
export function overrideFor(from: Resolved, to: Resolved): NoteCode | null {
  if (from.kind === 'endpoint' && to.kind === 'endpoint' && from.id === to.id) return 'self-traffic';
  return nodeLocalOf(from, to) === 'from-node' ? 'node-local' : null;
}

/** Whether the pair of endpoints (by id) is decided beyond the class matrix in either direction:
 * self, or a pod and a hostNetwork pod on its node (the matrices' and impact's exact recompute). */
export function endpointOverride(c: CompiledSnapshot, a: number, b: number): boolean {
  if (a === b) return true;
  const pa = c.endpoints[a].pod;
  const pb = c.endpoints[b].pod;
  return pa.nodeName !== undefined && pa.nodeName === pb.nodeName && pa.hostNetwork !== pb.hostNetwork;
}

export function describe(r: Resolved): EndpointDescription {
  if (r.kind === 'endpoint') return { kind: 'pod', name: r.info.key, ips: r.info.pod.ips };
  return { kind: 'ip', name: r.ip, ips: [r.ip] };
}

/** What a node-local pair gets over the class matrix: `allow` every port (ingress from the node),
 * `deny` (the plugin drops a pod's traffic to its host), `unknown` (the plugin's rule is not known). */
export type NodeLocalEffect = 'allow' | 'deny' | 'unknown';

export interface NodeLocalPair {
  readonly from: number;
  readonly to: number;
  readonly effect: NodeLocalEffect;
}

/** Ordered endpoint pairs the class matrix does not decide: a hostNetwork pod to each pod on its node
 * (`allow`: the API's ingress exemption), and, where the plugin adds a rule for a pod's traffic to its
 * own host (Profile.podToOwnNode), each pod to the hostNetwork pods on its node (`deny` / `unknown`,
 * applied only where the policies admit the connection). */
export function nodeLocalPairs(c: CompiledSnapshot): NodeLocalPair[] {
  const byNode = new Map<string, number[]>();
  c.endpoints.forEach((e, i) => {
    if (e.pod.nodeName === undefined) return;
    const list = byNode.get(e.pod.nodeName);
    if (list) list.push(i);
    else byNode.set(e.pod.nodeName, [i]);
  });
  const action = c.dataplane.profile.podToOwnNode.action;
  const toHost: NodeLocalEffect | null = action === 'drop' ? 'deny' : action === 'unknown' ? 'unknown' : null;
  const out: NodeLocalPair[] = [];
  for (const members of byNode.values()) {
    for (const h of members) {
      if (!c.endpoints[h].pod.hostNetwork) continue;
      for (const j of members) {
        if (c.endpoints[j].pod.hostNetwork) continue;
        out.push({ from: h, to: j, effect: 'allow' });
        if (toHost) out.push({ from: j, to: h, effect: toHost });
      }
    }
  }
  return out;
}
