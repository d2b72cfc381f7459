// The four paths (issue 3), one table row per question on the fixture cluster (paths-fixture.ts):
// pod → Service (named targetPort per backend, EndpointSlices, headless, no backend, a port it does
// not expose), outside → Service (SNAT under Cluster vs the client address under Local,
// loadBalancerSourceRanges), workloads whose pods differ, namespaces, nodes, CIDRs, same pod.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/engine/index.ts';
import type { Protocol } from '../../src/model/types.ts';
import { parseEndpointSpec } from '../../src/query/endpoint-spec.ts';
import { checkPaths } from '../../src/query/paths/check-paths.ts';
import type { Outcome, PathNoteCode, PathsVerdict } from '../../src/query/paths/types.ts';
import { checkAnswerQuery, portsAnswerQuery } from '../../src/query/queries.ts';
import { NotFoundError } from '../../src/query/resolve.ts';
import { world } from './paths-fixture.ts';

const c = compile(world());

interface PathCase {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol?: Protocol;
  readonly outcome: Outcome;
  /** [from, to, port, allowed] of every path, in order. */
  readonly paths: readonly (readonly [string, string, number, boolean])[];
  readonly notes?: readonly PathNoteCode[];
  readonly noNotes?: readonly PathNoteCode[];
  /** Some path's reason or via matches. */
  readonly mentions?: RegExp;
}

function ask(from: string, to: string, port: number, protocol: Protocol = 'TCP'): PathsVerdict {
  return checkPaths(c, parseEndpointSpec(from), parseEndpointSpec(to), port, protocol);
}

function runCases(cases: readonly PathCase[]): void {
  for (const k of cases) {
    it(k.name, () => {
      const a = ask(k.from, k.to, k.port, k.protocol);
      assert.deepEqual(
        a.paths.map((p) => [p.from, p.to, p.port, p.allowed]),
        k.paths,
        JSON.stringify(a.paths.map((p) => p.reason)),
      );
      assert.equal(a.outcome, k.outcome);
      assert.equal(a.allowed, k.outcome === 'allowed');
      assert.equal(a.from, k.from);
      assert.equal(a.to, k.to);
      const codes = a.notes.map((n) => n.code);
      for (const code of k.notes ?? []) assert.ok(codes.includes(code), `note ${code} in [${codes.join(', ')}]`);
      for (const code of k.noNotes ?? []) assert.ok(!codes.includes(code), `no note ${code} in [${codes.join(', ')}]`);
      if (k.mentions)
        assert.ok(
          a.paths.some((p) => k.mentions!.test(`${p.reason ?? ''} ${p.via ?? ''}`)),
          `a path mentions ${k.mentions}`,
        );
      for (const p of a.paths) if (p.verdict) assert.equal(p.verdict.allowed, p.allowed, 'a path is its verdict');
    });
  }
}

describe('paths: pod → Service', () => {
  runCases([
    {
      name: 'a named targetPort lands on 8080 on one backend and 9090 on the other',
      from: 'app/web-a',
      to: 'svc:app/api',
      port: 80,
      outcome: 'allowed',
      paths: [
        ['app/web-a', 'app/api-v1', 8080, true],
        ['app/web-a', 'app/api-v2', 9090, true],
      ],
      notes: ['service-backends'],
      mentions: /service app\/api port 80 → targetPort http \(9090\)/u,
    },
    {
      name: 'a port the Service does not expose is a denied answer',
      from: 'app/web-a',
      to: 'svc:app/api',
      port: 81,
      outcome: 'denied',
      paths: [['app/web-a', 'svc:app/api', 81, false]],
      notes: ['service-port-not-exposed'],
      mentions: /exposes 80\/TCP/u,
    },
    {
      name: 'the right port under another protocol is a protocol mismatch',
      from: 'app/web-a',
      to: 'svc:app/api',
      port: 80,
      protocol: 'UDP',
      outcome: 'denied',
      paths: [['app/web-a', 'svc:app/api', 80, false]],
      notes: ['service-protocol-mismatch'],
    },
    {
      name: 'a Service whose selector matches nothing has no backend',
      from: 'app/web-a',
      to: 'svc:app/empty',
      port: 80,
      outcome: 'denied',
      paths: [['app/web-a', 'svc:app/empty', 80, false]],
      notes: ['service-no-backend'],
    },
    {
      name: 'an ExternalName Service has no cluster backend',
      from: 'app/web-a',
      to: 'svc:app/ext',
      port: 80,
      outcome: 'denied',
      paths: [['app/web-a', 'svc:app/ext', 80, false]],
      notes: ['service-external-name'],
    },
    {
      name: 'a selector-less Service without EndpointSlices has no backend',
      from: 'app/web-a',
      to: 'svc:app/manual',
      port: 80,
      outcome: 'denied',
      paths: [['app/web-a', 'svc:app/manual', 80, false]],
      notes: ['service-no-selector'],
    },
    {
      name: 'a headless Service resolves to the pods on the port given (no targetPort mapping)',
      from: 'app/web-a',
      to: 'svc:app/headless',
      port: 8080,
      outcome: 'partial',
      paths: [
        ['app/web-a', 'app/api-v1', 8080, true],
        ['app/web-a', 'app/api-v2', 8080, false],
      ],
      notes: ['service-headless', 'members-differ'],
    },
    {
      name: 'EndpointSlices decide the backends: a not-ready endpoint gets no traffic',
      from: 'app/web-a',
      to: 'svc:app/sliced',
      port: 80,
      outcome: 'allowed',
      paths: [['app/web-a', 'app/api-v1', 8080, true]],
    },
    {
      name: 'a Service as a source stands for its backends',
      from: 'svc:app/api',
      to: 'app/db',
      port: 5432,
      outcome: 'denied',
      paths: [
        ['app/api-v1', 'app/db', 5432, false],
        ['app/api-v2', 'app/db', 5432, false],
      ],
      notes: ['service-as-source'],
    },
  ]);
});

