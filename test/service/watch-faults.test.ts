// Watch faults through the whole service (issue 26 items 2-3, issue 17 item 3): the real cluster
// source against the fake API server, a real SQLite file and real HTTP on 127.0.0.1. Each test is
// named after the defect it reproduces: the watcher retrying a resourceVersion the server cannot
// serve, and outages after the first sync that /readyz, /metrics and answers never reported.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { credentials, type Metadata } from '@grpc/grpc-js';
import { ReachabilityClient } from '../../src/api/grpc/gen/netreach/v1/netreach.ts';
import { runServe, type RunningService } from '../../src/process/serve.ts';
import { FakeApiServer, writeKubeconfig } from '../support/fake-apiserver.ts';
import { CORE_WATCHES, namespace, node, pod } from '../ingest/cluster/harness.ts';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => {});
  cleanup = [];
});

const denyIngress = { metadata: { name: 'deny-all', namespace: 'prod' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } };
const allowClient = {
  metadata: { name: 'allow-client', namespace: 'prod' },
  spec: {
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }], ports: [{ port: 8080 }] }],
  },
};

async function start(): Promise<{ fake: FakeApiServer; s: RunningService }> {
  const dir = await mkdtemp(join(tmpdir(), 'netreach-watch-faults-'));
  const fake = await FakeApiServer.start();
  fake.add('namespaces', namespace('prod'));
  fake.add('nodes', node('node-1', '192.168.0.10'));
  fake.add('pods', pod('prod', 'web-1', '10.1.0.1', { app: 'web' }));
  fake.add('pods', pod('prod', 'client-1', '10.1.0.5', { app: 'client' }));
  fake.add('networkpolicies', denyIngress);
  const kubeconfig = await writeKubeconfig(join(dir, 'kubeconfig'), fake.url);
  const s = await runServe({
    kubeconfig,
    db: join(dir, 'netreach.db'),
    listen: { host: '127.0.0.1', port: 0 },
    debounceMs: 20,
    keepSnapshots: 50,
    grpcListen: { host: '127.0.0.1', port: 0 },
    env: {},
    home: dir,
    log: () => {},
    watchBackoff: { initialMs: 20, maxMs: 100 },
  });
  cleanup.push(
    () => rm(dir, { recursive: true, force: true }),
    () => fake.close(),
    () => s.close(),
  );
  await until('first sync', async () => (await get(s, '/readyz')).body.ready === true && (await get(s, '/readyz')).body.stale === false);
  await until('watches open', async () => fake.openWatches() === CORE_WATCHES);
  return { fake, s };
}

async function get(s: RunningService, path: string): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${s.url}${path}`);
  const text = await res.text();
  return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text, headers: res.headers };
}

async function check(s: RunningService): Promise<{ allowed: boolean; headers: Headers }> {
  const res = await fetch(`${s.url}/v1/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: { pod: 'prod/client-1' }, to: { pod: 'prod/web-1' }, port: 8080 }),
  });
  assert.equal(res.status, 200);
  return { allowed: ((await res.json()) as { allowed: boolean }).allowed, headers: res.headers };
}

