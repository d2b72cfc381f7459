// check under the tiers: one direction, one port atom, evaluated by the same sweep as every other
// query (a single lane), then explained: "denied by AdminNetworkPolicy `deny-all` (priority 10)
// ingress rule `deny`", "passed by … then <NetworkPolicy's reason>", "denied by
// BaselineAdminNetworkPolicy `default` ingress rule `r`", or why it is unknown.
import type { PolicyType } from '../../model/types.ts';
import { unmodelledRef } from '../../model/tier-policy.ts';
import type { CompiledSnapshot } from '../compiled.ts';
import type { Resolved } from '../endpoint.ts';
import { ruleAdmits, ruleHasAtom } from '../pair.ts';
import type { DirectionVerdict, TierRuleRef } from '../verdict.ts';
import { tiersApply } from './compile-tiers.ts';
import { MAYBE, NO_MATCH, SURE, sweepDirection, type SweepTrace } from './sweep.ts';
import type { CompiledTierRule, CompiledTiers } from './types.ts';
import { ciliumDefaultDenyReason, describeCiliumRule } from '../cilium/explain-cilium.ts';

export function tierRuleRef(t: CompiledTiers, r: CompiledTierRule): TierRuleRef {
  const p = t.policies[r.policy];
  return {
    tier: p.tier,
    kind: p.policy.kind,
    policy: p.policy.name,
    priority: p.priority,
    direction: r.direction,
    rule: r.index,
    name: r.name,
    action: r.action,
  };
}

/** `AdminNetworkPolicy \`deny-all\` (priority 10) ingress rule \`deny\`` */
export function describeTierRule(ref: TierRuleRef): string {
  if (ref.tier === 'Cilium') return describeCiliumRule(ref);
  const priority = ref.kind === 'BaselineAdminNetworkPolicy' ? '' : ` (priority ${ref.priority})`;
  const rule = ref.name !== '' ? `\`${ref.name}\`` : `#${ref.rule}`;
  return `${ref.kind} \`${ref.policy}\`${priority} ${ref.direction.toLowerCase()} rule ${rule}`;
}

const VERB = { Allow: 'allowed', Deny: 'denied', Pass: 'passed' } as const;

function floorReason(c: CompiledSnapshot, cls: number): string {
  const refs = c.tiers!.floor[cls];
  const kinds = [...new Set((c.snapshot.unmodelled ?? []).filter((u) => refs.includes(unmodelledRef(u))).map((u) => u.kind))];
  return (
    `${refs.join(', ')} ${refs.length === 1 ? 'is' : 'are'} of a policy kind netreach does not model ` +
    `(${kinds.join(', ')}) and may change this`
  );
}

