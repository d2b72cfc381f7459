// `netreach matrix` and `netreach ports` on the demo cluster, in process through main(argv, io).
// The matrix JSON contract is checked cell by cell against the query layer's check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MatrixResult, PortRanges } from '../../src/engine/verdict.ts';
import type { Protocol } from '../../src/model/types.ts';
import { parseEndpointSpec } from '../../src/query/endpoint-spec.ts';
import { loadManifests } from '../../src/query/manifests.ts';
import { checkQuery } from '../../src/query/queries.ts';
import { DEMO_PATH, runCli } from './cli-harness.ts';

const DEMO_PODS = [
  'default/backend-1',
  'default/db-0',
  'default/frontend-1',
  'kube-system/coredns-5d78c9869d-7xk2p',
  'kube-system/coredns-5d78c9869d-q9m4t',
  'monitoring/node-exporter-4kq7z',
  'monitoring/node-exporter-9wd2c',
  'monitoring/prometheus',
  'myproject-ns/client',
  'other/in-except',
  'other/intruder',
  'other/legacy-vm-proxy',
  'store/api-7b8c9d6f5-x4n2q',
  'store/api-canary-5f6d7c8b9-k8w3z',
  'store/checkout-8d9e0f1a2-m5t7v',
  'store/storefront-6c9f7b5d4-h2x8k',
  'store/storefront-6c9f7b5d4-p7r3m',
];

