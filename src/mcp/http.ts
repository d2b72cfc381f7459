// MCP over Streamable HTTP, stateless: every POST gets a fresh server and transport (the SDK's
// stateless pattern), so no session outlives its request and any replica can answer. GET and DELETE
// (server-sent streams and session ends) have nothing to serve here and answer 405 from the SDK.
// The caller mounts this behind its bearer token (`/mcp` on `netreach serve`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpServer } from './server.ts';
import type { McpSource } from './source.ts';

export type RawHandler = (req: IncomingMessage, res: ServerResponse, body: unknown) => Promise<void>;

export function mcpHttpHandler(source: McpSource): RawHandler {
  return async (req, res, body) => {
    const server = createMcpServer(source);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  };
}
