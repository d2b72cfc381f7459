// What changed between two snapshots, as the units a person would name: a policy created, changed or
// deleted (with a field-level summary), a namespace's or pod's labels, a workload rolled out (its
// pods replaced under new names: one change of the workload, not a pod removed and another added), a
// Service's backends, a node, the network plugin. Undoing a unit restores every object in it to what
// the earlier snapshot held, which is how flow history tests whether a unit caused a flip.
import type { EndpointSlice, Labels, NetworkPolicy, Pod, Workload } from '../../model/types.ts';
import { WORKLOAD_PREFIX } from '../../engine/workloads.ts';
import { fieldsDiff, labelsDiff, policyDiff, policySummary } from './detail.ts';
import type { Delta, StoredValue } from './timeline.ts';

export interface Cause {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly change: string;
  readonly detail: string;
}

export interface ChangeUnit {
  readonly key: string;
  readonly cause: Cause;
  /** Objects the later snapshot holds and the earlier did not (by content), and the reverse. */
  readonly added: readonly StoredValue[];
  readonly removed: readonly StoredValue[];
}

const PLUGIN_KINDS: ReadonlySet<string> = new Set(['PluginDaemonSet', 'PluginConfigMap', 'CrdGroups', 'CniOverride']);
const KIND_BY_PREFIX = new Map(Object.entries(WORKLOAD_PREFIX).map(([kind, prefix]) => [prefix, kind]));

function unitKey(v: StoredValue): string {
  if (v.kind === 'Pod') return v.workload ? `workload ${v.workload}` : `Pod ${v.namespace}/${v.name}`;
  if (v.kind === 'NotAnalysable') return `Pod ${v.namespace ?? ''}/${v.name}`;
  if (v.kind in WORKLOAD_PREFIX) {
    const w = v.value as Workload;
    const owner = w.ownerReferences.find((r) => r.controller && r.kind === 'Deployment');
    return owner
      ? `workload deploy:${w.namespace}/${owner.name}`
      : `workload ${(WORKLOAD_PREFIX as Record<string, string>)[v.kind]}:${w.namespace}/${w.name}`;
  }
  if (v.kind === 'EndpointSlice') {
    const service = (v.value as EndpointSlice).serviceName;
    return service ? `Service ${v.namespace}/${service}` : `EndpointSlice ${v.namespace}/${v.name}`;
  }
  if (PLUGIN_KINDS.has(v.kind)) return 'NetworkPlugin';
  return `${v.kind} ${v.namespace ?? ''}/${v.name}`;
}

const named = (v: StoredValue) => `${v.kind}\u0000${v.namespace ?? ''}\u0000${v.name}`;
const text = (v: StoredValue) => (v.namespace ? `${v.namespace}/${v.name}` : v.name);

/** Pairs removed/added values of one identity: changed ones, and the rest. */
function pair(added: readonly StoredValue[], removed: readonly StoredValue[]) {
  const before = new Map(removed.map((v) => [named(v), v]));
  const changed: [StoredValue, StoredValue][] = [];
  const came: StoredValue[] = [];
  for (const a of added) {
    const b = before.get(named(a));
    if (b) {
      changed.push([b, a]);
      before.delete(named(a));
    } else came.push(a);
  }
  return { changed, came, gone: [...before.values()] };
}

function withoutHash(labels: Labels): Labels {
  const { ['pod-template-hash']: _hash, ...rest } = labels;
  return rest;
}

function workloadCause(key: string, added: readonly StoredValue[], removed: readonly StoredValue[]): Cause {
  const id = key.slice('workload '.length);
  const colon = id.indexOf(':');
  const slash = id.indexOf('/');
  const kind = KIND_BY_PREFIX.get(id.slice(0, colon)) ?? id.slice(0, colon);
  const { changed, came, gone } = pair(
    added.filter((v) => v.kind === 'Pod'),
    removed.filter((v) => v.kind === 'Pod'),
  );
  const names = (vs: readonly StoredValue[]) => vs.map((v) => v.name).join(', ');
  const parts: string[] = [];
  if (gone.length || came.length) parts.push(`pods ${names(gone) || '(none)'} → ${names(came) || '(none)'}`);
  const b = (gone[0] ?? changed[0]?.[0])?.value as Pod | undefined;
  const a = (came[0] ?? changed[0]?.[1])?.value as Pod | undefined;
  if (a && b) {
    const labels = labelsDiff(withoutHash(b.labels), withoutHash(a.labels));
    if (labels) parts.push(`labels ${labels}`);
    else if (changed.length)
      parts.push(
        `pod ${changed[0][1].name}: ` +
          `${fieldsDiff(changed[0][0].value as Record<string, unknown>, changed[0][1].value as Record<string, unknown>)}`,
      );
  }
  const objects = [...added, ...removed].filter((v) => v.kind !== 'Pod');
  if (objects.length) parts.push(`${[...new Set(objects.map((v) => `${v.kind} ${v.name}`))].join(', ')} changed`);
  const change = gone.length && came.length ? 'rolled out' : came.length ? 'pods added' : gone.length ? 'pods removed' : 'changed';
  return { kind, namespace: id.slice(colon + 1, slash), name: id.slice(slash + 1), change, detail: parts.join('; ') };
}

