// Resolving a query's endpoint against the compiled snapshot, and the pod-level overrides that hold
// whatever the policies say (decided here, reported in every answer): a pod reaching itself, and
// traffic between a node (or a hostNetwork pod, which speaks with the node's IP) and the pods on it.
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
  return { kind: 'address', ip: q.ip, address, peer: { regions: matchable ? [regionOf(c.regions, address)] : [] }, node };
}

function nodeOf(r: Resolved): string | undefined {
  return r.kind === 'endpoint' ? r.info.pod.nodeName : r.node;
}

function speaksAsNode(r: Resolved): boolean {
  return r.kind === 'endpoint' ? r.info.pod.hostNetwork : r.node !== undefined;
}

/** An override that allows the connection whatever the policies say, or null. */
export function overrideFor(from: Resolved, to: Resolved): NoteCode | null {
  if (from.kind === 'endpoint' && to.kind === 'endpoint' && from.id === to.id) return 'self-traffic';
  const node = nodeOf(from);
  if (node !== undefined && node === nodeOf(to) && (speaksAsNode(from) || speaksAsNode(to))) return 'node-local';
  return null;
}

/** Pod-level override between two endpoints, by id (the matrices' inner loop). */
export function endpointOverride(c: CompiledSnapshot, a: number, b: number): boolean {
  if (a === b) return true;
  const pa = c.endpoints[a].pod;
  const pb = c.endpoints[b].pod;
  return pa.nodeName !== undefined && pa.nodeName === pb.nodeName && (pa.hostNetwork || pb.hostNetwork);
}

export function describe(r: Resolved): EndpointDescription {
  if (r.kind === 'endpoint') return { kind: 'pod', name: r.info.key, ips: r.info.pod.ips };
  return { kind: 'ip', name: r.ip, ips: [r.ip] };
}

/** Ordered endpoint pairs (a ≠ b) allowed whatever the policies say: a hostNetwork pod and the
 * pods on its node, both ways. */
export function nodeLocalPairs(c: CompiledSnapshot): [number, number][] {
  const byNode = new Map<string, number[]>();
  c.endpoints.forEach((e, i) => {
    if (e.pod.nodeName === undefined) return;
    const list = byNode.get(e.pod.nodeName);
    if (list) list.push(i);
    else byNode.set(e.pod.nodeName, [i]);
  });
  const seen = new Set<number>();
  const out: [number, number][] = [];
  const n = c.endpoints.length;
  const add = (a: number, b: number) => {
    if (a === b || seen.has(a * n + b)) return;
    seen.add(a * n + b);
    out.push([a, b]);
  };
  for (const members of byNode.values()) {
    for (const h of members) {
      if (!c.endpoints[h].pod.hostNetwork) continue;
      for (const j of members) {
        add(h, j);
        add(j, h);
      }
    }
  }
  return out;
}
