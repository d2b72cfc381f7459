// The one evaluation of a direction under the tiers (DESIGN.md "Policy tiers"), over masks of
// "lanes": port atoms (ports, all-ports, impact), other-side classes (the matrix) or a single lane
// (check). Per lane the first deciding tier wins:
//  1. admin groups by priority: within one policy the first matching rule; Allow/Deny decide, Pass
//     skips to 2 (apis/v1alpha2 ClusterNetworkPolicyRuleAction). Policies of equal priority that
//     disagree on a lane: the API lets the implementation apply either ("there is no way for the
//     user to reliably determine which one it will choose", ClusterNetworkPolicySpec.Priority) →
//     unknown. A domainNames rule that may match → unknown.
//  2. NetworkPolicy v1: an isolated endpoint gets exactly what some rule admits; else fall through.
//  3. baseline groups, as 1 (Pass goes on to 4).
//  4. default allow.
// Unmodelled objects: a cluster-scoped one (Calico GlobalNetworkPolicy, CiliumClusterwideNetworkPolicy,
// Antrea ClusterNetworkPolicy, ...) may sit before the admin tier, so every lane is unknown; a
// namespaced one (CiliumNetworkPolicy, Calico NetworkPolicy, ...) is its namespace owner's and cannot
// undo an admin-tier Deny (the admin tier is the one namespace owners cannot override: apis/v1alpha2
// Tier), so every lane but those is unknown.
import type { CompiledTierRule, TierGroup } from './types.ts';

/** Where a lane was decided, for explanations (traced for one lane only). */
export type TraceStage = 'admin' | 'namespace' | 'baseline' | 'default' | 'floor';

export interface SweepTrace {
  stage: TraceStage;
  /** The rule that decided (or may have, for an unknown), in stage admin or baseline. */
  decidedBy?: CompiledTierRule;
  /** The admin rule that passed the lane on. */
  passedBy?: CompiledTierRule;
  /** Policies of one priority that disagree on the lane. */
  conflict?: { readonly priority: number; readonly policies: readonly number[] };
  unknown: boolean;
}

export interface SweepInput {
  readonly words: number;
  /** The lanes that exist (ones beyond the last lane stay zero). */
  readonly all: Uint32Array;
  readonly admin: readonly TierGroup[];
  readonly baseline: readonly TierGroup[];
  /** Lanes a rule matches for sure, and lanes it may match (domainNames); both arrive zeroed. */
  match(rule: CompiledTierRule, sure: Uint32Array, maybe: Uint32Array): void;
  /** NetworkPolicy isolates this endpoint in this direction. */
  readonly npIsolated: boolean;
  /** When isolated: lanes some NetworkPolicy rule admits. */
  readonly npAllowed: Uint32Array | null;
  /** Unmodelled objects that may change this direction, by their scope. */
  readonly floor: 'none' | 'namespace' | 'cluster';
  /** Record how this lane was decided. */
  readonly traceLane?: number;
}

export interface SweepResult {
  readonly allow: Uint32Array;
  readonly unknown: Uint32Array;
  readonly trace?: SweepTrace;
}

interface State {
  open: Uint32Array;
  allow: Uint32Array;
  pass: Uint32Array;
  unknown: Uint32Array;
  sure: Uint32Array;
  maybe: Uint32Array;
}

const laneIn = (m: Uint32Array, lane: number) => (m[lane >>> 5] & (1 << (lane & 31))) !== 0;

/** One policy's rules over the open lanes: first match wins. Fills per-action masks. */
function sweepPolicy(input: SweepInput, s: State, rules: readonly CompiledTierRule[], out: { allow: Uint32Array; deny: Uint32Array; pass: Uint32Array; unknown: Uint32Array }, trace: SweepTrace | undefined, stage: TraceStage): void {
  const w = input.words;
  const left = Uint32Array.from(s.open);
  for (const rule of rules) {
    s.sure.fill(0);
    s.maybe.fill(0);
    input.match(rule, s.sure, s.maybe);
    const target = rule.action === 'Allow' ? out.allow : rule.action === 'Deny' ? out.deny : out.pass;
    let any = 0;
    for (let i = 0; i < w; i++) {
      const sure = s.sure[i] & left[i];
      const maybe = s.maybe[i] & left[i] & ~sure;
      target[i] |= sure;
      out.unknown[i] |= maybe;
      left[i] &= ~(sure | maybe);
      any |= left[i];
    }
    if (trace && trace.decidedBy === undefined && input.traceLane !== undefined) {
      const lane = input.traceLane;
      if (laneIn(s.sure, lane) && laneIn(s.open, lane)) trace.decidedBy = rule;
      else if (laneIn(s.maybe, lane) && laneIn(s.open, lane)) trace.decidedBy = rule;
      if (trace.decidedBy === rule) trace.stage = stage;
    }
    if (any === 0) return;
  }
}

