// MCP over stdio for local agents: `netreach mcp -f PATH...` answers from manifest files with the
// tools of server.ts; `netreach mcp --server URL` relays every message, unchanged, to the `/mcp`
// endpoint of a running `netreach serve` (Streamable HTTP, with its bearer token), so the remote
// answers with its own snapshots and nothing is evaluated twice. Both return when stdin closes.
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { createMcpServer } from './server.ts';
import type { McpSource } from './source.ts';

function closed(transport: Transport): Promise<void> {
  return new Promise((resolve) => {
    transport.onclose = () => resolve();
  });
}

export async function serveStdio(source: McpSource): Promise<void> {
  const transport = new StdioServerTransport();
  const done = closed(transport);
  process.stdin.once('end', () => void transport.close());
  await createMcpServer(source).connect(transport);
  await done;
}

/** `http://host:port` (the serve address) or the full `/mcp` URL. */
export function mcpUrl(server: string): URL {
  const url = new URL(server);
  if (!url.pathname.endsWith('/mcp')) url.pathname = `${url.pathname.replace(/\/+$/, '')}/mcp`;
  return url;
}

export async function relayStdio(server: string, token: string | undefined, log: (line: string) => void): Promise<void> {
  const local = new StdioServerTransport();
  const remote = new StreamableHTTPClientTransport(
    mcpUrl(server),
    token ? { requestInit: { headers: { authorization: `Bearer ${token}` } } } : {},
  );
  const done = closed(local);
  process.stdin.once('end', () => void local.close());
  local.onmessage = (message) => {
    remote.send(message).catch((err: unknown) => {
      log(`netreach mcp: ${server}: ${(err as Error).message}`);
      // A request that cannot be relayed still gets an answer, so the agent is not left waiting.
      if ('id' in message && 'method' in message)
        void local.send({
          jsonrpc: '2.0',
          id: message.id,
          error: { code: -32603, message: `netreach server ${server}: ${(err as Error).message}` },
        });
    });
  };
  remote.onmessage = (message) => void local.send(message);
  remote.onerror = (err) => log(`netreach mcp: ${server}: ${err.message}`);
  await remote.start();
  await local.start();
  await done;
  await remote.close();
}
