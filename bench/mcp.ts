// `npm run bench:mcp`: MCP tool calls through the SDK's client (in-memory transport) on a synthetic
// cluster: one check, ports, and the blast-radius tools (who_can_reach walks every endpoint).
// Prints one JSON line per size with the median of a few calls per tool, in ms.
//   npm run bench:mcp -- --pods 1000,5000
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { compile } from '../src/engine/index.ts';
import { createMcpServer } from '../src/mcp/server.ts';
import { loadedSource } from '../src/mcp/source.ts';
import { generateCluster } from './generate.ts';

const { values } = parseArgs({ options: { pods: { type: 'string', default: '1000,5000' }, runs: { type: 'string', default: '3' } } });

async function median(runs: number, f: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)] * 10) / 10;
}

for (const pods of values.pods.split(',').map(Number)) {
  const snapshot = generateCluster({ pods, seed: 1 });
  const compiled = compile(snapshot);
  const source = loadedSource({ snapshot, compiled, diagnostics: [], skippedKinds: {} }, new Date(0).toISOString(), 'bench');
  const [a, b] = InMemoryTransport.createLinkedPair();
  await createMcpServer(source).connect(a);
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(b);
  const keys = compiled.endpoints.filter((e) => !e.pod.hostNetwork).map((e) => e.key);
  const from = keys[0];
  const to = keys[Math.floor(keys.length / 2)];
  const call = (name: string, args: Record<string, unknown>) => () => client.callTool({ name, arguments: args });
  const runs = Number(values.runs);
  const line = {
    pods: compiled.endpoints.length,
    checkMs: await median(runs, call('netreach_check', { from, to, port: 8080 })),
    portsMs: await median(runs, call('netreach_ports', { from, to })),
    whoCanReachPortMs: await median(runs, call('netreach_who_can_reach', { endpoint: to, port: 8080 })),
    whoCanReachAllPortsMs: await median(runs, call('netreach_who_can_reach', { endpoint: to })),
    reachableFromPortMs: await median(runs, call('netreach_reachable_from', { endpoint: from, port: 8080 })),
    lintMs: await median(runs, call('netreach_lint', {})),
  };
  console.log(JSON.stringify(line));
  await client.close();
}
