// Endpoints (dense ids, sorted by key) and their equivalence classes. Two endpoints share a class
// when no policy can tell them apart: same namespace, same values for every label key a selector
// reads, same numbers for every named port a rule names, same ipBlock regions, same hostNetwork.
// Classes are numbered in key order, so each namespace's classes form one contiguous id range.
import type { Pod } from '../model/types.ts';
import { type Address, parseAddress } from './addresses.ts';
import type { EndpointClass, EndpointInfo } from './compiled.ts';
import { type IpRegions, regionOf } from './regions.ts';

export interface ClassLayout {
  readonly endpoints: EndpointInfo[];
  readonly classes: (EndpointClass & { namedAtoms: Map<string, number> })[];
  /** Class key per class, in class order (identity of the partition). */
  readonly classKeys: string[];
  readonly namespaceClasses: [number, number][];
}

export function podKey(pod: Pod): string {
  return `${pod.namespace}/${pod.name}`;
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

function classKey(ns: number, pod: Pod, labelKeys: ReadonlySet<string>, named: Map<string, number>, regions: number[]): string {
  const labels: string[] = [];
  for (const k in pod.labels) if (labelKeys.has(k)) labels.push(`${k}=${pod.labels[k]}`);
  labels.sort();
  const ports = [...named].map(([k, v]) => `${k}=${v}`).sort();
  return `${ns}\u0001${labels.join('\u0002')}\u0001${ports.join(',')}\u0001${regions.join(',')}\u0001${pod.hostNetwork ? 1 : 0}`;
}

export function buildClasses(
  pods: readonly Pod[],
  namespaceIndex: ReadonlyMap<string, number>,
  namespaceCount: number,
  labelKeys: ReadonlySet<string>,
  namedKeys: ReadonlySet<string>,
  ipRegions: IpRegions,
): ClassLayout {
  const sorted = [...pods].sort((a, b) => {
    const ka = podKey(a);
    const kb = podKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const endpoints: EndpointInfo[] = [];
  const classes: ClassLayout['classes'] = [];
  const classKeys: string[] = [];
  const byKey = new Map<string, number>();
  const namespaceClasses: [number, number][] = Array.from({ length: namespaceCount }, () => [0, 0]);
  for (const pod of sorted) {
    const ns = namespaceIndex.get(pod.namespace)!;
    const addresses = podAddresses(pod);
    const regions = [...new Set(addresses.map((a) => regionOf(ipRegions, a)))].sort((a, b) => a - b);
    const named = namedPortsOf(pod, namedKeys);
    const key = classKey(ns, pod, labelKeys, named, regions);
    let classId = byKey.get(key);
    if (classId === undefined) {
      classId = classes.length;
      byKey.set(key, classId);
      classKeys.push(key);
      const range = namespaceClasses[ns];
      if (range[1] === range[0]) range[0] = classId;
      range[1] = classId + 1;
      classes.push({
        namespace: ns,
        labels: pod.labels,
        hostNetwork: pod.hostNetwork,
        regions,
        namedPorts: named,
        namedAtoms: new Map(),
        members: [],
      });
    }
    classes[classId].members.push(endpoints.length);
    endpoints.push({ key: podKey(pod), pod, namespace: ns, classId, addresses });
  }
  return { endpoints, classes, classKeys, namespaceClasses };
}
