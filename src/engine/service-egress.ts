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
import { policedDirection } from './check.ts';
import { deviationNote } from './plugin-verdict.ts';
import type { CompiledRule, CompiledSnapshot } from './compiled.ts';
import { type Resolved, resolveEndpoint } from './endpoint.ts';
import { ruleHasAtom } from './pair.ts';
import { atomOf } from './port-atoms.ts';
import { regionOf } from './regions.ts';
import type { DirectionVerdict, EndpointQuery, Verdict } from './verdict.ts';

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
  const atom = atomOf(c.atoms, protocol, servicePort);
  const admits = (rule: CompiledRule): boolean => {
    const viaPods = backend.kind === 'endpoint' && rule.podPeers !== null && hasBit(rule.podPeers, backend.info.classId);
    const viaBlock = rule.blocks.some((b) => b[region] === 1);
    return (rule.allPeers || viaPods || viaBlock) && ruleHasAtom(c, rule, backend.peer, atom);
  };
  const side = `to ClusterIP ${clusterIP} (the plugin checks egress before Service DNAT, on the ClusterIP and the Service port)`;
  return policedDirection(c, 'Egress', src.info.key, c.egressPolicies[src.info.classId], admits, `${protocol}/${servicePort}`, side);
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
  const deviations = [...v.deviations.filter((d) => d.code !== deviation.code), deviation];
  return {
    ...v,
    allowed,
    verdict: allowed ? 'allowed' : 'denied',
    egress,
    deviations,
    upstream: { allowed: upstreamAllowed },
    notes: [...v.notes.filter((n) => n.code !== 'plugin-deviation'), deviationNote(c, upstreamAllowed, deviations)],
  };
}
