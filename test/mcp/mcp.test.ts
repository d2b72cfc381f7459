// The MCP door with the SDK's own client: over Streamable HTTP (/mcp on a real server, bearer token)
// and over stdio (`netreach mcp -f examples/demo-cluster.yaml` as a process). Lists the tools, calls
// every one on the demo cluster (each structured answer checked against its output schema by
// mcp-client.ts), compares verdicts with POST /v1/check and /v1/impact, and sends wrong arguments.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PATH, REPO_ROOT } from '../cli/cli-harness.ts';
import { type TestServer, readText, request, startTestServer } from '../support/http-server.ts';
import { type ToolClient, httpClient, stdioClient } from './mcp-client.ts';

const TOKEN = 'mcp-test-token';
const TOOLS = [
  'netreach_check',
  'netreach_dataplane',
  'netreach_impact',
  'netreach_lint',
  'netreach_policies_for',
  'netreach_ports',
  'netreach_reachable_from',
  'netreach_snapshots',
  'netreach_who_can_reach',
];
const DENY_ALL = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'deny-all', namespace: 'kube-system' },
  spec: { podSelector: {}, policyTypes: ['Ingress'] },
};
const DENY_ALL_YAML = JSON.stringify(DENY_ALL);
/** One call per tool, valid on the demo cluster. */
const CALLS: readonly [string, Record<string, unknown>][] = [
  ['netreach_check', { from: 'default/frontend-1', to: 'default/backend-1', port: 8080 }],
  ['netreach_dataplane', {}],
  ['netreach_impact', { yaml: DENY_ALL_YAML }],
  ['netreach_lint', {}],
  ['netreach_policies_for', { endpoint: 'default/backend-1', response_format: 'detailed' }],
  ['netreach_ports', { from: 'default/frontend-1', to: 'svc:store/api' }],
  ['netreach_reachable_from', { endpoint: 'monitoring/prometheus', port: 8080 }],
  ['netreach_snapshots', {}],
  ['netreach_who_can_reach', { endpoint: 'default/backend-1' }],
];
/** Pairs whose MCP verdict must equal POST /v1/check's. */
const PAIRS: readonly [string, Record<string, string>, string, Record<string, string>, number][] = [
  ['default/frontend-1', { pod: 'default/frontend-1' }, 'default/backend-1', { pod: 'default/backend-1' }, 8080],
  ['default/frontend-1', { pod: 'default/frontend-1' }, 'default/backend-1', { pod: 'default/backend-1' }, 9090],
  ['other/intruder', { pod: 'other/intruder' }, 'default/db-0', { pod: 'default/db-0' }, 6379],
  ['monitoring/prometheus', { pod: 'monitoring/prometheus' }, 'ns:default', { namespace: 'default' }, 8080],
  ['default/frontend-1', { pod: 'default/frontend-1' }, 'svc:store/api', { service: 'store/api' }, 80],
];

function restVerdict(json: any): string {
  return json.verdict ?? json.outcome;
}

async function everyToolAnswers(c: ToolClient): Promise<Map<string, any>> {
  assert.deepEqual(c.tools.map((t) => t.name).sort(), TOOLS);
  for (const t of c.tools) {
    assert.equal(t.annotations?.readOnlyHint, true, `${t.name} is annotated read-only`);
    assert.ok(t.outputSchema, `${t.name} has an output schema`);
    assert.ok((t.description ?? '').length > 80, `${t.name} has an onboarding description`);
  }
  const answers = new Map<string, any>();
  for (const [name, args] of CALLS) {
    const r = await c.call(name, args);
    assert.notEqual(r.isError, true, `${name}: ${JSON.stringify(r.content)}`);
    const text = (r.content as { type: string; text: string }[])[0];
    assert.equal(text.type, 'text');
    assert.equal(text.text, r.structuredContent.summary, `${name}: the text is the structured summary`);
    if (name !== 'netreach_snapshots') assert.equal(r.structuredContent.snapshot.id, 1, `${name} names its snapshot`);
    answers.set(name, r.structuredContent);
  }
  return answers;
}

async function wrongArguments(c: ToolClient): Promise<void> {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['netreach_check', { from: 'default/frontend-1' }, /to/],
    ['netreach_check', { from: 'default/frontend-1', to: 'default/nope', port: 80 }, /no pod default\/nope/],
    ['netreach_check', { from: 'bogus:x/y', to: 'default/backend-1', port: 80 }, /unknown prefix/],
    ['netreach_check', { from: 'default/frontend-1', to: 'default/backend-1', port: 70000 }, /port/],
    ['netreach_impact', {}, /yaml|delete/],
    ['netreach_impact', { delete: ['default/no-such-policy'] }, /does not hold|no-such-policy/],
    ['netreach_policies_for', { endpoint: 'ns:default' }, /pod|workload/],
    ['netreach_lint', { snapshot: 99 }, /no snapshot 99/],
  ];
  for (const [name, args, message] of cases) {
    const r = await c.call(name, args);
    assert.equal(r.isError, true, `${name} ${JSON.stringify(args)} is a tool error`);
    assert.match((r.content as { text: string }[])[0].text, message);
  }
}

