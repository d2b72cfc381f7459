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
// Word loops only, and scratch masks reused per lane width (sweepDirection is never re-entered), so a
// sweep allocates nothing but its trace.
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

/** What `match` found: nothing, sure lanes, maybe lanes (bit flags). */
export const NO_MATCH = 0;
export const SURE = 1;
export const MAYBE = 2;

export interface SweepInput {
  readonly words: number;
  /** The lanes that exist (ones beyond the last lane stay zero). */
  readonly all: Uint32Array;
  readonly admin: readonly TierGroup[];
  readonly baseline: readonly TierGroup[];
  /** Sets the lanes a rule matches for sure in `sure` and those it may match (domainNames) in `maybe`
   * (both arrive zeroed); returns SURE | MAYBE for what it set (NO_MATCH: left zero). */
  match(rule: CompiledTierRule, sure: Uint32Array, maybe: Uint32Array): number;
  /** NetworkPolicy isolates this endpoint in this direction. */
  readonly npIsolated: boolean;
  /** When isolated: lanes some NetworkPolicy rule admits. */
  readonly npAllowed: Uint32Array | null;
  /** Unmodelled objects that may change this direction, by their scope. */
  readonly floor: 'none' | 'namespace' | 'cluster';
  /** Record how this lane was decided. */
  readonly traceLane?: number;
}

/** `allow` and `unknown` are scratch: valid until the next sweep of the same lane width. */
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

interface Masks {
  allow: Uint32Array;
  deny: Uint32Array;
  pass: Uint32Array;
  unknown: Uint32Array;
}

interface Scratch {
  readonly s: State;
  readonly baseOpen: Uint32Array;
  readonly merged: Masks;
  readonly one: Masks;
  readonly left: Uint32Array;
  readonly conflict: Uint32Array;
}

const scratches = new Map<number, Scratch>();

function scratchFor(w: number): Scratch {
  let sc = scratches.get(w);
  if (!sc) {
    const m = (): Uint32Array => new Uint32Array(w);
    const masks = (): Masks => ({ allow: m(), deny: m(), pass: m(), unknown: m() });
    sc = {
      s: { open: m(), allow: m(), pass: m(), unknown: m(), sure: m(), maybe: m() },
      baseOpen: m(),
      merged: masks(),
      one: masks(),
      left: m(),
      conflict: m(),
    };
    scratches.set(w, sc);
  }
  return sc;
}

const laneIn = (m: Uint32Array, lane: number) => (m[lane >>> 5] & (1 << (lane & 31))) !== 0;

function clearMasks(m: Masks): void {
  m.allow.fill(0);
  m.deny.fill(0);
  m.pass.fill(0);
  m.unknown.fill(0);
}

function noteTrace(
  input: SweepInput,
  s: State,
  open: Uint32Array,
  rule: CompiledTierRule,
  trace: SweepTrace | undefined,
  stage: TraceStage,
): void {
  if (!trace || trace.decidedBy !== undefined || input.traceLane === undefined) return;
  const lane = input.traceLane;
  if (!laneIn(open, lane)) return;
  if (laneIn(s.sure, lane) || laneIn(s.maybe, lane)) {
    trace.decidedBy = rule;
    trace.stage = stage;
  }
}

/** One policy's rules over `open` (first match wins), into `out` per action; `open` loses what they decide. */
function sweepRules(
  input: SweepInput,
  s: State,
  rules: readonly CompiledTierRule[],
  open: Uint32Array,
  out: Masks,
  trace: SweepTrace | undefined,
  stage: TraceStage,
): void {
  const w = input.words;
  for (const rule of rules) {
    const got = input.match(rule, s.sure, s.maybe);
    if (got === NO_MATCH) continue;
    noteTrace(input, s, open, rule, trace, stage);
    const target = rule.action === 'Allow' ? out.allow : rule.action === 'Deny' ? out.deny : out.pass;
    let any = 0;
    for (let i = 0; i < w; i++) {
      const sure = s.sure[i] & open[i];
      const maybe = s.maybe[i] & open[i] & ~sure;
      target[i] |= sure;
      out.unknown[i] |= maybe;
      open[i] &= ~(sure | maybe);
      any |= open[i];
    }
    if (got & SURE) s.sure.fill(0);
    if (got & MAYBE) s.maybe.fill(0);
    if (any === 0) return;
  }
}

/** A tier's groups over the open lanes; decided lanes leave `open`, passed ones go to `pass`. */
function sweepTier(
  input: SweepInput,
  sc: Scratch,
  s: State,
  groups: readonly TierGroup[],
  trace: SweepTrace | undefined,
  stage: TraceStage,
): void {
  const w = input.words;
  for (const g of groups) {
    if (g.policies.length === 1) {
      // One policy: its rules write straight into the state (Deny lanes simply leave `open`).
      const out: Masks = { allow: s.allow, deny: sc.one.deny, pass: s.pass, unknown: s.unknown };
      sweepRules(input, s, g.rules[0], s.open, out, trace, stage);
    } else sweepGroup(input, sc, s, g, trace, stage);
    let open = 0;
    for (let i = 0; i < w; i++) open |= s.open[i];
    if (open === 0) return;
  }
}

