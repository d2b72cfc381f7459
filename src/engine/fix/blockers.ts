// What no NetworkPolicy change can fix, decided from a pair's verdict before any candidate is built:
// - an `unknown` verdict (the plugin does not document what it does: no change can be proven);
// - a plugin that enforces no NetworkPolicy (nothing a policy says takes effect, so nothing can deny);
// - a side decided by something that is not a NetworkPolicy of the snapshot — an admin-tier policy
//   (AdminNetworkPolicy / ClusterNetworkPolicy Admin tier are evaluated before NetworkPolicy, so no
//   NetworkPolicy rule can override its Deny: network-policy-api, "AdminNetworkPolicy" API reference)
//   needs the cluster admin; it is named by the side's deciding rule. A baseline-tier rule
//   (BaselineAdminNetworkPolicy / ClusterNetworkPolicy Baseline) is evaluated after NetworkPolicy, so a
//   NetworkPolicy decides before it: it never blocks a fix;
// - a side no NetworkPolicy can police or select as a peer by pod: a hostNetwork pod speaks with its
//   node's address (only an ipBlock of the node's address could name it, admitting everything that
//   speaks from that node), and the implementation-defined overrides (self, node-local) hold whatever
//   the policies say.
import type { CompiledSnapshot } from '../compiled.ts';
import type { DirectionVerdict, RuleRef, Verdict } from '../verdict.ts';

export type BlockerCode = 'unknown-verdict' | 'not-enforced' | 'admin-tier' | 'host-network' | 'override' | 'no-candidate';

export interface Blocker {
  readonly code: BlockerCode;
  readonly message: string;
}

/** A deciding rule, as a verdict names it. NetworkPolicy rules carry no tier; a tiered rule (admin,
 * baseline) names its tier and kind — written against that shape so such denies are named as soon
 * as verdicts carry them. */
type DecidingRule = RuleRef & { readonly tier?: string; readonly kind?: string; readonly action?: string };

function decidingRules(side: DirectionVerdict): readonly DecidingRule[] {
  const extra = side as DirectionVerdict & { readonly deniedBy?: readonly DecidingRule[]; readonly decidedBy?: DecidingRule };
  return [...(extra.deniedBy ?? []), ...(extra.decidedBy ? [extra.decidedBy] : []), ...side.allowedBy];
}

/** A side decided by a rule that is not a NetworkPolicy (v1) of the snapshot: its name, else null. */
function nonNetworkPolicyDecider(c: CompiledSnapshot, side: DirectionVerdict): string | null {
  const written = new Set(c.snapshot.policies.map((p) => `${p.namespace}/${p.name}`));
  const synthetic = new Set(c.dataplane.applied.map((a) => a.policy));
  for (const r of decidingRules(side)) {
    if (r.tier === 'Baseline') continue; // after NetworkPolicy: a NetworkPolicy rule decides first
    const tiered = r.tier !== undefined && r.tier !== 'namespace' && r.tier !== 'NetworkPolicy';
    if (tiered || (r.kind !== undefined && r.kind !== 'NetworkPolicy'))
      return `${r.kind ?? 'policy'} ${r.policy}${r.tier ? ` (${r.tier} tier)` : ''}`;
  }
  for (const ref of side.isolatedBy) if (!written.has(ref) && !synthetic.has(ref)) return ref;
  return null;
}

/** Why the requested change cannot be made with a NetworkPolicy, or null. `deny`: the request is to
 * deny an allowed flow. */
export function blockerOf(c: CompiledSnapshot, v: Verdict, deny: boolean): Blocker | null {
  const flow = `${v.from.name} -> ${v.to.name} ${v.protocol}/${v.port}`;
  if (v.verdict === 'unknown')
    return {
      code: 'unknown-verdict',
      message: `${flow}: the verdict is unknown (${v.unknownReason ?? 'the plugin does not document this case'}); no change can be proven`,
    };
  if (v.enforced === false && deny) {
    return {
      code: 'not-enforced',
      message:
        `${flow}: ${v.dataplane.name} enforces no NetworkPolicy, so no NetworkPolicy can deny it; ` +
        `the plugin (or a second one that enforces policy) must change`,
    };
  }
  for (const side of [v.egress, v.ingress]) {
    if (side.allowed === !deny) continue;
    const decider = nonNetworkPolicyDecider(c, side);
    if (decider !== null) {
      return {
        code: 'admin-tier',
        message:
          `${flow}: ${side.direction.toLowerCase()} is decided by ${decider}, ` +
          `which is not a NetworkPolicy and comes before them; this needs the cluster admin`,
      };
    }
  }
  if (v.override !== undefined && deny) {
    return {
      code: 'override',
      message: `${flow}: allowed whatever the policies say (${v.override}: decided by the implementation, not by a policy)`,
    };
  }
  if (deny && !v.ingress.policed) {
    return {
      code: 'host-network',
      message:
        `${flow}: ${v.to.name} is not policed for ingress (${v.ingress.reason}); ` +
        `netreach proposes denies at the destination's ingress only`,
    };
  }
  if (!deny) {
    for (const [side, end] of [
      [v.ingress, v.from],
      [v.egress, v.to],
    ] as const) {
      // A denied side whose peer is a hostNetwork pod: pod selectors never match it.
      if (!side.allowed && end.kind === 'pod' && hostNetworkOf(c, end.name)) {
        return {
          code: 'host-network',
          message:
            `${flow}: ${end.name} uses the host network; a pod selector never matches it, ` +
            `only an ipBlock of its node's address could, which admits everything on that node — ` +
            `netreach does not propose that`,
        };
      }
    }
  }
  return null;
}

function hostNetworkOf(c: CompiledSnapshot, key: string): boolean {
  const id = c.endpointIndex.get(key);
  return id !== undefined && c.endpoints[id].pod.hostNetwork;
}