describe('paths: outside → Service', () => {
  runCases([
    {
      name:
        'NodePort, externalTrafficPolicy Cluster: SNAT to a node address, ' +
        'the ipBlock on the client never matches; only node-local paths pass',
      from: '203.0.113.7',
      to: 'svc:app/api-np',
      port: 30080,
      outcome: 'partial',
      paths: [
        ['node:n1 (192.168.0.1)', 'app/api-v1', 8080, true],
        ['node:n1 (192.168.0.1)', 'app/api-v2', 9090, false],
        ['node:n2 (192.168.0.2)', 'app/api-v1', 8080, false],
        ['node:n2 (192.168.0.2)', 'app/api-v2', 9090, true],
      ],
      notes: ['snat-to-node', 'node-port-entry'],
      noNotes: ['client-ip-preserved'],
      mentions: /SNAT to 192\.168\.0\.2/u,
    },
    {
      name: 'NodePort: --port may name the Service port instead of the nodePort',
      from: '203.0.113.7',
      to: 'svc:app/api-np',
      port: 80,
      outcome: 'partial',
      paths: [
        ['node:n1 (192.168.0.1)', 'app/api-v1', 8080, true],
        ['node:n1 (192.168.0.1)', 'app/api-v2', 9090, false],
        ['node:n2 (192.168.0.2)', 'app/api-v1', 8080, false],
        ['node:n2 (192.168.0.2)', 'app/api-v2', 9090, true],
      ],
    },
    {
      name: 'LoadBalancer, externalTrafficPolicy Local: the client address is kept, the ipBlock admits it on every backend',
      from: '203.0.113.7',
      to: 'svc:app/api-lb',
      port: 80,
      outcome: 'allowed',
      paths: [
        ['203.0.113.7', 'app/api-v1', 8080, true],
        ['203.0.113.7', 'app/api-v2', 9090, true],
      ],
      notes: ['client-ip-preserved', 'source-ranges'],
      noNotes: ['snat-to-node'],
      mentions: /load balancer 198\.51\.100\.80:80 → node n1 keeps the client address/u,
    },
    {
      name: 'loadBalancerSourceRanges drop a client outside them before any policy',
      from: '8.8.8.8',
      to: 'svc:app/api-lb',
      port: 80,
      outcome: 'denied',
      paths: [['8.8.8.8', 'svc:app/api-lb', 80, false]],
      notes: ['source-ranges'],
      mentions: /outside loadBalancerSourceRanges 203\.0\.113\.0\/24/u,
    },
    {
      name: 'the node port of a LoadBalancer skips the source ranges; the policies still deny the client',
      from: '8.8.8.8',
      to: 'svc:app/api-lb',
      port: 30081,
      outcome: 'denied',
      paths: [
        ['8.8.8.8', 'app/api-v1', 8080, false],
        ['8.8.8.8', 'app/api-v2', 9090, false],
      ],
      notes: ['node-port-skips-source-ranges', 'client-ip-preserved'],
    },
    {
      name: 'an externalIP of a ClusterIP Service is reachable from outside on the Service port (Local: the client address is kept)',
      from: '203.0.113.7',
      to: 'svc:app/api-xip',
      port: 80,
      outcome: 'allowed',
      paths: [
        ['203.0.113.7', 'app/api-v1', 8080, true],
        ['203.0.113.7', 'app/api-v2', 9090, true],
      ],
      notes: ['client-ip-preserved'],
      mentions: /^.*external IP 192\.0\.2\.50:80 → /u,
    },
    {
      name: 'a ClusterIP Service is not reachable from outside',
      from: '8.8.8.8',
      to: 'svc:app/api',
      port: 80,
      outcome: 'denied',
      paths: [['8.8.8.8', 'svc:app/api', 80, false]],
      notes: ['not-exposed-outside'],
    },
    {
      name: 'a CIDR is cut at the source ranges: the pieces outside them are dropped, the piece inside reaches every backend',
      from: '0.0.0.0/0',
      to: 'svc:app/api-lb',
      port: 80,
      outcome: 'partial',
      paths: [
        ['0.0.0.0-203.0.112.255', 'svc:app/api-lb', 80, false],
        ['203.0.113.0/24', 'app/api-v1', 8080, true],
        ['203.0.113.0/24', 'app/api-v2', 9090, true],
        ['203.0.114.0-255.255.255.255', 'svc:app/api-lb', 80, false],
      ],
      notes: ['cidr-pieces', 'source-ranges'],
    },
  ]);
});

