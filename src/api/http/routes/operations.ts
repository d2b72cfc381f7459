// Health, readiness and metrics.
import type { Handlers, RouteContext } from './context.ts';

export function operationRoutes(ctx: RouteContext): Pick<Handlers, 'healthz' | 'readyz' | 'metrics'> {
  return {
    async healthz() {
      return { status: 'ok' };
    },
    async readyz(_request, reply) {
      const readiness = ctx.service.readiness();
      return reply.code(readiness.ready ? 200 : 503).send(readiness);
    },
    async metrics(_request, reply) {
      return reply.type(ctx.metrics.contentType).send(await ctx.metrics.text());
    },
  };
}
