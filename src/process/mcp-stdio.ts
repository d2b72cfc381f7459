// The `netreach mcp` process: wires the MCP door to stdio, as process/serve.ts wires REST and gRPC
// for `netreach serve`; the CLI parses the flags and calls one of these, so no door imports another.
import type { LoadedSnapshot } from '../query/manifests.ts';
import { loadedSource } from '../mcp/source.ts';
import { relayStdio, serveStdio } from '../mcp/stdio.ts';

/** Answer MCP requests on stdin/stdout from manifests read once (`label` names them in answers). */
export async function serveMcpOnStdio(loaded: LoadedSnapshot, label: string): Promise<void> {
  await serveStdio(loadedSource(loaded, new Date().toISOString(), label));
}

/** Relay MCP messages between stdio and a running `netreach serve`'s /mcp endpoint. */
export async function relayMcpOnStdio(server: string, token: string | undefined, log: (line: string) => void): Promise<void> {
  await relayStdio(server, token, log);
}
