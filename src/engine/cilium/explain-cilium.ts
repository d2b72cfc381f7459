// How a verdict names a Cilium rule: "CiliumNetworkPolicy `shop/api` ingressDeny rule 0", the default
// deny ("default deny: CiliumNetworkPolicy `shop/api` selects shop/api-1 for ingress and no rule allows
// this"), and a NetworkPolicy rule merged with Cilium's allow rules.
import type { TierRuleRef } from '../verdict.ts';

export function describeCiliumRule(ref: TierRuleRef): string {
  if (ref.kind === 'NetworkPolicy')
    return `NetworkPolicy \`${ref.policy}\` ${ref.direction.toLowerCase()} rule #${ref.rule} (merged with Cilium's allow rules)`;
  if (ref.rule < 0) return `${ref.kind} \`${ref.policy}\` (default deny for ${ref.direction.toLowerCase()})`;
  return `${ref.kind} \`${ref.policy}\` ${ref.name} rule ${ref.rule}`;
}

/** The reason of a lane Cilium's default deny decided. */
export function ciliumDefaultDenyReason(ref: TierRuleRef, owner: string): string {
  return (
    `default deny: ${ref.kind} \`${ref.policy}\` selects ${owner} for ${ref.direction.toLowerCase()} ` +
    `and no rule (Cilium or NetworkPolicy) allows this`
  );
}
