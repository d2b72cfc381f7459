// gRPC and REST give identical answers on the demo cluster: check, ports, matrix and impact, for
// pods, addresses and composite endpoints, over one snapshot service uploaded through REST.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Endpoint, ImpactRequest } from '../../../src/api/grpc/gen/netreach/v1/netreach.ts';
import { Protocol, GroupBy } from '../../../src/api/grpc/gen/netreach/v1/netreach.ts';
import { DEMO_PATH } from '../../cli/cli-harness.ts';
import { type GrpcTestServer, call, collect, startGrpcTestServer } from '../../support/grpc-server.ts';
import { readText, request } from '../../support/http-server.ts';
import { checkJson, impactJson, matrixJson, portsJson } from './rest-shape.ts';
import { AFTER_FILES, BEFORE_FILES } from '../../cli/impact-head-fixture.ts';

const HEAD_BEFORE = Object.values(BEFORE_FILES);
const HEAD_AFTER = Object.values(AFTER_FILES);

type Rest = Record<string, string>;

function endpoint(rest: Rest): Endpoint {
  const [[key, value]] = Object.entries(rest);
  return { kind: { $case: key, value } as Endpoint['kind'] };
}

const pod = (p: string): Rest => ({ pod: p });

const CHECKS: [Rest, Rest, number, 'TCP' | 'UDP'][] = [
  [pod('default/frontend-1'), pod('default/backend-1'), 80, 'TCP'],
  [pod('default/frontend-1'), pod('default/backend-1'), 8080, 'TCP'],
  [pod('myproject-ns/client'), pod('default/db-0'), 6379, 'TCP'],
  [pod('other/intruder'), pod('default/db-0'), 6379, 'TCP'],
  [pod('monitoring/prometheus'), pod('default/backend-1'), 8080, 'TCP'],
  [{ ip: '203.0.113.7' }, pod('default/db-0'), 6379, 'TCP'],
  [pod('default/backend-1'), pod('default/backend-1'), 53, 'UDP'],
  [pod('myproject-ns/client'), { service: 'default/redis' }, 6379, 'TCP'],
  [{ workload: 'deploy:store/storefront' }, { workload: 'deploy:store/api' }, 8080, 'TCP'],
  [{ cidr: '0.0.0.0/0' }, { service: 'store/storefront' }, 80, 'TCP'],
  [{ node: 'node-a' }, { namespace: 'store' }, 8080, 'TCP'],
];

const PORTS: [Rest, Rest][] = [
  [pod('default/frontend-1'), pod('default/backend-1')],
  [pod('myproject-ns/client'), pod('default/db-0')],
  [{ ip: '203.0.113.7' }, pod('default/db-0')],
  [{ workload: 'deploy:store/storefront' }, { service: 'store/api' }],
  [{ namespace: 'store' }, pod('default/db-0')],
];

const MATRICES: [number, 'TCP' | 'UDP', ('workload' | 'namespace')?, string[]?][] = [
  [80, 'TCP'],
  [6379, 'TCP'],
  [53, 'UDP'],
  [8080, 'TCP', 'workload'],
  [8080, 'TCP', 'namespace'],
  [8080, 'TCP', undefined, ['store', 'default']],
];

const DENY_MONITORING = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'deny', namespace: 'monitoring' },
  spec: { podSelector: {}, policyTypes: ['Ingress'] },
};
const DENY_YAML =
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: ' +
  'monitoring}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n';

/** [name, REST JSON body, gRPC request]. */
const IMPACTS: [string, object, ImpactRequest][] = [
  [
    'apply a default deny',
    { apply: [DENY_MONITORING] },
    { apply: [DENY_MONITORING], delete: [], groupBy: GroupBy.GROUP_BY_UNSPECIFIED, manifests: '' },
  ],
  [
    'apply by workload',
    { apply: [DENY_MONITORING], groupBy: 'workload' },
    { apply: [DENY_MONITORING], delete: [], groupBy: GroupBy.GROUP_BY_WORKLOAD, manifests: '' },
  ],
  [
    'delete a policy',
    { delete: ['other/default-deny-ingress'] },
    { apply: [], delete: ['other/default-deny-ingress'], groupBy: GroupBy.GROUP_BY_POD, manifests: '' },
  ],
  ['the files as text', { apply: [DENY_MONITORING] }, { apply: [], delete: [], groupBy: GroupBy.GROUP_BY_POD, manifests: DENY_YAML }],
  // Whole-state form: every object after the change (a policy absent from head is deleted), against a given base.
  [
    'head against a given base',
    { base: HEAD_BEFORE, head: HEAD_AFTER },
    { apply: [], delete: [], groupBy: GroupBy.GROUP_BY_POD, manifests: '', head: { items: HEAD_AFTER }, base: { items: HEAD_BEFORE } },
  ],
  [
    'head against a given base, by workload',
    { base: HEAD_BEFORE, head: HEAD_AFTER, groupBy: 'workload' },
    { apply: [], delete: [], groupBy: GroupBy.GROUP_BY_WORKLOAD, manifests: '', head: { items: HEAD_AFTER }, base: { items: HEAD_BEFORE } },
  ],
];

