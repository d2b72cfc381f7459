// Slack and Mattermost slash commands against a real server on 127.0.0.1 with the demo cluster:
// a good signature answers with Block Kit inside Slack's limits; a wrong signature, a stale
// timestamp, a replayed request or a missing header is 401 problem+json and nothing is evaluated;
// a slow question is acknowledged and answered through response_url (a loopback receiver);
// Mattermost checks its token and answers in Markdown. The bearer token does not apply here.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { slackSignature } from '../../../src/api/chat/signature.ts';
import { DEMO_PATH } from '../../cli/cli-harness.ts';
import { type TestServer, readText, request, startTestServer } from '../../support/http-server.ts';
import { assertSlackLimits } from '../chat/slack-limits.ts';

const SECRET = 'slack-signing-secret';
const MM_TOKEN = 'mattermost-token';
const NOW = 1_800_000_000;

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

async function slack(s: TestServer, body: string, headers: Record<string, string | undefined>) {
  const h: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) h[k] = v;
  const res = await fetch(`${s.url}/v1/chat/slack`, { method: 'POST', headers: h, body });
  return { status: res.status, type: res.headers.get('content-type') ?? '', json: (await res.json()) as any };
}

function signed(body: string, timestamp = NOW) {
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': slackSignature(SECRET, String(timestamp), body) };
}

