// GET /v1/events: server-sent events (WHATWG HTML §9.2, text/event-stream) so a dashboard follows
// new snapshots without polling. The stream is written on the raw response (reply.hijack), so it is
// ended here when the app closes (a graceful drain would otherwise wait for it).
import type { ServerResponse } from 'node:http';
import type { SnapshotMeta } from '../../../store/store.ts';
import type { Handlers, RouteContext } from './context.ts';

const KEEP_ALIVE_MS = 25_000;

export function snapshotEvent(meta: SnapshotMeta): object {
  return {
    id: meta.id,
    takenAt: meta.takenAt,
    source: meta.source,
    counts: meta.counts,
    ...(meta.dataplane ? { dataplane: meta.dataplane } : {}),
  };
}

function frame(event: string, data: object): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export interface EventRoutes {
  readonly handlers: Pick<Handlers, 'events'>;
  /** Ends every open stream (the app's preClose). */
  closeAll(): void;
}

export function eventRoutes(ctx: RouteContext): EventRoutes {
  const open = new Set<ServerResponse>();
  return {
    closeAll() {
      for (const res of open) res.end();
      open.clear();
    },
    handlers: {
      async events(request, reply) {
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          'x-accel-buffering': 'no',
          'request-id': String(request.id),
        });
        const current = ctx.service.current();
        res.write(frame('hello', { snapshot: current?.meta.id ?? 0 }));
        open.add(res);
        const unsubscribe = ctx.service.onSnapshot((served) => res.write(frame('snapshot', snapshotEvent(served.meta))));
        const timer = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
        timer.unref();
        res.on('close', () => {
          clearInterval(timer);
          unsubscribe();
          open.delete(res);
        });
      },
    },
  };
}
