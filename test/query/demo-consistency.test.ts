// The three answers of the query layer must tell one story on the demo cluster: a matrix cell is
// the check verdict for that pair, and a port is in reachablePorts(a, b) iff check(a, b, port)
// allows it. Different code paths (classes and port atoms vs. one evaluation) compute them.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { PortRanges } from '../../src/engine/verdict.ts';
import { PROTOCOLS, type Protocol } from '../../src/model/types.ts';
import { parseEndpointSpec } from '../../src/query/endpoint-spec.ts';
import { type LoadedSnapshot, loadManifests } from '../../src/query/manifests.ts';
import { checkQuery, matrixQuery, portsQuery } from '../../src/query/queries.ts';

const DEMO_PATH = fileURLToPath(new URL('../../examples/demo-cluster.yaml', import.meta.url));

let loaded: LoadedSnapshot;
before(async () => {
  loaded = await loadManifests([DEMO_PATH]);
});

function allowed(from: string, to: string, port: number, protocol: Protocol): boolean {
  return checkQuery(loaded.compiled, parseEndpointSpec(from), parseEndpointSpec(to), port, protocol).allowed;
}

function inRanges(ports: PortRanges, protocol: Protocol, port: number): boolean {
  return (ports[protocol] ?? []).some(([lo, hi]) => lo <= port && port <= hi);
}

test('demo cluster loads without diagnostics and has its seventeen pods', () => {
  assert.deepEqual(loaded.diagnostics, []);
  assert.equal(matrixQuery(loaded.compiled, 1, 'TCP').pods.length, 17);
});

const MATRIX_PORTS: { port: number; protocol: Protocol }[] = [
  { port: 6379, protocol: 'TCP' },
  { port: 8080, protocol: 'TCP' },
  { port: 5978, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
  { port: 9090, protocol: 'TCP' },
  { port: 6379, protocol: 'SCTP' },
];

for (const { port, protocol } of MATRIX_PORTS) {
  test(`matrix ${protocol}/${port} agrees with check on every ordered pair`, () => {
    const m = matrixQuery(loaded.compiled, port, protocol);
    assert.equal(m.port, port);
    assert.equal(m.protocol, protocol);
    assert.deepEqual([...m.pods].sort(), m.pods, 'pods sorted');
    assert.equal(m.rows.length, m.pods.length);
    m.pods.forEach((from, i) => {
      assert.equal(m.rows[i].length, m.pods.length);
      assert.equal(m.rows[i][i], '1', `self traffic of ${from}`);
      m.pods.forEach((to, j) => {
        assert.equal(m.rows[i][j] === '1', allowed(from, to, port, protocol), `${from} → ${to} ${protocol}/${port}`);
      });
    });
  });
}

// Pods and addresses on every side of the example policy's ipBlocks (in, in except, outside).
const ENDPOINTS = [
  'default/backend-1',
  'default/db-0',
  'default/frontend-1',
  'monitoring/prometheus',
  'myproject-ns/client',
  'other/in-except',
  'other/intruder',
  'other/legacy-vm-proxy',
  '172.17.0.9',
  '172.17.1.9',
  '10.0.0.99',
  '203.0.113.7',
];

// Every rule port of the demo policies and their neighbours, plus the ends of the range.
const PROBE_PORTS = [1, 53, 5977, 5978, 5979, 6378, 6379, 6380, 8079, 8080, 8081, 9090, 65535];

for (const from of ENDPOINTS) {
  test(`reachablePorts from ${from} contains a port iff check allows it`, () => {
    for (const to of ENDPOINTS) {
      const ports = portsQuery(loaded.compiled, parseEndpointSpec(from), parseEndpointSpec(to));
      for (const protocol of PROTOCOLS) {
        for (const port of PROBE_PORTS) {
          assert.equal(inRanges(ports, protocol, port), allowed(from, to, port, protocol), `${from} → ${to} ${protocol}/${port}`);
        }
      }
    }
  });
}

test('reachablePorts ranges are canonical: sorted, disjoint, non-adjacent, within 1..65535', () => {
  for (const from of ENDPOINTS) {
    for (const to of ENDPOINTS) {
      const ports = portsQuery(loaded.compiled, parseEndpointSpec(from), parseEndpointSpec(to));
      for (const [protocol, ranges] of Object.entries(ports)) {
        assert.ok(ranges.length > 0, `${protocol} with nothing allowed is omitted`);
        ranges.forEach(([lo, hi], i) => {
          assert.ok(lo >= 1 && hi <= 65535 && lo <= hi, `${from} → ${to} ${protocol} [${lo}, ${hi}]`);
          if (i > 0) assert.ok(lo > ranges[i - 1][1] + 1, `${from} → ${to} ${protocol} ranges merge`);
        });
      }
    }
  }
});
