// POST /v1/impact and GET /v1/snapshots/{id}/objects against a real server with the demo cluster:
// JSON and YAML proposals, the CLI's JSON answer, Markdown for bots, and bad input as 400.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEMO_PATH, runCli } from '../../cli/cli-harness.ts';
import { type TestServer, readText, request, startTestServer } from '../../support/http-server.ts';

const DENY_MONITORING = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'deny', namespace: 'monitoring' },
  spec: { podSelector: {}, policyTypes: ['Ingress'] },
};
const DENY_YAML = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny, namespace: monitoring }
spec: { podSelector: {}, policyTypes: [Ingress] }
`;

describe('REST impact', () => {
  let s: TestServer;
  let file: string;
  const dir = mkdtempSync(join(tmpdir(), 'netreach-impact-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  before(async () => {
    s = await startTestServer();
    const r = await request(s.url, 'POST', '/v1/snapshots', { raw: readText(DEMO_PATH), type: 'application/yaml' });
    assert.equal(r.status, 201);
    file = join(dir, 'deny.yaml');
    writeFileSync(file, DENY_YAML);
  });
  after(async () => s.stop());

  test('a JSON proposal answers lost flows with the deciding policy', async () => {
    const r = await request(s.url, 'POST', '/v1/impact', { body: { apply: [DENY_MONITORING] } });
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.summary.lost > 0);
    assert.deepEqual(r.json.summary.changedPolicies, ['monitoring/deny']);
    assert.ok(r.json.lost.every((f: { to: string }) => f.to === 'monitoring/prometheus' || f.to.startsWith('monitoring/')));
    assert.deepEqual(r.json.lost[0].after.ingress.isolatedBy, ['monitoring/deny']);
  });

  test('a YAML proposal answers like the JSON one', async () => {
    const yaml = await request(s.url, 'POST', '/v1/impact?groupBy=workload', { raw: DENY_YAML, type: 'application/yaml' });
    const json = await request(s.url, 'POST', '/v1/impact', { body: { apply: [DENY_MONITORING], groupBy: 'workload' } });
    assert.equal(yaml.status, 200, yaml.text);
    assert.deepEqual(yaml.json, json.json);
    assert.ok(yaml.json.workloads.lost.length > 0);
  });

  test('the REST answer equals the CLI -o json answer on the same files', async () => {
    const cli = await runCli(['impact', '--base', DEMO_PATH, '--proposed', file, '-o', 'json']);
    assert.equal(cli.code, 1, cli.stderr);
    const rest = await request(s.url, 'POST', '/v1/impact', { raw: DENY_YAML, type: 'application/yaml' });
    assert.deepEqual(rest.json, JSON.parse(cli.stdout));
  });

  test('Accept: text/markdown answers the pull-request comment', async () => {
    const r = await request(s.url, 'POST', '/v1/impact', { body: { apply: [DENY_MONITORING] }, accept: 'text/markdown' });
    assert.equal(r.status, 200);
    assert.match(r.text, /^\*\*netreach impact\*\* .* flow\(s\) lost/);
    assert.match(r.text, /### Lost flows/);
  });

  const bad: [string, object][] = [
    ['a delete that names no policy', { delete: ['monitoring/nope'] }],
    ['a malformed delete', { delete: ['nope'] }],
    ['an unknown field', { apply: [], bogus: 1 }],
    ['a policy with an error', { apply: [{ ...DENY_MONITORING, spec: { podSelector: {}, policyTypes: ['Sideways'] } }] }],
  ];
  for (const [name, body] of bad) {
    test(`${name} is 400`, async () => {
      const r = await request(s.url, 'POST', '/v1/impact', { body });
      assert.equal(r.status, 400, r.text);
    });
  }

  test('GET /v1/snapshots/{id}/objects returns the normalised snapshot', async () => {
    const r = await request(s.url, 'GET', '/v1/snapshots/1/objects');
    assert.equal(r.status, 200);
    assert.equal(r.json.pods.length, 17);
    assert.ok(r.json.policies.every((p: { podSelector: unknown }) => p.podSelector !== undefined));
    assert.equal((await request(s.url, 'GET', '/v1/snapshots/99/objects')).status, 404);
  });

  test('netreach impact --base URL reads the served snapshot', async () => {
    const remote = await runCli(['impact', '--base', s.url, '--proposed', file, '-o', 'json']);
    const local = await runCli(['impact', '--base', DEMO_PATH, '--proposed', file, '-o', 'json']);
    assert.equal(remote.code, 1, remote.stderr);
    assert.deepEqual(JSON.parse(remote.stdout), JSON.parse(local.stdout));
  });
});
