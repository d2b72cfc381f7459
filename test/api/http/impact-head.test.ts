// POST /v1/impact, whole-state form: `head` is every object after the change, so an object of the
// base absent from it is deleted; `base` may replace the served snapshot. Same fixture as the CLI.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCli, tempTree } from '../../cli/cli-harness.ts';
import { AFTER_FILES, BEFORE_FILES, asText } from '../../cli/impact-head-fixture.ts';
import { type TestServer, request, startTestServer } from '../../support/http-server.ts';

const BEFORE = Object.values(BEFORE_FILES);
const AFTER = Object.values(AFTER_FILES);
type Flow = { from: string; to: string };

describe('REST impact, whole-state form', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(async () => s.stop());

  test('base and head in the body, no snapshot loaded: the deleted policy loses web → api', async () => {
    const r = await request(s.url, 'POST', '/v1/impact', { body: { base: BEFORE, head: AFTER } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.summary.changedPolicies, ['shop/allow-web-to-api']);
    assert.deepEqual(
      r.json.lost.map((f: Flow) => [f.from, f.to]),
      [['shop/web', 'shop/api']],
    );
  });

  test('head against the served snapshot answers the same', async () => {
    const up = await request(s.url, 'POST', '/v1/snapshots', { body: { apiVersion: 'v1', kind: 'List', items: BEFORE } });
    assert.equal(up.status, 201, up.text);
    const r = await request(s.url, 'POST', '/v1/impact', { body: { head: AFTER } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      r.json.lost.map((f: Flow) => [f.from, f.to]),
      [['shop/web', 'shop/api']],
    );
  });

  test('equals the CLI --base DIR --head DIR -o json answer', async () => {
    const b = tempTree(asText(BEFORE_FILES));
    const a = tempTree(asText(AFTER_FILES));
    const cli = await runCli(['impact', '--base', b.dir, '--head', a.dir, '-o', 'json']);
    b.remove();
    a.remove();
    const rest = await request(s.url, 'POST', '/v1/impact', { body: { base: BEFORE, head: AFTER } });
    assert.deepEqual(rest.json, JSON.parse(cli.stdout));
  });

  test('head with apply is bad input (400)', async () => {
    const r = await request(s.url, 'POST', '/v1/impact', { body: { head: AFTER, apply: [BEFORE[4]] } });
    assert.equal(r.status, 400, r.text);
    assert.match(r.text, /not both/);
  });

  test('base without head is bad input (400)', async () => {
    const r = await request(s.url, 'POST', '/v1/impact', { body: { base: BEFORE, apply: [] } });
    assert.equal(r.status, 400, r.text);
  });

  test('a broken object in head is bad input naming it', async () => {
    const broken = { ...BEFORE_FILES['20-default-deny.json'], spec: { podSelector: {}, policyTypes: ['Sideways'] } };
    const r = await request(s.url, 'POST', '/v1/impact', { body: { base: BEFORE, head: [...AFTER.slice(0, 3), broken] } });
    assert.equal(r.status, 400, r.text);
    assert.match(r.text, /policyTypes/);
  });
});
