// Egress checked before Service DNAT (AWS VPC CNI's network policy agent): a pod dialling a
// ClusterIP has its egress rules matched against the ClusterIP and the Service port, not the backend
// and its targetPort. The controller adds a Service's ClusterIP to a rule's pod peers when the rule's
// podSelector selects the Service's backends (amazon-network-policy-controller-k8s
// pkg/resolvers/endpoints.go), so a pod peer that selects the backend still admits it, but on the
// Service port. AWS documents the consequence: "the service port must be the same as the container
// port" (https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html, considerations).
import type { Protocol } from '../model/types.ts';
import { parseAddress } from './addresses.ts';
import { hasBit } from './bitset.ts';
import type { CompiledSnapshot } from './compiled.ts';
import { type Resolved, resolveEndpoint } from './endpoint.ts';
import { ruleHasAtom } from './pair.ts';
import { atomOf } from './port-atoms.ts';
import { regionOf } from './regions.ts';
import type { DirectionVerdict, EndpointQuery, RuleRef, Verdict } from './verdict.ts';

/** Egress at `src` towards a Service's ClusterIP on the Service port, its backend being `backend`. */
export function egressBeforeDnat(
  c: CompiledSnapshot,
  src: Resolved,
  backend: Resolved,
  clusterIP: string,
  servicePort: number,
  protocol: Protocol,
): DirectionVerdict | null {
  if (src.kind !== 'endpoint' || src.info.pod.hostNetwork) return null;
  const address = parseAddress(clusterIP);
  if (!address) return null;
  const region = regionOf(c.regions, address);
  const policyIds = c.egressPolicies[src.info.classId];
  const name = src.info.key;
  const what = `${protocol}/${servicePort} to ClusterIP ${clusterIP}`;
  if (policyIds.length === 0) {
    return { direction: 'Egress', allowed: true, policed: true, isolated: false, isolatedBy: [], allowedBy: [], reason: `no NetworkPolicy with Egress selects ${name}` };
  }
  const atom = atomOf(c.atoms, protocol, servicePort);
  const isolatedBy = policyIds.map((p) => c.policies[p].ref).sort();
  const allowedBy: RuleRef[] = [];
  for (const p of policyIds) {
    for (const rule of c.policies[p].egress) {
      const viaPods = backend.kind === 'endpoint' && rule.podPeers !== null && hasBit(rule.podPeers, backend.info.classId);
      const viaBlock = rule.blocks.some((b) => b[region] === 1);
      if (!(rule.allPeers || viaPods || viaBlock)) continue;
      if (!ruleHasAtom(c, rule, backend.peer, atom)) continue;
      allowedBy.push({ policy: c.policies[p].ref, direction: 'Egress', rule: rule.index });
    }
  }
  const allowed = allowedBy.length > 0;
  const reason = allowed
    ? `${name} is isolated for egress; ${allowedBy.map((r) => `${r.policy} rule #${r.rule}`).join(', ')} admits ${what} (checked before Service DNAT)`
    : `${name} is isolated for egress by ${isolatedBy.join(', ')} and no rule admits ${what}: the plugin checks egress before Service DNAT, on the ClusterIP and the Service port`;
  return { direction: 'Egress', allowed, policed: true, isolated: true, isolatedBy, allowedBy, reason };
}

/** `v` (the verdict at the backend on its targetPort) with egress re-checked before DNAT, when the
 * plugin in force does that; `v` unchanged otherwise. */
export function withEgressBeforeDnat(
  c: CompiledSnapshot,
  v: Verdict,
  source: EndpointQuery,
  backend: EndpointQuery,
  clusterIP: string | undefined,
  servicePort: number,
): Verdict {
  const deviation = c.dataplane.profile.deviations.find((d) => d.code === 'egress-before-service-dnat');
  if (!deviation || clusterIP === undefined || clusterIP === 'None' || v.override !== undefined || v.verdict === 'unknown') return v;
  const egress = egressBeforeDnat(c, resolveEndpoint(c, source), resolveEndpoint(c, backend), clusterIP, servicePort, v.protocol);
  if (egress === null) return v;
  const allowed = egress.allowed && v.ingress.allowed;
  if (allowed === v.allowed) return { ...v, egress };
  const upstreamAllowed = v.upstream?.allowed ?? v.allowed;
  const note = {
    code: 'plugin-deviation' as const,
    message: `on ${c.dataplane.profile.name} this differs from the Kubernetes API's meaning (${upstreamAllowed ? 'allowed' : 'denied'} there): ${deviation.message}`,
  };
  return {
    ...v,
    allowed,
    verdict: allowed ? 'allowed' : 'denied',
    egress,
    deviations: [...v.deviations.filter((d) => d.code !== deviation.code), deviation],
    upstream: { allowed: upstreamAllowed },
    notes: [...v.notes.filter((n) => n.code !== 'plugin-deviation'), note],
  };
}