describe('paths: workloads, namespaces, nodes, CIDRs', () => {
  runCases([
    {
      name: 'a workload covers all its pods and says when they differ',
      from: 'deploy:app/web',
      to: 'app/db',
      port: 5432,
      outcome: 'partial',
      paths: [
        ['app/web-a', 'app/db', 5432, true],
        ['app/web-b', 'app/db', 5432, false],
      ],
      notes: ['members-differ'],
    },
    {
      name: 'a ReplicaSet in the middle of the owner chain names the same pods',
      from: 'rs:app/web-1',
      to: 'app/db',
      port: 5432,
      outcome: 'partial',
      paths: [
        ['app/web-a', 'app/db', 5432, true],
        ['app/web-b', 'app/db', 5432, false],
      ],
    },
    {
      name: 'a workload no pod represents is its template',
      from: 'deploy:app/batch',
      to: 'app/db',
      port: 5432,
      outcome: 'denied',
      paths: [['deploy:app/batch', 'app/db', 5432, false]],
      notes: ['workload-template'],
    },
    {
      name: 'a namespace stands for every endpoint in it (an endpoint paired with itself left out)',
      from: 'ns:app',
      to: 'app/db',
      port: 5432,
      outcome: 'partial',
      paths: [
        ['app/api-v1', 'app/db', 5432, false],
        ['app/api-v2', 'app/db', 5432, false],
        ['app/web-a', 'app/db', 5432, true],
        ['app/web-b', 'app/db', 5432, false],
        ['deploy:app/batch', 'app/db', 5432, false],
      ],
      notes: ['same-endpoint-skipped', 'workload-template'],
    },
    {
      name: 'a node reaches the pods on it (node-local)',
      from: 'node:n1',
      to: 'app/db',
      port: 5432,
      outcome: 'allowed',
      paths: [['node:n1 (192.168.0.1)', 'app/db', 5432, true]],
      notes: ['node-address'],
      mentions: /node-local/u,
    },
    {
      name: 'a node does not reach an isolated pod on another node',
      from: 'node:n2',
      to: 'app/db',
      port: 5432,
      outcome: 'denied',
      paths: [['node:n2 (192.168.0.2)', 'app/db', 5432, false]],
    },
    {
      name: 'a CIDR splits into the pieces the policies tell apart, merged where the answer agrees',
      from: '0.0.0.0/0',
      to: 'app/api-v1',
      port: 8080,
      outcome: 'partial',
      paths: [
        ['0.0.0.0-203.0.112.255', 'app/api-v1', 8080, false],
        ['203.0.113.0/24', 'app/api-v1', 8080, true],
        ['203.0.114.0-255.255.255.255', 'app/api-v1', 8080, false],
      ],
      notes: ['cidr-pieces'],
    },
    {
      name: 'a CIDR inside one piece is a single path',
      from: '203.0.113.128/25',
      to: 'app/api-v2',
      port: 9090,
      outcome: 'allowed',
      paths: [['203.0.113.128/25', 'app/api-v2', 9090, true]],
    },
  ]);

  it('a CIDR path lists the exact CIDRs of its range', () => {
    const a = ask('0.0.0.0/0', 'app/api-v1', 8080);
    assert.deepEqual(a.paths[1].cidrs, ['203.0.113.0/24']);
    assert.deepEqual(a.paths[0].cidrs?.slice(0, 2), ['0.0.0.0/1', '128.0.0.0/2']);
    assert.ok(
      a.paths.every((p) => p.verdict && !['10.1.0.11', '192.168.0.1'].includes(p.verdict.from.name)),
      'samples are never pod or node addresses',
    );
  });
});

