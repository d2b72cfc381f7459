// Golden files for the near miss (engine/near-miss.ts) through the CLI: for each kind of condition
// that fails (a selector term, the namespace, the port, an ipBlock except) the text, Markdown and
// JSON answers of `netreach check` on test/fixtures/near-miss-cluster.yaml, as
// test/render/golden/check/near-miss-<case>.<ext> (test/support/golden.ts). UPDATE_GOLDEN=1
// rewrites them after an intended change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { REPO_ROOT, runCli } from './cli-harness.ts';
import { golden } from '../support/golden.ts';

const CLUSTER = join(REPO_ROOT, 'test/fixtures/near-miss-cluster.yaml');

const CASES: { name: string; kind: string; from: string; to: string; port: string }[] = [
  { name: 'selector-term', kind: 'selector-term', from: 'shop/web-1', to: 'shop/api-1', port: '8080' },
  { name: 'namespace', kind: 'namespace', from: 'other/web-2', to: 'shop/api-1', port: '8080' },
  { name: 'port', kind: 'port', from: 'shop/front-1', to: 'shop/api-1', port: '9090' },
  { name: 'except', kind: 'ipblock-except', from: '192.0.2.200', to: 'shop/api-1', port: '8080' },
];
const FORMATS = ['text', 'markdown', 'json'] as const;

describe('near-miss explanations (golden)', () => {
  for (const c of CASES) {
    for (const format of FORMATS) {
      it(`${c.name}: ${format}`, async () => {
        const r = await runCli(['check', '-f', CLUSTER, '--from', c.from, '--to', c.to, '--port', c.port, '-o', format]);
        assert.equal(r.code, 0, r.stderr);
        golden('check', `near-miss-${c.name}`, format).assert(r.stdout);
      });
    }
    it(`${c.name}: the one failing condition is a ${c.kind}`, async () => {
      const r = await runCli(['check', '-f', CLUSTER, '--from', c.from, '--to', c.to, '--port', c.port, '-o', 'json']);
      const v = JSON.parse(r.stdout);
      assert.equal(v.allowed, false);
      const [miss, ...more] = v.ingress.nearMisses;
      assert.equal(more.length, 0, JSON.stringify(v.ingress.nearMisses));
      assert.deepEqual(
        miss.fails.map((f: { kind: string }) => f.kind),
        [c.kind],
      );
    });
  }
  it('an allowed answer carries no near miss', async () => {
    const r = await runCli(['check', '-f', CLUSTER, '--from', '192.0.2.10', '--to', 'shop/api-1', '--port', '8080', '-o', 'json']);
    const v = JSON.parse(r.stdout);
    assert.equal(v.allowed, true);
    assert.equal(v.ingress.nearMisses, undefined);
    assert.equal(v.egress.nearMisses, undefined);
  });
});
