// POST /v1/fix: the same fixQuery the CLI calls, answered as `netreach fix -o json` (and its text and
// Markdown for Accept: text/*). An unfixable request is an answer (200, `status: unfixable`), not an
// error; bad endpoints are 400/404 like every query.
import { endpointSpecFromJson } from '../../../query/endpoint-json.ts';
import { answerFix } from '../../../query/answered.ts';
import { PRESENTERS } from '../../../render/presenters.ts';
import { answer, servedSnapshot } from '../answer.ts';
import type { Handlers, JsonBody, RouteContext } from './context.ts';

export function fixRoutes(ctx: RouteContext): Pick<Handlers, 'fix'> {
  return {
    async fix(request, reply) {
      const body = request.body as JsonBody<'fix'>;
      const { compiled } = servedSnapshot(ctx.service, body.snapshot);
      const from = endpointSpecFromJson(body.from, 'body.from');
      const to = endpointSpecFromJson(body.to, 'body.to');
      const a = answerFix(compiled, { from, to, port: body.port, protocol: body.protocol ?? 'TCP', mode: body.mode ?? 'allow' });
      return answer(request, reply, a, PRESENTERS.fix);
    },
  };
}
