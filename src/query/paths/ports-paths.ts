// portsPaths: the ports `from` may open towards `to`, per path, for every kind of endpoint. Towards a
// Service the ports are the Service's own ports (what clients dial): each one is checked through the
// same routing as `check` (ClusterIP, or the outside entry), so both answers tell one story.
import { type CompiledSnapshot, type PortRanges, reachablePorts } from '../../engine/index.ts';
import { portRanges, subtractRanges, unionRanges } from '../../engine/port-ranges.ts';
import type { Protocol } from '../../model/types.ts';
import { type EndpointSpec, endpointSpecText } from '../endpoint-spec.ts';
import { checkPaths, memberPairs } from './check-paths.ts';
import { lookupService, resolveSide } from './members.ts';
import { pathNote } from './notes.ts';
import type { PathNote, PathsPorts, PortsPath } from './types.ts';

function intersectRanges(a: PortRanges, b: PortRanges): PortRanges {
  return subtractRanges(a, subtractRanges(a, b));
}

interface Collected {
  from: string;
  to: string;
  vias: Set<string>;
  ports: Partial<Record<Protocol, [number, number][]>>;
  reasons: Set<string>;
}

function servicePorts(
  c: CompiledSnapshot,
  from: EndpointSpec,
  to: Extract<EndpointSpec, { kind: 'service' }>,
): { paths: PortsPath[]; notes: PathNote[] } {
  const svc = lookupService(c, to.namespace, to.name);
  const probes = svc.type === 'ExternalName' || svc.ports.length === 0 ? [{ port: 1, protocol: 'TCP' as Protocol }] : svc.ports;
  const byPair = new Map<string, Collected>();
  const notes: PathNote[] = [pathNote('service-ports')];
  for (const sp of probes) {
    const answer = checkPaths(c, from, to, sp.port, sp.protocol);
    notes.push(...answer.notes.filter((n) => n.code !== 'members-differ'));
    for (const p of answer.paths) {
      const key = `${p.from}\n${p.to}`;
      let entry = byPair.get(key);
      if (!entry) byPair.set(key, (entry = { from: p.from, to: p.to, vias: new Set(), ports: {}, reasons: new Set() }));
      if (p.via) entry.vias.add(p.via);
      if (p.allowed) (entry.ports[sp.protocol] ??= []).push([sp.port, sp.port]);
      else if (p.reason) entry.reasons.add(`${sp.port}/${sp.protocol}: ${p.reason}`);
    }
  }
  const paths = [...byPair.values()].map((e): PortsPath => {
    const ports = portRanges(e.ports);
    const reason = e.reasons.size > 0 ? [...e.reasons].join('; ') : undefined;
    return { from: e.from, to: e.to, ...(e.vias.size > 0 ? { via: [...e.vias].join('; ') } : {}), ports, ...(reason ? { reason } : {}) };
  });
  return { paths, notes };
}

function dedupe(notes: readonly PathNote[]): PathNote[] {
  const seen = new Set<string>();
  return notes.filter((n) => !seen.has(n.message) && (seen.add(n.message), true));
}

export function portsPaths(c: CompiledSnapshot, from: EndpointSpec, to: EndpointSpec): PathsPorts {
  let paths: PortsPath[];
  let notes: PathNote[];
  if (to.kind === 'service') ({ paths, notes } = servicePorts(c, from, to));
  else {
    const src = resolveSide(c, from);
    const dst = resolveSide(c, to);
    const pairs = memberPairs(src, dst);
    paths = pairs.pairs.map(([a, b]) => ({ from: a.name, to: b.name, ports: reachablePorts(c, a.query, b.query) }));
    notes = [...src.notes, ...dst.notes, ...pairs.notes];
  }
  const union = paths.reduce<PortRanges>((acc, p) => unionRanges(acc, p.ports), {});
  const intersection =
    paths.length === 0 ? {} : paths.slice(1).reduce<PortRanges>((acc, p) => intersectRanges(acc, p.ports), paths[0].ports);
  return { from: endpointSpecText(from), to: endpointSpecText(to), paths, union, intersection, notes: dedupe(notes) };
}
