// GET /v1/pods/{ns}/{name}/policies when the input holds workloads, not pods (manifests): the
// workload's template answers; an unknown name is 404 with a suggestion.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../cli/cli-harness.ts';
import { type TestServer, request, startTestServer } from '../../support/http-server.ts';

function shopYaml(dir = join(REPO_ROOT, 'examples/shop')): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) return shopYaml(p);
      return /\.(ya?ml)$/.test(f) ? [readFileSync(p, 'utf8')] : [];
    });
}

describe('/v1/pods for template endpoints', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
    const r = await request(s.url, 'POST', '/v1/snapshots', { raw: shopYaml().join('\n---\n'), type: 'application/yaml' });
    assert.equal(r.status, 201, r.text);
  });
  after(async () => s.stop());

  test('shop/frontend (a Deployment) answers with its template', async () => {
    const r = await request(s.url, 'GET', '/v1/pods/shop/frontend/policies');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.pod, 'deploy:shop/frontend');
    assert.ok(r.json.selectedBy.ingress.includes('shop/frontend'), r.text);
  });
  test('an unknown name is 404 with a suggestion', async () => {
    const r = await request(s.url, 'GET', '/v1/pods/shop/frontnd/policies');
    assert.equal(r.status, 404);
    assert.match(r.text, /did you mean deploy:shop\/frontend/);
  });
});
