// The dashboard's pure pieces, in Node: the overview's model from grouped matrices and exposure,
// a pod's workload group, endpoint spellings, and the Markdown the why panel shows.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { endpointFromSpelling, spellingOfGroup } from '../../web/src/endpoints.ts';
import { buildGraph, membership, portsOfInterest } from '../../web/src/graph-data.ts';
import { markdownToHtml } from '../../web/src/md.ts';
import type { GroupMatrix, Objects } from '../../web/src/types.ts';

const pod = (namespace: string, name: string, owner?: { kind: string; name: string }, port = 8080) => ({
  namespace,
  name,
  labels: {},
  containerPorts: [{ containerPort: port, protocol: 'TCP' }],
  ownerReferences: owner ? [{ ...owner, controller: true }] : [],
});
const OBJECTS: Objects = {
  namespaces: [
    { name: 'a', labels: {} },
    { name: 'b', labels: {} },
  ],
  pods: [
    pod('a', 'web-rs1-x', { kind: 'ReplicaSet', name: 'web-rs1' }),
    pod('a', 'web-rs1-y', { kind: 'ReplicaSet', name: 'web-rs1' }),
    pod('b', 'db-0', { kind: 'StatefulSet', name: 'db' }, 5432),
    pod('b', 'bare'),
  ],
  workloads: [
    { kind: 'ReplicaSet', namespace: 'a', name: 'web-rs1', ownerReferences: [{ kind: 'Deployment', name: 'web', controller: true }] },
    { kind: 'Deployment', namespace: 'a', name: 'web', ownerReferences: [] },
    { kind: 'StatefulSet', namespace: 'b', name: 'db', ownerReferences: [] },
  ],
  policies: [],
};
const GROUPS = ['deploy:a/web', 'pod:b/bare', 'sts:b/db'];
const matrix = (port: number, rows: string[]): GroupMatrix => ({ port, protocol: 'TCP', groupBy: 'workload', groups: GROUPS, rows });

describe('overview model', () => {
  test('pods join their top controller (Pod → ReplicaSet → Deployment), bare pods stand alone', () => {
    assert.deepEqual(
      [...membership(OBJECTS, GROUPS)],
      [
        ['deploy:a/web', ['a/web-rs1-x', 'a/web-rs1-y']],
        ['pod:b/bare', ['b/bare']],
        ['sts:b/db', ['b/db-0']],
      ],
    );
  });

  test('ports of interest: the most common container ports first', () => {
    assert.deepEqual(portsOfInterest(OBJECTS), ['TCP/8080', 'TCP/5432']);
  });

  const cases: { name: string; matrices: GroupMatrix[]; edges: [string, string, string[], boolean][] }[] = [
    { name: 'nothing allowed: no edges', matrices: [matrix(80, ['100', '010', '001'])], edges: [] },
    {
      name: 'the diagonal is never an edge',
      matrices: [matrix(80, ['111', '010', '001'])],
      edges: [
        ['deploy:a/web', 'pod:b/bare', ['TCP/80'], false],
        ['deploy:a/web', 'sts:b/db', ['TCP/80'], false],
      ],
    },
    {
      name: 'ports of one pair are aggregated',
      matrices: [matrix(80, ['001', '000', '000']), matrix(443, ['001', '000', '000'])],
      edges: [['deploy:a/web', 'sts:b/db', ['TCP/80', 'TCP/443'], false]],
    },
    {
      name: 'a partial cell is an edge marked partial',
      matrices: [matrix(80, ['00p', '000', '000'])],
      edges: [['deploy:a/web', 'sts:b/db', ['TCP/80'], true]],
    },
    { name: 'an unknown cell is not drawn as allowed', matrices: [matrix(80, ['00?', '000', '000'])], edges: [] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const g = buildGraph(c.matrices, undefined, membership(OBJECTS, GROUPS));
      assert.deepEqual(
        g.edges.map((e) => [e.source, e.target, e.ports, e.partial]),
        c.edges,
      );
      assert.deepEqual(g.namespaces, ['a', 'b']);
    });
  }

  test('exposed pods make their group exposed and an edge from a CIDR node', () => {
    const exposure = {
      snapshot: 1,
      pods: [{ pod: 'b/db-0', from: [{ cidrs: ['0.0.0.0/0', '::/0'], ports: { TCP: [[5432, 5432]] as [number, number][] } }] }],
    };
    const g = buildGraph([matrix(80, ['100', '010', '001'])], exposure, membership(OBJECTS, GROUPS));
    assert.deepEqual(
      g.nodes.filter((n) => n.exposed).map((n) => n.id),
      ['sts:b/db'],
    );
    assert.deepEqual(
      g.edges.map((e) => [e.source, e.target, e.ports]),
      [['cidr:0.0.0.0/0, ::/0', 'sts:b/db', ['TCP/5432']]],
    );
  });
});

describe('endpoint spellings', () => {
  const table: [string, Record<string, string>][] = [
    ['default/db-0', { pod: 'default/db-0' }],
    ['svc:default/redis', { service: 'default/redis' }],
    ['deploy:store/api', { workload: 'deploy:store/api' }],
    ['ds:monitoring/node-exporter', { workload: 'ds:monitoring/node-exporter' }],
    ['ns:other', { namespace: 'other' }],
    ['node:node-a', { node: 'node-a' }],
    ['203.0.113.7', { ip: '203.0.113.7' }],
    ['10.0.0.0/8', { cidr: '10.0.0.0/8' }],
    ['2001:db8::/32', { cidr: '2001:db8::/32' }],
  ];
  for (const [text, endpoint] of table) test(text, () => assert.deepEqual(endpointFromSpelling(text), endpoint));
  test('graph groups as spellings', () => {
    assert.equal(spellingOfGroup('pod:default/db-0', 'workload'), 'default/db-0');
    assert.equal(spellingOfGroup('deploy:store/api', 'workload'), 'deploy:store/api');
    assert.equal(spellingOfGroup('default', 'namespace'), 'ns:default');
  });
});

describe('markdown of the why panel', () => {
  test('tables, code, bold and the notes list; HTML in the answer is escaped', () => {
    const html = markdownToHtml(
      '**Allowed**: `a` → `b`\n\n| Direction | By |\n|---|---|\n| Ingress | `p` rule #0 ' + '|\n\n> - _code_: <script>\n',
    );
    assert.equal(
      html,
      '<p><strong>Allowed</strong>: <code>a</code> → ' +
        '<code>b</code></p>\n<table><thead><tr><th>Direction</th><th>By</th></tr></thead><tbody>\n<tr><td>Ingress</td><td><code>p</code> ' +
        'rule #0</td></tr>\n</tbody></table>\n<ul>\n<li><em>code</em>: &lt;script&gt;</li>\n</ul>',
    );
  });
});
