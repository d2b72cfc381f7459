// `netreach fix` end to end on the demo cluster: the YAML of the README's denied questions (golden
// files; UPDATE_GOLDEN=1 rewrites them), the JSON shape (every candidate with objects, patch, proof,
// rank), the text/Markdown explanations, and the exit codes (0 candidate or nothing to change,
// 1 unfixable with the reason, 2 bad input).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { DEMO_PATH, REPO_ROOT, runCli, spawnCli } from './cli-harness.ts';
import { golden } from '../support/golden.ts';

/** `netreach fix -o yaml` as printed: test/render/golden/fix/cli-<case>.yaml. */
const fixYaml = (name: string) => golden('fix', `cli-${name}`, 'yaml');

const YAML_CASES: { name: string; args: string[]; objects: number }[] = [
  { name: 'intruder-db', args: ['--from', 'other/intruder', '--to', 'default/db-0', '--port', '6379'], objects: 1 },
  {
    name: 'intruder-redis-service',
    args: ['--from', 'other/intruder', '--to', 'svc:default/redis', '--port', '6379'],
    objects: 1,
  },
  {
    name: 'db-dns',
    args: ['--from', 'default/db-0', '--to', 'svc:kube-system/kube-dns', '--port', '53', '--protocol', 'UDP'],
    objects: 1,
  },
  {
    name: 'checkout-api-both-sides',
    args: ['--from', 'deploy:store/checkout', '--to', 'svc:store/api', '--port', '80'],
    objects: 2,
  },
  {
    name: 'deny-frontend-db',
    args: ['--deny', '--from', 'default/frontend-1', '--to', 'default/db-0', '--port', '6379'],
    objects: 1,
  },
];

describe('netreach fix -o yaml: the best candidate, whole, for kubectl apply -f -', () => {
  for (const c of YAML_CASES) {
    it(`${c.args.join(' ')} → ${c.name}`, async () => {
      const r = await runCli(['fix', '-f', DEMO_PATH, ...c.args, '-o', 'yaml']);
      assert.equal(r.code, 0, r.stderr);
      const docs = parseAllDocuments(r.stdout).map((d) => d.toJS());
      assert.equal(docs.length, c.objects);
      for (const d of docs) assert.equal(d.kind, 'NetworkPolicy');
      fixYaml(c.name).assert(r.stdout);
    });
  }

  it(
    'the first object of the intruder fix targets db-0 by role=db and admits other/intruder by metadata.name + role=frontend on the ' +
      'named port',
    async () => {
      const r = await runCli(['fix', '-f', DEMO_PATH, ...YAML_CASES[0].args, '-o', 'yaml']);
      const spec = parse(r.stdout.replace(/^---\n/u, '')).spec;
      assert.deepEqual(spec.podSelector, { matchLabels: { role: 'db' } });
      assert.deepEqual(spec.ingress[0].from, [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } },
          podSelector: { matchLabels: { role: 'frontend' } },
        },
      ]);
      assert.deepEqual(spec.ingress[0].ports, [{ protocol: 'TCP', port: 'redis' }]);
    },
  );
});

