// Findings about policies that load but probably do not mean what their author meant.
import type { Diagnostic } from '../model/diagnostics.ts';
import { isEmptyBits } from './bitset.ts';
import type { CompiledSnapshot } from './compiled.ts';

function policyRef(ref: string): { kind: string; namespace: string; name: string } {
  const [namespace, name] = ref.split('/');
  return { kind: 'NetworkPolicy', namespace, name };
}

export function lintPolicies(c: CompiledSnapshot): Diagnostic[] {
  const out: Diagnostic[] = [];
  const referencedNames = new Set<string>();
  for (const cls of c.classes) for (const key of cls.namedPorts.keys()) referencedNames.add(key);
  for (const p of c.policies) {
    const ref = policyRef(p.ref);
    if (isEmptyBits(p.selected)) {
      out.push({
        severity: 'warning',
        code: 'policy-selects-nothing',
        ref,
        path: 'spec.podSelector',
        message: 'selects no pod in the snapshot',
      });
    }
    for (const rule of [...p.ingress, ...p.egress]) {
      const section = rule.direction === 'Ingress' ? 'ingress' : 'egress';
      const raw = (rule.direction === 'Ingress' ? p.policy.ingress : p.policy.egress)[rule.index];
      const onlyPods = raw.peers !== null && raw.peers.every((q) => q.kind === 'pods');
      if (onlyPods && rule.podPeers && isEmptyBits(rule.podPeers)) {
        out.push({
          severity: 'warning',
          code: 'peer-selects-nothing',
          ref,
          path: `spec.${section}[${rule.index}]`,
          message: 'its peers match no pod in the snapshot',
        });
      }
      for (const key of rule.named) {
        if (!referencedNames.has(key)) {
          out.push({
            severity: 'warning',
            code: 'named-port-unknown',
            ref,
            path: `spec.${section}[${rule.index}].ports`,
            message: `no pod defines a container port named ${key.split('/')[1]} (${key.split('/')[0]})`,
          });
        }
      }
    }
  }
  return out;
}
