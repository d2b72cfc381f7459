// One flow (from → to on port/protocol) evaluated in one compiled snapshot, the way flow history
// and assertions need it: a verdict word, the rules that decided it, and endpoints that keep their
// identity across rollouts (a pod that is gone is stood in for by a pod of the same workload).
import { type CompiledSnapshot, type Verdict, check } from '../../engine/index.ts';
import { endpointOverride } from '../../engine/endpoint.ts';
import { resolveSide as membersOf } from '../paths/members.ts';
import { InputError } from '../../model/diagnostics.ts';
import type { Pod, Protocol } from '../../model/types.ts';
import { type EndpointSpec, endpointSpecText } from '../endpoint-spec.ts';
import { checkAnswerQuery } from '../queries.ts';
import { NotFoundError } from '../resolve.ts';
import { workloadIdentity } from './identity.ts';

export interface FlowQuery {
  readonly from: EndpointSpec;
  readonly to: EndpointSpec;
  readonly port: number;
  readonly protocol: Protocol;
}

/** `partial`: some paths of a composite side allowed, some not; `absent`: an endpoint is not in the snapshot. */
export type FlowVerdict = 'allowed' | 'denied' | 'unknown' | 'partial' | 'absent';

export interface FlowState {
  readonly verdict: FlowVerdict;
  /** The deciding rules: what admits it when allowed, what isolates without admitting when denied. */
  readonly rules: readonly string[];
  /** The pod a gone pod was answered through (same workload), per side. */
  readonly standIns?: { readonly from?: string; readonly to?: string };
  readonly reason?: string;
}

/** A side with the workload identity of its pod (when it names a pod that has an owner). */
export interface FlowSide {
  readonly spec: EndpointSpec;
  readonly workload?: string;
}

function rulesOf(v: Verdict): string[] {
  const out: string[] = [];
  for (const d of [v.egress, v.ingress]) {
    if (d.allowedBy.length) for (const r of d.allowedBy) out.push(`${r.policy} ${r.direction.toLowerCase()}[${r.rule}] allows`);
    else if (!d.allowed) for (const p of d.isolatedBy) out.push(`${p} isolates (${d.direction.toLowerCase()}), no rule admits`);
  }
  return out;
}

const podsByWorkload = new WeakMap<CompiledSnapshot, Map<string, string>>();

/** The first analysable pod (by name) of each workload identity in the snapshot. */
function standInFor(c: CompiledSnapshot, workload: string): string | undefined {
  let index = podsByWorkload.get(c);
  if (!index) {
    index = new Map();
    const pods = [...c.snapshot.pods].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const p of pods) {
      const w = workloadIdentity(p);
      const key = `${p.namespace}/${p.name}`;
      if (w && !index.has(w) && c.endpointIndex.has(key)) index.set(w, key);
    }
    podsByWorkload.set(c, index);
  }
  return index.get(workload);
}

function resolveSide(c: CompiledSnapshot, side: FlowSide): { spec: EndpointSpec; standIn?: string } | undefined {
  const s = side.spec;
  if (s.kind !== 'pod' || c.endpointIndex.has(`${s.namespace}/${s.name}`)) return { spec: s };
  if (!side.workload) return undefined;
  const key = standInFor(c, side.workload);
  if (!key) return undefined;
  const slash = key.indexOf('/');
  return { spec: { kind: 'pod', namespace: key.slice(0, slash), name: key.slice(slash + 1) }, standIn: key };
}

const MEMBER_KINDS: ReadonlySet<string> = new Set(['pod', 'workload', 'namespace']);

const memberCache = new WeakMap<CompiledSnapshot, Map<string, readonly number[]>>();

/**
 * The endpoint indexes a pod, workload or namespace side stands for, resolved once per compiled
 * snapshot and spelling (many assertions and history steps name the same sides). Throws
 * NotFoundError (not cached) when the snapshot holds no such thing.
 */
