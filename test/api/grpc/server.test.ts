// Every Reachability method over a real grpc-js client on 127.0.0.1, the health and reflection
// services, WatchSnapshots seeing a REST upload, and a graceful close.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type ServiceError, credentials, loadPackageDefinition, makeClientConstructor, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { service as healthService } from 'grpc-health-check';
import { GroupBy, Protocol, ReachabilityClient, type SnapshotSummary } from '../../../src/api/grpc/gen/netreach/v1/netreach.ts';
import { runServe } from '../../../src/process/serve.ts';
import { DEMO_PATH } from '../../cli/cli-harness.ts';
import { type GrpcTestServer, call, collect, startGrpcTestServer } from '../../support/grpc-server.ts';
import { readText, request } from '../../support/http-server.ts';

const POLICY_YAML = `apiVersion: v1
kind: Namespace
metadata: {name: extra}
---
apiVersion: v1
kind: Pod
metadata: {name: one, namespace: extra, labels: {app: one}}
spec: {containers: [{name: c, image: x}]}
status: {phase: Running, podIP: 10.9.0.1}
`;

async function upload(s: GrpcTestServer, text: string): Promise<number> {
  const r = await request(s.rest.url, 'POST', '/v1/snapshots', { raw: text, type: 'application/yaml' });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

function healthCheck(port: number, serviceName: string): Promise<string> {
  const Health = makeClientConstructor(healthService, 'Health');
  const client = new Health(`127.0.0.1:${port}`, credentials.createInsecure()) as any;
  return new Promise((resolve, reject) =>
    client.check({ service: serviceName }, (err: ServiceError | null, res: { status: string }) => {
      client.close();
      return err ? reject(err) : resolve(res.status);
    }),
  );
}

function reflectionServices(port: number): Promise<string[]> {
  const proto = loadSync('grpc/reflection/v1/reflection.proto', {
    includeDirs: [join(import.meta.dirname, '../../../node_modules/@grpc/reflection/build/proto')],
  });
  const pkg = loadPackageDefinition(proto) as any;
  const client = new pkg.grpc.reflection.v1.ServerReflection(`127.0.0.1:${port}`, credentials.createInsecure());
  return new Promise((resolve, reject) => {
    const stream = client.ServerReflectionInfo();
    stream.on('data', (res: any) => {
      stream.end();
      client.close();
      resolve(res.listServicesResponse.service.map((s: { name: string }) => s.name).sort());
    });
    stream.on('error', reject);
    stream.write({ listServices: '' });
  });
}

describe('gRPC Reachability methods', () => {
  let s: GrpcTestServer;
  let demoId: number;
  before(async () => {
    s = await startGrpcTestServer({ matrixChunkBytes: 40 });
    demoId = await upload(s, readText(DEMO_PATH));
  });
  after(async () => s.stop());

  test('Check answers a pod pair with the engine verdict', async () => {
    const a = await call(s.client, s.client.check, {
      from: { kind: { $case: 'pod', value: 'other/intruder' } },
      to: { kind: { $case: 'pod', value: 'default/db-0' } },
      port: 6379,
      protocol: Protocol.PROTOCOL_UNSPECIFIED,
    });
    assert.equal(a.answer?.$case, 'verdict');
    assert.equal(a.answer.value.allowed, false);
    assert.equal(a.answer.value.protocol, Protocol.PROTOCOL_TCP, 'UNSPECIFIED means TCP');
  });

  test('Check answers a Service with one path per backend', async () => {
    const a = await call(s.client, s.client.check, {
      from: { kind: { $case: 'pod', value: 'myproject-ns/client' } },
      to: { kind: { $case: 'service', value: 'default/redis' } },
      port: 6379,
      protocol: Protocol.PROTOCOL_TCP,
      snapshot: demoId,
    });
    assert.equal(a.answer?.$case, 'paths');
    assert.ok(a.answer.value.paths.length > 0);
  });

  test('Ports answers port ranges per protocol', async () => {
    const a = await call(s.client, s.client.ports, {
      from: { kind: { $case: 'pod', value: 'myproject-ns/client' } },
      to: { kind: { $case: 'pod', value: 'default/db-0' } },
    });
    assert.equal(a.answer?.$case, 'ranges');
    assert.deepEqual(a.answer.value.ports?.tcp, [{ from: 6379, to: 6379 }]);
  });

  test('Matrix streams a header, then consecutive row batches', async () => {
    const chunks = await collect(
      s.client.matrix({ port: 80, protocol: Protocol.PROTOCOL_TCP, groupBy: GroupBy.GROUP_BY_POD, namespaces: [] }),
    );
    assert.equal(chunks[0].chunk?.$case, 'header');
    const pods = chunks[0].chunk.$case === 'header' ? chunks[0].chunk.value.pods : [];
    const batches = chunks.slice(1).map((c) => (c.chunk?.$case === 'rows' ? c.chunk.value : assert.fail('rows expected')));
    assert.ok(batches.length > 1, 'a 40-byte budget splits the rows into several messages');
    assert.deepEqual(
      batches.map((b) => b.firstRow),
      batches.map((_, i) => batches.slice(0, i).reduce((n, b) => n + b.rows.length, 0)),
    );
    const rows = batches.flatMap((b) => b.rows);
    assert.equal(rows.length, pods.length);
    assert.ok(rows.every((r) => r.length === pods.length && /^[01]+$/.test(r)));
  });

  test('Impact answers the flows a default deny loses, with the deciding policy', async () => {
    const deny = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny', namespace: 'monitoring' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    };
    const a = await call(s.client, s.client.impact, { apply: [deny], delete: [], groupBy: GroupBy.GROUP_BY_WORKLOAD, manifests: '' });
    assert.ok(a.summary && a.summary.lost > 0 && a.summary.lost <= a.lost.length);
    assert.deepEqual(a.summary.changedPolicies, ['monitoring/deny']);
    assert.ok(a.lost.every((f) => f.to.startsWith('monitoring/')));
    assert.deepEqual(a.lost[0].after?.ingress?.isolatedBy, ['monitoring/deny']);
    assert.ok((a.workloads?.lost.length ?? 0) > 0);
  });

  test('ListSnapshots and GetSnapshot mirror REST', async () => {
    const list = await call(s.client, s.client.listSnapshots, {});
    const rest = await request(s.rest.url, 'GET', '/v1/snapshots');
    assert.deepEqual({ snapshots: list.snapshots }, rest.json);
    const meta = await call(s.client, s.client.getSnapshot, { id: demoId });
    const restMeta = await request(s.rest.url, 'GET', `/v1/snapshots/${demoId}`);
    assert.deepEqual(meta, restMeta.json);
    const limited = await call(s.client, s.client.listSnapshots, { limit: 1 });
    assert.equal(limited.snapshots.length, 1);
  });

  test('WatchSnapshots sends the current snapshot, then one message per REST upload', async () => {
    const stream = s.client.watchSnapshots({ includeCurrent: true });
    const seen: SnapshotSummary[] = [];
    const next = (n: number) =>
      new Promise<void>((resolve, reject) => {
        const onData = () => {
          if (seen.length >= n) {
            stream.off('data', onData);
            resolve();
          }
        };
        stream.on('data', onData);
        stream.on('error', reject);
      });
    stream.on('data', (m: SnapshotSummary) => seen.push(m));
    await next(1);
    assert.equal(seen[0].id, demoId);
    const id = await upload(s, POLICY_YAML);
    await next(2);
    assert.deepEqual({ id: seen[1].id, source: seen[1].source, pods: seen[1].counts.pods }, { id, source: 'upload', pods: 1 });
    stream.cancel();
  });
});

describe('gRPC health, reflection and shutdown', () => {
  test('health is NOT_SERVING until a snapshot is served, then SERVING', async () => {
    const s = await startGrpcTestServer();
    try {
      assert.equal(await healthCheck(s.grpc.port, ''), 'NOT_SERVING');
      await upload(s, POLICY_YAML);
      assert.equal(await healthCheck(s.grpc.port, ''), 'SERVING');
      assert.equal(await healthCheck(s.grpc.port, 'netreach.v1.Reachability'), 'SERVING');
    } finally {
      await s.stop();
    }
  });

  test('reflection lists the Reachability and health services', async () => {
    const s = await startGrpcTestServer();
    try {
      assert.deepEqual(await reflectionServices(s.grpc.port), ['grpc.health.v1.Health', 'netreach.v1.Reachability']);
    } finally {
      await s.stop();
    }
  });

  test('close ends open watches with UNAVAILABLE (not OK, which reads as done), drains, and refuses new calls', async () => {
    const s = await startGrpcTestServer({ drainTimeoutMs: 60_000 });
    const stream = s.client.watchSnapshots({ includeCurrent: false });
    const ended = new Promise<number>((resolve) => stream.on('status', (st: { code: number }) => resolve(st.code)));
    stream.on('error', () => {});
    await new Promise((r) => stream.on('metadata', r));
    await s.grpc.close();
    assert.equal(await ended, status.UNAVAILABLE);
    await assert.rejects(call(s.client, s.client.listSnapshots, {}), (err: ServiceError) => err.code === status.UNAVAILABLE);
    await s.stop();
  });

  test('runServe serves gRPC beside REST on the same snapshots', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netreach-grpc-serve-'));
    const running = await runServe({
      manifests: [DEMO_PATH],
      db: join(dir, 'n.db'),
      listen: { host: '127.0.0.1', port: 0 },
      grpcListen: { host: '127.0.0.1', port: 0 },
      debounceMs: 20,
      keepSnapshots: 5,
      env: {},
      home: dir,
      log: () => {},
    });
    const client = new ReachabilityClient(running.grpcAddress!, credentials.createInsecure());
    try {
      const list = await call(client, client.listSnapshots, {});
      assert.equal(list.snapshots[0].id, running.service.current()?.meta.id);
    } finally {
      client.close();
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
