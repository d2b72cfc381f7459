// Loads the overview's inputs over REST: the snapshot's objects, one grouped matrix per port of
// interest, the exposure; and, after the first picture, each workload's isolation (GET
// /v1/pods/NS/NAME/policies on one of its pods).
import { getJson, postJson } from './api.ts';
import { type Graph, buildGraph, membership, portsOfInterest } from './graph-data.ts';
import { pinnedSnapshot, snapshotField, snapshotQuery } from './shell.ts';
import type { Exposure, GroupMatrix, Objects, PodPolicies } from './types.ts';

/** Above this many workloads the overview starts in summary mode: one node per namespace. */
export const SUMMARY_LIMIT = 400;
/** Ports drawn at once (the most common container ports); the port box picks others. */
export const MAX_PORTS = 12;

export interface OverviewData {
  readonly snapshot: number;
  readonly objects: Objects;
  readonly graph: Graph;
  readonly members: Map<string, string[]>;
  readonly ports: string[];
  readonly allPorts: string[];
  readonly summary: boolean;
}

async function matrices(ports: string[], groupBy: 'workload' | 'namespace', namespaces?: string[]): Promise<GroupMatrix[]> {
  return Promise.all(
    ports.map((p) => {
      const [protocol, port] = p.split('/');
      return postJson<GroupMatrix>('/v1/matrix', { port: Number(port), protocol, groupBy, ...(namespaces ? { namespaces } : {}), ...snapshotField() });
    }),
  );
}

export async function loadOverview(opts: { ports?: string[]; expand?: string; summary?: boolean }): Promise<OverviewData> {
  const list = await getJson<{ snapshots: { id: number }[] }>(`/v1/snapshots?limit=1`);
  const snapshot = pinnedSnapshot() ?? list.snapshots[0]?.id ?? 0;
  const [objects, exposure] = await Promise.all([getJson<Objects>(`/v1/snapshots/${snapshot}/objects`), getJson<Exposure>(`/v1/exposure${snapshotQuery()}`)]);
  const allPorts = portsOfInterest(objects);
  const ports = opts.ports?.length ? opts.ports : allPorts.slice(0, MAX_PORTS);
  const probe = await matrices(ports.slice(0, 1), 'workload', opts.expand ? [opts.expand] : undefined);
  const summary = !opts.expand && (opts.summary === true || (probe[0]?.groups.length ?? 0) > SUMMARY_LIMIT);
  const ms = summary ? await matrices(ports, 'namespace') : [...probe, ...(await matrices(ports.slice(1), 'workload', opts.expand ? [opts.expand] : undefined))];
  const groups = ms[0]?.groups ?? [];
  const members = summary ? new Map(groups.map((ns) => [ns, objects.pods.filter((p) => p.namespace === ns).map((p) => `${p.namespace}/${p.name}`)])) : membership(objects, groups);
  const exposed = opts.expand ? { ...exposure, pods: exposure.pods.filter((p) => p.pod.startsWith(`${opts.expand}/`)) } : exposure;
  return { snapshot, objects, graph: buildGraph(ms, exposed, members), members, ports, allPorts, summary };
}

/** Isolation of each group, read on its first pod; `onEach` as answers arrive (6 at a time). */
export async function loadIsolation(members: Map<string, string[]>, limit: number, onEach: (group: string, p: PodPolicies) => void): Promise<void> {
  const queue = [...members.entries()].filter(([, pods]) => pods.length > 0).slice(0, limit);
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [group, pods] = next;
      const [ns, name] = pods[0].split('/');
      try {
        onEach(group, await getJson<PodPolicies>(`/v1/pods/${encodeURIComponent(ns)}/${encodeURIComponent(name)}/policies${snapshotQuery()}`));
      } catch {
        // left "not loaded"
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}
