// What the tiers add to a Verdict: `unknown` when a direction is undecidable (and the other is not
// denied for sure), with the reason naming the object and kind; and, on a plugin that does not
// implement a tier kind, the note that the upstream answer came from a policy the plugin ignores.
import type { CompiledSnapshot } from '../compiled.ts';
import type { Evaluated, PluginFields } from '../plugin-verdict.ts';
import type { DirectionVerdict, Note } from '../verdict.ts';
import { describeTierRule } from './check-tiers.ts';

function tierRefs(d: DirectionVerdict): string[] {
  return [d.decidedBy, d.passedBy].filter((r) => r !== undefined).map((r) => `${r.kind}/${r.policy}`);
}

/** When the upstream answer differs because of tier policies this plugin does not implement: the
 * note naming them (and no NetworkPolicy deviation is blamed unless one was applied). */
export function notEnforcedTierFields(
  c: CompiledSnapshot,
  fields: PluginFields,
  upstream: Evaluated | null,
): { fields: PluginFields; note: Note | null } {
  const t = c.tiers;
  if (!t || t.notEnforced.length === 0 || !upstream || fields.upstream === undefined) return { fields, note: null };
  const ignored = new Set(t.notEnforced.map((p) => `${p.kind}/${p.name}`));
  const rules = [upstream.egress, upstream.ingress]
    .flatMap((d) => [d.decidedBy, d.passedBy])
    .filter((r) => r !== undefined && ignored.has(`${r.kind}/${r.policy}`));
  if (rules.length === 0 && ![upstream.egress, upstream.ingress].some((d) => tierRefs(d).some((r) => ignored.has(r))))
    return { fields, note: null };
  const message =
    `under the Kubernetes API ${rules.map((r) => describeTierRule(r!)).join(' and ')} decides this, ` +
    `but ${c.dataplane.profile.name} does not implement ` +
    `${[...new Set(rules.map((r) => r!.kind))].join(', ')}: not enforced`;
  const deviations = c.dataplane.applied.length === 0 ? [] : fields.deviations;
  return { fields: { ...fields, deviations }, note: { code: 'not-enforced', message } };
}
