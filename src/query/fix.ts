// fixQuery: "it is denied — what do I change?" (and, with deny, the inverse for hardening). Expands
// the request to pod pairs (a workload to its pods, a Service destination to its backends on their
// targetPort), checks each, refuses what no NetworkPolicy can fix (engine/fix/blockers.ts), builds
// candidates (engine/fix/allow.ts, deny.ts) and proves each with the impact engine (fix-proof.ts).
// Ranking: candidates that achieve the request only; then fewest lost flows, fewest other changed
// flows, fewest objects touched, the engine's preference order.
import { check, type CompiledSnapshot, type Verdict } from '../engine/index.ts';
import { allowCandidates } from '../engine/fix/allow.ts';
import { type Blocker, blockerOf } from '../engine/fix/blockers.ts';
import { denyCandidates } from '../engine/fix/deny.ts';
import { type JsonObject, type JsonPatchOp, policyManifest } from '../engine/fix/manifest.ts';
import type { CandidateChange, FlowPair, Strategy } from '../engine/fix/types.ts';
import { findServicePort, resolveTargetPort, serviceBackends } from '../engine/services.ts';
import { InputError } from '../model/diagnostics.ts';
import { type FieldSpeller, requestField } from '../model/fields.ts';
import type { PolicyType, Protocol } from '../model/types.ts';
import { type EndpointSpec, endpointSpecText } from './endpoint-spec.ts';
import { type FixProof, proveCandidate } from './fix-proof.ts';
import type { RuleRef } from '../engine/verdict.ts';
import { lookupService } from './paths/members.ts';
import { workloadEndpoints } from './paths/workload.ts';
import { resolveSingle } from './resolve.ts';

export type FixMode = 'allow' | 'deny';

export interface FixRequest {
  readonly from: EndpointSpec;
  readonly to: EndpointSpec;
  readonly port: number;
  readonly protocol: Protocol;
  readonly mode: FixMode;
}

/** One requested pod pair and how it answers now. */
export interface FixFlow {
  readonly from: string;
  readonly to: string;
  readonly protocol: Protocol;
  /** The port the destination receives it on (a Service's targetPort). */
  readonly port: number;
  readonly verdict: Verdict['verdict'];
  /** The rules that decide it now: admitting rules when allowed; for a denied side, its isolating policies. */
  readonly egress: {
    readonly allowed: boolean;
    readonly isolatedBy: readonly string[];
    readonly allowedBy: readonly RuleRef[];
    readonly reason: string;
  };
  readonly ingress: FixFlow['egress'];
  readonly via?: string;
}

export interface FixChangeAnswer {
  readonly action: 'create' | 'modify';
  readonly directions: readonly PolicyType[];
  /** `ns/name` */
  readonly policy: string;
  /** The whole object, ready for `kubectl apply -f -`. */
  readonly object: JsonObject;
  /** For modify: the RFC 6902 patch (`kubectl patch networkpolicy NAME -n NS --type=json -p ...`). */
  readonly patch: readonly JsonPatchOp[];
  readonly explain: readonly string[];
}

export interface FixCandidate {
  /** 1 = best. */
  readonly rank: number;
  readonly strategy: Strategy;
  readonly summary: string;
  readonly changes: readonly FixChangeAnswer[];
  readonly proof: FixProof;
}

export type FixStatus = 'nothing-to-change' | 'fixable' | 'unfixable';

export interface FixAnswer {
  readonly mode: FixMode;
  readonly request: { readonly from: string; readonly to: string; readonly port: number; readonly protocol: Protocol };
  readonly status: FixStatus;
  readonly flows: readonly FixFlow[];
  readonly candidates: readonly FixCandidate[];
  /** Why nothing NetworkPolicy can express fixes it (status unfixable). */
  readonly reason?: Blocker;
  /** What the expansion left out (backends that are not pods, unresolved named targetPorts). */
  readonly notes: readonly string[];
}

interface Expanded {
  readonly pairs: FlowPair[];
  readonly via: Map<FlowPair, string>;
  readonly notes: string[];
}

function endpointIds(c: CompiledSnapshot, spec: EndpointSpec, side: 'from' | 'to', field: FieldSpeller): number[] {
  const flag = field(side);
  switch (spec.kind) {
    case 'pod': {
      const q = resolveSingle(c, spec);
      return [c.endpointIndex.get((q as { key: string }).key)!];
    }
    case 'workload': {
      const found = workloadEndpoints(c, spec.workloadKind, spec.namespace, spec.name);
      if (found.length === 0) throw new InputError(`${flag} ${endpointSpecText(spec)}: no such workload, and no pod it owns`);
      return found.map((e) => c.endpointIndex.get(e.key)!);
    }
    default:
      throw new InputError(
        `${flag} ${endpointSpecText(spec)}: fix takes a pod (ns/name), a workload (deploy:ns/name, ` +
          `...)${side === 'to' ? ' or a Service (svc:ns/name)' : ''}`,
      );
  }
}

