// Objects added, changed and removed between two snapshots, by kind, namespace and name. Works on
// the normalised snapshots (what the engine sees), so a change that does not matter to the analysis
// (an annotation, a status field we do not read) is not reported, and neither is key order.
import type { Snapshot } from '../model/types.ts';
import { canonicalJson } from '../store/objects.ts';

export type ObjectChange = 'added' | 'changed' | 'removed';

export interface SnapshotChange {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly change: ObjectChange;
}

interface Keyed {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly value: unknown;
}

function objectsOf(s: Snapshot): Map<string, Keyed> {
  const all: Keyed[] = [
    ...s.namespaces.map((o) => ({ kind: 'Namespace', name: o.name, value: o })),
    ...s.nodes.map((o) => ({ kind: 'Node', name: o.name, value: o })),
    ...s.pods.map((o) => ({ kind: 'Pod', namespace: o.namespace, name: o.name, value: o })),
    ...s.workloads.map((o) => ({ kind: o.kind as string, namespace: o.namespace, name: o.name, value: o })),
    ...s.services.map((o) => ({ kind: 'Service', namespace: o.namespace, name: o.name, value: o })),
    ...s.endpointSlices.map((o) => ({ kind: 'EndpointSlice', namespace: o.namespace, name: o.name, value: o })),
    ...s.policies.map((o) => ({ kind: 'NetworkPolicy', namespace: o.namespace, name: o.name, value: o })),
  ];
  return new Map(all.map((o) => [`${o.kind}\u0000${o.namespace ?? ''}\u0000${o.name}`, o]));
}

function change(o: Keyed, what: ObjectChange): SnapshotChange {
  return { kind: o.kind, ...(o.namespace !== undefined ? { namespace: o.namespace } : {}), name: o.name, change: what };
}

/** Sorted by kind, namespace, name. */
export function diffSnapshots(before: Snapshot, after: Snapshot): SnapshotChange[] {
  const a = objectsOf(before);
  const b = objectsOf(after);
  const out: SnapshotChange[] = [];
  for (const [key, o] of a) {
    const next = b.get(key);
    if (!next) out.push(change(o, 'removed'));
    // Canonical JSON (sorted keys): a snapshot read back from the store and one decoded just now
    // build equal objects with their keys in different orders; only content counts.
    else if (canonicalJson(next.value) !== canonicalJson(o.value)) out.push(change(o, 'changed'));
  }
  for (const [key, o] of b) if (!a.has(key)) out.push(change(o, 'added'));
  const sortKey = (x: SnapshotChange) => [x.kind, x.namespace ?? '', x.name];
  return out.sort((x, y) => {
    const [k1, n1, m1] = sortKey(x);
    const [k2, n2, m2] = sortKey(y);
    return k1.localeCompare(k2) || n1.localeCompare(n2) || m1.localeCompare(m2);
  });
}
