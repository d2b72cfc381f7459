// The network plugin over gRPC, with a real grpc-js client on 127.0.0.1: GetDataplane equals REST's
// GET /v1/dataplane, and the Verdict and Matrix header carry the plugin fields (enforced unset when
// no plugin is recognised, false on flannel; upstream_allowed only when the answer differs).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { status } from '@grpc/grpc-js';
import { type Endpoint, GroupBy, Protocol, type Verdict } from '../../../src/api/grpc/gen/netreach/v1/netreach.ts';
import { DEMO_PATH } from '../../cli/cli-harness.ts';
import { type GrpcTestServer, call, collect, startGrpcTestServer } from '../../support/grpc-server.ts';
import { readText, request } from '../../support/http-server.ts';
import { checkJson, dataplaneJson, impactJson, matrixJson, portsJson } from './rest-shape.ts';

const FLANNEL_PATH = join(import.meta.dirname, '../../../examples/flannel-cluster.yaml');
const pod = (value: string): Endpoint => ({ kind: { $case: 'pod', value } });

async function upload(s: GrpcTestServer, text: string): Promise<number> {
  const r = await request(s.rest.url, 'POST', '/v1/snapshots', { raw: text, type: 'application/yaml' });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

async function verdict(s: GrpcTestServer, from: string, to: string, port: number, snapshot: number): Promise<Verdict> {
  const a = await call(s.client, s.client.check, { from: pod(from), to: pod(to), port, protocol: Protocol.PROTOCOL_TCP, snapshot });
  assert.equal(a.answer?.$case, 'verdict');
  return a.answer.value;
}

describe('gRPC: GetDataplane and the plugin fields of Verdict and Matrix', () => {
  let s: GrpcTestServer;
  let demo: number;
  let flannel: number;
  before(async () => {
    s = await startGrpcTestServer();
  });
  after(async () => s.stop());

  test('GetDataplane before the first snapshot is UNAVAILABLE', async () => {
    await assert.rejects(call(s.client, s.client.getDataplane, {}), (err: { code: number }) => err.code === status.UNAVAILABLE);
  });

  test('GetDataplane on the demo cluster: unknown, none; equal to REST GET /v1/dataplane', async () => {
    demo = await upload(s, readText(DEMO_PATH));
    const report = await call(s.client, s.client.getDataplane, {});
    assert.deepEqual([report.snapshot, report.plugin, report.source], [demo, 'unknown', 'none']);
    const rest = await request(s.rest.url, 'GET', '/v1/dataplane');
    assert.deepEqual(dataplaneJson(report), rest.json);
  });

  test('GetDataplane on a flannel cluster, by snapshot id: detected, not enforced; equal to REST', async () => {
    flannel = await upload(s, readText(FLANNEL_PATH));
    const report = await call(s.client, s.client.getDataplane, { snapshot: flannel });
    assert.deepEqual([report.plugin, report.source, report.enforcement], ['flannel', 'detected', 'not-enforced']);
    assert.ok(report.evidence.length > 0);
    const rest = await request(s.rest.url, 'GET', `/v1/dataplane?snapshot=${flannel}`);
    assert.deepEqual(dataplaneJson(report), rest.json);
    const older = await call(s.client, s.client.getDataplane, { snapshot: demo });
    assert.equal(older.plugin, 'unknown', 'history keeps its own plugin');
  });

  test('GetDataplane of an unknown snapshot is NOT_FOUND', async () => {
    await assert.rejects(
      call(s.client, s.client.getDataplane, { snapshot: 999 }),
      (err: { code: number }) => err.code === status.NOT_FOUND,
    );
  });

  test('Verdict, no plugin recognised: verdict word, enforced unset, no upstream_allowed', async () => {
    const v = await verdict(s, 'default/frontend-1', 'other/intruder', 80, demo);
    assert.deepEqual(
      [v.allowed, v.verdict, v.enforced, v.upstreamAllowed, v.dataplane?.source],
      [false, 'denied', undefined, undefined, 'none'],
    );
    assert.deepEqual(v.deviations, []);
  });

  test('Verdict on flannel, a pair denied upstream: allowed, enforced false, upstream_allowed false', async () => {
    const v = await verdict(s, 'shop/frontend-1', 'shop/db-0', 5432, flannel);
    assert.deepEqual([v.allowed, v.verdict, v.enforced, v.upstreamAllowed], [true, 'allowed', false, false]);
    assert.deepEqual({ ...v.dataplane }, { plugin: 'flannel', name: v.dataplane?.name, enforcement: 'not-enforced', source: 'detected' });
    assert.ok(v.notes.some((n) => n.code === 'not-enforced'));
  });

  const checks: [string, string, string, number][] = [
    ['demo', 'default/frontend-1', 'other/intruder', 80],
    ['demo', 'default/frontend-1', 'default/backend-1', 8080],
    ['flannel', 'shop/frontend-1', 'shop/db-0', 5432],
    ['flannel', 'shop/backend-1', 'shop/db-0', 5432],
  ];
  for (const [cluster, from, to, port] of checks) {
    test(`Check equals REST with the plugin fields: ${cluster} ${from} -> ${to} ${port}`, async () => {
      const snapshot = cluster === 'demo' ? demo : flannel;
      const a = await call(s.client, s.client.check, { from: pod(from), to: pod(to), port, protocol: Protocol.PROTOCOL_TCP, snapshot });
      const rest = await request(s.rest.url, 'POST', '/v1/check', { body: { from: { pod: from }, to: { pod: to }, port, snapshot } });
      assert.equal(rest.status, 200, rest.text);
      assert.deepEqual(checkJson(a), rest.json);
    });
  }

  for (const cluster of ['demo', 'flannel'] as const) {
    test(`Matrix header carries enforced and dataplane, equal to REST (${cluster})`, async () => {
      const snapshot = cluster === 'demo' ? demo : flannel;
      const chunks = await collect(
        s.client.matrix({ port: 80, protocol: Protocol.PROTOCOL_TCP, groupBy: GroupBy.GROUP_BY_POD, namespaces: [], snapshot }),
      );
      const header = chunks[0].chunk?.$case === 'header' ? chunks[0].chunk.value : assert.fail('header first');
      assert.equal(header.enforced, cluster === 'demo' ? undefined : false);
      assert.equal(header.dataplane?.plugin, cluster === 'demo' ? 'unknown' : 'flannel');
      const rest = await request(s.rest.url, 'POST', '/v1/matrix', { body: { port: 80, snapshot } });
      assert.deepEqual(matrixJson(chunks), rest.json);
    });
  }

  test('composite Check, Ports, a grouped Matrix and Impact carry dataplane and enforced, equal to REST (flannel)', async () => {
    const check = await call(s.client, s.client.check, {
      from: pod('shop/frontend-1'),
      to: { kind: { $case: 'namespace', value: 'shop' } },
      port: 5432,
      protocol: Protocol.PROTOCOL_TCP,
      snapshot: flannel,
    });
    assert.equal(check.answer?.$case, 'paths');
    assert.deepEqual([check.answer.value.enforced, check.answer.value.dataplane?.plugin], [false, 'flannel']);
    const restCheck = await request(s.rest.url, 'POST', '/v1/check', {
      body: { from: { pod: 'shop/frontend-1' }, to: { namespace: 'shop' }, port: 5432, snapshot: flannel },
    });
    assert.deepEqual(checkJson(check), restCheck.json);

    for (const to of [pod('shop/db-0'), { kind: { $case: 'namespace', value: 'shop' } } as Endpoint]) {
      const ports = await call(s.client, s.client.ports, { from: pod('shop/frontend-1'), to, snapshot: flannel });
      const restTo = to.kind?.$case === 'pod' ? { pod: to.kind.value } : { namespace: 'shop' };
      const restPorts = await request(s.rest.url, 'POST', '/v1/ports', {
        body: { from: { pod: 'shop/frontend-1' }, to: restTo, snapshot: flannel },
      });
      assert.deepEqual(portsJson(ports), restPorts.json);
      assert.equal(restPorts.json.enforced, false);
    }

    const grouped = await collect(
      s.client.matrix({
        port: 5432,
        protocol: Protocol.PROTOCOL_TCP,
        groupBy: GroupBy.GROUP_BY_NAMESPACE,
        namespaces: [],
        snapshot: flannel,
      }),
    );
    const restGrouped = await request(s.rest.url, 'POST', '/v1/matrix', { body: { port: 5432, groupBy: 'namespace', snapshot: flannel } });
    assert.deepEqual(matrixJson(grouped), restGrouped.json);
    assert.equal(restGrouped.json.enforced, false);

    const impact = await call(s.client, s.client.impact, {
      snapshot: flannel,
      apply: [],
      delete: ['shop/db-default-deny'],
      groupBy: GroupBy.GROUP_BY_POD,
      manifests: '',
    });
    const restImpact = await request(s.rest.url, 'POST', '/v1/impact', { body: { snapshot: flannel, delete: ['shop/db-default-deny'] } });
    assert.equal(restImpact.status, 200, restImpact.text);
    assert.deepEqual(impactJson(impact), restImpact.json);
    assert.deepEqual([impact.enforced, impact.dataplane?.plugin], [false, 'flannel']);
  });

  test('ListSnapshots and GetSnapshot carry each snapshot’s dataplane summary', async () => {
    const list = await call(s.client, s.client.listSnapshots, {});
    assert.deepEqual(
      list.snapshots.map((x) => x.dataplane?.plugin),
      ['flannel', 'unknown'],
    );
    const meta = await call(s.client, s.client.getSnapshot, { id: flannel });
    assert.equal(meta.dataplane?.enforcement, 'not-enforced');
  });
});
