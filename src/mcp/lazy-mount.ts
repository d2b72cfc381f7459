// `/mcp` for `netreach serve` with the MCP SDK (about 0.2 s of imports on this machine) loaded by the
// first request to it instead of before the server is ready: readiness needs REST and a compiled
// snapshot, not the MCP door. The answers are mcpMount's own (http.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SnapshotService } from '../service/snapshots.ts';
import type { RawHandler } from './http.ts';

export function lazyMcpMount(service: SnapshotService): {
  url: string;
  methods: ('GET' | 'POST' | 'DELETE')[];
  handler: RawHandler;
} {
  let handler: Promise<RawHandler> | undefined;
  return {
    url: '/mcp',
    methods: ['GET', 'POST', 'DELETE'],
    handler: async (req: IncomingMessage, res: ServerResponse, body: unknown) => {
      handler ??= import('./http.ts').then((m) => m.mcpMount(service).handler);
      await (
        await handler
      )(req, res, body);
    },
  };
}
