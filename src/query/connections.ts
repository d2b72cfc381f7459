// The `connections` question: every allowed connection between endpoints grouped by workload, pod
// or namespace, and between them and the outside. The engine answers on groups; this file names the
// groups the way the interface contracts spell endpoints (`{"workload": "deploy:ns/name"}`, ...).
import { type ConnectionPeer, type ConnectionsResult, type GroupBy, GROUP_BYS, connections } from '../engine/connections.ts';
import type { CompiledSnapshot, PortRanges } from '../engine/index.ts';
import { InputError } from '../model/diagnostics.ts';
import { type FieldSpeller, requestField } from '../model/fields.ts';

export type { ConnectionsResult, GroupBy } from '../engine/connections.ts';

export type ConnectionEndpointJson =
  { readonly workload: string } | { readonly pod: string } | { readonly namespace: string } | { readonly cidrs: readonly string[] };

export interface ConnectionJson {
  readonly from: ConnectionEndpointJson;
  readonly to: ConnectionEndpointJson;
  readonly ports: PortRanges;
  /** Present (true) when the groups' member pairs are not all allowed the same ports. */
  readonly differs?: true;
}

export interface ConnectionsJson {
  readonly groupBy: GroupBy;
  readonly connections: readonly ConnectionJson[];
}

export function parseGroupBy(value: string | undefined, field: FieldSpeller = requestField): GroupBy {
  const g = value ?? 'workload';
  if (!(GROUP_BYS as readonly string[]).includes(g))
    throw new InputError(`${field('groupBy')} ${value}: expected one of ${GROUP_BYS.join(', ')}`);
  return g as GroupBy;
}

export function connectionsQuery(c: CompiledSnapshot, groupBy: GroupBy): ConnectionsResult {
  return connections(c, groupBy);
}

export function peerJson(r: ConnectionsResult, peer: ConnectionPeer): ConnectionEndpointJson {
  if (peer.kind === 'outside') return { cidrs: peer.cidrs };
  const g = r.groups[peer.group];
  switch (g.kind) {
    case 'workload':
      return { workload: g.id };
    case 'pod':
      return { pod: g.id };
    case 'namespace':
      return { namespace: g.id };
    default: {
      const never: never = g.kind;
      throw new Error(`unknown group kind ${String(never)}`);
    }
  }
}

export function connectionsJson(r: ConnectionsResult): ConnectionsJson {
  return {
    groupBy: r.groupBy,
    connections: r.connections.map((c) => ({
      from: peerJson(r, c.from),
      to: peerJson(r, c.to),
      ports: c.ports,
      ...(c.differs ? { differs: true as const } : {}),
    })),
  };
}
