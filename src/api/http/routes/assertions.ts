// GET /v1/assertions: the server's assertions (serve --assertions), as its monitor last evaluated them.
import { PRESENTERS } from '../../../render/presenters.ts';
import { answer } from '../answer.ts';
import type { Handlers, RouteContext } from './context.ts';

export function assertionRoutes(ctx: RouteContext): Pick<Handlers, 'assertions'> {
  return {
    async assertions(request, reply) {
      const monitor = ctx.service.assertions();
      const report = { configured: monitor !== undefined, ...(monitor?.status() ?? { failing: 0, assertions: [] }) };
      return answer(request, reply, { value: report }, PRESENTERS.assertionMonitor);
    },
  };
}
