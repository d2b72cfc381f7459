// `netreach assert -f PATH --assertions FILE`: exit 0 when all hold, 1 when one fails (named, with
// its deciding rules), 2 on bad input; the Markdown report for CI.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ASSERTIONS_YAML, clusterManifest } from '../support/assertions-cluster.ts';
import { STACK_FRAME, runCli, spawnCli, tempTree } from './cli-harness.ts';

const tree = tempTree({
  'cluster.json': clusterManifest(),
  'fixed.json': clusterManifest(true),
  'assertions.yaml': ASSERTIONS_YAML,
  'broken.yaml': '- name: x\n  from: shop/checkout-1\n  port: 99999\n',
});
after(() => tree.remove());

describe('netreach assert', () => {
  it('exits 1 naming the one failing assertion and its deciding rules', async () => {
    const r = await runCli(['assert', '-f', tree.path('cluster.json'), '--assertions', tree.path('assertions.yaml')]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^PASS {2}checkout-to-payments: shop\/checkout-1 -> payments\/api-1 TCP\/8443 expect allowed$/m);
    assert.match(r.stdout, /^PASS {2}payments-isolated: isolated ns:payments \(ingress\)$/m);
    assert.match(
      r.stdout,
      /^FAIL {2}checkout-scrapes-payments: .*\n {6}expected allowed, got denied\n {6}rule: payments\/allow-checkout isolates \(ingress\), no rule admits\n {6}rule: payments\/default-deny isolates \(ingress\), no rule admits$/m,
    );
    assert.match(r.stdout, /1 of 3 assertion\(s\) failing/);
  });

  it('exits 0 when all hold (the fixing policy applied)', async () => {
    const r = await runCli(['assert', '-f', tree.path('fixed.json'), '--assertions', tree.path('assertions.yaml')]);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /all 3 assertion\(s\) hold/);
  });

  it('-o markdown is a CI report; -o json is {ok, failing, results: [{name, ok, message, rules}]}', async () => {
    const md = await runCli(['assert', '-f', tree.path('cluster.json'), '--assertions', tree.path('assertions.yaml'), '-o', 'markdown']);
    assert.match(md.stdout, /^### ❌ 1 of 3 reachability assertion\(s\) failing$/m);
    assert.match(md.stdout, /^\| ❌ \| `checkout-scrapes-payments` \| .* \| expected allowed, got denied \|$/m);
    assert.match(md.stdout, /^- payments\/default-deny isolates \(ingress\), no rule admits$/m);
    const json = JSON.parse(
      (await runCli(['assert', '-f', tree.path('cluster.json'), '--assertions', tree.path('assertions.yaml'), '-o', 'json'])).stdout,
    );
    assert.equal(json.ok, false);
    assert.equal(json.failing, 1);
    assert.deepEqual(
      json.results.map((x: { name: string; ok: boolean }) => [x.name, x.ok]),
      [
        ['checkout-to-payments', true],
        ['payments-isolated', true],
        ['checkout-scrapes-payments', false],
      ],
    );
  });

  it('-o junit: one testcase per assertion, the failing one with a <failure> naming why; exit 1 all the same', async () => {
    const r = await runCli(['assert', '-f', tree.path('cluster.json'), '--assertions', tree.path('assertions.yaml'), '-o', 'junit']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^<testsuites name="netreach assert" tests="3" failures="1">$/m);
    assert.match(r.stdout, /<testcase name="checkout-to-payments" classname="netreach assert"/);
    assert.match(
      r.stdout,
      /<testcase name="checkout-scrapes-payments" classname="netreach assert">\n\s+<failure message="[^"]*expected allowed, got denied/,
    );
    assert.equal((r.stdout.match(/<failure /g) ?? []).length, 1);
  });

  it('exits 2 on a bad assertions file, naming the entry and field, with no stack trace (the real process)', () => {
    const r = spawnCli(['assert', '-f', tree.path('cluster.json'), '--assertions', tree.path('broken.yaml')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\[0\]\.to: required/);
    assert.match(r.stderr, /\[0\]\.port: required: a number in 1\.\.65535/);
    assert.doesNotMatch(r.stderr, STACK_FRAME);
    assert.equal(spawnCli(['assert', '-f', tree.path('cluster.json'), '--assertions', tree.path('missing.yaml')]).code, 2);
  });
});
