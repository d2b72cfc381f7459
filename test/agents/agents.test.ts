// On-call questions (questions.ts) asked the way an agent asks them: through the SDK's own MCP
// client (in-memory transport) to netreach's MCP server on the demo cluster. Every answer must
// satisfy its tool's output schema (mcp-client.ts), name snapshot 1, and match the expected answer.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { parseCniFlag } from '../../src/engine/dataplane/cni-flag.ts';
import { createMcpServer } from '../../src/mcp/server.ts';
import { loadedSource } from '../../src/mcp/source.ts';
import { loadManifests } from '../../src/query/manifests.ts';
import { DEMO_PATH } from '../cli/cli-harness.ts';
import { type ToolClient, wrap } from '../mcp/mcp-client.ts';
import { type Includes, QUESTIONS } from './questions.ts';

const TAKEN_AT = '2026-12-03T16:00:00.000Z';

async function connect(cni?: string): Promise<ToolClient> {
  const loaded = await loadManifests([DEMO_PATH], cni ? { cni: parseCniFlag(cni) } : {});
  const server = createMcpServer(loadedSource(loaded, TAKEN_AT, 'demo'));
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'on-call-agent', version: '1.0.0' });
  await client.connect(clientSide);
  return wrap(client);
}

function isIncludes(v: unknown): v is Includes {
  return typeof v === 'object' && v !== null && 'includes' in v && Array.isArray((v as Includes).includes);
}

/** `expected` as a subset of `actual`: objects key by key, arrays exactly (or includes()), strings by RegExp. */
function assertMatches(actual: unknown, expected: unknown, where: string): void {
  if (expected instanceof RegExp) return assert.match(String(actual), expected, where);
  if (isIncludes(expected)) {
    assert.ok(Array.isArray(actual), `${where} is a list`);
    for (const item of expected.includes)
      assert.ok(
        actual.some((a) => {
          try {
            assertMatches(a, item, where);
            return true;
          } catch {
            return false;
          }
        }),
        `${where} includes ${JSON.stringify(item)}`,
      );
    return;
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where} is a list`);
    assert.equal(actual.length, expected.length, `${where}: ${JSON.stringify(actual)}`);
    expected.forEach((e, i) => assertMatches(actual[i], e, `${where}[${i}]`));
    return;
  }
  if (typeof expected === 'object' && expected !== null) {
    assert.ok(typeof actual === 'object' && actual !== null, `${where} is an object`);
    for (const [k, v] of Object.entries(expected)) assertMatches((actual as Record<string, unknown>)[k], v, `${where}.${k}`);
    return;
  }
  assert.deepEqual(actual, expected, where);
}

describe('on-call questions an agent asks netreach', () => {
  const clients: Record<string, ToolClient> = {};
  before(async () => {
    clients.demo = await connect();
    clients.weave = await connect('weave');
  });
  after(async () => {
    for (const c of Object.values(clients)) await c.close();
  });

  test('there are at least 20 questions, covering every tool', () => {
    assert.ok(QUESTIONS.length >= 20);
    const used = new Set(QUESTIONS.flatMap((q) => q.calls.map((c) => c.tool)));
    assert.deepEqual([...used].sort(), clients.demo.tools.map((t) => t.name).sort());
  });

  for (const q of QUESTIONS) {
    test(q.question, async () => {
      const client = clients[q.cluster ?? 'demo'];
      for (const call of q.calls) {
        const r = await client.call(call.tool, call.args);
        if (q.error) {
          assert.equal(r.isError, true, 'a tool error the agent can read');
          assert.match((r.content as { text: string }[])[0].text, q.error);
          continue;
        }
        assert.notEqual(r.isError, true, JSON.stringify(r.content));
        if (call.tool !== 'netreach_snapshots') assertMatches(r.structuredContent.snapshot, { id: 1, takenAt: TAKEN_AT }, 'snapshot');
        assertMatches(r.structuredContent, call.expect, call.tool);
      }
    });
  }
});
