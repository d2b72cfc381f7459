// `netreach check` for every endpoint kind (Service, workload, namespace, node, IP, CIDR) on the demo
// cluster, in text, JSON and Markdown; `ports` per path; `matrix --group-by`. In process through
// main(argv, io) on the real example file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PathsPorts, PathsVerdict } from '../../src/query/paths/types.ts';
import type { GroupMatrixResult } from '../../src/query/group-matrix.ts';
import { DEMO_PATH, runCli } from './cli-harness.ts';

interface KindCase {
  readonly kind: string;
  readonly argv: readonly string[];
  readonly outcome: 'allowed' | 'denied' | 'partial';
  /** [from, to, port, allowed] of every path. */
  readonly paths: readonly (readonly [string, string, number, boolean])[];
}

const SF_A = 'store/storefront-6c9f7b5d4-h2x8k';
const SF_B = 'store/storefront-6c9f7b5d4-p7r3m';
const API = 'store/api-7b8c9d6f5-x4n2q';
const CANARY = 'store/api-canary-5f6d7c8b9-k8w3z';
const DNS_A = 'kube-system/coredns-5d78c9869d-7xk2p';
const DNS_B = 'kube-system/coredns-5d78c9869d-q9m4t';
const CHECKOUT = 'store/checkout-8d9e0f1a2-m5t7v';

const kinds: KindCase[] = [
  {
    kind: 'Service (ClusterIP, named targetPort)',
    argv: ['--from', 'default/frontend-1', '--to', 'svc:default/redis', '--port', '6379'],
    outcome: 'allowed',
    paths: [['default/frontend-1', 'default/db-0', 6379, true]],
  },
  {
    kind: 'workload → Service (named targetPort differs per backend)',
    argv: ['--from', 'deploy:store/storefront', '--to', 'svc:store/api', '--port', '80'],
    outcome: 'allowed',
    paths: [
      [SF_A, API, 8080, true],
      [SF_A, CANARY, 9090, true],
      [SF_B, API, 8080, true],
      [SF_B, CANARY, 9090, true],
    ],
  },
  {
    kind: 'hostNetwork DaemonSet → pod (node-local on its own node only)',
    argv: ['--from', 'ds:monitoring/node-exporter', '--to', 'default/db-0', '--port', '6379'],
    outcome: 'partial',
    paths: [
      ['monitoring/node-exporter-4kq7z', 'default/db-0', 6379, true],
      ['monitoring/node-exporter-9wd2c', 'default/db-0', 6379, false],
    ],
  },
  {
    kind: 'namespace → DNS Service (egress default-deny that allows DNS)',
    argv: ['--from', 'ns:store', '--to', 'svc:kube-system/kube-dns', '--port', '53', '--protocol', 'UDP'],
    outcome: 'allowed',
    paths: [API, CANARY, CHECKOUT, SF_A, SF_B].flatMap((p) => [[p, DNS_A, 53, true] as const, [p, DNS_B, 53, true] as const]),
  },
  {
    kind: 'pod → DNS Service (egress isolated without DNS)',
    argv: ['--from', 'default/db-0', '--to', 'svc:kube-system/kube-dns', '--port', '53', '--protocol', 'UDP'],
    outcome: 'denied',
    paths: [
      ['default/db-0', DNS_A, 53, false],
      ['default/db-0', DNS_B, 53, false],
    ],
  },
  {
    kind: 'node (its own pods: node-local)',
    argv: ['--from', 'node:node-a', '--to', 'default/db-0', '--port', '6379'],
    outcome: 'allowed',
    paths: [['node:node-a (192.168.1.10)', 'default/db-0', 6379, true]],
  },
  {
    kind: "node (another node's pod)",
    argv: ['--from', 'node:node-b', '--to', 'default/db-0', '--port', '6379'],
    outcome: 'denied',
    paths: [['node:node-b (192.168.1.11)', 'default/db-0', 6379, false]],
  },
  {
    kind: 'IP → NodePort Service (externalTrafficPolicy Cluster: SNAT)',
    argv: ['--from', '203.0.113.7', '--to', 'svc:store/api', '--port', '30081'],
    outcome: 'partial',
    paths: [
      ['node:node-a (192.168.1.10)', API, 8080, true],
      ['node:node-a (192.168.1.10)', CANARY, 9090, false],
      ['node:node-b (192.168.1.11)', API, 8080, false],
      ['node:node-b (192.168.1.11)', CANARY, 9090, true],
    ],
  },
  {
    kind: 'CIDR → LoadBalancer (Local, source ranges)',
    argv: ['--from', '198.51.100.0/24', '--to', 'svc:store/checkout', '--port', '443'],
    outcome: 'allowed',
    paths: [['198.51.100.0/24', CHECKOUT, 8443, true]],
  },
  {
    kind: 'anywhere outside → LoadBalancer (Local, source ranges)',
    argv: ['--from', '0.0.0.0/0', '--to', 'svc:store/checkout', '--port', '443'],
    outcome: 'partial',
    paths: [
      ['0.0.0.0-198.51.99.255', 'svc:store/checkout', 443, false],
      ['198.51.100.0/24', CHECKOUT, 8443, true],
      ['198.51.101.0-255.255.255.255', 'svc:store/checkout', 443, false],
    ],
  },
  {
    kind: 'Service as a source (its backends) → Service',
    argv: ['--from', 'svc:store/api', '--to', 'svc:kube-system/kube-dns', '--port', '53', '--protocol', 'UDP'],
    outcome: 'allowed',
    paths: [
      [API, DNS_A, 53, true],
      [API, DNS_B, 53, true],
      [CANARY, DNS_A, 53, true],
      [CANARY, DNS_B, 53, true],
    ],
  },
];