/** A tier's groups over the open lanes; decided lanes leave `open`, passed ones go to `pass`. */
function sweepTier(input: SweepInput, s: State, groups: readonly TierGroup[], trace: SweepTrace | undefined, stage: TraceStage): void {
  const w = input.words;
  for (const g of groups) {
    const merged = { allow: new Uint32Array(w), deny: new Uint32Array(w), pass: new Uint32Array(w), unknown: new Uint32Array(w) };
    const perPolicy = g.policies.length === 1 ? [merged] : g.policies.map(() => ({ allow: new Uint32Array(w), deny: new Uint32Array(w), pass: new Uint32Array(w), unknown: new Uint32Array(w) }));
    const before = trace?.decidedBy;
    g.rules.forEach((rules, i) => sweepPolicy(input, s, rules, perPolicy[i], trace, stage));
    let conflict = new Uint32Array(0);
    if (perPolicy.length > 1) {
      conflict = new Uint32Array(w);
      for (const p of perPolicy) {
        for (let i = 0; i < w; i++) {
          conflict[i] |= (merged.allow[i] & (p.deny[i] | p.pass[i])) | (merged.deny[i] & (p.allow[i] | p.pass[i])) | (merged.pass[i] & (p.allow[i] | p.deny[i]));
          merged.allow[i] |= p.allow[i];
          merged.deny[i] |= p.deny[i];
          merged.pass[i] |= p.pass[i];
          merged.unknown[i] |= p.unknown[i];
        }
      }
    }
    let open = 0;
    for (let i = 0; i < w; i++) {
      const c = conflict.length > 0 ? conflict[i] : 0;
      const decided = merged.allow[i] | merged.deny[i] | merged.pass[i] | merged.unknown[i];
      s.unknown[i] |= (merged.unknown[i] | c) & s.open[i];
      s.allow[i] |= merged.allow[i] & ~c & ~merged.unknown[i] & s.open[i];
      s.pass[i] |= merged.pass[i] & ~c & ~merged.unknown[i] & s.open[i];
      s.open[i] &= ~decided;
      open |= s.open[i];
    }
    if (trace && input.traceLane !== undefined && trace.decidedBy !== before) {
      const lane = input.traceLane;
      if (conflict.length > 0 && laneIn(conflict, lane)) {
        trace.conflict = { priority: g.priority, policies: g.policies.filter((_, i) => laneIn(perPolicy[i].allow, lane) || laneIn(perPolicy[i].deny, lane) || laneIn(perPolicy[i].pass, lane)) };
      }
    }
    if (open === 0) return;
  }
}

export function sweepDirection(input: SweepInput): SweepResult {
  const w = input.words;
  const trace: SweepTrace | undefined = input.traceLane === undefined ? undefined : { stage: 'default', unknown: false };
  if (input.floor === 'cluster') {
    if (trace) Object.assign(trace, { stage: 'floor', unknown: true });
    return { allow: new Uint32Array(w), unknown: Uint32Array.from(input.all), trace };
  }
  const s: State = { open: Uint32Array.from(input.all), allow: new Uint32Array(w), pass: new Uint32Array(w), unknown: new Uint32Array(w), sure: new Uint32Array(w), maybe: new Uint32Array(w) };
  sweepTier(input, s, input.admin, trace, 'admin');
  if (input.floor === 'namespace') return namespaceFloor(input, s, trace);
  const adminAllow = s.allow;
  const adminUnknown = s.unknown;
  // Lanes the admin tier passed or left open go on to NetworkPolicy.
  const next = new Uint32Array(w);
  for (let i = 0; i < w; i++) next[i] = s.pass[i] | s.open[i];
  if (trace && input.traceLane !== undefined && laneIn(s.pass, input.traceLane)) {
    trace.passedBy = trace.decidedBy;
    trace.decidedBy = undefined;
    trace.stage = 'default';
  }
  const allow = Uint32Array.from(adminAllow);
  const unknown = Uint32Array.from(adminUnknown);
  if (input.npIsolated) {
    for (let i = 0; i < w; i++) allow[i] |= next[i] & input.npAllowed![i];
    if (trace && input.traceLane !== undefined && laneIn(next, input.traceLane)) trace.stage = 'namespace';
  } else {
    const b: State = { open: next, allow: new Uint32Array(w), pass: new Uint32Array(w), unknown: new Uint32Array(w), sure: s.sure, maybe: s.maybe };
    const passedBy = trace?.passedBy;
    sweepTier(input, b, input.baseline, trace, 'baseline');
    if (trace) trace.passedBy = passedBy;
    // Baseline Pass and lanes no tier decided: the default, allow.
    for (let i = 0; i < w; i++) {
      allow[i] |= b.allow[i] | b.pass[i] | b.open[i];
      unknown[i] |= b.unknown[i];
    }
  }
  if (trace && input.traceLane !== undefined) trace.unknown = laneIn(unknown, input.traceLane);
  return { allow, unknown, trace };
}

/** Only an admin-tier Deny stands; every other lane is unknown. */
function namespaceFloor(input: SweepInput, s: State, trace: SweepTrace | undefined): SweepResult {
  const w = input.words;
  const unknown = new Uint32Array(w);
  for (let i = 0; i < w; i++) unknown[i] = input.all[i] & ~(~s.open[i] & ~s.allow[i] & ~s.pass[i] & ~s.unknown[i]);
  if (trace && input.traceLane !== undefined && laneIn(unknown, input.traceLane)) Object.assign(trace, { stage: 'floor', unknown: true });
  return { allow: new Uint32Array(w), unknown, trace };
}
