// Lint findings of Cilium's policies: a policy whose endpoint selector selects no pod, and selectors
// on labels the agent leaves out of every identity (cilium/identity.ts: pod-template-hash,
// kubernetes.io/*, ...), which select nothing (or everything, for NotIn / DoesNotExist) on Cilium.
// Not-enforced ones are reported by lint-tiers (tier-policy-not-enforced).
import type { CiliumPolicy } from '../../model/cilium-policy.ts';
import type { Diagnostic } from '../../model/diagnostics.ts';
import type { LabelSelector } from '../../model/types.ts';
import { isEmptyBits } from '../bitset.ts';
import type { CompiledSnapshot } from '../compiled.ts';
import { filteredKeys } from './identity.ts';

const refOf = (p: CiliumPolicy) => ({ kind: p.kind, ...(p.namespace !== undefined ? { namespace: p.namespace } : {}), name: p.name });

export function lintCilium(c: CompiledSnapshot): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of c.tiers?.policies ?? []) {
    const source = (p.policy as { source?: CiliumPolicy }).source;
    if (p.tier !== 'Cilium' || p.policy.kind === 'NetworkPolicy' || !source) continue;
    if (isEmptyBits(p.selected))
      out.push({
        severity: 'warning',
        code: 'policy-selects-nothing',
        ref: refOf(source),
        path: `${source.path}.endpointSelector`,
        message: 'selects no pod in the snapshot',
      });
    const selectors: [string, LabelSelector][] = [[`${source.path}.endpointSelector`, source.subject]];
    for (const section of ['ingress', 'ingressDeny', 'egress', 'egressDeny'] as const) {
      for (const r of source[section]) {
        (r.peers ?? []).forEach((peer, i) => {
          if (peer.kind === 'endpoints') selectors.push([`${source.path}.${section}[${r.index}] peer ${i}`, peer.selector]);
        });
      }
    }
    for (const [path, s] of selectors) {
      const keys = filteredKeys(s);
      if (keys.length === 0) continue;
      out.push({
        severity: 'warning',
        code: 'selector-label-not-in-identity',
        ref: refOf(source),
        path,
        message:
          `selects on ${keys.join(', ')}, which Cilium leaves out of every security identity (its default identity-relevant label ` +
          `filter): the selector cannot match on it`,
      });
    }
  }
  return out;
}
