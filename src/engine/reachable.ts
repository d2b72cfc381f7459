// reachablePorts: the exact set of ports, per protocol, on which `from` may open a connection to `to`
// (a node to its pods: every port, the API's ingress exemption; a pod to its node: its egress policy).
import type { CompiledSnapshot } from './compiled.ts';
import { nodeLocalOf, overrideFor, resolveEndpoint } from './endpoint.ts';
import { pairAtoms } from './pair-atoms.ts';
import { maskToRanges, newMask } from './port-atoms.ts';
import { ALL_PORTS } from './port-ranges.ts';
import type { EndpointQuery, PortRanges } from './verdict.ts';

export function reachablePorts(c: CompiledSnapshot, from: EndpointQuery, to: EndpointQuery): PortRanges {
  const src = resolveEndpoint(c, from);
  const dst = resolveEndpoint(c, to);
  if (overrideFor(src, dst) !== null) return structuredClone(ALL_PORTS);
  // Felix Drop: nothing reaches the pod's own host. An `unknown` plugin rule leaves the policies'
  // answer here (a port set cannot say unknown; check and matrix do).
  if (c.dataplane.profile.podToOwnNode.action === 'drop' && nodeLocalOf(src, dst) === 'to-node') return {};
  const out = newMask(c.atoms);
  pairAtoms(c, src.peer, dst.peer, out, newMask(c.atoms));
  return maskToRanges(c.atoms, out);
}