const WORD = { allowed: 'ALLOWED', denied: 'DENIED', partial: 'PARTIAL' } as const;
const HEAD = { allowed: '✅ **Allowed**', denied: '⛔ **Denied**', partial: '⚠️ **Partial**' } as const;

for (const k of kinds) {
  test(`check ${k.kind}: JSON paths, text and Markdown headlines`, async () => {
    const base = ['check', '-f', DEMO_PATH, ...k.argv];
    const json = await runCli([...base, '-o', 'json']);
    assert.equal(json.code, 0, json.stderr);
    const a = JSON.parse(json.stdout) as PathsVerdict;
    assert.equal(a.outcome, k.outcome);
    assert.equal(a.allowed, k.outcome === 'allowed');
    assert.deepEqual(
      a.paths.map((p) => [p.from, p.to, p.port, p.allowed]),
      k.paths,
    );

    const text = await runCli(base);
    assert.equal(text.code, 0, text.stderr);
    const lines = text.stdout.trimEnd().split('\n');
    assert.ok(lines[0].startsWith(`${WORD[k.outcome]}  ${a.from} -> ${a.to}  ${a.protocol}/${a.port}`), lines[0]);
    assert.equal(lines.filter((l) => /^ {2}(ALLOWED|DENIED) {2}/u.test(l)).length, k.paths.length, 'one line per path');

    const md = await runCli([...base, '-o', 'markdown']);
    assert.equal(md.code, 0, md.stderr);
    assert.ok(md.stdout.startsWith(`${HEAD[k.outcome]}: \`${a.from}\` → \`${a.to}\``), md.stdout.split('\n')[0]);
    assert.equal(md.stdout.split('\n').filter((l) => /^\| (✅|⛔) \|/u.test(l)).length, k.paths.length, 'one table row per path');
  });
}

