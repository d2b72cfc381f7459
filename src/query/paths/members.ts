// What one side of a query stands for: the concrete endpoints (pods, templates, addresses) a spelling
// names. A Service as a destination is not expanded here (service-paths.ts routes through it); as a
// source it stands for its backends.
import { type AddressRange, canonicalAddress } from '../../engine/addresses.ts';
import type { CompiledSnapshot, EndpointInfo, EndpointQuery } from '../../engine/index.ts';
import { backendQuery, findService, serviceBackends } from '../../engine/services.ts';
import type { Service } from '../../model/types.ts';
import { type EndpointSpec, endpointSpecText } from '../endpoint-spec.ts';
import { NotFoundError, resolveSingle } from '../resolve.ts';
import { didYouMean } from '../suggest.ts';
import { rangeName, splitCidr } from './cidr.ts';
import { nodeAddress, nodeKnown } from './node.ts';
import { pathNote } from './notes.ts';
import type { PathNote } from './types.ts';
import { namespaceEndpoints, workloadEndpoints } from './workload.ts';

export interface Member {
  /** How a path names this side: `ns/name`, an address, a node, or the CIDRs of a piece. */
  readonly name: string;
  readonly query: EndpointQuery;
  /** An address outside the cluster: neither a pod's nor a node's. */
  readonly outside: boolean;
  /** The address of an address member (what loadBalancerSourceRanges are checked against). */
  readonly address?: string;
  /** A CIDR piece: the addresses it stands for (evaluated from `address`). */
  readonly range?: AddressRange;
}

export interface Side {
  /** The user's spelling. */
  readonly spelling: string;
  readonly members: readonly Member[];
  readonly notes: readonly PathNote[];
}

function endpointMember(e: EndpointInfo): Member {
  return { name: e.key, query: { kind: 'endpoint', key: e.key }, outside: false };
}

export function addressMember(c: CompiledSnapshot, ip: string, name: string = ip): Member {
  const canonical = canonicalAddress(ip);
  const inside = canonical !== null && (c.endpointByIp.has(canonical) || c.nodeByIp.has(canonical));
  return { name, query: { kind: 'ip', ip }, outside: !inside, address: ip };
}

export function lookupService(c: CompiledSnapshot, namespace: string, name: string): Service {
  const svc = findService(c, namespace, name);
  if (!svc) throw new NotFoundError(`no Service ${namespace}/${name} in the snapshot${didYouMean(c, `svc:${namespace}/${name}`)}`);
  return svc;
}

function endpointsSide(spelling: string, endpoints: readonly EndpointInfo[], what: string): Side {
  const notes: PathNote[] = [];
  if (endpoints.length === 0) notes.push(pathNote('no-endpoints', what));
  if (endpoints.some((e) => e.template))
    notes.push(
      pathNote(
        'workload-template',
        endpoints
          .filter((e) => e.template)
          .map((e) => e.key)
          .join(', '),
      ),
    );
  return { spelling, members: endpoints.map(endpointMember), notes };
}

function serviceSourceSide(c: CompiledSnapshot, spelling: string, namespace: string, name: string): Side {
  const svc = lookupService(c, namespace, name);
  const { backends } = serviceBackends(c, svc);
  const notes = [pathNote('service-as-source')];
  if (backends.length === 0) notes.push(pathNote('service-no-backend', `${namespace}/${name}`));
  const members = backends.map((b) => ({ name: b.name, query: backendQuery(b, c), outside: false }));
  return { spelling, members, notes };
}

/** Resolves a spelling to its members; `cuts` split a CIDR further (loadBalancerSourceRanges). */
export function resolveSide(c: CompiledSnapshot, spec: EndpointSpec, cuts: readonly string[] = []): Side {
  const spelling = endpointSpecText(spec);
  switch (spec.kind) {
    case 'pod':
      resolveSingle(c, spec);
      return { spelling, members: [{ name: spelling, query: { kind: 'endpoint', key: spelling }, outside: false }], notes: [] };
    case 'ip':
      return { spelling, members: [addressMember(c, spec.ip)], notes: [] };
    case 'workload': {
      const endpoints = workloadEndpoints(c, spec.workloadKind, spec.namespace, spec.name);
      if (endpoints.length === 0)
        throw new NotFoundError(`no ${spelling} in the snapshot (no such workload, and no pod it owns)${didYouMean(c, spelling)}`);
      return endpointsSide(spelling, endpoints, spelling);
    }
    case 'namespace':
      if (!c.namespaceIndex.has(spec.name)) throw new NotFoundError(`no namespace ${spec.name} in the snapshot${didYouMean(c, spelling)}`);
      return endpointsSide(spelling, namespaceEndpoints(c, spec.name), spelling);
    case 'node': {
      const ip = nodeAddress(c, spec.name);
      if (ip === undefined) {
        throw new NotFoundError(
          nodeKnown(c, spec.name) ? `node ${spec.name}: the input gives no address for it` : `no node ${spec.name} in the snapshot`,
        );
      }
      return {
        spelling,
        members: [addressMember(c, ip, `node:${spec.name} (${ip})`)],
        notes: [pathNote('node-address', `${spec.name} is ${ip}`)],
      };
    }
    case 'cidr': {
      const split = splitCidr(c, spec.cidr, cuts);
      const members = split.pieces.map((p): Member => ({
        name: rangeName(p.range),
        query: { kind: 'ip', ip: p.sample },
        outside: true,
        address: p.sample,
        range: p.range,
      }));
      const notes = [pathNote('cidr-pieces')];
      if (split.skipped > 0) notes.push(pathNote('cidr-cluster-addresses-skipped', `${split.skipped} piece(s)`));
      return { spelling, members, notes };
    }
    case 'service':
      return serviceSourceSide(c, spelling, spec.namespace, spec.name);
    default: {
      const never: never = spec;
      throw new NotFoundError(`unknown endpoint ${JSON.stringify(never)}`);
    }
  }
}
