// Findings about workloads whose pods differ: pods of one owner are one endpoint in `connections`
// (grouped by workload), so when their labels differ the answer for the group is a union, and
// policies may treat the pods differently. Labels that controllers set per pod or per revision
// (pod-template-hash, statefulset pod names, ...) differ by design and are not reported by
// themselves; they are when a policy reads them (the pods then fall in different classes).
import type { Diagnostic } from '../model/diagnostics.ts';
import type { Labels, ObjectRef } from '../model/types.ts';
import type { CompiledSnapshot, EndpointInfo } from './compiled.ts';
import { parseWorkloadId } from './connection-groups.ts';

/** Labels a controller sets differently on pods of one owner, on purpose. */
export const PER_POD_LABELS: ReadonlySet<string> = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'batch.kubernetes.io/job-completion-index',
  'batch.kubernetes.io/controller-uid',
  'controller-uid',
]);

/** Label keys whose values are not the same on every pod (absent counts as a value). */
export function differingLabelKeys(labels: readonly Labels[]): string[] {
  const keys = new Set<string>();
  for (const l of labels) for (const k of Object.keys(l)) keys.add(k);
  return [...keys].filter((k) => labels.some((l) => l[k] !== labels[0][k])).sort();
}

function ownerRef(group: string): ObjectRef {
  const w = parseWorkloadId(group);
  // An owner reference without kind groups pods under `pod:`; it names no workload kind.
  return { kind: w.kind === 'Pod' ? 'Owner' : w.kind, namespace: w.namespace, name: w.name };
}

export function lintOwners(c: CompiledSnapshot): Diagnostic[] {
  const byGroup = new Map<string, EndpointInfo[]>();
  for (const e of c.endpoints) {
    if (e.template || e.group === `pod:${e.key}`) continue;
    const list = byGroup.get(e.group);
    if (list) list.push(e);
    else byGroup.set(e.group, [e]);
  }
  const out: Diagnostic[] = [];
  for (const [group, members] of [...byGroup].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (members.length < 2) continue;
    const keys = differingLabelKeys(members.map((m) => m.pod.labels));
    // Pods of one owner may fall in different classes for other reasons (an ipBlock cuts between
    // their IPs): that is not a label difference.
    if (keys.length === 0) continue;
    const told = new Set(members.map((m) => m.classId)).size > 1;
    const reported = keys.filter((k) => !PER_POD_LABELS.has(k));
    if (reported.length === 0 && !told) continue;
    const treatment = told
      ? 'policies treat them differently: `connections` lists the union for the workload and marks it as not holding for every member pair'
      : 'no policy reads the labels that differ, so they are treated alike';
    out.push({
      severity: 'warning',
      code: 'owner-labels-differ',
      ref: ownerRef(group),
      path: 'metadata.labels',
      message: `its ${members.length} pods have different labels (${(told ? keys : reported).join(', ')}); ${treatment}`,
    });
  }
  return out;
}