function expand(c: CompiledSnapshot, r: FixRequest, field: FieldSpeller): Expanded {
  const srcs = endpointIds(c, r.from, 'from', field);
  const out: Expanded = { pairs: [], via: new Map(), notes: [] };
  const add = (src: number, dst: number, port: number, portName?: string, via?: string, dstGroup?: string) => {
    if (src === dst) return;
    const pair: FlowPair = {
      src,
      dst,
      protocol: r.protocol,
      port,
      ...(portName !== undefined ? { portName } : {}),
      ...(dstGroup !== undefined ? { dstGroup } : {}),
    };
    out.pairs.push(pair);
    if (via) out.via.set(pair, via);
  };
  if (r.to.kind !== 'service') {
    for (const dst of endpointIds(c, r.to, 'to', field)) for (const src of srcs) add(src, dst, r.port);
    return out;
  }
  const svc = lookupService(c, r.to.namespace, r.to.name);
  const found = findServicePort(svc, r.port, r.protocol, false);
  if (found.kind !== 'found')
    throw new InputError(`${field('to')} svc:${svc.namespace}/${svc.name}: the Service exposes no ${r.protocol}/${r.port}`);
  for (const b of serviceBackends(c, svc).backends) {
    const target = resolveTargetPort(c, found.port, b);
    if (b.endpoint === undefined) out.notes.push(`backend ${b.name} is not a pod of the snapshot: left out (a policy cannot select it)`);
    else if (target.kind === 'unresolved')
      out.notes.push(`backend ${b.name} names no container port ${target.name}: the Service sends it nothing on this port`);
    else
      for (const src of srcs)
        add(
          src,
          b.endpoint,
          target.port,
          typeof found.port.targetPort === 'string' ? found.port.targetPort : undefined,
          `service ${svc.namespace}/${svc.name} port ${found.port.port} → ${b.name}:${target.port}`,
          `svc:${svc.namespace}/${svc.name}`,
        );
  }
  if (out.pairs.length === 0)
    throw new InputError(`${field('to')} svc:${svc.namespace}/${svc.name}: no backend pod receives ${r.protocol}/${r.port}`);
  return out;
}

function flowOf(c: CompiledSnapshot, p: FlowPair, v: Verdict, via: string | undefined): FixFlow {
  const side = (d: Verdict['egress']) => ({ allowed: d.allowed, isolatedBy: d.isolatedBy, allowedBy: d.allowedBy, reason: d.reason });
  return {
    from: c.endpoints[p.src].key,
    to: c.endpoints[p.dst].key,
    protocol: p.protocol,
    port: p.port,
    verdict: v.verdict,
    egress: side(v.egress),
    ingress: side(v.ingress),
    ...(via ? { via } : {}),
  };
}

function changeAnswer(ch: CandidateChange['changes'][number]): FixChangeAnswer {
  return {
    action: ch.action,
    directions: ch.directions,
    policy: `${ch.policy.namespace}/${ch.policy.name}`,
    object: policyManifest(ch.policy),
    patch: ch.patch,
    explain: ch.explain,
  };
}

function rankCandidates(
  c: CompiledSnapshot,
  candidates: readonly CandidateChange[],
  pairs: readonly FlowPair[],
  deny: boolean,
): FixCandidate[] {
  const proven = candidates
    .map((cand, order) => ({ cand, order, proof: proveCandidate(c, cand, pairs, deny) }))
    .filter((x) => x.proof.achieves);
  const opposite = (p: FixProof) => (deny ? p.gained.length : p.lost.length);
  proven.sort(
    (a, b) =>
      opposite(a.proof) - opposite(b.proof) ||
      a.proof.others.length - b.proof.others.length ||
      a.cand.changes.length - b.cand.changes.length ||
      a.order - b.order,
  );
  return proven.map((x, i) => ({
    rank: i + 1,
    strategy: x.cand.strategy,
    summary: x.cand.summary,
    changes: x.cand.changes.map(changeAnswer),
    proof: x.proof,
  }));
}

/** `field` spells the request's fields in error messages (default: their request names). */
export function fixQuery(c: CompiledSnapshot, r: FixRequest, field: FieldSpeller = requestField): FixAnswer {
  const deny = r.mode === 'deny';
  const { pairs, via, notes } = expand(c, r, field);
  const key = (id: number) => ({ kind: 'endpoint' as const, key: c.endpoints[id].key });
  const verdicts = pairs.map((p) => check(c, key(p.src), key(p.dst), p.port, p.protocol));
  const flows = pairs.map((p, i) => flowOf(c, p, verdicts[i], via.get(p)));
  const request = { from: endpointSpecText(r.from), to: endpointSpecText(r.to), port: r.port, protocol: r.protocol };
  const base = { mode: r.mode, request, flows, notes };
  const open = pairs
    .map((p, i) => ({ pair: p, v: verdicts[i] }))
    .filter(({ v }) => v.verdict === 'unknown' || (deny ? v.allowed : !v.allowed));
  if (open.length === 0) return { ...base, status: 'nothing-to-change', candidates: [] };
  for (const { v } of open) {
    const blocker = blockerOf(c, v, deny);
    if (blocker) return { ...base, status: 'unfixable', candidates: [], reason: blocker };
  }
  const targets = open.map(({ pair, v }) => ({ pair, egress: v.egress, ingress: v.ingress }));
  const built = deny ? denyCandidates(c, targets) : allowCandidates(c, targets);
  const candidates = rankCandidates(
    c,
    built,
    open.map((o) => o.pair),
    deny,
  );
  if (candidates.length === 0) {
    const message =
      built.length === 0
        ? 'no NetworkPolicy change was found for this request'
        : `none of the ${built.length} candidate change(s) made every requested pair ${deny ? 'denied' : 'allowed'} (the plugin in force ` +
          `reads them differently)`;
    return { ...base, status: 'unfixable', candidates: [], reason: { code: 'no-candidate', message } };
  }
  return { ...base, status: 'fixable', candidates };
}
