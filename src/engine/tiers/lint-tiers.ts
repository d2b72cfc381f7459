// Lint findings of the tiers: each object of a policy kind netreach does not model (once per object:
// the verdicts it could change are unknown), admin policies of one priority whose subjects overlap and
// whose rules disagree (the API leaves their order undefined), tier policies the plugin in force does
// not implement, and tier policies that select nothing.
import type { Diagnostic } from '../../model/diagnostics.ts';
import type { TierPolicy } from '../../model/tier-policy.ts';
import { isEmptyBits } from '../bitset.ts';
import type { CompiledSnapshot } from '../compiled.ts';
import { profileFor } from '../dataplane/profile.ts';
import { TIER_SUPPORT } from '../dataplane/profiles/tier-support.ts';
import type { PluginId } from '../dataplane/types.ts';
import type { CompiledTierPolicy } from './types.ts';
import { lintCilium } from '../cilium/lint-cilium.ts';

function supportersOf(kind: TierPolicy['kind']): string {
  const names = Object.entries(TIER_SUPPORT)
    .filter(([, kinds]) => kinds?.[kind] !== undefined)
    .map(([id, kinds]) => `${profileFor(id as PluginId).name}${kinds![kind]!.since ? ` ≥ ${kinds![kind]!.since}` : ''}`);
  return names.join(', ');
}

const refOf = (p: TierPolicy) => ({ kind: p.kind, name: p.name });

function overlaps(a: CompiledTierPolicy, b: CompiledTierPolicy): boolean {
  for (let w = 0; w < a.selected.length; w++) if ((a.selected[w] & b.selected[w]) !== 0) return true;
  return false;
}

function actions(p: CompiledTierPolicy, direction: 'ingress' | 'egress'): Set<string> {
  return new Set(p[direction].map((r) => r.action));
}

/** Two policies may disagree on some connection: both have rules in a direction and not one same action. */
function mayDisagree(a: CompiledTierPolicy, b: CompiledTierPolicy): boolean {
  return (['ingress', 'egress'] as const).some((d) => {
    const x = actions(a, d);
    const y = actions(b, d);
    if (x.size === 0 || y.size === 0) return false;
    return x.size > 1 || y.size > 1 || [...x][0] !== [...y][0];
  });
}

export function lintTiers(c: CompiledSnapshot): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const u of c.snapshot.unmodelled ?? []) {
    const scope = u.namespace === undefined ? 'every endpoint' : `namespace ${u.namespace}`;
    out.push({
      severity: 'warning',
      code: 'unmodelled-policy-kind',
      ref: { kind: `${u.kind}.${u.group}`, ...(u.namespace !== undefined ? { namespace: u.namespace } : {}), name: u.name },
      message: `${u.kind} (${u.group}) is a policy kind netreach does not model: verdicts in ${scope} are unknown`,
    });
  }
  const t = c.tiers;
  if (!t) return out;
  // No plugin recognised: the answers follow the API, but whether the cluster enforces the kind at all
  // depends on its plugin (dataplane/profiles/tier-support.ts).
  if (c.dataplane.profile.id === 'unknown') {
    for (const p of t.policies) {
      if (p.policy.kind === 'NetworkPolicy') continue;
      const by = supportersOf(p.policy.kind);
      out.push({
        severity: 'warning',
        code: 'tier-policy-enforcement-depends-on-plugin',
        ref: refOf(p.policy),
        message: `no network plugin recognised: ${p.policy.kind} is enforced only by ${by} (answers follow the API's meaning)`,
      });
    }
  }
  for (const p of t.notEnforced) {
    out.push({
      severity: 'warning',
      code: 'tier-policy-not-enforced',
      ref: refOf(p),
      message: `${c.dataplane.profile.name} does not implement ${p.kind}: this policy is not enforced`,
    });
  }
  t.policies.forEach((p, i) => {
    // Cilium's entries have no priorities and their own findings (cilium/lint-cilium.ts).
    if (p.tier === 'Cilium') return;
    if (isEmptyBits(p.selected))
      out.push({
        severity: 'warning',
        code: 'policy-selects-nothing',
        ref: refOf(p.policy),
        path: 'spec.subject',
        message: 'selects no pod in the snapshot',
      });
    for (let j = i + 1; j < t.policies.length; j++) {
      const q = t.policies[j];
      if (q.tier === 'Cilium') continue;
      if (q.tier !== p.tier || q.priority !== p.priority || !overlaps(p, q) || !mayDisagree(p, q)) continue;
      out.push({
        severity: 'warning',
        code: 'equal-priority',
        ref: refOf(p.policy),
        path: 'spec.priority',
        message:
          `has the same priority ${p.priority} as ${q.policy.kind} ${q.policy.name}, ` +
          `selects some of the same pods and their rules disagree: the API leaves their order undefined, ` +
          `so those verdicts are unknown`,
      });
    }
  });
  out.push(...lintCilium(c));
  return out;
}
