// Which policies decided an impact flow in one snapshot, and the short form reviewers read.
import type { RuleRef } from '../engine/verdict.ts';

export interface DirectionSummary {
  /** `ns/name` of the policies of this direction that select the side owning it (empty: not isolated). */
  readonly isolatedBy: readonly string[];
  /** Rules that admit the flow (on the flow's first port). */
  readonly allowedBy: readonly RuleRef[];
}

/** Which policies decided a flow in one snapshot (evaluated on the flow's first port). */
export interface RuleRefSummary {
  readonly allowed: boolean;
  readonly egress: DirectionSummary;
  readonly ingress: DirectionSummary;
}

/** `ns/name ingress rule #0` for each rule that admitted the flow in that snapshot (egress first). */
export function allowingRules(s: RuleRefSummary): string[] {
  if (!s.allowed) return [];
  const names = new Set<string>();
  for (const d of [s.egress, s.ingress]) for (const r of d.allowedBy) names.add(`${r.policy} ${r.direction.toLowerCase()} rule #${r.rule}`);
  return [...names];
}

/** The policies that make the answer what it is: the admitting ones when allowed, else the
 * isolating ones of each direction no rule admits. Sorted, unique. */
export function decisivePolicies(s: RuleRefSummary): string[] {
  const names = new Set<string>();
  for (const d of [s.egress, s.ingress]) {
    if (s.allowed) for (const r of d.allowedBy) names.add(r.policy);
    else if (d.allowedBy.length === 0) for (const p of d.isolatedBy) names.add(p);
  }
  return [...names].sort();
}
