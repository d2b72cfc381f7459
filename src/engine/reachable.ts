// reachablePorts: the exact set of ports, per protocol, on which `from` may open a connection to `to`.
import type { CompiledSnapshot } from './compiled.ts';
import { overrideFor, resolveEndpoint } from './endpoint.ts';
import { pairAtoms } from './pair.ts';
import { maskToRanges, newMask } from './port-atoms.ts';
import { ALL_PORTS } from './port-ranges.ts';
import type { EndpointQuery, PortRanges } from './verdict.ts';

export function reachablePorts(c: CompiledSnapshot, from: EndpointQuery, to: EndpointQuery): PortRanges {
  const src = resolveEndpoint(c, from);
  const dst = resolveEndpoint(c, to);
  if (overrideFor(src, dst) !== null) return structuredClone(ALL_PORTS);
  const out = newMask(c.atoms);
  pairAtoms(c, src.peer, dst.peer, out, newMask(c.atoms));
  return maskToRanges(c.atoms, out);
}