const PROTOCOLS = { TCP: Protocol.PROTOCOL_TCP, UDP: Protocol.PROTOCOL_UDP };
const GROUP_BYS = { workload: GroupBy.GROUP_BY_WORKLOAD, namespace: GroupBy.GROUP_BY_NAMESPACE };
const name = (e: Rest) => Object.values(e)[0];

describe('gRPC answers equal REST on the demo cluster', () => {
  let s: GrpcTestServer;
  before(async () => {
    s = await startGrpcTestServer();
    const r = await request(s.rest.url, 'POST', '/v1/snapshots', { raw: readText(DEMO_PATH), type: 'application/yaml' });
    assert.equal(r.status, 201);
  });
  after(async () => s.stop());

  for (const [from, to, port, protocol] of CHECKS) {
    test(`check ${name(from)} -> ${name(to)} ${protocol}/${port}`, async () => {
      const rest = await request(s.rest.url, 'POST', '/v1/check', { body: { from, to, port, protocol } });
      assert.equal(rest.status, 200, rest.text);
      const grpc = await call(s.client, s.client.check, { from: endpoint(from), to: endpoint(to), port, protocol: PROTOCOLS[protocol] });
      assert.deepEqual(checkJson(grpc), rest.json);
    });
  }

  test('a denied check carries the same near miss through both doors', async () => {
    const body = { from: pod('other/intruder'), to: pod('default/db-0'), port: 6379, protocol: 'TCP' };
    const rest = await request(s.rest.url, 'POST', '/v1/check', { body });
    const misses = rest.json.ingress.nearMisses;
    assert.equal(misses.length, 1, rest.text);
    assert.deepEqual(
      misses[0].fails.map((f: { kind: string }) => f.kind),
      ['namespace'],
    );
    const grpc = await call(s.client, s.client.check, {
      from: endpoint(body.from),
      to: endpoint(body.to),
      port: 6379,
      protocol: PROTOCOLS.TCP,
    });
    assert.deepEqual((checkJson(grpc) as { ingress: unknown }).ingress, rest.json.ingress);
  });

  for (const [from, to] of PORTS) {
    test(`ports ${name(from)} -> ${name(to)}`, async () => {
      const rest = await request(s.rest.url, 'POST', '/v1/ports', { body: { from, to } });
      assert.equal(rest.status, 200, rest.text);
      const grpc = await call(s.client, s.client.ports, { from: endpoint(from), to: endpoint(to) });
      assert.deepEqual(portsJson(grpc), rest.json);
    });
  }

  for (const [port, protocol, groupBy, namespaces] of MATRICES) {
    test(`matrix ${protocol}/${port} by ${groupBy ?? 'pod'}${namespaces ? ` in ${namespaces.join(',')}` : ''}`, async () => {
      const rest = await request(s.rest.url, 'POST', '/v1/matrix', {
        body: { port, protocol, ...(groupBy ? { groupBy } : {}), ...(namespaces ? { namespaces } : {}) },
      });
      assert.equal(rest.status, 200, rest.text);
      const chunks = await collect(
        s.client.matrix({
          port,
          protocol: PROTOCOLS[protocol],
          groupBy: groupBy ? GROUP_BYS[groupBy] : GroupBy.GROUP_BY_UNSPECIFIED,
          namespaces: namespaces ?? [],
        }),
      );
      assert.deepEqual(matrixJson(chunks), rest.json);
    });
  }

  for (const [what, body, grpcRequest] of IMPACTS) {
    test(`impact: ${what}`, async () => {
      const rest = await request(s.rest.url, 'POST', '/v1/impact', { body });
      assert.equal(rest.status, 200, rest.text);
      assert.ok(rest.json.summary.lost + rest.json.summary.gained > 0, 'the change changes something');
      const grpc = await call(s.client, s.client.impact, grpcRequest);
      assert.deepEqual(impactJson(grpc), rest.json);
    });
  }

  test('impact: head beside apply, or base without head, is INVALID_ARGUMENT as in REST', async () => {
    const bad: ImpactRequest[] = [
      { apply: [DENY_MONITORING], delete: [], groupBy: GroupBy.GROUP_BY_POD, manifests: '', head: { items: HEAD_AFTER } },
      { apply: [], delete: [], groupBy: GroupBy.GROUP_BY_POD, manifests: '', base: { items: HEAD_BEFORE } },
    ];
    for (const r of bad)
      await assert.rejects(
        call(s.client, s.client.impact, r),
        (e: { code: number; details: string }) => e.code === 3 && /head|base/.test(e.details),
      );
  });
});
