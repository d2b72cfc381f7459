// Every error class as a real client sees it: application/problem+json with a stable type, the field
// path for bad input, and never a stack trace.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_PATH, STACK_FRAME } from '../../cli/cli-harness.ts';
import { type HttpAnswer, type TestServer, readText, request, startTestServer } from '../../support/http-server.ts';

const PROBLEMS = 'https://netreach.dev/problems/';
const CHECK = { from: { pod: 'default/frontend-1' }, to: { pod: 'default/backend-1' }, port: 80 };

function assertProblem(r: HttpAnswer, status: number, code: string): void {
  assert.equal(r.status, status, r.text);
  assert.match(r.type, /^application\/problem\+json/);
  assert.equal(r.json.type, PROBLEMS + code);
  assert.equal(r.json.status, status);
  assert.equal(typeof r.json.title, 'string');
  assert.doesNotMatch(r.text, STACK_FRAME);
  assert.doesNotMatch(r.text, /\bat .*\.ts:\d+/);
}

describe('REST errors', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ bodyLimit: 64 * 1024 });
    const r = await request(s.url, 'POST', '/v1/snapshots', { raw: readText(DEMO_PATH), type: 'application/yaml' });
    assert.equal(r.status, 201);
  });
  after(async () => s.stop());

  const badInput: { name: string; path: string; init: Parameters<typeof request>[3]; field?: string }[] = [
    { name: 'malformed JSON', path: '/v1/check', init: { raw: '{"from": {"pod": ' } },
    { name: 'empty JSON body', path: '/v1/check', init: { raw: '' } },
    { name: 'port as a string', path: '/v1/check', init: { body: { ...CHECK, port: '80' } }, field: 'body.port' },
    { name: 'port out of range', path: '/v1/check', init: { body: { ...CHECK, port: 70000 } }, field: 'body.port' },
    { name: 'unknown protocol', path: '/v1/check', init: { body: { ...CHECK, protocol: 'ICMP' } }, field: 'body.protocol' },
    { name: 'unknown top-level field', path: '/v1/check', init: { body: { ...CHECK, verbose: true } }, field: 'body.verbose' },
    { name: 'unknown endpoint kind', path: '/v1/check', init: { body: { ...CHECK, from: { host: 'x' } } }, field: 'body.from.host' },
    {
      name: 'two endpoint kinds in one',
      path: '/v1/check',
      init: { body: { ...CHECK, from: { pod: 'a/b', ip: '10.0.0.1' } } },
      field: 'body.from',
    },
    { name: 'missing port', path: '/v1/check', init: { body: { from: CHECK.from, to: CHECK.to } }, field: 'body.port' },
    {
      name: 'pod spelled without namespace',
      path: '/v1/check',
      init: { body: { ...CHECK, from: { pod: 'frontend-1' } } },
      field: 'body.from.pod',
    },
    {
      name: 'ip that is not an IP',
      path: '/v1/ports',
      init: { body: { from: { ip: '10.0.0.300' }, to: CHECK.to } },
      field: 'body.from.ip',
    },
    { name: 'matrix groupBy unknown', path: '/v1/matrix', init: { body: { port: 80, groupBy: 'team' } }, field: 'body.groupBy' },
    { name: 'snapshot id not a number', path: '/v1/snapshots/abc', init: {}, field: 'params.id' },
    { name: 'unknown query parameter', path: '/v1/exposure?verbose=1', init: {}, field: 'query.verbose' },
    { name: 'upload without any object', path: '/v1/snapshots', init: { raw: '# nothing\n', type: 'application/yaml' } },
    { name: 'upload that is not a List', path: '/v1/snapshots', init: { body: { items: [] } }, field: 'body.kind' },
  ];
  for (const c of badInput) {
    test(`400 bad-input: ${c.name}`, async () => {
      const method = c.path.startsWith('/v1/snapshots/') || c.path.startsWith('/v1/exposure') ? 'GET' : 'POST';
      const r = await request(s.url, method, c.path, c.init);
      assertProblem(r, 400, 'bad-input');
      if (c.field)
        assert.ok(
          r.json.errors.some((e: { path: string }) => e.path === c.field),
          `${c.field} in ${r.text}`,
        );
    });
  }

  test('400 for a strict upload with errors lists each object error', async () => {
    const yaml =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: a}\nspec: {podSelector: {}, bogus: 1}\n';
    const r = await request(s.url, 'POST', '/v1/snapshots?strict=true', { raw: yaml, type: 'application/yaml' });
    assertProblem(r, 400, 'bad-input');
    assert.ok(
      r.json.errors.some((e: { path: string }) => e.path.includes('spec.bogus')),
      r.text,
    );
  });

  const notFound: { name: string; method: string; path: string; init?: Parameters<typeof request>[3]; code: string }[] = [
    { name: 'unknown snapshot by id', method: 'GET', path: '/v1/snapshots/999', code: 'unknown-snapshot' },
    { name: 'unknown snapshot in a diff', method: 'GET', path: '/v1/snapshots/1/diff/999', code: 'unknown-snapshot' },
    {
      name: 'unknown snapshot in a check body',
      method: 'POST',
      path: '/v1/check',
      init: { body: { ...CHECK, snapshot: 999 } },
      code: 'unknown-snapshot',
    },
    { name: 'unknown snapshot in a query string', method: 'GET', path: '/v1/exposure?snapshot=999', code: 'unknown-snapshot' },
    { name: 'unknown pod in the pod route', method: 'GET', path: '/v1/pods/default/nope/policies', code: 'unknown-pod' },
    { name: 'unknown route', method: 'GET', path: '/v2/everything', code: 'not-found' },
  ];
  for (const c of notFound) {
    test(`404 ${c.code}: ${c.name}`, async () => {
      assertProblem(await request(s.url, c.method, c.path, c.init), 404, c.code);
    });
  }

  test('422 unknown-endpoint: a valid check about a pod the snapshot does not hold', async () => {
    const r = await request(s.url, 'POST', '/v1/check', { body: { ...CHECK, to: { pod: 'default/ghost' } } });
    assertProblem(r, 422, 'unknown-endpoint');
    assert.match(r.json.detail, /default\/ghost/);
    assertProblem(await request(s.url, 'POST', '/v1/ports', { body: { from: { pod: 'x/y' }, to: CHECK.to } }), 422, 'unknown-endpoint');
  });

  test('413 too-large: a body above the limit', async () => {
    const r = await request(s.url, 'POST', '/v1/snapshots', { raw: `# ${'x'.repeat(70 * 1024)}\n`, type: 'application/yaml' });
    assertProblem(r, 413, 'too-large');
  });

  test('415 unsupported-media-type: a body that is neither JSON nor YAML', async () => {
    const r = await request(s.url, 'POST', '/v1/check', { raw: 'from=a', type: 'application/x-www-form-urlencoded' });
    assertProblem(r, 415, 'unsupported-media-type');
  });
});