describe('netreach fix -o json / text / markdown', () => {
  it('json: every candidate with rank, objects, patch for a modified policy, and the proof', async () => {
    const r = await runCli(['fix', '-f', DEMO_PATH, ...YAML_CASES[0].args, '-o', 'json']);
    assert.equal(r.code, 0);
    const a = JSON.parse(r.stdout);
    assert.equal(a.status, 'fixable');
    assert.deepEqual(
      a.candidates.map((c: { rank: number }) => c.rank),
      [1, 2, 3, 4],
    );
    const modify = a.candidates.find((c: { strategy: string }) => c.strategy === 'add-rule');
    assert.equal(modify.changes[0].action, 'modify');
    assert.deepEqual(
      modify.changes[0].patch.map((p: { op: string; path: string }) => [p.op, p.path]),
      [['add', '/spec/ingress/-']],
    );
    for (const c of a.candidates) {
      assert.equal(c.proof.exact, true);
      assert.deepEqual(
        c.proof.gained.map((f: { from: string; to: string; ports: number[][] }) => [f.from, f.to, f.ports]),
        [['other/intruder', 'default/db-0', [[6379, 6379]]]],
      );
      assert.deepEqual(c.proof.lost, []);
    }
  });

  it('text explains the flow, the best candidate, its proof and YAML; markdown fences the YAML', async () => {
    const t = await runCli(['fix', '-f', DEMO_PATH, ...YAML_CASES[0].args]);
    assert.match(t.stdout, /^DENIED {2}other\/intruder -> default\/db-0 {2}TCP\/6379$/mu);
    assert.match(t.stdout, /#1 \(best\): create default\/allow-other-intruder-to-db-0-redis/u);
    assert.match(t.stdout, /proof \(impact\): gained exactly the requested flow; nothing else changes/u);
    assert.match(t.stdout, /kubectl patch networkpolicy test-network-policy -n default --type=json/u);
    const m = await runCli(['fix', '-f', DEMO_PATH, ...YAML_CASES[0].args, '-o', 'markdown']);
    assert.match(m.stdout, /```yaml\n---\napiVersion: networking.k8s.io\/v1/u);
  });

  it('an allowed flow: nothing to change, with its deciding rule (exit 0)', async () => {
    const r = await runCli(['fix', '-f', DEMO_PATH, '--from', 'default/frontend-1', '--to', 'default/db-0', '--port', '6379']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^nothing to change: default\/frontend-1 -> default\/db-0 TCP\/6379 is already allowed/u);
    assert.match(r.stdout, /default\/test-network-policy rule #0 admits TCP\/6379/u);
  });
});

describe('netreach fix exit codes', () => {
  const cases: { name: string; args: string[]; code: number; stderr: RegExp }[] = [
    {
      name: 'host-network source: unfixable',
      args: ['--from', 'monitoring/node-exporter-9wd2c', '--to', 'default/db-0', '--port', '6379'],
      code: 1,
      stderr: /uses the host network/u,
    },
    {
      name: 'node-local override cannot be denied',
      args: ['--deny', '--from', 'monitoring/node-exporter-4kq7z', '--to', 'default/db-0', '--port', '6379'],
      code: 1,
      stderr: /node-local/u,
    },
    {
      name: 'a namespace destination is bad input',
      args: ['--from', 'default/frontend-1', '--to', 'ns:default', '--port', '80'],
      code: 2,
      stderr: /fix takes a pod/u,
    },
    {
      name: 'a Service port it does not expose is bad input',
      args: ['--from', 'other/intruder', '--to', 'svc:default/redis', '--port', '80'],
      code: 2,
      stderr: /exposes no TCP\/80/u,
    },
    {
      name: 'an unknown pod is bad input',
      args: ['--from', 'other/nobody', '--to', 'default/db-0', '--port', '80'],
      code: 2,
      stderr: /no pod other\/nobody/u,
    },
    { name: 'missing --port', args: ['--from', 'other/intruder', '--to', 'default/db-0'], code: 2, stderr: /missing --port/u },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const r = await runCli(['fix', '-f', DEMO_PATH, ...c.args, '-o', 'yaml']);
      assert.equal(r.code, c.code, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, c.stderr);
    });
  }

  it('the spawned binary prints only YAML on stdout, pipeable to kubectl apply -f -', () => {
    const r = spawnCli(['fix', '-f', 'examples/demo-cluster.yaml', ...YAML_CASES[0].args, '-o', 'yaml']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, fixYaml(YAML_CASES[0].name).read());
  });
});

// The tiers (examples/tiers-cluster.yaml): an admin-tier Deny comes before NetworkPolicy, so no
// NetworkPolicy can fix it; a baseline-tier Deny comes after NetworkPolicy, so one can (and the proof
// says what else the new isolation loses).
describe('netreach fix under AdminNetworkPolicy and BaselineAdminNetworkPolicy', () => {
  const TIERS = join(REPO_ROOT, 'examples/tiers-cluster.yaml');
  it('an admin-tier Deny: exit 1, naming the AdminNetworkPolicy and the cluster admin', async () => {
    const r = await runCli(['fix', '-f', TIERS, '--from', 'shop/web', '--to', 'payments/api', '--port', '8443', '-o', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.status, 'unfixable');
    assert.equal(json.reason.code, 'admin-tier');
    assert.match(json.reason.message, /AdminNetworkPolicy isolate-payments \(Admin tier\).*cluster admin/);
  });
  it('a baseline-tier Deny (after a Pass): a NetworkPolicy fixes it, and the proof gains the flow', async () => {
    const r = await runCli(['fix', '-f', TIERS, '--from', 'monitoring/prometheus', '--to', 'shop/cart', '--port', '8080', '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.status, 'fixable');
    const best = json.candidates[0];
    assert.ok(best.proof.gained.some((f: { from: string; to: string }) => f.from === 'monitoring/prometheus' && f.to === 'shop/cart'));
  });
});