async function matrixJson(port: number, protocol: Protocol = 'TCP'): Promise<MatrixResult> {
  const r = await runCli(['matrix', '-f', DEMO_PATH, '--port', String(port), '--protocol', protocol, '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as MatrixResult;
}

const matrixPorts: { port: number; protocol: Protocol }[] = [
  { port: 6379, protocol: 'TCP' },
  { port: 8080, protocol: 'TCP' },
  { port: 5978, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
];

for (const { port, protocol } of matrixPorts) {
  test(`matrix json ${protocol}/${port}: contract shape, sorted pods, cells agree with check`, async () => {
    const m = await matrixJson(port, protocol);
    // The contract's keys, then the network plugin the cells are under (additive).
    assert.deepEqual(Object.keys(m), ['port', 'protocol', 'pods', 'rows', 'enforced', 'dataplane']);
    assert.equal(m.enforced, null, 'no plugin recognised in the demo cluster');
    assert.equal(m.port, port);
    assert.equal(m.protocol, protocol);
    assert.deepEqual(m.pods, DEMO_PODS);
    assert.deepEqual([...m.pods].sort(), m.pods);
    assert.equal(m.rows.length, m.pods.length);
    for (const row of m.rows) assert.match(row, new RegExp(`^[01]{${m.pods.length}}$`, 'u'));

    const loaded = await loadManifests([DEMO_PATH]);
    m.pods.forEach((from, i) => {
      m.pods.forEach((to, j) => {
        const v = checkQuery(loaded.compiled, parseEndpointSpec(from), parseEndpointSpec(to), port, protocol);
        assert.equal(m.rows[i][j] === '1', v.allowed, `${from} → ${to} ${protocol}/${port}`);
      });
    });
  });
}

test('matrix json TCP/6379: the db column admits exactly frontend, client, legacy-vm-proxy, itself and its node', async () => {
  const m = await matrixJson(6379);
  const db = m.pods.indexOf('default/db-0');
  const admitted = m.pods.filter((_, i) => m.rows[i][db] === '1');
  // node-exporter-4kq7z is a hostNetwork pod on db-0's node: the node-local rule admits it.
  assert.deepEqual(admitted, [
    'default/db-0',
    'default/frontend-1',
    'monitoring/node-exporter-4kq7z',
    'myproject-ns/client',
    'other/legacy-vm-proxy',
  ]);
});

test('matrix csv: header names the pods, one row per pod, cells match the JSON', async () => {
  const m = await matrixJson(6379);
  const r = await runCli(['matrix', '-f', DEMO_PATH, '--port', '6379', '-o', 'csv']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, DEMO_PODS.length + 1);
  assert.equal(lines[0], ['from', ...DEMO_PODS].join(','));
  lines.slice(1).forEach((line, i) => {
    assert.equal(line, [DEMO_PODS[i], ...m.rows[i]].join(','));
  });
});

test('matrix text: legend line, an indexed pod list, one row per pod', async () => {
  const r = await runCli(['matrix', '-f', DEMO_PATH, '--port', '6379']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'TCP/6379: 1 = the row may open a connection to the column');
  DEMO_PODS.forEach((pod, i) =>
    assert.ok(
      lines.some((l) => l === `[${i}]`.padEnd(String(DEMO_PODS.length - 1).length + 2) + ` ${pod}`),
      `legend entry for ${pod}`,
    ),
  );
  const matrixRows = lines.filter((l) => /^\[\d+\]\s+\S+\s+[01]( +[01])*$/u.test(l));
  assert.equal(matrixRows.length, DEMO_PODS.length);
});

test('matrix: --protocol is case-insensitive', async () => {
  const r = await runCli(['matrix', '-f', DEMO_PATH, '--port', '53', '--protocol', 'udp', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as MatrixResult).protocol, 'UDP');
});

const matrixBad: { name: string; argv: string[]; stderr: RegExp }[] = [
  { name: 'missing --port', argv: [], stderr: /missing --port/u },
  { name: 'port 65536', argv: ['--port', '65536'], stderr: /--port 65536/u },
  {
    name: 'output dot (not a matrix format)',
    argv: ['--port', '1', '-o', 'dot'],
    stderr: /-o dot: expected one of text, json, markdown, csv/u,
  },
  { name: '--from is not a matrix flag', argv: ['--port', '1', '--from', 'default/db-0'], stderr: /--from/u },
];

for (const c of matrixBad) {
  test(`matrix bad input: ${c.name} → exit 2`, async () => {
    const r = await runCli(['matrix', '-f', DEMO_PATH, ...c.argv]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, c.stderr);
  });
}

/** The demo cluster shows no network plugin: answers are the API's meaning. */
const NO_PLUGIN = { plugin: 'unknown', name: 'unknown', enforcement: 'unknown', source: 'none' };

const portsCases: { from: string; to: string; text: string; json: PortRanges }[] = [
  { from: 'default/frontend-1', to: 'default/db-0', text: 'TCP 6379', json: { TCP: [[6379, 6379]] } },
  { from: 'default/frontend-1', to: 'default/backend-1', text: 'TCP 8080', json: { TCP: [[8080, 8080]] } },
  { from: 'monitoring/prometheus', to: 'default/frontend-1', text: 'TCP 8080', json: { TCP: [[8080, 8080]] } },
  { from: 'default/db-0', to: '10.0.0.99', text: 'TCP 5978', json: { TCP: [[5978, 5978]] } },
  { from: 'other/intruder', to: 'default/db-0', text: 'none', json: {} },
  {
    from: 'default/frontend-1',
    to: 'monitoring/prometheus',
    text: 'all ports (TCP, UDP, SCTP)',
    json: { TCP: [[1, 65535]], UDP: [[1, 65535]], SCTP: [[1, 65535]] },
  },
];

for (const c of portsCases) {
  test(`ports: ${c.from} → ${c.to} reads "${c.text}" and the JSON shape {from, to, ports}`, async () => {
    const base = ['ports', '-f', DEMO_PATH, '--from', c.from, '--to', c.to];
    const text = await runCli(base);
    assert.equal(text.code, 0, text.stderr);
    assert.equal(text.stdout, `${c.text}\n`);
    const json = await runCli([...base, '-o', 'json']);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), { from: c.from, to: c.to, ports: c.json, dataplane: NO_PLUGIN, enforced: null });
  });
}

const portsBad: { name: string; argv: string[]; stderr: RegExp }[] = [
  { name: 'missing --to', argv: ['--from', 'default/db-0'], stderr: /missing --to/u },
  { name: '--port is not a ports flag', argv: ['--from', 'default/db-0', '--to', 'default/db-0', '--port', '1'], stderr: /--port/u },
  { name: 'unknown pod', argv: ['--from', 'default/db-0', '--to', 'nowhere/x'], stderr: /no pod nowhere\/x/u },
];

for (const c of portsBad) {
  test(`ports bad input: ${c.name} → exit 2`, async () => {
    const r = await runCli(['ports', '-f', DEMO_PATH, ...c.argv]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, c.stderr);
  });
}