async function until(what: string, fn: () => Promise<boolean>, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const metric = (text: string, name: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
};

/** While the source fails: /readyz, /metrics and an answer's headers all say stale, since when and why. */
async function assertStale(s: RunningService, reason: RegExp): Promise<string> {
  await until('stale in /readyz', async () => (await get(s, '/readyz')).body.stale === true);
  const ready = (await get(s, '/readyz')).body;
  assert.equal(ready.ready, true, 'the last good snapshot is still served');
  assert.match(ready.staleReason, reason);
  assert.ok(!Number.isNaN(Date.parse(ready.staleSince)), `staleSince ${ready.staleSince}`);
  const metrics = (await get(s, '/metrics')).body as string;
  assert.equal(metric(metrics, 'netreach_source_stale'), 1);
  assert.equal(metric(metrics, 'netreach_source_last_sync_timestamp_seconds'), Date.parse(ready.staleSince) / 1000);
  const answer = await check(s);
  assert.equal(answer.headers.get('netreach-stale'), 'true');
  assert.equal(answer.headers.get('netreach-stale-since'), ready.staleSince);
  const md = await grpcMetadata(s);
  assert.deepEqual([md.get('netreach-stale')[0], md.get('netreach-stale-since')[0]], ['true', ready.staleSince]);
  const streamed = await grpcStreamMetadata(s);
  assert.deepEqual(
    [streamed.get('netreach-stale')[0], streamed.get('netreach-stale-since')[0]],
    ['true', ready.staleSince],
    'a stream carries it too',
  );
  return ready.staleSince;
}

/** The initial metadata of a gRPC answer (ListSnapshots). */
async function grpcMetadata(s: RunningService): Promise<Metadata> {
  const client = new ReachabilityClient(s.grpcAddress!, credentials.createInsecure());
  try {
    return await new Promise<Metadata>((resolve, reject) => {
      const call = client.listSnapshots({}, (err) => err && reject(err));
      call.on('metadata', resolve);
    });
  } finally {
    client.close();
  }
}

/** The initial metadata of a gRPC stream (WatchSnapshots), cancelled once it arrived. */
async function grpcStreamMetadata(s: RunningService): Promise<Metadata> {
  const client = new ReachabilityClient(s.grpcAddress!, credentials.createInsecure());
  try {
    return await new Promise<Metadata>((resolve, reject) => {
      const call = client.watchSnapshots({ includeCurrent: false });
      call.on('metadata', (md: Metadata) => {
        resolve(md);
        call.cancel();
      });
      call.on('error', (err: { code?: number }) => err.code !== 1 && reject(err));
      call.on('data', () => undefined);
    });
  } finally {
    client.close();
  }
}

async function assertFresh(s: RunningService): Promise<void> {
  await until('fresh in /readyz', async () => (await get(s, '/readyz')).body.stale === false);
  assert.equal(metric((await get(s, '/metrics')).body as string, 'netreach_source_stale'), 0);
  const answer = await check(s);
  assert.equal(answer.headers.get('netreach-stale'), 'false');
  assert.equal(answer.headers.get('netreach-stale-since'), null);
  assert.equal((await grpcMetadata(s)).get('netreach-stale')[0], 'false');
  assert.equal((await grpcStreamMetadata(s)).get('netreach-stale')[0], 'false');
}

describe('watch faults after the first sync', () => {
  it('"Too large resource version" (etcd restored from a backup) re-lists instead of retrying the watch forever', async () => {
    const { fake, s } = await start();
    assert.equal((await check(s)).allowed, false, 'denied by deny-all at first');
    // The restored cluster is behind what the watcher saw, and holds a policy it never heard of.
    fake.restoreTo(100);
    fake.add('networkpolicies', allowClient);
    await until('the restored policy is served', async () => (await check(s)).allowed);
    const latest = (await get(s, '/v1/snapshots')).body.snapshots[0];
    assert.equal(latest.counts.policies, 2);
    assert.ok(fake.listRequests.filter((r) => r === 'networkpolicies').length >= 2, 'networkpolicies re-listed');
    await assertFresh(s);
  });

  it('503 from the API server for a while after the first sync is reported as stale, with since when, then fresh again', async () => {
    const { fake, s } = await start();
    assert.equal((await get(s, '/readyz')).body.stale, false);
    fake.startOutage(503);
    const since = await assertStale(s, /503/);
    // Stays stale with the same since while the outage lasts.
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await get(s, '/readyz')).body.staleSince, since);
    fake.endOutage();
    await assertFresh(s);
  });

  it('refused connections after the first sync are reported as stale, with since when, then fresh again', async () => {
    const { fake, s } = await start();
    await fake.stopListening();
    await assertStale(s, /ECONNREFUSED/);
    fake.add('networkpolicies', allowClient);
    await fake.listenAgain();
    await assertFresh(s);
    await until('the change made during the outage is served', async () => (await check(s)).allowed);
  });
});