describe('MCP over Streamable HTTP (/mcp on serve)', () => {
  let s: TestServer;
  let c: ToolClient;
  let answers: Map<string, any>;
  before(async () => {
    s = await startTestServer({ token: TOKEN, mcp: true });
    const up = await request(s.url, 'POST', '/v1/snapshots', { raw: readText(DEMO_PATH), type: 'application/yaml', token: TOKEN });
    assert.equal(up.status, 201);
    c = await httpClient(s.url, TOKEN);
    answers = await everyToolAnswers(c);
  });
  after(async () => {
    await c?.close();
    await s.stop();
  });

  test('lists the nine tools and calls every one (answers match their output schemas)', () => {
    assert.equal(answers.size, TOOLS.length);
    assert.equal(answers.get('netreach_check').verdict, 'allowed');
    assert.deepEqual(answers.get('netreach_check').decidingPolicies, ['default/allow-frontend-to-backend']);
  });

  test('netreach_check agrees with POST /v1/check on every pair', async () => {
    for (const [from, fromJson, to, toJson, port] of PAIRS) {
      const rest = await request(s.url, 'POST', '/v1/check', { body: { from: fromJson, to: toJson, port }, token: TOKEN });
      assert.equal(rest.status, 200);
      const mcp = await c.call('netreach_check', { from, to, port });
      assert.equal(mcp.structuredContent.verdict, restVerdict(rest.json), `${from} → ${to}:${port}`);
    }
  });

  test('netreach_impact agrees with POST /v1/impact', async () => {
    const rest = await request(s.url, 'POST', '/v1/impact', { body: { apply: [DENY_ALL] }, token: TOKEN });
    assert.equal(rest.status, 200);
    const mcp = answers.get('netreach_impact');
    assert.ok(rest.json.summary.lost > 0);
    assert.deepEqual([mcp.lost, mcp.gained, mcp.verdict], [rest.json.summary.lost, rest.json.summary.gained, 'loses-flows']);
    assert.deepEqual(
      mcp.lostFlows.map((f: any) => [f.from, f.to]),
      rest.json.lost.slice(0, 10).map((f: any) => [f.from, f.to]),
    );
    const opened = await c.call('netreach_impact', { delete: ['default/allow-frontend-to-backend'] });
    assert.equal(opened.structuredContent.verdict, 'gains-only');
  });

  test('wrong arguments come back as tool errors, not protocol failures', async () => wrongArguments(c));

  test('netreach mcp --server URL relays stdio to /mcp with the token', async () => {
    const relay = await stdioClient(['--server', s.url], REPO_ROOT, { NETREACH_TOKEN: TOKEN });
    try {
      assert.deepEqual(relay.tools.map((t) => t.name).sort(), TOOLS);
      const r = await relay.call('netreach_check', { from: 'other/intruder', to: 'default/db-0', port: 6379 });
      assert.equal(r.structuredContent.verdict, 'denied');
      assert.deepEqual(r.structuredContent.snapshot.id, 1);
      const wrong = await relay.call('netreach_check', { from: 'default/frontend', to: 'default/db-0', port: 6379 });
      assert.equal(wrong.isError, true);
    } finally {
      await relay.close();
    }
  });

  test('a relay without the token is refused with an error the agent sees (not a hang)', async () => {
    await assert.rejects(stdioClient(['--server', s.url], REPO_ROOT, { NETREACH_TOKEN: '' }), /401|unauthorized|token/i);
  });

  test('/mcp needs the bearer token', async () => {
    const r = await request(s.url, 'POST', '/mcp', { body: { jsonrpc: '2.0', id: 1, method: 'tools/list' } });
    assert.equal(r.status, 401);
    assert.match(r.type, /problem\+json/);
  });
});

describe('MCP over stdio (netreach mcp -f)', () => {
  let c: ToolClient;
  let answers: Map<string, any>;
  before(async () => {
    c = await stdioClient(['-f', DEMO], REPO_ROOT);
    answers = await everyToolAnswers(c);
  });
  after(async () => c?.close());

  test('answers every tool like the HTTP door does', () => {
    assert.equal(answers.get('netreach_check').verdict, 'allowed');
    assert.equal(answers.get('netreach_snapshots').snapshots.length, 1);
    assert.ok(answers.get('netreach_impact').lost > 0);
  });

  test('wrong arguments come back as tool errors', async () => wrongArguments(c));
});
