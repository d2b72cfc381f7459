// Questions about pods: the policies of one pod, and which pods the outside can reach.
import { exposureQuery } from '../../../query/exposure.ts';
import { podOrTemplateKey, podPolicies } from '../../../query/pod-policies.ts';
import { didYouMean } from '../../../query/suggest.ts';
import { answer, servedSnapshot } from '../answer.ts';
import { QueryProblem } from '../../../query/errors.ts';
import { PRESENTERS } from '../../../render/presenters.ts';
import type { Handlers, Params, Query, RouteContext } from './context.ts';

export function podRoutes(ctx: RouteContext): Pick<Handlers, 'podPolicies' | 'exposure'> {
  return {
    async podPolicies(request, reply) {
      const { namespace, name } = request.params as Params<'podPolicies'>;
      const { snapshot, at } = request.query as Query<'podPolicies'>;
      const served = servedSnapshot(ctx.service, snapshot, at, 'query.at');
      // Manifests hold workloads, not pods: the workload's template answers for `ns/name`.
      const key = podOrTemplateKey(served.compiled, namespace, name);
      const result = key === undefined ? undefined : podPolicies(served.compiled, key);
      if (!result)
        throw new QueryProblem(
          'unknown-pod',
          `no pod ${namespace}/${name} in snapshot ${served.meta.id}${didYouMean(served.compiled, `${namespace}/${name}`)}`,
        );
      return answer(request, reply, { value: { ...result, snapshot: served.meta.id } }, PRESENTERS.podPolicies);
    },
    async exposure(request, reply) {
      const { snapshot, at, namespace } = request.query as Query<'exposure'>;
      const served = servedSnapshot(ctx.service, snapshot, at, 'query.at');
      const result = { snapshot: served.meta.id, ...exposureQuery(served.compiled, namespace) };
      return answer(request, reply, { value: result }, PRESENTERS.exposure);
    },
  };
}
