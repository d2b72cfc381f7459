// Builders for Services, EndpointSlices and owned pods (test/support/build.ts has the rest), and the
// small cluster the path tests ask questions about:
//   nodes n1 192.168.0.1, n2 192.168.0.2
//   app/web-a (n1, role=reader) and app/web-b (n2), both of Deployment web (through ReplicaSet web-1)
//   app/api-v1 (n1, http=8080) and app/api-v2 (n2, http=9090), both app=api
//   app/db (n1): admits only role=reader on 5432; app/api-*: admit app=web and 203.0.113.0/24 on http
//   Deployment app/batch: a template no pod represents
//   Services: api (ClusterIP, 80 → http), api-np (NodePort, Cluster), api-lb (LoadBalancer, Local,
//   source range 203.0.113.0/24), empty (selects nothing), ext (ExternalName), manual (no selector),
//   headless (clusterIP None), sliced (an EndpointSlice: api-v1 ready, api-v2 not ready), api-xip
//   (ClusterIP with an externalIP, externalTrafficPolicy Local)
import type { EndpointSlice, OwnerReference, Pod, Service, ServicePort, Snapshot, Workload } from '../../src/model/types.ts';
import { cport, ipBlock, node, ns, pod, podPeer, policy, rule, sel, snapshot, named, tcp } from '../support/build.ts';

export function svc(namespace: string, name: string, opts: Partial<Service> = {}): Service {
  return {
    namespace,
    name,
    labels: {},
    type: 'ClusterIP',
    clusterIP: '10.96.0.1',
    clusterIPs: ['10.96.0.1'],
    selector: null,
    ports: [],
    externalTrafficPolicy: 'Cluster',
    externalIPs: [],
    loadBalancerSourceRanges: [],
    loadBalancerIPs: [],
    ...opts,
  };
}

export function sport(port: number, targetPort: number | string = port, opts: Partial<ServicePort> = {}): ServicePort {
  return { protocol: 'TCP', port, targetPort, ...opts };
}

export function slice(
  namespace: string,
  service: string,
  endpoints: { ip: string; pod?: string; ready?: boolean | null; node?: string }[],
  ports: EndpointSlice['ports'] = [],
): EndpointSlice {
  return {
    namespace,
    name: `${service}-abcde`,
    serviceName: service,
    addressType: 'IPv4',
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      ready: e.ready === undefined ? true : e.ready,
      ...(e.pod ? { targetRef: { kind: 'Pod', namespace, name: e.pod } } : {}),
      ...(e.node ? { nodeName: e.node } : {}),
    })),
    ports,
  };
}

export function owned(p: Pod, kind: string, name: string): Pod {
  const ref: OwnerReference = { kind, name, controller: true };
  return { ...p, ownerReferences: [ref] };
}

export function workload(
  kind: Workload['kind'],
  namespace: string,
  name: string,
  labels: Record<string, string>,
  opts: Partial<Workload> = {},
): Workload {
  return { kind, namespace, name, labels, containerPorts: [], hostNetwork: false, ownerReferences: [], ...opts };
}

export interface WorldParts {
  readonly services?: readonly Service[];
  readonly endpointSlices?: readonly EndpointSlice[];
  readonly workloads?: readonly Workload[];
  readonly pods?: readonly Pod[];
}

export function withParts(base: Snapshot, parts: WorldParts): Snapshot {
  return {
    ...base,
    services: parts.services ?? base.services,
    endpointSlices: parts.endpointSlices ?? base.endpointSlices,
    workloads: parts.workloads ?? base.workloads,
    pods: parts.pods ?? base.pods,
  };
}

const API_SELECTOR = { app: 'api' };

export const SERVICES: Service[] = [
  svc('app', 'api', { selector: API_SELECTOR, ports: [sport(80, 'http')] }),
  svc('app', 'api-np', { type: 'NodePort', selector: API_SELECTOR, ports: [sport(80, 'http', { nodePort: 30080 })] }),
  svc('app', 'api-lb', {
    type: 'LoadBalancer',
    externalTrafficPolicy: 'Local',
    loadBalancerSourceRanges: ['203.0.113.0/24'],
    loadBalancerIPs: ['198.51.100.80'],
    selector: API_SELECTOR,
    ports: [sport(80, 'http', { nodePort: 30081 })],
  }),
  svc('app', 'empty', { selector: { app: 'nothing' }, ports: [sport(80)] }),
  svc('app', 'ext', { type: 'ExternalName', clusterIP: undefined, clusterIPs: [], ports: [sport(80)] }),
  svc('app', 'manual', { ports: [sport(80)] }),
  svc('app', 'headless', { clusterIP: 'None', clusterIPs: [], selector: API_SELECTOR, ports: [sport(80, 'http')] }),
  svc('app', 'sliced', { selector: API_SELECTOR, ports: [sport(80, 'http')] }),
  svc('app', 'api-xip', {
    externalIPs: ['192.0.2.50'],
    externalTrafficPolicy: 'Local',
    selector: API_SELECTOR,
    ports: [sport(80, 'http')],
  }),
];

export const SLICES: EndpointSlice[] = [
  slice('app', 'sliced', [
    { ip: '10.1.0.11', pod: 'api-v1', node: 'n1' },
    { ip: '10.1.0.12', pod: 'api-v2', node: 'n2', ready: false },
  ]),
];

export function world(): Snapshot {
  const base = snapshot({
    namespaces: [ns('app')],
    nodes: [node('n1', ['192.168.0.1']), node('n2', ['192.168.0.2'])],
    pods: [
      owned(pod('app', 'web-a', { app: 'web', role: 'reader' }, { ip: '10.1.0.1', node: 'n1' }), 'ReplicaSet', 'web-1'),
      owned(pod('app', 'web-b', { app: 'web' }, { ip: '10.1.0.2', node: 'n2' }), 'ReplicaSet', 'web-1'),
      pod('app', 'api-v1', { app: 'api' }, { ip: '10.1.0.11', node: 'n1', ports: [cport('http', 8080)] }),
      pod('app', 'api-v2', { app: 'api' }, { ip: '10.1.0.12', node: 'n2', ports: [cport('http', 9090)] }),
      pod('app', 'db', { app: 'db' }, { ip: '10.1.0.20', node: 'n1', ports: [cport('pg', 5432)] }),
    ],
    policies: [
      policy('app', 'db-readers', { podSelector: sel({ app: 'db' }), ingress: [rule([podPeer(sel({ role: 'reader' }))], [tcp(5432)])] }),
      policy('app', 'api-in', {
        podSelector: sel({ app: 'api' }),
        ingress: [rule([podPeer(sel({ app: 'web' })), ipBlock('203.0.113.0/24')], [named('http')])],
      }),
    ],
  });
  return withParts(base, {
    services: SERVICES,
    endpointSlices: SLICES,
    workloads: [
      workload('ReplicaSet', 'app', 'web-1', { app: 'web' }, { ownerReferences: [{ kind: 'Deployment', name: 'web', controller: true }] }),
      workload('Deployment', 'app', 'web', { app: 'web' }),
      workload('Deployment', 'app', 'batch', { app: 'batch' }),
    ],
  });
}
