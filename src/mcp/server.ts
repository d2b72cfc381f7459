// The MCP server: nine read-only tools over one McpSource. The same factory serves stdio
// (`netreach mcp -f`) and Streamable HTTP (`/mcp` on `netreach serve`, one server per request).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { readPackageVersion } from './version.ts';
import type { McpSource } from './source.ts';
import { registerObjectTools } from './tools-objects.ts';
import { registerReachTools } from './tools-reach.ts';

export const MCP_INSTRUCTIONS =
  'netreach answers Kubernetes network reachability questions from NetworkPolicies (and admin policy tiers) ' +
  'under the network plugin in force: can A reach B on a port and why (netreach_check), who can reach X / what X reaches ' +
  '(netreach_who_can_reach, netreach_reachable_from), open ports, the policies of a pod, what a proposed change would break ' +
  '(netreach_impact), lint findings, the plugin, and the snapshots. Every answer names its snapshot; all tools are read-only.';

export function createMcpServer(source: McpSource): McpServer {
  const server = new McpServer({ name: 'netreach', version: readPackageVersion() }, { instructions: MCP_INSTRUCTIONS });
  registerReachTools(server, source);
  registerObjectTools(server, source);
  return server;
}
