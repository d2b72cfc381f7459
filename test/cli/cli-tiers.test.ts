// The repro end to end through the CLI: two pods in `shop`, an AdminNetworkPolicy denying all
// ingress and a CiliumNetworkPolicy; and the tiers example walked through in the README.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT, runCli, tempTree } from './cli-harness.ts';

const PODS = `apiVersion: v1
kind: Pod
metadata: {name: a, namespace: shop, labels: {app: a}}
spec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: shop, labels: {app: b}}
spec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}
`;
const ANP = `---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: deny-all}
spec:
  priority: 10
  subject: {namespaces: {}}
  ingress:
  - name: deny
    action: Deny
    from: [{namespaces: {}}]
`;
const CILIUM = `---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: block, namespace: shop}
spec:
  endpointSelector: {}
  ingressDeny: [{fromEndpoints: [{}]}]
  # toNodes is not modelled: the object stays an unmodelled policy (its verdicts unknown)
  egress: [{toNodes: [{matchLabels: {role: db}}]}]
`;

const tree = tempTree({ 'both.yaml': PODS + ANP + CILIUM, 'cilium.yaml': PODS + CILIUM, 'anp.yaml': PODS + ANP });
after(() => tree.remove());

const checkJson = async (file: string, extra: string[] = []) => {
  const r = await runCli(['check', '-f', tree.path(file), '--from', 'shop/a', '--to', 'shop/b', '--port', '80', '-o', 'json', ...extra]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
};

describe('the issue repro: AdminNetworkPolicy deny-all and a CiliumNetworkPolicy in shop', () => {
  it('check is denied, naming deny-all', async () => {
    const v = await checkJson('both.yaml');
    assert.equal(v.verdict, 'denied');
    assert.equal(v.ingress.tier, 'Admin');
    assert.deepEqual(
      [
        v.ingress.decidedBy.kind,
        v.ingress.decidedBy.policy,
        v.ingress.decidedBy.priority,
        v.ingress.decidedBy.name,
        v.ingress.decidedBy.action,
      ],
      ['AdminNetworkPolicy', 'deny-all', 10, 'deny', 'Deny'],
    );
    assert.match(v.ingress.reason, /denied by AdminNetworkPolicy `deny-all` \(priority 10\) ingress rule `deny`/);
  });
  it('with only the Cilium object, check is unknown naming it', async () => {
    const v = await checkJson('cilium.yaml');
    assert.equal(v.verdict, 'unknown');
    assert.equal(v.allowed, false);
    assert.match(v.unknownReason, /CiliumNetworkPolicy\.cilium\.io shop\/block/);
    assert.match(v.unknownReason, /CiliumNetworkPolicy/);
  });
  it('the text answer says DENIED and UNKNOWN', async () => {
    const denied = await runCli(['check', '-f', tree.path('both.yaml'), '--from', 'shop/a', '--to', 'shop/b', '--port', '80']);
    assert.match(denied.stdout, /^DENIED/);
    assert.match(denied.stdout, /deny-all/);
    const unknown = await runCli(['check', '-f', tree.path('cilium.yaml'), '--from', 'shop/a', '--to', 'shop/b', '--port', '80']);
    assert.match(unknown.stdout, /^UNKNOWN/);
  });
  it('lint warns on both objects, once each', async () => {
    const r = await runCli(['lint', '-f', tree.path('both.yaml'), '-o', 'json']);
    const findings = (JSON.parse(r.stdout) as { diagnostics: { code: string; ref?: { kind: string; name: string } }[] }).diagnostics;
    const about = (kind: string) => findings.filter((f) => f.ref?.kind === kind);
    assert.deepEqual(
      about('CiliumNetworkPolicy.cilium.io').map((f) => f.code),
      ['unmodelled-policy-kind'],
    );
    assert.deepEqual(
      about('AdminNetworkPolicy').map((f) => f.code),
      ['tier-policy-enforcement-depends-on-plugin'],
    );
  });
  it('the matrix marks the unknown cells ?', async () => {
    const r = await runCli(['matrix', '-f', tree.path('cilium.yaml'), '--port', '80', '-o', 'json']);
    const m = JSON.parse(r.stdout);
    assert.deepEqual(m.rows, ['1?', '?1']);
    assert.match(m.unknownReason, /CiliumNetworkPolicy\.cilium\.io shop\/block/);
  });
  it('on Cilium (which implements no AdminNetworkPolicy) the ANP is not enforced and named in a note', async () => {
    const v = await checkJson('anp.yaml', ['--cni', 'cilium']);
    assert.equal(v.verdict, 'allowed');
    assert.deepEqual(v.upstream, { allowed: false });
    assert.deepEqual(v.deviations, []);
    assert.ok(v.notes.some((n: { code: string; message: string }) => n.code === 'not-enforced' && n.message.includes('deny-all')));
  });
});

describe('examples/tiers-cluster.yaml (README "Policy tiers")', () => {
  const file = join(REPO_ROOT, 'examples/tiers-cluster.yaml');
  const cases = [
    {
      name: 'admin deny',
      from: 'shop/web',
      to: 'payments/api',
      port: '8443',
      verdict: 'denied',
      tier: 'Admin',
      reason: /denied by AdminNetworkPolicy `isolate-payments` \(priority 10\) ingress rule `deny-from-shop`/,
    },
    {
      name: 'passed, then allowed by NetworkPolicy',
      from: 'monitoring/prometheus',
      to: 'shop/web',
      port: '9090',
      verdict: 'allowed',
      tier: 'NetworkPolicy',
      reason:
        /^passed by AdminNetworkPolicy `delegate-monitoring` \(priority 20\) ingress rule `pass-from-monitoring`, then shop\/web is isolated/,
    },
    {
      name: 'passed, then denied by the baseline',
      from: 'monitoring/prometheus',
      to: 'payments/api',
      port: '9090',
      verdict: 'denied',
      tier: 'Baseline',
      reason: /then denied by BaselineAdminNetworkPolicy `default` ingress rule `default-deny`/,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const r = await runCli(['check', '-f', file, '--from', c.from, '--to', c.to, '--port', c.port, '-o', 'json']);
      const v = JSON.parse(r.stdout);
      assert.equal(v.verdict, c.verdict);
      assert.equal(v.ingress.tier, c.tier);
      assert.match(v.ingress.reason, c.reason);
    });
  }
});
