// Which policies select a pod (per direction) and which rules admit it as a peer: the source of an
// ingress rule or the destination of an egress rule. Read off the compiled snapshot's class indexes
// and rule bitsets, so it agrees with check and matrix by construction.
import { hasBit } from '../engine/bitset.ts';
import type { CompiledRule, CompiledSnapshot, PortRanges } from '../engine/index.ts';
import { maskToRanges } from '../engine/port-atoms.ts';
import type { PolicyType } from '../model/types.ts';

export type PeerVia = 'all-peers' | 'pod-selector' | 'ip-block';

export interface PeerRule {
  /** `ns/name` of the policy. */
  readonly policy: string;
  readonly direction: PolicyType;
  /** Index in spec.ingress / spec.egress. */
  readonly rule: number;
  readonly via: PeerVia;
  /** The rule's numeric ports (every port when it names none). */
  readonly ports: PortRanges;
  /** Named ports (`TCP/http`), resolved against each destination. */
  readonly namedPorts: readonly string[];
}

export interface PodPoliciesResult {
  readonly pod: string;
  readonly isolated: { readonly ingress: boolean; readonly egress: boolean };
  readonly selectedBy: { readonly ingress: readonly string[]; readonly egress: readonly string[] };
  readonly peerOf: readonly PeerRule[];
}

function viaOf(rule: CompiledRule, classId: number): PeerVia | undefined {
  if (rule.allPeers) return 'all-peers';
  if (rule.podPeers && hasBit(rule.podPeers, classId)) return 'pod-selector';
  if (rule.ipPeers && hasBit(rule.ipPeers, classId)) return 'ip-block';
  return undefined;
}

/** The endpoint `/v1/pods/ns/name` means: the pod, else the one workload template endpoint of that
 * namespace and name (`deploy:ns/name`, manifests without pods); undefined when none or several. */
export function podOrTemplateKey(c: CompiledSnapshot, namespace: string, name: string): string | undefined {
  const key = `${namespace}/${name}`;
  if (c.endpointIndex.has(key)) return key;
  const templates = c.endpoints.filter((e) => e.template && e.pod.namespace === namespace && e.key.endsWith(`:${key}`));
  return templates.length === 1 ? templates[0].key : undefined;
}

/** The answer for the endpoint `ns/name`, or undefined when the snapshot has no such endpoint. */
export function podPolicies(c: CompiledSnapshot, key: string): PodPoliciesResult | undefined {
  const id = c.endpointIndex.get(key);
  if (id === undefined) return undefined;
  const classId = c.endpoints[id].classId;
  const refs = (ids: readonly number[]) => ids.map((p) => c.policies[p].ref).sort();
  const ingress = refs(c.ingressPolicies[classId]);
  const egress = refs(c.egressPolicies[classId]);
  const peerOf: PeerRule[] = [];
  for (const policy of c.policies) {
    const rules = [...(policy.types.ingress ? policy.ingress : []), ...(policy.types.egress ? policy.egress : [])];
    for (const rule of rules) {
      const via = viaOf(rule, classId);
      if (via === undefined) continue;
      peerOf.push({
        policy: policy.ref,
        direction: rule.direction,
        rule: rule.index,
        via,
        ports: maskToRanges(c.atoms, rule.atoms),
        namedPorts: [...rule.named],
      });
    }
  }
  peerOf.sort((a, b) => a.policy.localeCompare(b.policy) || a.direction.localeCompare(b.direction) || a.rule - b.rule);
  return { pod: key, isolated: { ingress: ingress.length > 0, egress: egress.length > 0 }, selectedBy: { ingress, egress }, peerOf };
}