test('check text: a path line says how it gets there and why', async () => {
  const r = await runCli(['check', '-f', DEMO_PATH, '--from', '203.0.113.7', '--to', 'svc:store/api', '--port', '30081']);
  assert.match(
    r.stdout,
    /DENIED {3}node:node-b \(192\.168\.1\.11\) -> store\/api-7b8c9d6f5-x4n2q +TCP\/8080 {2}via node port 30081 → SNAT to 192\.168\.1\.11 → service store\/api port 80 → targetPort http \(8080\) — /u,
  );
  assert.match(r.stdout, /^note: externalTrafficPolicy Cluster: .*ipBlock rules on the client's address do not apply/mu);
});

test('check: a pod → pod answer is still the engine Verdict', async () => {
  const r = await runCli([
    'check',
    '-f',
    DEMO_PATH,
    '--from',
    'default/frontend-1',
    '--to',
    'default/db-0',
    '--port',
    '6379',
    '-o',
    'json',
  ]);
  const v = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.ok('egress' in v && 'ingress' in v && !('paths' in v));
});

const notAnswers: { name: string; argv: string[]; stderr: RegExp }[] = [
  {
    name: 'an unknown Service',
    argv: ['--from', 'default/db-0', '--to', 'svc:default/nope', '--port', '1'],
    stderr: /no Service default\/nope/u,
  },
  {
    name: 'an unknown workload',
    argv: ['--from', 'deploy:store/nope', '--to', 'default/db-0', '--port', '1'],
    stderr: /no deploy:store\/nope/u,
  },
  { name: 'an unknown node', argv: ['--from', 'node:node-z', '--to', 'default/db-0', '--port', '1'], stderr: /no node node-z/u },
];
for (const k of notAnswers) {
  test(`check: ${k.name} is bad input (exit 2), not an answer`, async () => {
    const r = await runCli(['check', '-f', DEMO_PATH, ...k.argv]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, k.stderr);
  });
}

test('ports: a workload to a Service answers per path with union and intersection', async () => {
  const base = ['ports', '-f', DEMO_PATH, '--from', 'deploy:store/storefront', '--to', 'svc:store/api'];
  const json = await runCli([...base, '-o', 'json']);
  assert.equal(json.code, 0, json.stderr);
  const a = JSON.parse(json.stdout) as PathsPorts;
  assert.equal(a.paths.length, 4);
  assert.deepEqual(a.union, { TCP: [[80, 80]] });
  assert.deepEqual(a.intersection, { TCP: [[80, 80]] });
  const text = await runCli(base);
  assert.match(text.stdout, /^deploy:store\/storefront -> svc:store\/api: some path: TCP 80; every path: TCP 80\n/u);
});

test('matrix --group-by workload: JSON contract, and text and CSV name the groups', async () => {
  const base = ['matrix', '-f', DEMO_PATH, '--port', '53', '--protocol', 'UDP', '--group-by', 'workload'];
  const json = await runCli([...base, '-o', 'json']);
  assert.equal(json.code, 0, json.stderr);
  const g = JSON.parse(json.stdout) as GroupMatrixResult;
  // The contract's keys, then the network plugin the cells are under (additive).
  assert.deepEqual(Object.keys(g), ['port', 'protocol', 'groupBy', 'groups', 'rows', 'dataplane', 'enforced']);
  assert.equal((g as GroupMatrixResult & { enforced: unknown }).enforced, null, 'no plugin recognised in the demo cluster');
  assert.equal(g.groupBy, 'workload');
  for (const group of ['deploy:kube-system/coredns', 'deploy:store/storefront', 'ds:monitoring/node-exporter', 'pod:default/db-0'])
    assert.ok(g.groups.includes(group), group);
  const row = g.rows[g.groups.indexOf('pod:default/db-0')];
  assert.equal(row[g.groups.indexOf('deploy:kube-system/coredns')], '0', 'db-0 cannot reach DNS');
  assert.equal(g.rows[g.groups.indexOf('deploy:store/storefront')][g.groups.indexOf('deploy:kube-system/coredns')], '1');
  const text = await runCli(base);
  assert.match(
    text.stdout,
    /^UDP\/53 by workload: 1 = every pod of the row may reach every pod of the column, 0 = none may, p = some may\n/u,
  );
  const csv = await runCli([...base, '-o', 'csv']);
  assert.equal(csv.stdout.split('\n')[0], ['from', ...g.groups].join(','));
});

test('matrix --group-by namespace: one row per namespace', async () => {
  const r = await runCli(['matrix', '-f', DEMO_PATH, '--port', '6379', '--group-by', 'namespace', '-o', 'json']);
  const g = JSON.parse(r.stdout) as GroupMatrixResult;
  assert.deepEqual(g.groups, ['default', 'kube-system', 'monitoring', 'myproject-ns', 'other', 'store']);
  assert.equal(
    g.rows[g.groups.indexOf('monitoring')][g.groups.indexOf('default')],
    'p',
    "the node exporter on db-0's node reaches it, prometheus does not",
  );
});

test('matrix --group-by with an unknown value is bad input', async () => {
  const r = await runCli(['matrix', '-f', DEMO_PATH, '--port', '1', '--group-by', 'team']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--group-by team: expected one of workload, namespace/u);
});

test('usage lists every endpoint spelling', async () => {
  const r = await runCli(['--help']);
  for (const spelling of ['ns/name', 'svc:ns/name', 'deploy:ns/name', 'ns:name', 'node:name', 'CIDR'])
    assert.ok(r.stdout.includes(spelling), spelling);
});