describe('REST bearer token', () => {
  const TOKEN = 's3cret-token';
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ token: TOKEN });
  });
  after(async () => s.stop());

  const guarded = ['/v1/snapshots', '/v1/exposure', '/metrics', '/openapi.json', '/docs/', '/v1/nothing-here'];
  for (const path of guarded) {
    test(`401 without a token: GET ${path}`, async () => {
      const r = await request(s.url, 'GET', path);
      assertProblem(r, 401, 'unauthorized');
    });
  }

  test('401 with a wrong token, 200 with the right one', async () => {
    assertProblem(await request(s.url, 'GET', '/v1/snapshots', { token: 'wrong' }), 401, 'unauthorized');
    const ok = await request(s.url, 'GET', '/v1/snapshots', { token: TOKEN });
    assert.equal(ok.status, 200);
  });

  test('health checks need no token', async () => {
    assert.equal((await request(s.url, 'GET', '/healthz')).status, 200);
    assert.equal((await request(s.url, 'GET', '/readyz')).status, 503);
  });

  test('an upload without a token is refused before its body is read', async () => {
    const r = await request(s.url, 'POST', '/v1/snapshots', { raw: readText(DEMO_PATH), type: 'application/yaml' });
    assertProblem(r, 401, 'unauthorized');
    assert.equal(s.service.current(), undefined);
  });
});
