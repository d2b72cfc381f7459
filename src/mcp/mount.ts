// `/mcp` on `netreach serve`, answering from the snapshots the service holds. The MCP SDK (about 0.2 s
// of imports on this machine) loads with the first request to it instead of before the server is ready:
// readiness needs REST and a compiled snapshot, not the MCP door.
import type { SnapshotService } from '../service/snapshots.ts';
import type { RawHandler } from './http.ts';
import { serviceSource } from './source.ts';

export function mcpMount(service: SnapshotService): { url: string; methods: ('GET' | 'POST' | 'DELETE')[]; handler: RawHandler } {
  let handler: Promise<RawHandler> | undefined;
  return {
    url: '/mcp',
    methods: ['GET', 'POST', 'DELETE'],
    handler: async (req, res, body) => {
      handler ??= import('./http.ts').then((m) => m.mcpHttpHandler(serviceSource(service)));
      const serve = await handler;
      await serve(req, res, body);
    },
  };
}
