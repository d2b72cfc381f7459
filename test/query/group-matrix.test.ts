// `matrix --group-by workload|namespace`: a cell is '1' when every pod pair of the two groups is
// allowed, '0' when none is, 'p' when some are (a lone pod's diagonal is itself: '1'). Checked
// against the pod matrix on the fixture cluster and on the demo cluster (hostNetwork pods included).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { type CompiledSnapshot, compile, matrix } from '../../src/engine/index.ts';
import type { Protocol } from '../../src/model/types.ts';
import { type GroupBy, groupMatrix } from '../../src/query/group-matrix.ts';
import { loadManifests } from '../../src/query/manifests.ts';
import { randomSnapshot } from '../support/random-cluster.ts';
import { world } from './paths-fixture.ts';

const DEMO_PATH = fileURLToPath(new URL('../../examples/demo-cluster.yaml', import.meta.url));

/** The same summary computed the slow way, from the pod matrix. */
function reference(c: CompiledSnapshot, port: number, protocol: Protocol, by: GroupBy): { groups: string[]; rows: string[] } {
  const m = matrix(c, port, protocol);
  const groupOf = (i: number) => (by === 'workload' ? c.endpoints[i].group : c.endpoints[i].pod.namespace);
  const groups = [...new Set(c.endpoints.map((_, i) => groupOf(i)))].sort();
  const rows = groups.map((ga) =>
    groups
      .map((gb) => {
        const cells: string[] = [];
        m.pods.forEach((_, i) =>
          m.pods.forEach((__, j) => {
            if (groupOf(i) === ga && groupOf(j) === gb && i !== j) cells.push(m.rows[i][j]);
          }),
        );
        if (cells.length === 0) return '1';
        return cells.every((x) => x === '1') ? '1' : cells.every((x) => x === '0') ? '0' : 'p';
      })
      .join(''),
  );
  return { groups, rows };
}

describe('matrix by group: the fixture cluster', () => {
  const c = compile(world());
  const cases: { name: string; by: GroupBy; port: number; from: string; to: string; cell: string }[] = [
    {
      name: 'a workload whose pods differ reaches the db partly (p)',
      by: 'workload',
      port: 5432,
      from: 'deploy:app/web',
      to: 'pod:app/db',
      cell: 'p',
    },
    { name: 'a bare pod that may not reach the db (0)', by: 'workload', port: 5432, from: 'pod:app/api-v1', to: 'pod:app/db', cell: '0' },
    {
      name: 'pods of one workload reach each other when nothing isolates them (1)',
      by: 'workload',
      port: 5432,
      from: 'deploy:app/web',
      to: 'deploy:app/web',
      cell: '1',
    },
    { name: "a lone pod's diagonal is itself (1)", by: 'workload', port: 5432, from: 'pod:app/db', to: 'pod:app/db', cell: '1' },
    { name: 'a namespace with mixed answers inside is p on its diagonal', by: 'namespace', port: 5432, from: 'app', to: 'app', cell: 'p' },
  ];
  for (const k of cases) {
    it(k.name, () => {
      const g = groupMatrix(c, k.port, 'TCP', k.by);
      assert.equal(g.rows[g.groups.indexOf(k.from)][g.groups.indexOf(k.to)], k.cell);
    });
  }

  it('JSON keys follow the contract: port, protocol, groupBy, groups, rows', () => {
    const g = groupMatrix(c, 5432, 'TCP', 'workload');
    assert.deepEqual(Object.keys(g), ['port', 'protocol', 'groupBy', 'groups', 'rows']);
    assert.deepEqual(g.groups, ['deploy:app/batch', 'deploy:app/web', 'pod:app/api-v1', 'pod:app/api-v2', 'pod:app/db']);
    for (const row of g.rows) assert.match(row, /^[01p]{5}$/u);
  });
});

describe('matrix by group agrees with the pod matrix', () => {
  let demo: CompiledSnapshot;
  before(async () => {
    demo = (await loadManifests([DEMO_PATH])).compiled;
  });
  const probes: { port: number; protocol: Protocol }[] = [
    { port: 5432, protocol: 'TCP' },
    { port: 6379, protocol: 'TCP' },
    { port: 8080, protocol: 'TCP' },
    { port: 9090, protocol: 'TCP' },
    { port: 53, protocol: 'UDP' },
  ];
  for (const by of ['workload', 'namespace'] as const) {
    for (const { port, protocol } of probes) {
      it(`fixture and demo clusters, by ${by}, ${protocol}/${port}`, () => {
        for (const c of [compile(world()), demo]) {
          const g = groupMatrix(c, port, protocol, by);
          assert.deepEqual({ groups: g.groups, rows: g.rows }, reference(c, port, protocol, by));
        }
      });
    }
  }
});

describe('matrix by group agrees with the pod matrix on random clusters', () => {
  it('40 seeds, by workload and by namespace, on TCP/80 and UDP/53', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const c = compile(randomSnapshot(seed));
      for (const by of ['workload', 'namespace'] as const) {
        for (const [port, protocol] of [
          [80, 'TCP'],
          [53, 'UDP'],
        ] as const) {
          const g = groupMatrix(c, port, protocol, by);
          assert.deepEqual(
            { groups: g.groups, rows: g.rows },
            reference(c, port, protocol, by),
            `seed ${seed} by ${by} ${protocol}/${port}`,
          );
        }
      }
    }
  });
});