describe('paths: answer shapes', () => {
  it('same pod (containers share the network namespace): the engine Verdict, self-traffic', () => {
    const a = checkAnswerQuery(c, parseEndpointSpec('app/api-v1'), parseEndpointSpec('app/api-v1'), 8080, 'TCP');
    assert.equal(a.kind, 'verdict');
    if (a.kind !== 'verdict') return;
    assert.equal(a.verdict.allowed, true);
    assert.equal(a.verdict.override, 'self-traffic');
  });

  it('a pod → pod and an IP → pod query keep the engine Verdict; any other kind is a composite answer', () => {
    const pods = checkAnswerQuery(c, parseEndpointSpec('app/web-a'), parseEndpointSpec('app/db'), 5432, 'TCP');
    const ip = checkAnswerQuery(c, parseEndpointSpec('8.8.8.8'), parseEndpointSpec('app/db'), 5432, 'TCP');
    const node = checkAnswerQuery(c, parseEndpointSpec('node:n1'), parseEndpointSpec('app/db'), 5432, 'TCP');
    assert.deepEqual([pods.kind, ip.kind, node.kind], ['verdict', 'verdict', 'paths']);
  });

  it('composite JSON keys follow the contract', () => {
    const a = ask('app/web-a', 'svc:app/api', 80);
    assert.deepEqual(Object.keys(a), ['allowed', 'outcome', 'from', 'to', 'port', 'protocol', 'paths', 'notes']);
    assert.deepEqual(Object.keys(a.paths[0]), ['from', 'to', 'port', 'allowed', 'reason', 'via', 'verdict']);
  });

  const unknown: [string, string, RegExp][] = [
    ['svc:app/nope', 'app/db', /no Service app\/nope/u],
    ['deploy:app/nope', 'app/db', /no deploy:app\/nope/u],
    ['ns:nope', 'app/db', /no namespace nope/u],
    ['node:nope', 'app/db', /no node nope/u],
  ];
  for (const [from, to, message] of unknown) {
    it(`an unknown ${from.split(':')[0]} is a NotFoundError (bad input), not an answer`, () => {
      assert.throws(
        () => ask(from, to, 80),
        (err: unknown) => err instanceof NotFoundError && message.test(err.message),
      );
    });
  }
});

describe('paths: ports per path', () => {
  it('pod → Service: the Service ports each backend admits, union and intersection', () => {
    const a = portsAnswerQuery(c, parseEndpointSpec('app/web-a'), parseEndpointSpec('svc:app/api'));
    assert.equal(a.kind, 'paths');
    if (a.kind !== 'paths') return;
    assert.deepEqual(
      a.answer.paths.map((p) => [p.from, p.to, p.ports]),
      [
        ['app/web-a', 'app/api-v1', { TCP: [[80, 80]] }],
        ['app/web-a', 'app/api-v2', { TCP: [[80, 80]] }],
      ],
    );
    assert.deepEqual(a.answer.union, { TCP: [[80, 80]] });
    assert.deepEqual(a.answer.intersection, { TCP: [[80, 80]] });
    assert.ok(a.answer.notes.some((n) => n.code === 'service-ports'));
  });

  it('workload → pod: per pod, the union and the intersection differ when the pods do', () => {
    const a = portsAnswerQuery(c, parseEndpointSpec('deploy:app/web'), parseEndpointSpec('app/db'));
    assert.equal(a.kind, 'paths');
    if (a.kind !== 'paths') return;
    assert.deepEqual(
      a.answer.paths.map((p) => [p.from, p.ports]),
      [
        ['app/web-a', { TCP: [[5432, 5432]] }],
        ['app/web-b', {}],
      ],
    );
    assert.deepEqual(a.answer.union, { TCP: [[5432, 5432]] });
    assert.deepEqual(a.answer.intersection, {});
  });

  it('a Service with no backend: no port, and the reason', () => {
    const a = portsAnswerQuery(c, parseEndpointSpec('app/web-a'), parseEndpointSpec('svc:app/empty'));
    assert.equal(a.kind, 'paths');
    if (a.kind !== 'paths') return;
    assert.deepEqual(
      a.answer.paths.map((p) => [p.to, p.ports]),
      [['svc:app/empty', {}]],
    );
    assert.match(a.answer.paths[0].reason ?? '', /no ready backend/u);
  });
});
