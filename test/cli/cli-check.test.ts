// `netreach check` on the demo cluster, in process through main(argv, io): the answers of the
// classic Kubernetes example policy in every output format, and the flags around them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Verdict } from '../../src/engine/verdict.ts';
import { DEMO_PATH, runCli } from './cli-harness.ts';

async function checkJson(from: string, to: string, port: number, extra: string[] = []): Promise<Verdict> {
  const r = await runCli(['check', '-f', DEMO_PATH, '--from', from, '--to', to, '--port', String(port), '-o', 'json', ...extra]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Verdict;
}

const TEST_POLICY = 'default/test-network-policy';

const cases: {
  name: string;
  from: string;
  to: string;
  port: number;
  allowed: boolean;
  ingressRule?: { policy: string; rule: number };
  egressRule?: { policy: string; rule: number };
}[] = [
  {
    name: 'frontend in the policy namespace is admitted by podSelector',
    from: 'default/frontend-1',
    to: 'default/db-0',
    port: 6379,
    allowed: true,
    ingressRule: { policy: TEST_POLICY, rule: 0 },
  },
  { name: 'frontend-labelled pod in another namespace is denied', from: 'other/intruder', to: 'default/db-0', port: 6379, allowed: false },
  {
    name: 'client in a project=myproject namespace is admitted by namespaceSelector',
    from: 'myproject-ns/client',
    to: 'default/db-0',
    port: 6379,
    allowed: true,
    ingressRule: { policy: TEST_POLICY, rule: 0 },
  },
  {
    name: 'pod inside 172.17.0.0/16 is admitted by ipBlock',
    from: 'other/legacy-vm-proxy',
    to: 'default/db-0',
    port: 6379,
    allowed: true,
    ingressRule: { policy: TEST_POLICY, rule: 0 },
  },
  { name: 'pod inside the except 172.17.1.0/24 is denied', from: 'other/in-except', to: 'default/db-0', port: 6379, allowed: false },
  {
    name: 'an IP endpoint inside the ipBlock is admitted',
    from: '172.17.0.9',
    to: 'default/db-0',
    port: 6379,
    allowed: true,
    ingressRule: { policy: TEST_POLICY, rule: 0 },
  },
  { name: 'an IP endpoint inside the except is denied', from: '172.17.1.9', to: 'default/db-0', port: 6379, allowed: false },
  { name: 'the rule port is the only port admitted', from: 'default/frontend-1', to: 'default/db-0', port: 6380, allowed: false },
  {
    name: 'db egress to 10.0.0.0/24 on 5978 is allowed by the egress rule',
    from: 'default/db-0',
    to: '10.0.0.99',
    port: 5978,
    allowed: true,
    egressRule: { policy: TEST_POLICY, rule: 0 },
  },
  { name: 'db egress outside 10.0.0.0/24 is denied', from: 'default/db-0', to: 'default/backend-1', port: 5978, allowed: false },
  {
    name: 'named port http resolves to 8080 on backend-1',
    from: 'default/frontend-1',
    to: 'default/backend-1',
    port: 8080,
    allowed: true,
    ingressRule: { policy: 'default/allow-frontend-to-backend', rule: 0 },
  },
  { name: 'named port http does not admit 8081', from: 'default/frontend-1', to: 'default/backend-1', port: 8081, allowed: false },
  {
    name: 'monitoring may scrape the web pods',
    from: 'monitoring/prometheus',
    to: 'default/frontend-1',
    port: 8080,
    allowed: true,
    ingressRule: { policy: 'default/allow-monitoring-to-web', rule: 0 },
  },
  { name: 'default-deny in other denies everyone', from: 'default/frontend-1', to: 'other/intruder', port: 8080, allowed: false },
];

for (const c of cases) {
  test(`check json: ${c.name}`, async () => {
    const v = await checkJson(c.from, c.to, c.port);
    assert.equal(v.allowed, c.allowed);
    assert.equal(v.port, c.port);
    assert.equal(v.protocol, 'TCP');
    if (c.ingressRule)
      assert.deepEqual(v.ingress.allowedBy[0], { policy: c.ingressRule.policy, direction: 'Ingress', rule: c.ingressRule.rule });
    if (c.egressRule)
      assert.deepEqual(v.egress.allowedBy[0], { policy: c.egressRule.policy, direction: 'Egress', rule: c.egressRule.rule });
    if (!c.allowed) assert.ok(!v.ingress.allowed || !v.egress.allowed, 'a denial is denied on some side');
  });
}

test('check json: the frontend → db answer names the isolating policy and carries the plugin note', async () => {
  const v = await checkJson('default/frontend-1', 'default/db-0', 6379);
  assert.deepEqual(v.from, { kind: 'pod', name: 'default/frontend-1', ips: ['10.0.0.20'] });
  assert.deepEqual(v.to, { kind: 'pod', name: 'default/db-0', ips: ['10.0.0.10'] });
  assert.deepEqual(v.ingress.isolatedBy, [TEST_POLICY]);
  assert.equal(v.egress.isolated, false);
  assert.ok(v.notes.some((n) => n.code === 'enforcement-depends-on-plugin'));
});

test('check json: an IP endpoint is described as an ip, a pod IP resolves to its pod', async () => {
  const external = await checkJson('172.17.0.9', 'default/db-0', 6379);
  assert.equal(external.from.kind, 'ip');
  assert.equal(external.from.name, '172.17.0.9');
  const podIp = await checkJson('10.0.0.20', 'default/db-0', 6379);
  assert.equal(podIp.from.name, 'default/frontend-1');
  assert.equal(podIp.allowed, true);
});

const textCases = [
  { from: 'default/frontend-1', to: 'default/db-0', word: 'ALLOWED', emoji: '✅' },
  { from: 'other/intruder', to: 'default/db-0', word: 'DENIED', emoji: '⛔' },
  { from: 'other/in-except', to: 'default/db-0', word: 'DENIED', emoji: '⛔' },
];

for (const c of textCases) {
  test(`check text: ${c.from} → ${c.to} starts with ${c.word} and names both sides`, async () => {
    const r = await runCli(['check', '-f', DEMO_PATH, '--from', c.from, '--to', c.to, '--port', '6379']);
    assert.equal(r.code, 0, r.stderr);
    const first = r.stdout.split('\n')[0];
    assert.match(first, new RegExp(`^${c.word}\\s+${c.from} -> ${c.to}\\s+TCP/6379`, 'u'));
    assert.match(r.stdout, /^ingress \(to default\/db-0\)/mu);
    assert.equal(r.stderr, '');
  });

  test(`check markdown: ${c.from} → ${c.to} first line starts with ${c.emoji}; -o md is the same`, async () => {
    const argv = ['check', '-f', DEMO_PATH, '--from', c.from, '--to', c.to, '--port', '6379', '-o'];
    const md = await runCli([...argv, 'markdown']);
    assert.equal(md.code, 0, md.stderr);
    assert.ok(md.stdout.split('\n')[0].startsWith(c.emoji), md.stdout.split('\n')[0]);
    assert.ok(md.stdout.includes(`\`${c.from}\``));
    const short = await runCli([...argv, 'md']);
    assert.equal(short.stdout, md.stdout);
  });
}

for (const spelling of ['udp', 'UDP', 'Udp']) {
  test(`check: --protocol ${spelling} is accepted case-insensitively as UDP`, async () => {
    const v = await checkJson('default/frontend-1', 'default/db-0', 6379, ['--protocol', spelling]);
    assert.equal(v.protocol, 'UDP');
    assert.equal(v.allowed, false, 'the db admits TCP/6379 only');
  });
}

test('check: --protocol sctp is accepted and -p is --port', async () => {
  const r = await runCli([
    'check',
    '-f',
    DEMO_PATH,
    '--from',
    'default/frontend-1',
    '--to',
    'default/db-0',
    '-p',
    '6379',
    '--protocol',
    'sctp',
    '-o',
    'json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as Verdict).protocol, 'SCTP');
});

test('check: self traffic is allowed and says which override decided it', async () => {
  const v = await checkJson('default/db-0', 'default/db-0', 1);
  assert.equal(v.allowed, true);
  assert.equal(v.override, 'self-traffic');
});

const badInput: { name: string; argv: string[]; stderr: RegExp }[] = [
  { name: 'missing --port', argv: ['--from', 'default/frontend-1', '--to', 'default/db-0'], stderr: /missing --port/u },
  { name: 'missing --from', argv: ['--to', 'default/db-0', '--port', '1'], stderr: /missing --from/u },
  { name: 'port 70000', argv: ['--from', 'default/frontend-1', '--to', 'default/db-0', '--port', '70000'], stderr: /--port 70000/u },
  { name: 'port 0', argv: ['--from', 'default/frontend-1', '--to', 'default/db-0', '--port', '0'], stderr: /--port 0/u },
  { name: 'port not a number', argv: ['--from', 'default/frontend-1', '--to', 'default/db-0', '--port', 'http'], stderr: /--port http/u },
  {
    name: 'protocol icmp',
    argv: ['--from', 'default/frontend-1', '--to', 'default/db-0', '--port', '1', '--protocol', 'icmp'],
    stderr: /--protocol icmp/u,
  },
  { name: 'output xml', argv: ['--from', 'default/frontend-1', '--to', 'default/db-0', '--port', '1', '-o', 'xml'], stderr: /-o xml/u },
  { name: 'unknown pod', argv: ['--from', 'default/nope', '--to', 'default/db-0', '--port', '1'], stderr: /no pod default\/nope/u },
  { name: 'malformed endpoint', argv: ['--from', 'a/b/c', '--to', 'default/db-0', '--port', '1'], stderr: /a\/b\/c/u },
  { name: 'unknown flag', argv: ['--from', 'default/frontend-1', '--to', 'default/db-0', '--port', '1', '--bogus'], stderr: /--bogus/u },
  { name: 'positional argument', argv: ['default/frontend-1', '--to', 'default/db-0', '--port', '1'], stderr: /default\/frontend-1/u },
];

for (const c of badInput) {
  test(`check bad input: ${c.name} → exit 2 with a one-line message`, async () => {
    const r = await runCli(['check', '-f', DEMO_PATH, ...c.argv]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, c.stderr);
    assert.match(r.stderr, /^netreach: /u);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  });
}

test('check --help prints the usage and exits 0', async () => {
  const r = await runCli(['check', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^netreach check -f PATH/u);
});
