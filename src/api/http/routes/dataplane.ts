// GET /v1/dataplane: the network plugin a snapshot is answered under (the `netreach cni -o json`
// report from the query layer) and the snapshot's id; text and Markdown are the CLI's renderings.
import { PRESENTERS } from '../../../render/presenters.ts';
import { type DataplaneReport, dataplaneQuery } from '../../../query/dataplane.ts';
import { answer, servedSnapshot } from '../answer.ts';
import type { Handlers, Query, RouteContext } from './context.ts';

type DataplaneJson = DataplaneReport & { readonly snapshot: number };

export function dataplaneRoutes(ctx: RouteContext): Pick<Handlers, 'getDataplane'> {
  return {
    async getDataplane(request, reply) {
      const { snapshot, at } = request.query as Query<'getDataplane'>;
      const served = servedSnapshot(ctx.service, snapshot, at, 'query.at');
      const report: DataplaneJson = { snapshot: served.meta.id, ...dataplaneQuery(served.compiled) };
      return answer(request, reply, { value: report }, PRESENTERS.cni);
    },
  };
}