/** Policies of one priority: each over the same open lanes; where they disagree, unknown. */
function sweepGroup(input: SweepInput, sc: Scratch, s: State, g: TierGroup, trace: SweepTrace | undefined, stage: TraceStage): void {
  const w = input.words;
  const { merged, one, left, conflict } = sc;
  clearMasks(merged);
  conflict.fill(0);
  const before = trace?.decidedBy;
  const matched: number[] = [];
  g.rules.forEach((rules, k) => {
    clearMasks(one);
    left.set(s.open);
    sweepRules(input, s, rules, left, one, trace, stage);
    if (
      input.traceLane !== undefined &&
      (laneIn(one.allow, input.traceLane) || laneIn(one.deny, input.traceLane) || laneIn(one.pass, input.traceLane))
    )
      matched.push(g.policies[k]);
    for (let i = 0; i < w; i++) {
      conflict[i] |=
        (merged.allow[i] & (one.deny[i] | one.pass[i])) |
        (merged.deny[i] & (one.allow[i] | one.pass[i])) |
        (merged.pass[i] & (one.allow[i] | one.deny[i]));
      merged.allow[i] |= one.allow[i];
      merged.deny[i] |= one.deny[i];
      merged.pass[i] |= one.pass[i];
      merged.unknown[i] |= one.unknown[i];
    }
  });
  for (let i = 0; i < w; i++) {
    const c = conflict[i] | merged.unknown[i];
    const decided = merged.allow[i] | merged.deny[i] | merged.pass[i] | merged.unknown[i];
    s.unknown[i] |= c & s.open[i];
    s.allow[i] |= merged.allow[i] & ~c & s.open[i];
    s.pass[i] |= merged.pass[i] & ~c & s.open[i];
    s.open[i] &= ~decided;
  }
  if (trace && input.traceLane !== undefined && trace.decidedBy !== before && laneIn(conflict, input.traceLane)) {
    trace.conflict = { priority: g.priority, policies: matched };
  }
}

function reset(sc: Scratch, all: Uint32Array): State {
  const s = sc.s;
  s.open.set(all);
  s.allow.fill(0);
  s.pass.fill(0);
  s.unknown.fill(0);
  return s;
}

export function sweepDirection(input: SweepInput): SweepResult {
  const w = input.words;
  const sc = scratchFor(w);
  const s = reset(sc, input.all);
  const trace: SweepTrace | undefined = input.traceLane === undefined ? undefined : { stage: 'default', unknown: false };
  if (input.floor === 'cluster') {
    if (trace) Object.assign(trace, { stage: 'floor', unknown: true });
    s.unknown.set(input.all);
    return { allow: s.allow, unknown: s.unknown, trace };
  }
  sweepTier(input, sc, s, input.admin, trace, 'admin');
  if (input.floor === 'namespace') return namespaceFloor(input, s, trace);
  const lane = input.traceLane;
  if (trace && lane !== undefined && laneIn(s.pass, lane)) {
    trace.passedBy = trace.decidedBy;
    trace.decidedBy = undefined;
    trace.stage = 'default';
  }
  // Lanes the admin tier passed or left open go on to NetworkPolicy (s.open becomes that set).
  for (let i = 0; i < w; i++) s.open[i] |= s.pass[i];
  if (input.npIsolated) {
    for (let i = 0; i < w; i++) s.allow[i] |= s.open[i] & input.npAllowed![i];
    if (trace && lane !== undefined && laneIn(s.open, lane)) trace.stage = 'namespace';
  } else {
    // The baseline: its Allow, its Pass and what no tier decides are allowed (the default).
    const adminAllow = sc.baseOpen;
    adminAllow.set(s.allow);
    s.pass.fill(0);
    const passedBy = trace?.passedBy;
    sweepTier(input, sc, s, input.baseline, trace, 'baseline');
    if (trace) trace.passedBy = passedBy;
    for (let i = 0; i < w; i++) s.allow[i] |= adminAllow[i] | s.pass[i] | s.open[i];
  }
  if (trace && lane !== undefined) trace.unknown = laneIn(s.unknown, lane);
  return { allow: s.allow, unknown: s.unknown, trace };
}

/** Only an admin-tier Deny stands; every other lane is unknown. */
function namespaceFloor(input: SweepInput, s: State, trace: SweepTrace | undefined): SweepResult {
  const w = input.words;
  for (let i = 0; i < w; i++) s.unknown[i] = input.all[i] & ~(~s.open[i] & ~s.allow[i] & ~s.pass[i] & ~s.unknown[i]);
  s.allow.fill(0);
  if (trace && input.traceLane !== undefined && laneIn(s.unknown, input.traceLane)) Object.assign(trace, { stage: 'floor', unknown: true });
  return { allow: s.allow, unknown: s.unknown, trace };
}
