// The overview's model, from public REST answers only: workload groups and their allowed flows per
// port (POST /v1/matrix groupBy workload, one call per port), aggregated into one edge per ordered
// pair labelled with its port set; the outside as CIDR nodes from GET /v1/exposure. Pure functions.
import type { Exposure, GroupMatrix, Objects, OwnerRef, PodObject } from './types.ts';

const KIND_PREFIX: Record<string, string> = { Deployment: 'deploy', StatefulSet: 'sts', DaemonSet: 'ds', ReplicaSet: 'rs', Job: 'job', CronJob: 'cronjob' };

export interface GraphNode { id: string; namespace: string; label: string; kind: 'workload' | 'namespace' | 'cidr'; pods: number; exposed: boolean }
export interface GraphEdge { id: string; source: string; target: string; ports: string[]; partial: boolean }
export interface Graph { namespaces: string[]; nodes: GraphNode[]; edges: GraphEdge[] }

/** The group a pod belongs to, following controller owner references (Pod → ReplicaSet → Deployment). */
type WorkloadIndex = Map<string, Objects['workloads'][number]>;

function workloadIndex(objects: Objects): WorkloadIndex {
  return new Map(objects.workloads.map((w) => [`${w.kind}/${w.namespace}/${w.name}`, w]));
}

export function groupOfPod(pod: PodObject, index: WorkloadIndex, groups: ReadonlySet<string>): string {
  let ref: OwnerRef | undefined = pod.ownerReferences.find((o) => o.controller) ?? pod.ownerReferences[0];
  let kind = 'pod';
  let name = pod.name;
  for (let hops = 0; ref && hops < 4; hops++) {
    kind = KIND_PREFIX[ref.kind] ?? kind;
    name = ref.name;
    const owner = index.get(`${ref.kind}/${pod.namespace}/${ref.name}`);
    ref = owner?.ownerReferences.find((o) => o.controller);
  }
  const group = `${kind}:${pod.namespace}/${name}`;
  return groups.has(group) ? group : `pod:${pod.namespace}/${pod.name}`;
}

/** Group → its pods (`ns/name`). */
export function membership(objects: Objects, groups: readonly string[]): Map<string, string[]> {
  const set = new Set(groups);
  const members = new Map<string, string[]>(groups.map((g) => [g, []]));
  const index = workloadIndex(objects);
  for (const pod of objects.pods) members.get(groupOfPod(pod, index, set))?.push(`${pod.namespace}/${pod.name}`);
  return members;
}

/** Numeric container ports, most common first (the ports worth drawing), as `TCP/6379`. */
export function portsOfInterest(objects: Objects): string[] {
  const count = new Map<string, number>();
  for (const pod of objects.pods) for (const p of pod.containerPorts) count.set(`${p.protocol}/${p.containerPort}`, (count.get(`${p.protocol}/${p.containerPort}`) ?? 0) + 1);
  return [...count.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en', { numeric: true })).map(([p]) => p);
}

function namespaceOf(group: string, kind: GraphNode['kind']): string {
  if (kind === 'namespace') return group;
  const body = group.includes(':') ? group.slice(group.indexOf(':') + 1) : group;
  return body.split('/')[0];
}

/** One edge per ordered pair of distinct groups, labelled with every port some pair may use. */
export function buildGraph(matrices: readonly GroupMatrix[], exposure: Exposure | undefined, members: Map<string, string[]>): Graph {
  const kind: GraphNode['kind'] = matrices[0]?.groupBy === 'namespace' ? 'namespace' : 'workload';
  const groups = matrices[0]?.groups ?? [...members.keys()];
  const edges = new Map<string, GraphEdge>();
  for (const m of matrices) {
    for (let i = 0; i < m.groups.length; i++) {
      for (let j = 0; j < m.groups.length; j++) {
        const cell = m.rows[i][j];
        if (i === j || cell === '0' || cell === '?') continue;
        const id = `${m.groups[i]}->${m.groups[j]}`;
        const edge = edges.get(id) ?? { id, source: m.groups[i], target: m.groups[j], ports: [], partial: false };
        edge.ports.push(`${m.protocol}/${m.port}`);
        edge.partial ||= cell === 'p';
        edges.set(id, edge);
      }
    }
  }
  const exposedGroups = new Set<string>();
  const cidrNodes = new Map<string, GraphNode>();
  const groupOfMember = new Map<string, string>();
  for (const [g, pods] of members) for (const p of pods) groupOfMember.set(p, kind === 'namespace' ? p.split('/')[0] : g);
  for (const e of exposure?.pods ?? []) {
    const group = groupOfMember.get(e.pod) ?? (kind === 'namespace' ? e.pod.split('/')[0] : undefined);
    if (!group) continue;
    exposedGroups.add(group);
    for (const from of e.from) {
      const cidr = from.cidrs.join(', ');
      cidrNodes.set(cidr, { id: `cidr:${cidr}`, namespace: '', label: cidr, kind: 'cidr', pods: 0, exposed: false });

      const id = `cidr:${cidr}->${group}`;
      const ports = Object.entries(from.ports).flatMap(([proto, ranges]) => ranges.map(([a, b]) => (a === b ? `${proto}/${a}` : `${proto}/${a}-${b}`)));
      const edge = edges.get(id) ?? { id, source: `cidr:${cidr}`, target: group, ports: [], partial: false };
      for (const p of ports) if (!edge.ports.includes(p)) edge.ports.push(p);
      edges.set(id, edge);
    }
  }
  const nodes: GraphNode[] = groups.map((g) => ({ id: g, namespace: namespaceOf(g, kind), label: kind === 'namespace' ? g : g.slice(g.indexOf('/') + 1), kind, pods: members.get(g)?.length ?? 0, exposed: exposedGroups.has(g) }));
  const namespaces = [...new Set(nodes.map((n) => n.namespace))].sort();
  return { namespaces, nodes: [...nodes, ...cidrNodes.values()], edges: [...edges.values()] };
}