function explain(
  c: CompiledSnapshot,
  cls: number,
  trace: SweepTrace,
  np: DirectionVerdict,
  allowed: boolean,
  owner: string,
): Pick<DirectionVerdict, 'reason' | 'tier' | 'decidedBy' | 'passedBy' | 'unknownReason'> {
  const t = c.tiers!;
  const passedBy = trace.passedBy && tierRuleRef(t, trace.passedBy);
  const decidedBy = trace.decidedBy && tierRuleRef(t, trace.decidedBy);
  const passed = passedBy ? `passed by ${describeTierRule(passedBy)}, then ` : '';
  const refs = { ...(decidedBy ? { decidedBy } : {}), ...(passedBy ? { passedBy } : {}) };
  if (trace.stage === 'floor') {
    const why = floorReason(c, cls);
    return { reason: `unknown: ${why}`, unknownReason: why };
  }
  if (trace.unknown) {
    const why = trace.conflict
      ? `${trace.conflict.policies.map((p) => `${t.policies[p].policy.kind} \`${t.policies[p].policy.name}\``).join(' and ')} ` +
        `have the same priority ${trace.conflict.priority} and disagree; ` +
        `the API leaves their order undefined`
      : trace.decidedBy?.undecided !== undefined
        ? `${describeTierRule(decidedBy!)}: ${trace.decidedBy.undecided}`
        : `${describeTierRule(decidedBy!)} names domains (domainNames), which addresses they resolve to is not decidable offline`;
    return { reason: `${passed}unknown: ${why}`, unknownReason: why, tier: decidedBy?.tier ?? 'Admin', ...refs };
  }
  switch (trace.stage) {
    case 'admin':
    case 'baseline':
      if (decidedBy!.tier === 'Cilium' && decidedBy!.rule < 0)
        return { reason: ciliumDefaultDenyReason(decidedBy!, owner), tier: 'Cilium', ...refs };
      return { reason: `${passed}${VERB[decidedBy!.action]} by ${describeTierRule(decidedBy!)}`, tier: decidedBy!.tier, ...refs };
    case 'namespace':
      return { reason: `${passed}${np.reason}`, tier: 'NetworkPolicy', ...refs };
    default:
      return {
        reason: `${passed}${np.reason}; no admin or baseline rule matches: ${allowed ? 'allowed by default' : 'denied'}`,
        tier: 'Default',
        ...refs,
      };
  }
}

/** The direction's verdict under the tiers; `np` (NetworkPolicy's) unchanged when no tier takes part. */
export function tieredDirection(
  c: CompiledSnapshot,
  direction: PolicyType,
  src: Resolved,
  dst: Resolved,
  atom: number,
  np: DirectionVerdict,
): DirectionVerdict {
  const owner = direction === 'Egress' ? src : dst;
  const other = direction === 'Egress' ? dst : src;
  if (owner.kind !== 'endpoint' || !tiersApply(c.tiers, owner.info.classId, direction)) return np;
  const t = c.tiers!;
  const cls = owner.info.classId;
  const ingress = direction === 'Ingress';
  const result = sweepDirection({
    words: 1,
    all: ONE,
    admin: ingress ? t.adminIngress[cls] : t.adminEgress[cls],
    baseline: ingress ? t.baselineIngress[cls] : t.baselineEgress[cls],
    match(rule, sure, maybe) {
      if (!ruleHasAtom(c, rule.rule, dst.peer, atom)) return NO_MATCH;
      if (ruleAdmits(rule.rule, other.peer)) return rule.undecided ? ((maybe[0] = 1), MAYBE) : ((sure[0] = 1), SURE);
      if (rule.maybeOutside && typeof other.peer !== 'number') return ((maybe[0] = 1), MAYBE);
      return NO_MATCH;
    },
    npIsolated: np.isolated,
    npAllowed: np.allowed ? ONE : ZERO,
    floor: t.floorScope[cls],
    traceLane: 0,
  });
  const allowed = result.allow[0] === 1;
  const unknown = result.unknown[0] === 1;
  const why = explain(c, cls, result.trace!, np, allowed, owner.info.key);
  // NetworkPolicy's evidence stays only when it decided.
  const npDecided = why.tier === 'NetworkPolicy';
  const out: { -readonly [K in keyof DirectionVerdict]: DirectionVerdict[K] } = {
    direction: np.direction,
    allowed: allowed && !unknown,
    policed: np.policed,
    isolated: np.isolated,
    isolatedBy: np.isolatedBy,
    allowedBy: npDecided ? np.allowedBy : NO_RULES,
    reason: why.reason,
  };
  if (why.tier !== undefined) out.tier = why.tier;
  if (why.decidedBy !== undefined) out.decidedBy = why.decidedBy;
  if (why.passedBy !== undefined) out.passedBy = why.passedBy;
  if (unknown) out.unknown = true;
  if (why.unknownReason !== undefined) out.unknownReason = why.unknownReason;
  return out;
}

// Read-only single-lane masks (never written: the sweep copies `all` and only reads `npAllowed`).
const ONE = Uint32Array.of(1);
const ZERO = Uint32Array.of(0);
const NO_RULES: DirectionVerdict['allowedBy'] = [];

/** Why a pair is unknown (a direction is unknown and neither is denied for sure), or null. */
export function pairUnknownReason(egress: DirectionVerdict, ingress: DirectionVerdict): string | null {
  const deniedSure = (d: DirectionVerdict) => !d.allowed && !d.unknown;
  if (deniedSure(egress) || deniedSure(ingress)) return null;
  const parts = [egress, ingress].filter((d) => d.unknown).map((d) => `${d.direction.toLowerCase()}: ${d.unknownReason}`);
  return parts.length > 0 ? parts.join('; ') : null;
}
