// Flow history (GET /v1/history/flow) and snapshot diff as flows (GET /v1/diff), over the service's
// history time line.
import { renderDiffMarkdown, renderDiffText, renderHistoryMarkdown, renderHistoryText } from '../../../cli/render/history-text.ts';
import { parseEndpointSpec } from '../../../query/endpoint-spec.ts';
import { snapshotRef, parseTime } from '../../../query/history/at.ts';
import { snapshotFlowDiff } from '../../../query/history/diff.ts';
import { flowHistory } from '../../../query/history/flow-history.ts';
import { NotFoundError } from '../../../query/resolve.ts';
import { InputError } from '../../../model/diagnostics.ts';
import type { HistoryEntry } from '../../../store/history.ts';
import { answer } from '../answer.ts';
import { HttpProblem } from '../errors.ts';
import type { Handlers, Query, RouteContext } from './context.ts';

function endpoint(text: string, field: string) {
  try {
    return parseEndpointSpec(text);
  } catch (err) {
    throw new InputError(`${field}: ${(err as Error).message}`);
  }
}

function ref(entries: readonly HistoryEntry[], text: string, field: string): HistoryEntry {
  try {
    return snapshotRef(entries, text, field);
  } catch (err) {
    if (err instanceof NotFoundError) throw new HttpProblem(404, 'unknown-snapshot', err.message);
    throw err;
  }
}

export function historyRoutes(ctx: RouteContext): Pick<Handlers, 'flowHistory' | 'flowDiff'> {
  return {
    async flowHistory(request, reply) {
      const q = request.query as Query<'flowHistory'>;
      if (q.since !== undefined) parseTime(q.since, 'query.since');
      if (q.until !== undefined) parseTime(q.until, 'query.until');
      const flow = { from: endpoint(q.from, 'query.from'), to: endpoint(q.to, 'query.to'), port: q.port, protocol: q.protocol ?? 'TCP' };
      const result = flowHistory(ctx.service.history(), flow, { ...(q.since ? { since: q.since } : {}), ...(q.until ? { until: q.until } : {}) });
      return answer(request, reply, result, { markdown: renderHistoryMarkdown, text: renderHistoryText });
    },
    async flowDiff(request, reply) {
      const q = request.query as Query<'flowDiff'>;
      const timeline = ctx.service.history();
      const entries = timeline.entries();
      if (entries.length === 0) throw new HttpProblem(503, 'not-ready', 'no snapshot is stored yet');
      const base = ref(entries, q.base, 'query.base');
      const head = q.head === undefined ? entries.at(-1)! : ref(entries, q.head, 'query.head');
      const result = snapshotFlowDiff(timeline, base.id, head.id, q.groupBy ?? 'pod');
      return answer(request, reply, result, { markdown: renderDiffMarkdown, text: renderDiffText });
    },
  };
}
