// The one `delete` spelling (query/policy-ref.ts), the same through every door: CLI --delete, REST
// `delete` (query and body), gRPC `delete` (test/api/grpc/errors.test.ts checks its field path).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/model/diagnostics.ts';
import { parsePolicyRefs } from '../../src/query/policy-ref.ts';
import { DEMO_PATH, runCli } from '../cli/cli-harness.ts';
import { type TestServer, request, startTestServer } from '../support/http-server.ts';

const CASES: { name: string; refs: string[]; bad?: number }[] = [
  { name: 'namespace/name', refs: ['shop/allow-web'] },
  { name: 'a tier policy Kind/name', refs: ['AdminNetworkPolicy/deny-all'] },
  { name: 'no slash', refs: ['shop/ok', 'nope'], bad: 1 },
  { name: 'three segments', refs: ['a/b/c'], bad: 0 },
  { name: 'an empty namespace', refs: ['/name'], bad: 0 },
  { name: 'whitespace in a name', refs: ['shop/allow web'], bad: 0 },
];

for (const c of CASES) {
  test(`policy ref: ${c.name} → ${c.bad === undefined ? 'accepted' : `delete[${c.bad}] rejected`}`, () => {
    if (c.bad === undefined)
      return assert.deepEqual(
        parsePolicyRefs(c.refs, (i) => `delete[${i}]`),
        c.refs,
      );
    assert.throws(
      () => parsePolicyRefs(c.refs, (i) => `delete[${i}]`),
      (err: unknown) =>
        err instanceof InputError && err.diagnostics[0].path === `delete[${c.bad}]` && /expected namespace\/name/u.test(err.message),
    );
  });
}

test('CLI impact --delete with whitespace: exit 2, the flag named', async () => {
  const r = await runCli(['impact', '--base', DEMO_PATH, '--delete', 'other/default deny']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--delete: "other\/default deny": expected namespace\/name/u);
});

describe('REST impact delete spelling', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(async () => s.stop());

  test('body delete with whitespace: 400 naming body.delete[0]', async () => {
    const r = await request(s.url, 'POST', '/v1/impact', { body: { apply: [], delete: ['other/default deny'] } });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(
      r.json.errors.map((e: { path: string }) => e.path),
      ['body.delete[0]'],
    );
  });
});
