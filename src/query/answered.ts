// The answers the doors (CLI, REST, gRPC) ask for, each with the network plugin it was given under
// attached here, once (`answeredBy`), so no door builds the plugin context itself. Door-neutral
// requests live here too: a ports answer names its two endpoints, a matrix request is
// {port, protocol, groupBy, namespaces} whatever door spelled it.
import type { CompiledSnapshot, MatrixResult, PortRanges } from '../engine/index.ts';
import type { ConnectionsResult } from '../engine/connections.ts';
import type { FieldSpeller } from '../model/fields.ts';
import type { Protocol, Snapshot } from '../model/types.ts';
import type { ChangeSet } from './change-set.ts';
import { connectionsQuery } from './connections.ts';
import { type EndpointSpec, endpointSpecText } from './endpoint-spec.ts';
import { type FixAnswer, type FixRequest, fixQuery } from './fix.ts';
import type { GroupBy, GroupMatrixResult } from './group-matrix.ts';
import { type ImpactAnswer, type ImpactOptions, impactBetween, impactQuery } from './impact.ts';
import { filterGroupMatrix, filterMatrix } from './matrix-view.ts';
import type { PathsPorts } from './paths/types.ts';
import { type PluginContext, pluginContext } from './plugin-context.ts';
import { type CheckAnswer, checkAnswerQuery, groupMatrixQuery, matrixQuery, portsAnswerQuery } from './queries.ts';

/** An answer and the network plugin it was given under (absent for answers no plugin shapes). */
export interface Answered<T> {
  readonly value: T;
  readonly plugin?: PluginContext;
}

/** An answer computed on a compiled snapshot: it always carries that snapshot's plugin. */
export type PluginAnswered<T> = Answered<T> & { readonly plugin: PluginContext };

/** The one place an answer gets its plugin context: the plugin of the snapshot it was computed on. */
export function answeredBy<T>(c: CompiledSnapshot, value: T): PluginAnswered<T> {
  return { value, plugin: pluginContext(c) };
}

/** `ports`: `{from, to, ports}` for a pod/IP pair (the endpoints as spelled), the per-path answer otherwise. */
export type PortsJson = { readonly from: string; readonly to: string; readonly ports: PortRanges } | PathsPorts;

export function answerCheck(
  c: CompiledSnapshot,
  from: EndpointSpec,
  to: EndpointSpec,
  port: number,
  protocol: Protocol,
): PluginAnswered<CheckAnswer> {
  return answeredBy(c, checkAnswerQuery(c, from, to, port, protocol));
}

/** `names`: how the request spelled the endpoints (default: their canonical spelling). */
export function answerPorts(
  c: CompiledSnapshot,
  from: EndpointSpec,
  to: EndpointSpec,
  names = { from: endpointSpecText(from), to: endpointSpecText(to) },
): PluginAnswered<PortsJson> {
  const a = portsAnswerQuery(c, from, to);
  return answeredBy(c, a.kind === 'ranges' ? { from: names.from, to: names.to, ports: a.ports } : a.answer);
}

/** The matrix request every door sends: by pod or grouped, optionally limited to some namespaces. */
export interface MatrixRequest {
  readonly port: number;
  readonly protocol: Protocol;
  readonly groupBy?: 'pod' | GroupBy;
  readonly namespaces?: readonly string[];
  readonly onProgress?: (done: number, total: number) => void;
}

export type MatrixAnswer =
  | { readonly kind: 'pods'; readonly answer: PluginAnswered<MatrixResult> }
  | { readonly kind: 'groups'; readonly answer: PluginAnswered<GroupMatrixResult> };

export function answerMatrix(c: CompiledSnapshot, r: MatrixRequest): MatrixAnswer {
  const groupBy = r.groupBy ?? 'pod';
  if (groupBy === 'pod')
    return { kind: 'pods', answer: answeredBy(c, filterMatrix(matrixQuery(c, r.port, r.protocol, r.onProgress), r.namespaces)) };
  return { kind: 'groups', answer: answeredBy(c, filterGroupMatrix(groupMatrixQuery(c, r.port, r.protocol, groupBy), r.namespaces)) };
}

export function answerConnections(c: CompiledSnapshot, groupBy: Parameters<typeof connectionsQuery>[1]): PluginAnswered<ConnectionsResult> {
  return answeredBy(c, connectionsQuery(c, groupBy));
}

export function answerFix(c: CompiledSnapshot, r: FixRequest, field?: FieldSpeller): PluginAnswered<FixAnswer> {
  return answeredBy(c, fixQuery(c, r, field));
}

/** Impact of a change set (overlay) or of a whole head state, under the base snapshot's plugin: the
 * change is applied to the base, so both sides answer under it. */
export function answerImpact(
  base: CompiledSnapshot,
  change: { readonly overlay: ChangeSet } | { readonly head: Snapshot },
  options: ImpactOptions = {},
): PluginAnswered<ImpactAnswer> {
  return answeredBy(base, 'head' in change ? impactBetween(base, change.head, options) : impactQuery(base, change.overlay, options));
}