describe('chat slash commands', () => {
  let s: TestServer;
  let evaluated = 0;
  let nonce = 0;
  const ask = (text: string, extra: Record<string, string> = {}) =>
    form({ command: '/netreach', text, user_name: 'oncall', nonce: String(nonce++), ...extra });
  before(async () => {
    s = await startTestServer({
      token: 'bearer-token',
      chat: {
        slackSigningSecret: SECRET,
        mattermostToken: MM_TOKEN,
        publicUrl: 'https://netreach.example',
        nowSeconds: () => NOW,
        deferAbove: 1_000_000,
        log: () => {},
      },
    });
    const up = await request(s.url, 'POST', '/v1/snapshots', { raw: readText(DEMO_PATH), type: 'application/yaml', token: 'bearer-token' });
    assert.equal(up.status, 201);
    // Every read of the served compiled snapshot counts as evaluating (the snapshot headers read only its meta).
    const current = s.service.current.bind(s.service);
    s.service.current = () => {
      const served = current();
      return served && { ...served, compiled: new Proxy(served.compiled, { get: (t, p) => (evaluated++, Reflect.get(t, p)) }) };
    };
  });
  after(async () => s.stop());

  test('a signed question answers with Block Kit: verdict header, egress/ingress fields, snapshot time, dashboard link', async () => {
    const body = ask('can default/frontend-1 reach default/backend-1 on 8080');
    const r = await slack(s, body, signed(body));
    assert.equal(r.status, 200);
    assertSlackLimits(r.json);
    assert.equal(r.json.response_type, 'in_channel');
    assert.match(r.json.blocks[0].text.text, /ALLOWED/);
    const fields = r.json.blocks
      .find((b: any) => b.fields)
      .fields.map((f: any) => f.text)
      .join('\n');
    assert.match(fields, /Egress/);
    assert.match(fields, /Ingress/);
    const context = JSON.stringify(r.json.blocks.at(-1));
    assert.match(context, /snapshot 1/);
    assert.match(context, /netreach\.example/);
  });

  test("every command answers inside Slack's limits; a typo gets the nearest command", async () => {
    for (const text of [
      'who can reach default/backend-1',
      'what can monitoring/prometheus reach on 8080',
      'ports default/frontend-1 svc:store/api',
      'lint',
      'help',
      "why can't other/intruder reach default/db-0 on 6379",
      'lnit',
      'can default/nope reach default/backend-1 on 80',
    ]) {
      const body = ask(text);
      const r = await slack(s, body, signed(body));
      assert.equal(r.status, 200, text);
      assertSlackLimits(r.json);
    }
    const typo = ask('lnit');
    const r = await slack(s, typo, signed(typo));
    assert.equal(r.json.response_type, 'ephemeral');
    assert.match(JSON.stringify(r.json.blocks), /Did you mean \\"lint\\"/);
  });

  test('wrong signature, stale timestamp, replayed body, missing header: 401 problem+json, nothing evaluated', async () => {
    const body = ask('can default/frontend-1 reach default/backend-1 on 8080');
    const good = signed(body);
    const probe = evaluated;
    assert.equal((await slack(s, body, good)).status, 200);
    assert.ok(evaluated > probe, 'the probe sees an answered question');
    const before = evaluated;
    const stale = ask('lint');
    const cases: [string, string, Record<string, string | undefined>][] = [
      ['wrong signature', ask('lint'), { ...signed(ask('lint')), 'x-slack-signature': `v0=${'0'.repeat(64)}` }],
      [
        'signed with another secret',
        stale,
        { 'x-slack-request-timestamp': String(NOW), 'x-slack-signature': slackSignature('other', String(NOW), stale) },
      ],
      ['stale timestamp', stale, signed(stale, NOW - 301)],
      ['future timestamp', stale, signed(stale, NOW + 301)],
      ['replayed body', body, good],
      ['missing signature', stale, { 'x-slack-request-timestamp': String(NOW) }],
      ['missing timestamp', stale, { 'x-slack-signature': signed(stale)['x-slack-signature'] }],
      ['body changed after signing', `${stale}&text=lint`, signed(stale)],
    ];
    for (const [name, b, headers] of cases) {
      const r = await slack(s, b, headers);
      assert.equal(r.status, 401, name);
      assert.match(r.type, /application\/problem\+json/, name);
      assert.equal(r.json.type, 'https://netreach.dev/problems/unauthorized', name);
    }
    assert.equal(evaluated, before, 'no refused request reached the snapshot');
  });

  test('a slow question is acknowledged at once and answered through response_url', async () => {
    const received: any[] = [];
    const receiver = createServer(async (req: IncomingMessage, res) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      received.push(JSON.parse(text));
      res.end('ok');
    });
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const slow = await startTestServer({ chat: { slackSigningSecret: SECRET, nowSeconds: () => NOW, deferAbove: 0, log: () => {} } });
    try {
      await request(slow.url, 'POST', '/v1/snapshots', { raw: readText(DEMO_PATH), type: 'application/yaml' });
      const body = form({ text: 'who can reach default/backend-1', response_url: url });
      const ack = await slack(slow, body, signed(body));
      assert.equal(ack.status, 200);
      assert.equal(ack.json.response_type, 'ephemeral');
      assert.match(ack.json.text, /Working on it/);
      while (received.length === 0) await new Promise((r) => setTimeout(r, 10));
      assertSlackLimits(received[0]);
      assert.match(received[0].blocks[0].text.text, /Who can reach default\/backend-1/);
    } finally {
      await slow.stop();
      receiver.close();
    }
  });

  test('Mattermost: the token is checked (body or Authorization: Token) and the answer is Markdown', async () => {
    const post = (body: string, auth?: string) =>
      fetch(`${s.url}/v1/chat/mattermost`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth ? { authorization: auth } : {}) },
        body,
      }).then(async (r) => ({ status: r.status, json: (await r.json()) as any }));
    const good = await post(form({ token: MM_TOKEN, text: 'can default/frontend-1 reach default/backend-1 on 8080' }));
    assert.equal(good.status, 200);
    assert.equal(good.json.response_type, 'in_channel');
    assert.match(good.json.text, /^#### default\/frontend-1 → default\/backend-1 on TCP\/8080: ALLOWED/);
    assert.match(good.json.text, /\[dashboard\]\(https:\/\/netreach\.example\/\)/);
    assert.equal((await post(form({ text: 'lint' }), `Token ${MM_TOKEN}`)).status, 200);
    const before = evaluated;
    assert.equal((await post(form({ token: 'wrong', text: 'lint' }))).status, 401);
    assert.equal((await post(form({ text: 'lint' }))).status, 401);
    assert.equal(evaluated, before);
  });

  test('Mattermost "why" carries the REST Markdown answer of POST /v1/check verbatim', async () => {
    const rest = await request(s.url, 'POST', '/v1/check', {
      body: { from: { pod: 'other/intruder' }, to: { pod: 'default/db-0' }, port: 6379 },
      accept: 'text/markdown',
      token: 'bearer-token',
    });
    assert.equal(rest.status, 200);
    const r = await fetch(`${s.url}/v1/chat/mattermost`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ token: MM_TOKEN, text: "why can't other/intruder reach default/db-0 on 6379" }),
    });
    const text = ((await r.json()) as { text: string }).text;
    assert.ok(rest.text.trim().length > 50);
    assert.ok(text.includes(rest.text.trim()), text);
  });

  test('a chat door that is not set up refuses with 401', async () => {
    const bare = await startTestServer();
    try {
      const body = form({ text: 'lint' });
      const r = await slack(bare, body, signed(body));
      assert.equal(r.status, 401);
      assert.match(r.json.detail, /NETREACH_SLACK_SIGNING_SECRET/);
    } finally {
      await bare.stop();
    }
  });
});
