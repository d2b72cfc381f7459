// Services as kube-proxy sees them: which endpoints back a Service, which ServicePort a client's port
// names, and which container port each backend receives the traffic on. Pure semantics, shared by the
// query layer (paths through a Service) and lint (cluster DNS reachability).
// - Backends come from the EndpointSlices labelled kubernetes.io/service-name=<name> when any exists
//   (ready or readiness unknown, as kube-proxy does), else from the selector over the namespace's
//   endpoints (pods and workload templates). A selector-less Service without slices has none.
// - targetPort is a number, or a container port name resolved on each backend pod (name and
//   protocol), so one Service port may land on different container ports.
import type { EndpointSlicePort, Protocol, Service, ServicePort } from '../model/types.ts';
import { canonicalAddress } from './addresses.ts';
import type { CompiledSnapshot } from './compiled.ts';
import type { EndpointQuery } from './verdict.ts';

export interface ServiceBackend {
  /** `ns/name` of the endpoint, or the address of a backend that is not a known pod. */
  readonly name: string;
  /** Endpoint id when the backend is a known endpoint. */
  readonly endpoint?: number;
  /** The address of a backend that is not a known pod (hand-made EndpointSlice). */
  readonly ip?: string;
  readonly nodeName?: string;
  /** The ports its EndpointSlice announces (the resolved target ports). */
  readonly slicePorts: readonly EndpointSlicePort[];
}

export type BackendSource = 'endpointslices' | 'selector' | 'none';

export interface BackendSet {
  readonly source: BackendSource;
  /** Sorted by name, no duplicates. */
  readonly backends: readonly ServiceBackend[];
}

export function findService(c: CompiledSnapshot, namespace: string, name: string): Service | undefined {
  return c.snapshot.services.find((s) => s.namespace === namespace && s.name === name);
}

export function isHeadless(svc: Service): boolean {
  return svc.clusterIP === 'None';
}

export function backendQuery(b: ServiceBackend, c: CompiledSnapshot): EndpointQuery {
  return b.endpoint !== undefined ? { kind: 'endpoint', key: c.endpoints[b.endpoint].key } : { kind: 'ip', ip: b.ip! };
}

function fromSlices(c: CompiledSnapshot, svc: Service): ServiceBackend[] | null {
  const slices = c.snapshot.endpointSlices.filter((s) => s.namespace === svc.namespace && s.serviceName === svc.name);
  if (slices.length === 0) return null;
  const out: ServiceBackend[] = [];
  for (const slice of slices) {
    if (slice.addressType === 'FQDN') continue;
    for (const ep of slice.endpoints) {
      if (ep.ready === false) continue;
      const byRef =
        ep.targetRef?.kind === 'Pod' ? c.endpointIndex.get(`${ep.targetRef.namespace ?? svc.namespace}/${ep.targetRef.name}`) : undefined;
      const ip = ep.addresses[0];
      const canonical = ip !== undefined ? canonicalAddress(ip) : null;
      const id = byRef ?? (canonical !== null ? c.endpointByIp.get(canonical) : undefined);
      const nodeName = ep.nodeName ?? (id !== undefined ? c.endpoints[id].pod.nodeName : undefined);
      const node = nodeName !== undefined ? { nodeName } : {};
      if (id !== undefined) out.push({ name: c.endpoints[id].key, endpoint: id, ...node, slicePorts: slice.ports });
      else if (ip !== undefined) out.push({ name: ip, ip, ...node, slicePorts: slice.ports });
    }
  }
  return out;
}

function fromSelector(c: CompiledSnapshot, svc: Service): ServiceBackend[] {
  const selector = svc.selector;
  if (selector === null) return [];
  const out: ServiceBackend[] = [];
  c.endpoints.forEach((e, id) => {
    if (e.pod.namespace !== svc.namespace) return;
    for (const key in selector) if (e.pod.labels[key] !== selector[key]) return;
    out.push({ name: e.key, endpoint: id, ...(e.pod.nodeName !== undefined ? { nodeName: e.pod.nodeName } : {}), slicePorts: [] });
  });
  return out;
}

export function serviceBackends(c: CompiledSnapshot, svc: Service): BackendSet {
  const sliced = fromSlices(c, svc);
  const source: BackendSource = sliced !== null ? 'endpointslices' : svc.selector !== null ? 'selector' : 'none';
  const list = sliced ?? fromSelector(c, svc);
  const byName = new Map<string, ServiceBackend>();
  for (const b of list) if (!byName.has(b.name)) byName.set(b.name, b);
  const backends = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { source, backends };
}

export type PortLookup =
  | { readonly kind: 'found'; readonly port: ServicePort; readonly by: 'port' | 'nodePort' }
  /** The number is exposed, but only under other protocols. */
  | { readonly kind: 'protocol-mismatch'; readonly exposed: readonly ServicePort[] }
  | { readonly kind: 'not-exposed' };

/** The ServicePort a client dialling `port` uses; with `nodePorts`, a node port also names one. */
export function findServicePort(svc: Service, port: number, protocol: Protocol, nodePorts: boolean): PortLookup {
  const byPort = svc.ports.find((p) => p.port === port && p.protocol === protocol);
  if (byPort) return { kind: 'found', port: byPort, by: 'port' };
  const byNode = nodePorts ? svc.ports.find((p) => p.nodePort === port && p.protocol === protocol) : undefined;
  if (byNode) return { kind: 'found', port: byNode, by: 'nodePort' };
  const other = svc.ports.filter((p) => p.port === port || (nodePorts && p.nodePort === port));
  return other.length > 0 ? { kind: 'protocol-mismatch', exposed: other } : { kind: 'not-exposed' };
}

export type TargetPort =
  { readonly kind: 'port'; readonly port: number; readonly name?: string } | { readonly kind: 'unresolved'; readonly name: string };

/** The container port a backend receives the Service port on. */
export function resolveTargetPort(c: CompiledSnapshot, sp: ServicePort, b: ServiceBackend): TargetPort {
  if (typeof sp.targetPort === 'number') return { kind: 'port', port: sp.targetPort };
  const name = sp.targetPort;
  if (b.endpoint !== undefined) {
    const found = c.endpoints[b.endpoint].pod.containerPorts.find((p) => p.name === name && p.protocol === sp.protocol);
    if (found) return { kind: 'port', port: found.containerPort, name };
  }
  // A backend that is not a known pod: its slice carries the resolved number under the port's name.
  const slicePort = b.slicePorts.find((p) => p.protocol === sp.protocol && (p.name ?? '') === (sp.name ?? ''));
  if (b.endpoint === undefined && slicePort?.port !== undefined) return { kind: 'port', port: slicePort.port, name };
  return { kind: 'unresolved', name };
}

/** `service ns/x port 80 → targetPort http (8080)` */
export function viaText(svc: Service, sp: ServicePort, target: TargetPort): string {
  const head = `service ${svc.namespace}/${svc.name} port ${sp.port}`;
  if (target.kind === 'unresolved') return `${head} → targetPort ${target.name} (unresolved)`;
  return target.name !== undefined ? `${head} → targetPort ${target.name} (${target.port})` : `${head} → targetPort ${target.port}`;
}