export function memberEndpoints(c: CompiledSnapshot, spec: EndpointSpec): readonly number[] {
  let cache = memberCache.get(c);
  if (!cache) memberCache.set(c, (cache = new Map()));
  const spelling = endpointSpecText(spec);
  let keys = cache.get(spelling);
  if (!keys) {
    keys = membersOf(c, spec).members.flatMap((m) => (m.query.kind === 'endpoint' ? [c.endpointIndex.get(m.query.key)!] : []));
    cache.set(spelling, keys);
  }
  return keys;
}

/**
 * A pod, workload or namespace on both sides: the composite answer's outcome (checkPaths: every
 * member pair but an endpoint with itself, allowed iff every pair is) computed once per class pair —
 * endpoints of one class get the same verdict from the same peer class (engine/classes.ts) — and per
 * pair only where a pod-level override applies (self, node-local), as impact expands its groups.
 */
export function memberOutcome(
  c: CompiledSnapshot,
  from: EndpointSpec,
  to: EndpointSpec,
  port: number,
  protocol: Protocol,
): { verdict: FlowVerdict; rules: string[] } {
  const src = memberEndpoints(c, from);
  const dst = memberEndpoints(c, to);
  const inDst = new Set(dst);
  const distinct = src.length * dst.length > src.filter((a) => inDst.has(a)).length;
  const byClass = new Map<number, Verdict>();
  const rules = new Set<string>();
  let pairs = 0;
  let allowed = 0;
  let unknown = false;
  const q = (i: number) => ({ kind: 'endpoint' as const, key: c.endpoints[i].key });
  for (const a of src) {
    for (const b of dst) {
      if (a === b && distinct) continue;
      let v: Verdict | undefined;
      if (endpointOverride(c, a, b)) v = check(c, q(a), q(b), port, protocol);
      else {
        const key = c.endpoints[a].classId * c.classes.length + c.endpoints[b].classId;
        v = byClass.get(key);
        if (!v) {
          v = check(c, q(a), q(b), port, protocol);
          byClass.set(key, v);
          for (const r of rulesOf(v)) rules.add(r);
        }
      }
      pairs++;
      if (v.allowed) allowed++;
      if (v.verdict === 'unknown') unknown = true;
    }
  }
  const verdict: FlowVerdict = unknown ? 'unknown' : pairs === 0 || allowed === 0 ? 'denied' : allowed === pairs ? 'allowed' : 'partial';
  return { verdict, rules: [...rules].sort() };
}

export function flowState(c: CompiledSnapshot, from: FlowSide, to: FlowSide, port: number, protocol: Protocol): FlowState {
  const f = resolveSide(c, from);
  const t = resolveSide(c, to);
  if (!f || !t) return { verdict: 'absent', rules: [], reason: `${endpointSpecText((f ? to : from).spec)} is not in this snapshot` };
  const standIns =
    f.standIn || t.standIn ? { standIns: { ...(f.standIn ? { from: f.standIn } : {}), ...(t.standIn ? { to: t.standIn } : {}) } } : {};
  try {
    if (MEMBER_KINDS.has(f.spec.kind) && MEMBER_KINDS.has(t.spec.kind) && !(f.spec.kind === 'pod' && t.spec.kind === 'pod')) {
      return { ...memberOutcome(c, f.spec, t.spec, port, protocol), ...standIns };
    }
    const answer = checkAnswerQuery(c, f.spec, t.spec, port, protocol);
    if (answer.kind === 'verdict') return { verdict: answer.verdict.verdict, rules: rulesOf(answer.verdict), ...standIns };
    const rules = [...new Set(answer.answer.paths.flatMap((p) => (p.verdict ? rulesOf(p.verdict) : [])))].sort();
    const unknown = answer.answer.paths.some((p) => p.verdict?.verdict === 'unknown');
    return { verdict: unknown ? 'unknown' : answer.answer.outcome, rules, ...standIns };
  } catch (err) {
    if (err instanceof NotFoundError || err instanceof InputError) return { verdict: 'absent', rules: [], reason: err.message };
    throw err;
  }
}

/** The side of a flow with its pod's workload identity, looked up in `pod` (its newest stored version). */
export function flowSide(spec: EndpointSpec, pod: Pod | undefined): FlowSide {
  const workload = spec.kind === 'pod' && pod ? workloadIdentity(pod) : undefined;
  return workload ? { spec, workload } : { spec };
}
