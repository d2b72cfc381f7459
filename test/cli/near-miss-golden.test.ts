// Golden files for the near miss (engine/near-miss.ts) through the CLI: for each kind of condition
// that fails (a selector term, the namespace, the port, an ipBlock except) the text, Markdown and
// JSON answers of `netreach check` on test/cli/golden/near-miss/cluster.yaml. UPDATE_GOLDEN=1
// rewrites them after an intended change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli-harness.ts';
import { assertGolden } from '../support/golden.ts';

const dir = (file: string) => fileURLToPath(new URL(`./golden/near-miss/${file}`, import.meta.url));
const CLUSTER = dir('cluster.yaml');

const CASES: { name: string; kind: string; from: string; to: string; port: string }[] = [
  { name: 'selector-term', kind: 'selector-term', from: 'shop/web-1', to: 'shop/api-1', port: '8080' },
  { name: 'namespace', kind: 'namespace', from: 'other/web-2', to: 'shop/api-1', port: '8080' },
  { name: 'port', kind: 'port', from: 'shop/front-1', to: 'shop/api-1', port: '9090' },
  { name: 'except', kind: 'ipblock-except', from: '192.0.2.200', to: 'shop/api-1', port: '8080' },
];
const FORMATS = [
  ['text', 'txt'],
  ['markdown', 'md'],
  ['json', 'json'],
] as const;

const golden = (file: string, actual: string) => assertGolden(dir(file), actual);

describe('near-miss explanations (golden)', () => {
  for (const c of CASES) {
    for (const [format, ext] of FORMATS) {
      it(`${c.name}: ${format}`, async () => {
        const r = await runCli(['check', '-f', CLUSTER, '--from', c.from, '--to', c.to, '--port', c.port, '-o', format]);
        assert.equal(r.code, 0, r.stderr);
        golden(`${c.name}.${ext}`, r.stdout);
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
