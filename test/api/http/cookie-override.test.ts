// package.json "overrides" pins cookie to 1.1.1 (cookie 2.x needs Node >= 22; netreach supports Node 20).
// light-my-request (fastify's inject) imports stringifySetCookie from it: this proves the pinned
// version loads and serves that import, and that no engines range excludes the running Node.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import Fastify from 'fastify';

const require = createRequire(import.meta.url);

describe('dependency: cookie pinned for Node 20', () => {
  it('fastify inject sends request cookies and parses Set-Cookie with the pinned cookie', async () => {
    const app = Fastify();
    app.get('/', async (req, reply) => {
      reply.header('set-cookie', 'session=abc; Path=/; HttpOnly');
      return { cookie: req.headers.cookie ?? null };
    });
    const res = await app.inject({ method: 'GET', url: '/', cookies: { a: 'b c' } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { cookie: 'a=b%20c' });
    assert.deepEqual(
      res.cookies.map((c) => [c.name, c.value, c.path, c.httpOnly]),
      [['session', 'abc', '/', true]],
    );
    await app.close();
  });

  it('the cookie light-my-request resolves supports Node 20', () => {
    const lmr = require.resolve('light-my-request');
    const pkgPath = createRequire(lmr).resolve('cookie/package.json');
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string; engines?: { node?: string } };
    assert.equal(pkg.engines?.node, '>=18', `cookie ${pkg.version} engines ${pkg.engines?.node}`);
  });
});
