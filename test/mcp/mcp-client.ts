// The SDK's own MCP client against netreach: over Streamable HTTP to a real server on 127.0.0.1
// (`/mcp`, bearer token), or over stdio to `netreach mcp -f ...` spawned through tsx as the CLI
// tests do. Every structured answer is checked against the output schema the server lists.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { Ajv, type ValidateFunction } from 'ajv';
import { CLI_ENTRY } from '../support/cli-entry.ts';

export interface ToolClient {
  readonly client: Client;
  readonly tools: readonly Tool[];
  /** Calls a tool; a structured answer must satisfy the tool's listed output schema (throws otherwise). */
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult & { structuredContent?: any }>;
  close(): Promise<void>;
}

export async function wrap(client: Client): Promise<ToolClient> {
  const { tools } = await client.listTools();
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validators = new Map<string, ValidateFunction>();
  for (const t of tools) if (t.outputSchema) validators.set(t.name, ajv.compile(t.outputSchema));
  return {
    client,
    tools,
    async call(name, args) {
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
      if (!result.isError) {
        const validate = validators.get(name);
        if (!validate) throw new Error(`${name} lists no output schema`);
        if (!validate(result.structuredContent))
          throw new Error(`${name}: structuredContent breaks its output schema: ${ajv.errorsText(validate.errors)}`);
      }
      return result;
    },
    close: () => client.close(),
  };
}

export async function httpClient(base: string, token?: string): Promise<ToolClient> {
  const client = new Client({ name: 'netreach-test', version: '1.0.0' });
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers } }));
  return wrap(client);
}

export async function stdioClient(args: readonly string[], cwd: string, env?: Record<string, string>): Promise<ToolClient> {
  const client = new Client({ name: 'netreach-test', version: '1.0.0' });
  const environment = env ? { ...(process.env as Record<string, string>), ...env } : undefined;
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [...CLI_ENTRY, 'mcp', ...args],
      cwd,
      stderr: 'pipe',
      ...(environment ? { env: environment } : {}),
    }),
  );
  return wrap(client);
}
