// Endpoints (dense ids, sorted by key) and their equivalence classes. Two endpoints share a class
// when no policy can tell them apart: same namespace, same values for every label key a selector
// reads, same numbers for every named port a rule names, same ipBlock regions, same hostNetwork.
// Classes are numbered in key order, so each namespace's classes form one contiguous id range.
import type { Labels, Pod } from '../model/types.ts';
import { type Address, parseAddress } from './addresses.ts';
import { type IpRegions, regionOf } from './regions.ts';
import type { EndpointSource } from './workloads.ts';

export interface EndpointInfo {
  /** `ns/name` for a pod, `deploy:ns/name` (sts:, ds:, ...) for a workload template. */
  readonly key: string;
  /** The pod, or a pod-shaped view of the workload's template (no address). */
  readonly pod: Pod;
  /** The workload the endpoint belongs to (`deploy:ns/name`; `pod:ns/name` for a bare pod). */
  readonly group: string;
  readonly template: boolean;
  readonly namespace: number;
  readonly classId: number;
  readonly addresses: readonly Address[];
}

/** Endpoints that no policy can tell apart: same namespace, referenced labels, referenced named
 * ports, ipBlock regions and hostNetwork. */
export interface EndpointClass {
  readonly namespace: number;
  /** The first member's labels (equal on every label any selector reads). */
  readonly labels: Labels;
  readonly hostNetwork: boolean;
  /** Sorted region ids of the members' addresses; empty when they have no IP. */
  readonly regions: readonly number[];
  /** `TCP/http` → atom id, for the named ports policies reference. */
  readonly namedAtoms: ReadonlyMap<string, number>;
  /** `TCP/http` → port number. */
  readonly namedPorts: ReadonlyMap<string, number>;
  readonly members: number[];
}

export interface ClassLayout {
  readonly endpoints: EndpointInfo[];
  /** Named ports are resolved to atoms by compile.ts (atoms depend on the policies too). */
  readonly classes: Omit<EndpointClass, 'namedAtoms'>[];
  /** Class key per class, in class order (identity of the partition). */
  readonly classKeys: string[];
  readonly namespaceClasses: [number, number][];
}

function podAddresses(pod: Pod): Address[] {
  const out: Address[] = [];
  for (const ip of pod.ips) {
    const a = parseAddress(ip);
    if (a) out.push(a);
  }
  return out;
}

function namedPortsOf(pod: Pod, referenced: ReadonlySet<string>): Map<string, number> {
  const named = new Map<string, number>();
  if (referenced.size === 0) return named;
  for (const cp of pod.containerPorts) {
    if (!cp.name) continue;
    const key = `${cp.protocol}/${cp.name}`;
    if (referenced.has(key) && !named.has(key)) named.set(key, cp.containerPort);
  }
  return named;
}

/** One string per class; built without temporary arrays (this runs once per pod). `sortedKeys`
 * are the referenced label keys, sorted, so equal label values give equal keys. */
function classKey(ns: string, pod: Pod, sortedKeys: readonly string[], named: Map<string, number>, regions: number[]): string {
  let key = ns;
  const labels = pod.labels;
  for (let i = 0; i < sortedKeys.length; i++) {
    const v = labels[sortedKeys[i]];
    key += v === undefined ? '\u0001' : `\u0001=${v}`;
  }
  key += '\u0002';
  if (named.size > 0)
    key += [...named]
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join(',');
  key += '\u0002';
  for (let i = 0; i < regions.length; i++) key += `${regions[i]},`;
  return pod.hostNetwork ? `${key}\u0002h` : key;
}

function regionsOf(addresses: readonly Address[], ipRegions: IpRegions): number[] {
  if (addresses.length === 0) return [];
  if (addresses.length === 1) return [regionOf(ipRegions, addresses[0])];
  return [...new Set(addresses.map((a) => regionOf(ipRegions, a)))].sort((a, b) => a - b);
}

/** What a pod contributes to the layout; cached by Pod object identity across compiles whose
 * referenced label keys, named ports and regions are the same. */
export interface PodFacts {
  readonly addresses: Address[];
  readonly regions: number[];
  readonly named: Map<string, number>;
  readonly classKey: string;
}

export type PodFactsCache = WeakMap<Pod, PodFacts>;

function podFacts(
  pod: Pod,
  labelKeys: readonly string[],
  namedKeys: ReadonlySet<string>,
  ipRegions: IpRegions,
  cache: PodFactsCache,
): PodFacts {
  let facts = cache.get(pod);
  if (!facts) {
    const addresses = podAddresses(pod);
    const regions = regionsOf(addresses, ipRegions);
    const named = namedPortsOf(pod, namedKeys);
    facts = { addresses, regions, named, classKey: classKey(pod.namespace, pod, labelKeys, named, regions) };
    cache.set(pod, facts);
  }
  return facts;
}

export function buildClasses(
  inputs: readonly EndpointSource[],
  namespaceIndex: ReadonlyMap<string, number>,
  namespaceCount: number,
  labelKeys: ReadonlySet<string>,
  namedKeys: ReadonlySet<string>,
  ipRegions: IpRegions,
  cache: PodFactsCache,
): ClassLayout {
  const sorted = [...inputs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const sortedKeys = [...labelKeys].sort();
  const endpoints: EndpointInfo[] = [];
  // Classes in order of first appearance; renumbered below so each namespace is one id range.
  const firstSeen: { key: string; ns: number; facts: PodFacts; pod: Pod; members: number[] }[] = [];
  const byKey = new Map<string, number>();
  const provisional: number[] = [];
  for (const { key, pod, group, template } of sorted) {
    const ns = namespaceIndex.get(pod.namespace)!;
    const facts = podFacts(pod, sortedKeys, namedKeys, ipRegions, cache);
    let id = byKey.get(facts.classKey);
    if (id === undefined) {
      id = firstSeen.length;
      byKey.set(facts.classKey, id);
      firstSeen.push({ key: facts.classKey, ns, facts, pod, members: [] });
    }
    firstSeen[id].members.push(endpoints.length);
    provisional.push(id);
    endpoints.push({ key, pod, group, template, namespace: ns, classId: -1, addresses: facts.addresses });
  }
  const order = firstSeen.map((_, i) => i).sort((a, b) => firstSeen[a].ns - firstSeen[b].ns || a - b);
  const renumber = new Int32Array(order.length);
  order.forEach((old, neu) => (renumber[old] = neu));
  const namespaceClasses: [number, number][] = Array.from({ length: namespaceCount }, () => [0, 0]);
  const classes: ClassLayout['classes'] = [];
  const classKeys: string[] = [];
  order.forEach((old, id) => {
    const f = firstSeen[old];
    const range = namespaceClasses[f.ns];
    if (range[1] === range[0]) range[0] = id;
    range[1] = id + 1;
    classKeys.push(f.key);
    classes.push({
      namespace: f.ns,
      labels: f.pod.labels,
      hostNetwork: f.pod.hostNetwork,
      regions: f.facts.regions,
      namedPorts: f.facts.named,
      members: f.members,
    });
  });
  for (let i = 0; i < endpoints.length; i++) (endpoints[i] as { classId: number }).classId = renumber[provisional[i]];
  return { endpoints, classes, classKeys, namespaceClasses };
}
