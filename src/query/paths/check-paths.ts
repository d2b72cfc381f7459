// checkPaths: may `from` open a connection to `to` on port/protocol, for every kind of endpoint.
// Each side is expanded to the endpoints it stands for (members.ts); a Service destination routes
// through its ports and backends, from inside the cluster (service-paths.ts) or from outside
// (external-paths.ts). Every concrete pair is one path with the engine's verdict; a CIDR side is
// evaluated per piece and merged back (cidr-merge.ts).
import { check, type CompiledSnapshot } from '../../engine/index.ts';
import { validatePort } from '../../engine/check.ts';
import type { Protocol, Service } from '../../model/types.ts';
import { type EndpointSpec, endpointSpecText } from '../endpoint-spec.ts';
import { type PathSet, mergedPieces } from './cidr-merge.ts';
import { composeVerdict, guardSize, verdictPath } from './compose.ts';
import { externalServicePaths } from './external-paths.ts';
import { type Member, type Side, lookupService, resolveSide } from './members.ts';
import { pathNote } from './notes.ts';
import { servicePaths } from './service-paths.ts';
import type { PathNote, PathVerdict, PathsVerdict } from './types.ts';

function sameEndpoint(a: Member, b: Member): boolean {
  return a.query.kind === 'endpoint' && b.query.kind === 'endpoint' && a.query.key === b.query.key;
}

/** Member pairs; an endpoint paired with itself is left out when other pairs remain. */
export function memberPairs(src: Side, dst: Side): { pairs: [Member, Member][]; notes: PathNote[] } {
  guardSize(src.members.length * dst.members.length, `${src.spelling} → ${dst.spelling}`);
  const pairs: [Member, Member][] = [];
  for (const a of src.members) for (const b of dst.members) pairs.push([a, b]);
  const distinct = pairs.filter(([a, b]) => !sameEndpoint(a, b));
  if (distinct.length > 0 && distinct.length < pairs.length) return { pairs: distinct, notes: [pathNote('same-endpoint-skipped')] };
  return { pairs, notes: [] };
}

function endpointPaths(c: CompiledSnapshot, src: Side, dst: Side, port: number, protocol: Protocol): PathSet {
  const { pairs, notes } = memberPairs(src, dst);
  const paths = pairs.map(([a, b]) => verdictPath(a.name, b.name, check(c, a.query, b.query, port, protocol)));
  return { paths, notes };
}

/** Sources inside the cluster go through the ClusterIP; addresses outside through the outside entries. */
function serviceMemberPaths(
  c: CompiledSnapshot,
  svc: Service,
  src: Side,
  toText: string,
  members: readonly Member[],
  port: number,
  protocol: Protocol,
): PathSet {
  const inside = members.filter((m) => !m.outside);
  const outside = members.filter((m) => m.outside);
  const paths: PathVerdict[] = [];
  const notes: PathNote[] = [];
  if (inside.length > 0) {
    const set = servicePaths(c, svc, src.spelling, toText, inside, port, protocol);
    paths.push(...set.paths);
    notes.push(...set.notes);
  }
  if (outside.length > 0) {
    const set = externalServicePaths(c, svc, toText, outside, port, protocol);
    paths.push(...set.paths);
    notes.push(...set.notes);
  }
  return { paths, notes };
}

export function checkPaths(c: CompiledSnapshot, from: EndpointSpec, to: EndpointSpec, port: number, protocol: Protocol): PathsVerdict {
  validatePort(port, protocol);
  const fromText = endpointSpecText(from);
  const toText = endpointSpecText(to);
  let set: PathSet;
  let sideNotes: PathNote[];
  if (to.kind === 'service') {
    const svc = lookupService(c, to.namespace, to.name);
    // A CIDR is cut at the source ranges too, so that each piece is wholly inside or outside them.
    const src = resolveSide(c, from, svc.type === 'LoadBalancer' ? svc.loadBalancerSourceRanges : []);
    const evaluate = (members: readonly Member[]): PathSet => serviceMemberPaths(c, svc, src, toText, members, port, protocol);
    set = from.kind === 'cidr' ? mergedPieces(src, 'from', evaluate) : evaluate(src.members);
    sideNotes = [...src.notes];
  } else {
    const src = resolveSide(c, from);
    const dst = resolveSide(c, to);
    if (from.kind === 'cidr') set = mergedPieces(src, 'from', (members) => endpointPaths(c, { ...src, members }, dst, port, protocol));
    else if (to.kind === 'cidr') set = mergedPieces(dst, 'to', (members) => endpointPaths(c, src, { ...dst, members }, port, protocol));
    else set = endpointPaths(c, src, dst, port, protocol);
    sideNotes = [...src.notes, ...dst.notes];
  }
  return composeVerdict(fromText, toText, port, protocol, set.paths, [...sideNotes, ...set.notes]);
}
