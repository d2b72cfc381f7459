// examples/cilium-policies.yaml walked through in the README ("Cilium policies"): each answer quoted
// there, through the CLI, with the deciding object and rule.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT, runCli, tempTree } from './cli-harness.ts';

const file = join(REPO_ROOT, 'examples/cilium-policies.yaml');

const CASES = [
  {
    name: 'a CNP allow on a named port',
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: '8080',
    verdict: 'allowed',
    reason: /^allowed by CiliumNetworkPolicy `shop\/api` ingress rule 0$/,
  },
  {
    name: 'the same CNP puts api-1 into default deny',
    from: 'shop/web-1',
    to: 'shop/api-1',
    port: '9090',
    verdict: 'denied',
    reason: /default deny: CiliumNetworkPolicy `shop\/api` selects shop\/api-1 for ingress/,
  },
  {
    name: 'ingress: [{}] denies',
    from: 'shop/web-1',
    to: 'shop/db-1',
    port: '5432',
    verdict: 'denied',
    reason: /default deny: CiliumNetworkPolicy `shop\/db-lockdown` selects shop\/db-1/,
  },
  {
    name: 'a CCNP deny beats the CNP allow',
    from: 'other/x-1',
    to: 'shop/api-1',
    port: '8080',
    verdict: 'denied',
    reason: /^denied by CiliumClusterwideNetworkPolicy `block-other` ingressDeny rule 0$/,
  },
  {
    name: 'a NetworkPolicy ipBlock 10.0.0.0/8 does not cover pods',
    from: 'shop/api-1',
    to: 'shop/web-1',
    port: '80',
    verdict: 'denied',
    reason: /isolated for ingress by shop\/web-from-10-8 and no rule admits TCP\/80 from shop\/api-1/,
  },
  {
    name: '… but covers an address outside the cluster',
    from: '10.9.9.9',
    to: 'shop/web-1',
    port: '80',
    verdict: 'allowed',
    reason: /shop\/web-from-10-8 rule #0 admits TCP\/80 from 10.9.9.9/,
  },
];

describe('examples/cilium-policies.yaml (README "Cilium policies")', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const r = await runCli(['check', '-f', file, '--from', c.from, '--to', c.to, '--port', c.port, '-o', 'json']);
      const v = JSON.parse(r.stdout);
      assert.equal(v.verdict, c.verdict);
      assert.match(v.ingress.reason, c.reason);
    });
  }

  it('the ipBlock deviation is named, with the upstream answer', async () => {
    const r = await runCli(['check', '-f', file, '--from', 'shop/api-1', '--to', 'shop/web-1', '--port', '80', '-o', 'json']);
    const v = JSON.parse(r.stdout);
    assert.equal(v.upstream.allowed, true);
    assert.deepEqual(
      v.deviations.map((d: { code: string }) => d.code),
      ['ipblock-ignores-cluster'],
    );
  });

  // A proposed Cilium policy is part of the change set (it used to be dropped: "no policy changed").
  it('impact --proposed with a CiliumNetworkPolicy: the flow it denies is lost', async () => {
    const tree = tempTree({
      'no-web.yaml': `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: no-web, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: api}}
  ingressDeny: [{fromEndpoints: [{matchLabels: {app: web}}]}]
`,
    });
    try {
      const r = await runCli(['impact', '--base', file, '--proposed', join(tree.dir, 'no-web.yaml'), '-o', 'json']);
      const a = JSON.parse(r.stdout);
      assert.deepEqual(
        a.lost.map((f: { from: string; to: string }) => `${f.from} -> ${f.to}`),
        ['shop/web-1 -> shop/api-1'],
      );
      assert.deepEqual(a.gained, []);
    } finally {
      tree.remove();
    }
  });
});
