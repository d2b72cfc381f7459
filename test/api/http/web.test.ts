// The dashboard's static files at / (src/api/http/web.ts): no token needed for the page and its
// assets, deep links answered with the same page (history fallback), the API still behind the
// token, nothing outside dist/web served.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { WEB_ROOT, isWebPath } from '../../../src/api/http/web.ts';
import { startTestServer } from '../../support/http-server.ts';

describe('dashboard static files', () => {
  test('is built (npm run build builds web/ into dist/web)', () => {
    assert.ok(existsSync(join(WEB_ROOT, 'index.html')), `${WEB_ROOT}/index.html is missing: run npm run build`);
  });

  test('page, deep links and assets need no token; /v1 still does', async () => {
    const s = await startTestServer({ token: 'tok' });
    try {
      const index = await fetch(`${s.url}/`);
      assert.equal(index.status, 200);
      assert.match(index.headers.get('content-type') ?? '', /^text\/html/);
      const html = await index.text();
      for (const deep of [
        '/why?from=default/frontend-1&to=default/db-0&port=6379',
        '/matrix?port=6379',
        '/impact',
        '/pods/default/db-0',
        '/inspect',
      ]) {
        const res = await fetch(s.url + deep);
        assert.equal(res.status, 200, deep);
        assert.equal(await res.text(), html, deep);
      }
      const asset = readdirSync(join(WEB_ROOT, 'assets')).find((f) => f.endsWith('.js'))!;
      const js = await fetch(`${s.url}/assets/${asset}`);
      assert.equal(js.status, 200);
      assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
      assert.equal((await fetch(`${s.url}/v1/snapshots`)).status, 401);
      assert.equal((await fetch(`${s.url}/assets/nothing-here.js`)).status, 404);
      assert.equal((await fetch(`${s.url}/assets/..%2f..%2fpackage.json`)).status, 404);
      assert.equal((await fetch(`${s.url}/metrics`)).status, 401);
    } finally {
      await s.stop();
    }
  });

  const table: [string, boolean][] = [
    ['/', true],
    ['/why', true],
    ['/pods/ns/name', true],
    ['/assets/index.js', true],
    ['/v1/snapshots', false],
    ['/metrics', false],
    ['/docs', false],
    ['/whyx', false],
  ];
  for (const [path, isPublic] of table) {
    test(`${path} is ${isPublic ? '' : 'not '}a dashboard path`, () => assert.equal(isWebPath(path), isPublic));
  }
});
