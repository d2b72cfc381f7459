// The history questions as the doors ask them (REST query strings, gRPC fields, the CLI): spellings
// and times in, validated with the field named, answers out.
import { InputError } from '../../model/diagnostics.ts';
import type { Protocol } from '../../model/types.ts';
import { parseEndpointSpec } from '../endpoint-spec.ts';
import type { ImpactGroupBy } from '../impact.ts';
import { UnknownSnapshotError, parseTime, snapshotRef } from './at.ts';
import { type SnapshotDiffAnswer, snapshotFlowDiff } from './diff.ts';
import { type FlowHistoryAnswer, flowHistory } from './flow-history.ts';
import type { Timeline } from './timeline.ts';

export interface FlowHistoryRequest {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly since?: string;
  readonly until?: string;
}

function endpoint(text: string, field: string) {
  try {
    return parseEndpointSpec(text);
  } catch (err) {
    throw new InputError(`${field}: ${(err as Error).message}`);
  }
}

/** `prefix` names where fields come from: `query.` for REST, empty for gRPC. */
export function flowHistoryQuery(t: Timeline, r: FlowHistoryRequest, prefix = ''): FlowHistoryAnswer {
  const from = endpoint(r.from, `${prefix}from`);
  const to = endpoint(r.to, `${prefix}to`);
  if (r.since !== undefined) parseTime(r.since, `${prefix}since`);
  if (r.until !== undefined) parseTime(r.until, `${prefix}until`);
  return flowHistory(
    t,
    { from, to, port: r.port, protocol: r.protocol },
    { ...(r.since !== undefined ? { since: r.since } : {}), ...(r.until !== undefined ? { until: r.until } : {}) },
  );
}

export interface FlowDiffRequest {
  /** An id or an RFC 3339 time. */
  readonly base: string;
  /** Default: the latest stored snapshot. */
  readonly head?: string;
  readonly groupBy?: ImpactGroupBy;
}

export function flowDiffQuery(t: Timeline, r: FlowDiffRequest, prefix = ''): SnapshotDiffAnswer {
  const entries = t.entries();
  if (entries.length === 0) throw new UnknownSnapshotError('no snapshot is stored yet');
  const base = snapshotRef(entries, r.base, `${prefix}base`);
  const head = r.head === undefined ? entries.at(-1)! : snapshotRef(entries, r.head, `${prefix}head`);
  return snapshotFlowDiff(t, base.id, head.id, r.groupBy ?? 'pod');
}
