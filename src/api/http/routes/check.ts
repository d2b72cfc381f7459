// check and ports: two endpoints in the REST spelling, answered by the same query functions the CLI
// calls (a Verdict for a pod/IP pair, the composite answer otherwise), rendered by the same
// presenters. A Verdict carries the network plugin's fields itself; every other answer gets
// `dataplane` and `enforced` at its top, as the CLI's JSON has them.
import { answerCheck, answerPorts } from '../../../query/answered.ts';
import { endpointSpecFromJson } from '../../../query/endpoint-json.ts';
import { answer, servedSnapshot } from '../answer.ts';
import { PRESENTERS } from '../../../render/presenters.ts';
import type { Handlers, JsonBody, RouteContext } from './context.ts';

export function checkRoutes(ctx: RouteContext): Pick<Handlers, 'check' | 'ports'> {
  return {
    async check(request, reply) {
      const body = request.body as JsonBody<'check'>;
      const { compiled } = servedSnapshot(ctx.service, body.snapshot, body.at, 'body.at');
      const a = answerCheck(
        compiled,
        endpointSpecFromJson(body.from, 'body.from'),
        endpointSpecFromJson(body.to, 'body.to'),
        body.port,
        body.protocol ?? 'TCP',
      );
      return answer(request, reply, a, PRESENTERS.check);
    },
    async ports(request, reply) {
      const body = request.body as JsonBody<'ports'>;
      const { compiled } = servedSnapshot(ctx.service, body.snapshot, body.at, 'body.at');
      const from = endpointSpecFromJson(body.from, 'body.from');
      const to = endpointSpecFromJson(body.to, 'body.to');
      return answer(request, reply, answerPorts(compiled, from, to), PRESENTERS.ports);
    },
  };
}
