// Request messages → the query layer's inputs, with the same checks (and field paths) as REST's
// schema: an endpoint is exactly one kind, a port is 1..65535, a snapshot id is ≥ 1.
import { UnknownSnapshotError, snapshotAt } from '../../query/history/at.ts';
import { status } from '@grpc/grpc-js';
import type { Protocol as ModelProtocol } from '../../model/types.ts';
import { endpointSpecFromJson } from '../../query/endpoint-json.ts';
import type { EndpointSpec } from '../../query/endpoint-spec.ts';
import type { ServedSnapshot, SnapshotService } from '../../service/snapshots.ts';
import { groupByOf, protocolOf } from './convert.ts';
import type { GroupBy as QueryGroupBy } from '../../query/group-matrix.ts';
import { problemOf } from './errors.ts';
import { badField, QueryProblem } from '../../query/errors.ts';
import type { Endpoint, GroupBy, Protocol } from './gen/netreach/v1/netreach.ts';

/** `{ $case: 'pod', value }` → `{"pod": value}`, checked by the same code as REST bodies. */
export function endpointOf(e: Endpoint | undefined, field: string): EndpointSpec {
  const json = e?.kind ? { [e.kind.$case]: e.kind.value } : {};
  return endpointSpecFromJson(json, field);
}

export function portOf(port: number, field = 'port'): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw badField(field, 'must be between 1 and 65535');
  return port;
}

export function protocolOfRequest(p: Protocol, field = 'protocol'): ModelProtocol {
  const protocol = protocolOf(p);
  if (!protocol) throw badField(field, 'must be PROTOCOL_TCP, PROTOCOL_UDP or PROTOCOL_SCTP');
  return protocol;
}

export function groupByOfRequest(g: GroupBy, field = 'groupBy'): QueryGroupBy | 'pod' {
  const groupBy = groupByOf(g);
  if (!groupBy) throw badField(field, 'must be GROUP_BY_POD, GROUP_BY_WORKLOAD or GROUP_BY_NAMESPACE');
  return groupBy;
}

export function namespacesOf(namespaces: readonly string[], field = 'namespaces'): readonly string[] {
  const empty = namespaces.findIndex((ns) => !ns);
  if (empty >= 0) throw badField(`${field}[${empty}]`, 'must not be empty');
  return namespaces;
}

/** The snapshot a query names, or the one being served (REST's servedSnapshot, with gRPC codes). */
export function servedSnapshot(service: SnapshotService, id: number | undefined, field = 'snapshot', at?: string): ServedSnapshot {
  if (at !== undefined) {
    if (id !== undefined) throw badField('at', 'give snapshot or at, not both');
    try {
      return servedSnapshot(service, snapshotAt(service.history().entries(), at, 'at').id, field);
    } catch (err) {
      if (err instanceof UnknownSnapshotError) throw new QueryProblem('unknown-snapshot', err.message);
      throw err;
    }
  }
  if (id !== undefined) {
    if (id < 1) throw badField(field, 'must be at least 1');
    const s = service.get(id);
    if (!s) throw new QueryProblem('unknown-snapshot', `no snapshot ${id}`);
    return s;
  }
  const current = service.current();
  if (!current) throw new QueryProblem('not-ready', 'no snapshot has been loaded yet (see the health service)');
  return current;
}

/** Runs every field's check and reports all bad fields at once, as REST's schema validation does. */
export function validated<T extends readonly unknown[]>(...parts: { readonly [K in keyof T]: () => T[K] }): T {
  const values: unknown[] = [];
  const problems: unknown[] = [];
  for (const part of parts) {
    try {
      values.push(part());
    } catch (err) {
      problems.push(err);
    }
  }
  if (problems.length === 0) return values as unknown as T;
  const mapped = problems.map(problemOf);
  if (mapped.some((p) => p.code !== status.INVALID_ARGUMENT)) throw problems[0];
  throw new QueryProblem(
    'bad-input',
    mapped.map((p) => p.message).join('; '),
    mapped.flatMap((p) => p.violations),
  );
}
