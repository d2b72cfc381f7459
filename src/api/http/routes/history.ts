// Flow history (GET /v1/history/flow) and snapshot diff as flows (GET /v1/diff), over the service's
// history time line (query/history/queries.ts).
import { PRESENTERS } from '../../../render/presenters.ts';
import { UnknownSnapshotError } from '../../../query/history/at.ts';
import { flowDiffQuery, flowHistoryQuery } from '../../../query/history/queries.ts';
import { answer } from '../answer.ts';
import { QueryProblem } from '../../../query/errors.ts';
import type { Handlers, Query, RouteContext } from './context.ts';

/** An id or time naming no stored snapshot is a 404, as an unknown snapshot id is elsewhere. */
export function knownSnapshot<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof UnknownSnapshotError) throw new QueryProblem('unknown-snapshot', err.message);
    throw err;
  }
}

export function historyRoutes(ctx: RouteContext): Pick<Handlers, 'flowHistory' | 'flowDiff'> {
  return {
    async flowHistory(request, reply) {
      const q = request.query as Query<'flowHistory'>;
      const result = flowHistoryQuery(ctx.service.history(), { ...q, protocol: q.protocol ?? 'TCP' }, 'query.');
      return answer(request, reply, { value: result }, PRESENTERS.flowHistory);
    },
    async flowDiff(request, reply) {
      const q = request.query as Query<'flowDiff'>;
      const result = knownSnapshot(() => flowDiffQuery(ctx.service.history(), q, 'query.'));
      return answer(request, reply, { value: result }, PRESENTERS.snapshotDiff);
    },
  };
}
