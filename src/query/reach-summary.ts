// The short answer to "can A reach B?" that bots and agents get (MCP tools, chat commands): one
// verdict word, reason codes with one sentence each, per-direction evidence with the deciding
// policies by name, and — for `unknown` — the missing fact. Built from the query layer's own answers
// (CheckAnswer, PortsAnswer), so it never disagrees with `netreach check` or POST /v1/check.
import type { DirectionVerdict, PortRanges, Verdict } from '../engine/verdict.ts';
import { isEmptyRanges } from '../engine/port-ranges.ts';
import type { Protocol } from '../model/types.ts';
import type { CheckAnswer, PortsAnswer } from './queries.ts';
import type { PathVerdict } from './paths/types.ts';

export type ReachVerdict = 'allowed' | 'denied' | 'partial' | 'unknown';

export interface Reason {
  /** Stable code: `egress-allowed-by-rule`, `ingress-no-rule-admits`, a note or path-note code, ... */
  readonly code: string;
  readonly message: string;
}

export interface SideSummary {
  readonly verdict: 'allowed' | 'denied' | 'unknown';
  readonly reason: string;
  /** Policies of this direction that select the endpoint (`ns/name`). */
  readonly isolatedBy: readonly string[];
  /** `ns/name ingress rule #0` for each admitting rule. */
  readonly allowedBy: readonly string[];
}

export interface PathSummary {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly verdict: 'allowed' | 'denied' | 'unknown';
  readonly reason: string;
  readonly via?: string;
}

export interface CheckSummary {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly verdict: ReachVerdict;
  readonly reasons: readonly Reason[];
  /** Pod/IP pairs: egress at the source and ingress at the destination. */
  readonly egress?: SideSummary;
  readonly ingress?: SideSummary;
  /** Composite answers (Service, workload, namespace, node, CIDR): one entry per concrete path. */
  readonly paths?: readonly PathSummary[];
  /** The policies that make the answer what it is (admitting rules' policies, else the isolating ones). */
  readonly decidingPolicies: readonly string[];
  /** Present with verdict `unknown`: the fact netreach does not have. */
  readonly missing?: string;
}

function sideVerdict(d: DirectionVerdict): SideSummary['verdict'] {
  return d.unknown ? 'unknown' : d.allowed ? 'allowed' : 'denied';
}

function sideReason(d: DirectionVerdict): Reason {
  const dir = d.direction.toLowerCase();
  if (d.unknown) return { code: `${dir}-unknown`, message: d.unknownReason ?? d.reason };
  if (!d.policed) return { code: `${dir}-not-policed`, message: d.reason };
  if (d.decidedBy) return { code: `${dir}-decided-by-${d.decidedBy.tier.toLowerCase()}-tier`, message: d.reason };
  if (!d.isolated) return { code: `${dir}-not-isolated`, message: d.reason };
  return { code: d.allowed ? `${dir}-allowed-by-rule` : `${dir}-no-rule-admits`, message: d.reason };
}

function side(d: DirectionVerdict): SideSummary {
  return {
    verdict: sideVerdict(d),
    reason: d.reason,
    isolatedBy: d.isolatedBy,
    allowedBy: d.allowedBy.map((r) => `${r.policy} ${r.direction.toLowerCase()} rule #${r.rule}`),
  };
}

function deciding(v: Verdict): string[] {
  const names = new Set<string>();
  for (const d of [v.egress, v.ingress]) {
    if (d.decidedBy) names.add(`${d.decidedBy.kind}/${d.decidedBy.policy}`);
    if (v.allowed) for (const r of d.allowedBy) names.add(r.policy);
    else if (!d.allowed) for (const p of d.isolatedBy) names.add(p);
  }
  return [...names].sort();
}

