// Clients outside the cluster → a Service, the way kube-proxy forwards them:
// 1. The entry: a LoadBalancer's address, an externalIP (both on the Service port), or a node port
//    (--port may name the Service port or the nodePort). A ClusterIP Service without externalIPs
//    cannot be reached from outside.
// 2. loadBalancerSourceRanges drop clients outside them at the load balancer, before any policy.
// 3. externalTrafficPolicy Cluster: the receiving node SNATs the client to its own address, so every
//    node × backend pair is a path evaluated from that node's address (node-local from the backend's
//    own node). Local: the client address is kept; only nodes running a backend answer, and each
//    backend is evaluated from the client's address.
import { containsAddress, parseAddress, parseCidr } from '../../engine/addresses.ts';
import type { CompiledSnapshot } from '../../engine/index.ts';
import type { Protocol, Service, ServicePort } from '../../model/types.ts';
import { blockedPath, guardSize } from './compose.ts';
import type { Member } from './members.ts';
import { knownNodes } from './node.ts';
import { pathNote } from './notes.ts';
import type { PathSet } from './cidr-merge.ts';
import { type ServiceRoute, backendPath, routeService } from './service-paths.ts';
import type { PathNote, PathVerdict } from './types.ts';

type Entry = 'load-balancer' | 'external-ip' | 'node-port';
type Forward = Extract<ServiceRoute, { kind: 'forward' }>;

function entryOf(svc: Service, by: 'port' | 'nodePort'): Entry {
  if (by === 'nodePort') return 'node-port';
  if (svc.type === 'LoadBalancer') return 'load-balancer';
  if (svc.externalIPs.length > 0) return 'external-ip';
  return 'node-port';
}

function entryText(svc: Service, sp: ServicePort, entry: Entry): string {
  switch (entry) {
    case 'load-balancer':
      return `load balancer ${svc.loadBalancerIPs[0] ?? `of ${svc.namespace}/${svc.name}`}:${sp.port} → `;
    case 'external-ip':
      return `external IP ${svc.externalIPs[0]}:${sp.port} → `;
    case 'node-port':
      return `node port ${sp.nodePort ?? '(none allocated)'} → `;
    default: {
      const never: never = entry;
      return String(never);
    }
  }
}

function inRanges(address: string | undefined, ranges: readonly string[]): boolean {
  const a = address !== undefined ? parseAddress(address) : null;
  if (a === null) return false;
  return ranges.some((r) => {
    const range = parseCidr(r);
    return range !== null && containsAddress(range, a);
  });
}

/** Cluster: the client is SNATed to the receiving node's address; every node × backend. */
function snatPaths(
  c: CompiledSnapshot,
  route: Forward,
  clients: readonly Member[],
  toSpelling: string,
  port: number,
  protocol: Protocol,
  prefix: string,
): PathSet {
  const nodes = knownNodes(c);
  if (nodes.length === 0) {
    return {
      paths: clients.map((m) => blockedPath(m.name, toSpelling, port, pathNote('no-node-known').message)),
      notes: [pathNote('no-node-known')],
    };
  }
  guardSize(nodes.length * route.backends.length, `→ ${toSpelling}`);
  const paths: PathVerdict[] = [];
  for (const node of nodes) {
    for (const b of route.backends) {
      const from = `node:${node.name} (${node.ip})`;
      const via = `${prefix}SNAT to ${node.ip} → `;
      paths.push(backendPath(c, route, from, { kind: 'ip', ip: node.ip }, b, port, protocol, via).path);
    }
  }
  const note = pathNote(
    'snat-to-node',
    `the backends see ${nodes.map((n) => `${n.ip} (${n.name})`).join(', ')}, never the client's address`,
  );
  return { paths, notes: [note] };
}

/** Local: the client's address is kept; only nodes with a backend answer. */
function localPaths(
  c: CompiledSnapshot,
  route: Forward,
  clients: readonly Member[],
  port: number,
  protocol: Protocol,
  prefix: string,
): PathSet {
  guardSize(clients.length * route.backends.length, 'the query');
  const paths: PathVerdict[] = [];
  for (const client of clients) {
    for (const b of route.backends) {
      const via = `${prefix}node ${b.nodeName ?? '(unscheduled)'} keeps the client address → `;
      paths.push(backendPath(c, route, client.name, client.query, b, port, protocol, via).path);
    }
  }
  const answering = [...new Set(route.backends.map((b) => b.nodeName).filter((n) => n !== undefined))].sort();
  const note = pathNote(
    'client-ip-preserved',
    answering.length > 0 ? `nodes answering: ${answering.join(', ')}` : 'no backend is scheduled on a known node',
  );
  return { paths, notes: [note] };
}

export function externalServicePaths(
  c: CompiledSnapshot,
  svc: Service,
  toSpelling: string,
  clients: readonly Member[],
  port: number,
  protocol: Protocol,
): PathSet {
  const blocked = (reason: string): PathVerdict[] => clients.map((m) => blockedPath(m.name, toSpelling, port, reason));
  if (svc.type === 'ClusterIP' && svc.externalIPs.length === 0) {
    const note = pathNote('not-exposed-outside', `${svc.namespace}/${svc.name}`);
    return { paths: blocked(note.message), notes: [note] };
  }
  const route = routeService(c, svc, port, protocol, svc.type !== 'ClusterIP');
  if (route.kind === 'headless') {
    const note = pathNote('not-exposed-outside', `${svc.namespace}/${svc.name} is headless`);
    return { paths: blocked(note.message), notes: [note] };
  }
  if (route.kind === 'blocked') return { paths: blocked(route.note.message), notes: [route.note] };
  const entry = entryOf(svc, route.by);
  const prefix = entryText(svc, route.sp, entry);
  const notes: PathNote[] = [pathNote('service-backends')];
  if (entry === 'node-port')
    notes.push(
      pathNote(
        'node-port-entry',
        `nodePort ${route.sp.nodePort ?? '(none allocated)'} for Service port ${route.sp.port}/${route.sp.protocol}`,
      ),
    );
  const ranges = svc.type === 'LoadBalancer' ? svc.loadBalancerSourceRanges : [];
  const filtered = entry === 'load-balancer' && ranges.length > 0;
  if (ranges.length > 0)
    notes.push(filtered ? pathNote('source-ranges', ranges.join(', ')) : pathNote('node-port-skips-source-ranges', ranges.join(', ')));
  const paths: PathVerdict[] = [];
  const admitted: Member[] = [];
  for (const client of clients) {
    if (!filtered || inRanges(client.address, ranges)) admitted.push(client);
    else
      paths.push(
        blockedPath(
          client.name,
          toSpelling,
          port,
          `the client is outside loadBalancerSourceRanges ${ranges.join(', ')}: the load balancer drops it before any NetworkPolicy`,
          prefix.replace(/ → $/u, ''),
        ),
      );
  }
  if (admitted.length > 0) {
    const set =
      svc.externalTrafficPolicy === 'Local'
        ? localPaths(c, route, admitted, port, protocol, prefix)
        : snatPaths(c, route, admitted, toSpelling, port, protocol, prefix);
    paths.push(...set.paths);
    notes.push(...set.notes);
  }
  return { paths, notes };
}
