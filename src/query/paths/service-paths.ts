// In-cluster sources → a Service: ClusterIP and port → the ServicePort → each backend on its
// targetPort (numeric, or a name resolved per backend pod). Each backend gets its own verdict.
// A Service that cannot forward (ExternalName, no backend, a port it does not expose) is an answer:
// one denied path with the reason, never an error.
import { check } from '../../engine/index.ts';
import { withEgressBeforeDnat } from '../../engine/service-egress.ts';
import {
  type ServiceBackend,
  type TargetPort,
  backendQuery,
  findServicePort,
  isHeadless,
  resolveTargetPort,
  serviceBackends,
  viaText,
} from '../../engine/services.ts';
import type { CompiledSnapshot } from '../../engine/index.ts';
import type { Protocol, Service, ServicePort } from '../../model/types.ts';
import { blockedPath, guardSize, verdictPath } from './compose.ts';
import type { PathSet } from './cidr-merge.ts';
import type { Member } from './members.ts';
import { pathNote } from './notes.ts';
import type { PathNote, PathVerdict } from './types.ts';

export type ServiceRoute =
  | {
      readonly kind: 'forward';
      readonly svc: Service;
      readonly sp: ServicePort;
      readonly by: 'port' | 'nodePort';
      readonly backends: readonly ServiceBackend[];
    }
  | { readonly kind: 'headless'; readonly svc: Service; readonly backends: readonly ServiceBackend[] }
  | { readonly kind: 'blocked'; readonly note: PathNote };

function portsText(svc: Service, nodePorts: boolean): string {
  const list = svc.ports.map((p) => `${p.port}/${p.protocol}${nodePorts && p.nodePort !== undefined ? ` (nodePort ${p.nodePort})` : ''}`);
  return list.length > 0 ? `${svc.namespace}/${svc.name} exposes ${list.join(', ')}` : `${svc.namespace}/${svc.name} exposes no port`;
}

function noBackend(c: CompiledSnapshot, svc: Service): PathNote | null {
  const set = serviceBackends(c, svc);
  if (set.backends.length > 0) return null;
  return set.source === 'none'
    ? pathNote('service-no-selector', `${svc.namespace}/${svc.name}`)
    : pathNote('service-no-backend', `${svc.namespace}/${svc.name} (backends from its ${set.source})`);
}

/** Where a client dialling `port` on the Service ends up; `nodePorts` for clients outside. */
export function routeService(c: CompiledSnapshot, svc: Service, port: number, protocol: Protocol, nodePorts: boolean): ServiceRoute {
  if (svc.type === 'ExternalName') return { kind: 'blocked', note: pathNote('service-external-name', `${svc.namespace}/${svc.name}`) };
  const empty = noBackend(c, svc);
  if (isHeadless(svc))
    return empty ? { kind: 'blocked', note: empty } : { kind: 'headless', svc, backends: serviceBackends(c, svc).backends };
  const lookup = findServicePort(svc, port, protocol, nodePorts);
  if (lookup.kind === 'not-exposed')
    return { kind: 'blocked', note: pathNote('service-port-not-exposed', `${port}/${protocol}; ${portsText(svc, nodePorts)}`) };
  if (lookup.kind === 'protocol-mismatch')
    return { kind: 'blocked', note: pathNote('service-protocol-mismatch', `${port}/${protocol}; ${portsText(svc, nodePorts)}`) };
  if (empty) return { kind: 'blocked', note: empty };
  return { kind: 'forward', svc, sp: lookup.port, by: lookup.by, backends: serviceBackends(c, svc).backends };
}

/** The port a backend receives on: the targetPort, or the port itself through a headless Service. */
export function backendTarget(
  c: CompiledSnapshot,
  route: Exclude<ServiceRoute, { kind: 'blocked' }>,
  b: ServiceBackend,
  port: number,
): { target: TargetPort; via: string } {
  if (route.kind === 'headless') {
    return { target: { kind: 'port', port }, via: `headless service ${route.svc.namespace}/${route.svc.name} → pod port ${port}` };
  }
  const target = resolveTargetPort(c, route.sp, b);
  return { target, via: viaText(route.svc, route.sp, target) };
}

/** One path from `from` (named `fromName`, evaluated as `source`) to a backend. */
export function backendPath(
  c: CompiledSnapshot,
  route: Exclude<ServiceRoute, { kind: 'blocked' }>,
  fromName: string,
  source: Member['query'],
  b: ServiceBackend,
  port: number,
  protocol: Protocol,
  viaPrefix = '',
): { path: PathVerdict; unresolved: boolean } {
  const { target, via } = backendTarget(c, route, b, port);
  if (target.kind === 'unresolved') {
    const reason = `targetPort ${target.name} is not a ${protocol} container port of ${b.name}`;
    return { path: blockedPath(fromName, b.name, port, reason, viaPrefix + via), unresolved: true };
  }
  const dst = backendQuery(b, c);
  let v = check(c, source, dst, target.port, protocol);
  // Through the ClusterIP, a plugin may check egress before DNAT (on the ClusterIP and Service port).
  if (route.kind === 'forward' && route.by === 'port') v = withEgressBeforeDnat(c, v, source, dst, route.svc.clusterIP, route.sp.port);
  return { path: verdictPath(fromName, b.name, v, viaPrefix + via), unresolved: false };
}

/** Sources inside the cluster (pods, nodes) reaching the Service through its ClusterIP. */
export function servicePaths(
  c: CompiledSnapshot,
  svc: Service,
  fromSpelling: string,
  toSpelling: string,
  sources: readonly Member[],
  port: number,
  protocol: Protocol,
): PathSet {
  const route = routeService(c, svc, port, protocol, false);
  if (route.kind === 'blocked') {
    return { paths: [blockedPath(fromSpelling, toSpelling, port, route.note.message)], notes: [route.note] };
  }
  const notes: PathNote[] = [route.kind === 'headless' ? pathNote('service-headless') : pathNote('service-backends')];
  guardSize(sources.length * route.backends.length, `${fromSpelling} → ${toSpelling}`);
  const paths: PathVerdict[] = [];
  for (const src of sources) {
    for (const b of route.backends) {
      const { path, unresolved } = backendPath(c, route, src.name, src.query, b, port, protocol);
      if (unresolved) notes.push(pathNote('service-target-unresolved'));
      paths.push(path);
    }
  }
  return { paths, notes };
}