export function verdictSummary(v: Verdict): CheckSummary {
  const reasons = [sideReason(v.egress), sideReason(v.ingress), ...v.notes.map((n) => ({ code: n.code, message: n.message }))];
  const missing =
    v.verdict === 'unknown'
      ? (v.unknownReason ?? v.egress.unknownReason ?? v.ingress.unknownReason ?? 'the plugin does not document this case')
      : undefined;
  return {
    from: v.from.name,
    to: v.to.name,
    port: v.port,
    protocol: v.protocol,
    verdict: v.verdict,
    reasons,
    egress: side(v.egress),
    ingress: side(v.ingress),
    decidingPolicies: deciding(v),
    ...(missing !== undefined ? { missing } : {}),
  };
}

function pathVerdict(p: PathVerdict): PathSummary['verdict'] {
  if (p.verdict?.verdict === 'unknown') return 'unknown';
  return p.allowed ? 'allowed' : 'denied';
}

function pathSummary(p: PathVerdict): PathSummary {
  const reason = p.reason ?? (p.allowed ? 'allowed' : 'denied');
  return { from: p.from, to: p.to, port: p.port, verdict: pathVerdict(p), reason, ...(p.via !== undefined ? { via: p.via } : {}) };
}

export function checkSummary(a: CheckAnswer): CheckSummary {
  if (a.kind === 'verdict') return verdictSummary(a.verdict);
  const x = a.answer;
  const paths = x.paths.map(pathSummary);
  const unknown = paths.find((p) => p.verdict === 'unknown');
  const verdict: ReachVerdict = unknown && !paths.some((p) => p.verdict === 'allowed') ? 'unknown' : x.outcome;
  const policies = new Set<string>();
  for (const p of x.paths) if (p.verdict) for (const name of deciding(p.verdict)) policies.add(name);
  const reasons: Reason[] = [
    { code: `paths-${x.outcome}`, message: `${paths.filter((p) => p.verdict === 'allowed').length} of ${paths.length} path(s) allowed` },
    ...x.notes.map((n) => ({ code: n.code, message: n.message })),
  ];
  return {
    from: x.from,
    to: x.to,
    port: x.port,
    protocol: x.protocol,
    verdict,
    reasons,
    paths,
    decidingPolicies: [...policies].sort(),
    ...(verdict === 'unknown' && unknown ? { missing: unknown.reason } : {}),
  };
}

export interface PortsSummary {
  readonly from: string;
  readonly to: string;
  /** `allowed`: some port is open on every path; `partial`: on some paths only; `denied`: none. */
  readonly verdict: 'allowed' | 'denied' | 'partial';
  /** Ports open on some path. */
  readonly ports: PortRanges;
  /** Ports open on every path. */
  readonly everyPath: PortRanges;
  readonly paths?: readonly { readonly from: string; readonly to: string; readonly ports: PortRanges; readonly via?: string }[];
  readonly reasons: readonly Reason[];
}

export function portsSummary(a: PortsAnswer, from: string, to: string): PortsSummary {
  if (a.kind === 'ranges') {
    const open = !isEmptyRanges(a.ports);
    const reasons = [{ code: open ? 'ports-open' : 'no-port-open', message: open ? 'some ports are open' : 'no port is open' }];
    return { from, to, verdict: open ? 'allowed' : 'denied', ports: a.ports, everyPath: a.ports, reasons };
  }
  const x = a.answer;
  const some = !isEmptyRanges(x.union);
  const every = !isEmptyRanges(x.intersection) && x.paths.length > 0;
  const verdict = every ? 'allowed' : some ? 'partial' : 'denied';
  const reasons = [
    {
      code: `ports-${verdict}`,
      message: `${x.paths.filter((p) => !isEmptyRanges(p.ports)).length} of ${x.paths.length} path(s) have an open port`,
    },
    ...x.notes.map((n) => ({ code: n.code, message: n.message })),
  ];
  const paths = x.paths.map((p) => ({ from: p.from, to: p.to, ports: p.ports, ...(p.via !== undefined ? { via: p.via } : {}) }));
  return { from: x.from, to: x.to, verdict, ports: x.union, everyPath: x.intersection, paths, reasons };
}
