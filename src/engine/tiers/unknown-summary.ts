// One sentence naming what makes answers unknown under the tiers, for answers that cover many pairs
// (matrix, connections, ports): the unmodelled objects (with kind) and the equal-priority admin
// policies that may disagree.
import { unmodelledRef } from '../../model/tier-policy.ts';
import type { CompiledSnapshot } from '../compiled.ts';

export function tierUnknownSummary(c: CompiledSnapshot): string {
  const parts: string[] = [];
  const unmodelled = c.snapshot.unmodelled ?? [];
  if (unmodelled.length > 0) parts.push(`policy kinds netreach does not model: ${unmodelled.map(unmodelledRef).join(', ')}`);
  const t = c.tiers;
  if (t) {
    const byPriority = new Map<string, string[]>();
    for (const p of t.policies) {
      const key = `${p.tier} ${p.priority}`;
      byPriority.set(key, [...(byPriority.get(key) ?? []), `${p.policy.kind} \`${p.policy.name}\``]);
    }
    for (const [key, refs] of byPriority)
      if (refs.length > 1)
        parts.push(
          `${refs.join(' and ')} share ${key.split(' ')[0].toLowerCase()} priority ${key.split(' ')[1]} (their order is undefined)`,
        );
    const domains = t.policies.filter((p) => p.egress.some((r) => r.maybeOutside)).map((p) => `${p.policy.kind} \`${p.policy.name}\``);
    if (domains.length > 0) parts.push(`${domains.join(', ')} name domains (not decidable offline)`);
  }
  return parts.join('; ');
}