function policyCause(added: readonly StoredValue[], removed: readonly StoredValue[]): Cause {
  const a = added[0]?.value as NetworkPolicy | undefined;
  const b = removed[0]?.value as NetworkPolicy | undefined;
  const p = (a ?? b)!;
  const who = { kind: 'NetworkPolicy', namespace: p.namespace, name: p.name };
  if (a && b) return { ...who, change: 'changed', detail: policyDiff(b, a) };
  return a ? { ...who, change: 'created', detail: policySummary(a) } : { ...who, change: 'deleted', detail: policySummary(b!) };
}

function serviceCause(key: string, added: readonly StoredValue[], removed: readonly StoredValue[]): Cause {
  const [namespace, name] = key.slice('Service '.length).split('/');
  const service = [...added, ...removed].find((v) => v.kind === 'Service');
  const addresses = (vs: readonly StoredValue[]) =>
    vs
      .flatMap((v) => (v.kind === 'EndpointSlice' ? (v.value as EndpointSlice).endpoints.flatMap((e) => e.addresses) : []))
      .sort()
      .join(', ') || '(none)';
  if (!service)
    return {
      kind: 'Service',
      namespace,
      name,
      change: 'backends changed',
      detail: `endpoints ${addresses(removed)} → ${addresses(added)}`,
    };
  const { changed, came } = pair(
    added.filter((v) => v.kind === 'Service'),
    removed.filter((v) => v.kind === 'Service'),
  );
  if (changed.length)
    return {
      kind: 'Service',
      namespace,
      name,
      change: 'changed',
      detail: fieldsDiff(changed[0][0].value as Record<string, unknown>, changed[0][1].value as Record<string, unknown>),
    };
  return {
    kind: 'Service',
    namespace,
    name,
    change: came.length ? 'added' : 'removed',
    detail: `endpoints ${addresses(removed)} → ${addresses(added)}`,
  };
}

function genericCause(added: readonly StoredValue[], removed: readonly StoredValue[]): Cause {
  const v = (added[0] ?? removed[0])!;
  const who = { kind: v.kind === 'NotAnalysable' ? 'Pod' : v.kind, ...(v.namespace ? { namespace: v.namespace } : {}), name: v.name };
  if (added.length && removed.length) {
    const [b, a] = [removed[0], added[0]];
    if (a.kind === 'NotAnalysable' || b.kind === 'NotAnalysable')
      return {
        ...who,
        change: 'changed',
        detail: a.kind === 'NotAnalysable' ? `not analysable: ${(a.value as { reason: string }).reason}` : 'analysable again',
      };
    const detail =
      v.kind === 'Namespace'
        ? `labels ${labelsDiff((b.value as { labels: Labels }).labels, (a.value as { labels: Labels }).labels)}`
        : fieldsDiff(b.value as Record<string, unknown>, a.value as Record<string, unknown>);
    return { ...who, change: 'changed', detail };
  }
  const labels = (v.value as { labels?: Labels }).labels;
  return { ...who, change: added.length ? 'added' : 'removed', detail: labels ? `labels ${labelsDiff({}, labels) || '(none)'}` : '' };
}

function pluginCause(added: readonly StoredValue[], removed: readonly StoredValue[]): Cause {
  const { changed, came, gone } = pair(added, removed);
  const parts = [
    ...came.map((v) => `${v.kind} ${text(v)} added`),
    ...changed.map(([, v]) => `${v.kind} ${text(v)} changed`),
    ...gone.map((v) => `${v.kind} ${text(v)} removed`),
  ];
  return { kind: 'NetworkPlugin', name: 'dataplane', change: 'changed', detail: parts.join('; ') };
}

function causeOf(key: string, added: readonly StoredValue[], removed: readonly StoredValue[]): Cause {
  if (key.startsWith('workload ')) return workloadCause(key, added, removed);
  if (key.startsWith('NetworkPolicy ')) return policyCause(added, removed);
  if (key.startsWith('Service ')) return serviceCause(key, added, removed);
  if (key === 'NetworkPlugin') return pluginCause(added, removed);
  return genericCause(added, removed);
}

/** The delta between two snapshots grouped into change units, sorted by key. */
export function changeUnits(delta: Delta): ChangeUnit[] {
  const groups = new Map<string, { added: StoredValue[]; removed: StoredValue[] }>();
  const group = (v: StoredValue) => {
    const key = unitKey(v);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { added: [], removed: [] }));
    return g;
  };
  for (const v of delta.added) group(v).added.push(v);
  for (const v of delta.removed) group(v).removed.push(v);
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => ({ key, cause: causeOf(key, g.added, g.removed), added: g.added, removed: g.removed }));
}

/** The later snapshot's objects with `units` undone: their added objects dropped, removed ones back. */
export function undoUnits(after: readonly StoredValue[], units: readonly ChangeUnit[]): StoredValue[] {
  const drop = new Set<number>();
  for (const u of units) for (const v of u.added) drop.add(v.id);
  const out = after.filter((v) => !drop.has(v.id));
  for (const u of units) out.push(...u.removed);
  return out;
}
