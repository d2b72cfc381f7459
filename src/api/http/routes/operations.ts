// Health, readiness and metrics.
import { publicReadiness } from '../operability.ts';
import type { Handlers, RouteContext } from './context.ts';

export function operationRoutes(ctx: RouteContext): Pick<Handlers, 'healthz' | 'readyz' | 'metrics'> {
  return {
    async healthz() {
      return { status: 'ok' };
    },
    async readyz(request, reply) {
      const readiness = publicReadiness(ctx.service.readiness(), request, ctx.authorized ?? (() => false));
      return reply.code(readiness.ready ? 200 : 503).send(readiness);
    },
    async metrics(_request, reply) {
      return reply.type(ctx.metrics.contentType).send(await ctx.metrics.text());
    },
  };
}
