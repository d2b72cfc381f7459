// ClusterSource with the real @kubernetes/client-node (KubeConfig: server, TLS, auth) against the fake
// API server: snapshots converge to the fake's state through adds, updates, deletes and every fault.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterSource } from '../../../src/ingest/cluster/cluster-source.ts';
import type { Snapshot } from '../../../src/model/types.ts';
import { FakeApiServer, writeKubeconfig } from '../../support/fake-apiserver.ts';
import { CORE_WATCHES, ipBlockPolicy, namespace, pod, podNames, seedSmallCluster, startHarness, waitFor, type Harness } from './harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const hasPods = (h: Harness, names: string[]) => () => JSON.stringify(podNames(h.latest())) === JSON.stringify([...names].sort());

describe('cluster source: first sync', () => {
  it('the first snapshot holds every resource, decoded with kind/apiVersion filled in', async () => {
    const h = (harness = await startHarness({ seed: seedSmallCluster }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    const s = h.latest() as Snapshot;
    assert.equal(h.source.synced, true);
    assert.equal(s.source, 'cluster');
    assert.deepEqual(
      s.namespaces.map((n) => n.name),
      ['prod'],
    );
    assert.deepEqual(podNames(s), ['prod/web-1']);
    assert.deepEqual(s.pods[0]?.ips, ['10.1.0.1']);
    assert.deepEqual(
      s.services.map((x) => x.name),
      ['web'],
    );
    assert.deepEqual(
      s.endpointSlices.map((x) => x.serviceName),
      ['web'],
    );
    assert.deepEqual(
      s.nodes.map((x) => x.internalIPs),
      [['192.168.0.10']],
    );
    assert.deepEqual(
      s.policies.map((x) => x.name),
      ['web-ipblocks'],
    );
    const codes = (h.diagnostics[0] ?? []).map((d) => d.code);
    assert.ok(!codes.includes('missing-kind') && !codes.includes('missing-api-version'), codes.join(','));
    assert.deepEqual(
      (h.diagnostics[0] ?? []).filter((d) => d.severity === 'error'),
      [],
    );
    assert.deepEqual(
      h.events
        .filter((e) => e.type === 'synced')
        .map((e) => e.resource)
        .sort(),
      ['customresourcedefinitions', 'endpointslices', 'felixconfigurations', 'namespaces', 'networkpolicies', 'nodes', 'pods', 'services'],
    );
    assert.equal(s.dataplane, undefined, 'no plugin objects: no evidence');
  });

  it('an empty cluster still makes a first snapshot once every resource is listed', async () => {
    const h = (harness = await startHarness());
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    assert.deepEqual(podNames(h.latest()), []);
  });

  it('lists page by page (limit + continue) and keeps every item', async () => {
    const seed = (fake: FakeApiServer) => {
      fake.add('namespaces', namespace('big'));
      for (let i = 0; i < 1200; i++) fake.add('pods', pod('big', `p-${String(i).padStart(4, '0')}`, `10.8.${i >> 8}.${i & 255}`));
    };
    const h = (harness = await startHarness({ seed }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    assert.equal(h.latest()?.pods.length, 1200);
    assert.equal(h.fake.listRequests.filter((r) => r === 'pods').length, 3);
  });

  it('a pod that is not running is listed as not analysable, not dropped', async () => {
    const seed = (fake: FakeApiServer) => {
      fake.add('namespaces', namespace('prod'));
      fake.add('pods', pod('prod', 'done', '10.1.0.9', {}, 'Succeeded'));
    };
    const h = (harness = await startHarness({ seed }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    assert.deepEqual(
      h.latest()?.notAnalysable.map((n) => `${n.ref.namespace}/${n.ref.name}`),
      ['prod/done'],
    );
  });
});

describe('cluster source: changes', () => {
  it('converges after adds, updates and deletes', async () => {
    const h = (harness = await startHarness({ seed: seedSmallCluster }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    h.fake.add('pods', pod('prod', 'web-2', '10.1.0.2', { app: 'web' }));
    h.fake.update('pods', pod('prod', 'web-1', '10.1.0.1', { app: 'web', tier: 'front' }));
    h.fake.add('namespaces', namespace('dev'));
    h.fake.add('pods', pod('dev', 'api', '10.1.1.1'));
    h.fake.remove('networkpolicies', 'prod', 'web-ipblocks');
    await waitFor('adds', hasPods(h, ['prod/web-1', 'prod/web-2', 'dev/api']));
    await waitFor('policy removed', () => h.latest()?.policies.length === 0);
    assert.deepEqual(h.latest()?.pods.find((p) => p.name === 'web-1')?.labels, { app: 'web', tier: 'front' });
    h.fake.remove('pods', 'prod', 'web-1');
    h.fake.remove('namespaces', undefined, 'dev');
    await waitFor('delete', hasPods(h, ['prod/web-2', 'dev/api']));
    await waitFor('namespace removed', () => !h.latest()?.namespaces.some((n) => n.name === 'dev' && !n.implicit));
  });

  it('ipBlock `except` and rule `from`/`to` survive, from the list and from a watch event', async () => {
    const h = (harness = await startHarness({ seed: seedSmallCluster }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    const peers = () => {
      const policy = h.latest()?.policies[0];
      return { ingress: policy?.ingress[0]?.peers, egress: policy?.egress[0]?.peers };
    };
    assert.deepEqual(peers(), {
      ingress: [{ kind: 'ipBlock', cidr: '10.0.0.0/8', except: ['10.2.0.0/16'] }],
      egress: [{ kind: 'ipBlock', cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] }],
    });
    h.fake.update('networkpolicies', ipBlockPolicy('prod', 'web-ipblocks', ['10.3.0.0/16', '10.4.0.0/16']));
    await waitFor(
      'updated except',
      () =>
        JSON.stringify(peers().ingress?.[0]) ===
        JSON.stringify({ kind: 'ipBlock', cidr: '10.0.0.0/8', except: ['10.3.0.0/16', '10.4.0.0/16'] }),
    );
  });

  for (const delivery of ['one write per event', 'all events in one write'] as const) {
    it(`a burst of 1,000 pod events makes one snapshot (${delivery})`, async () => {
      // A debounce long enough that a loaded machine (the fake shares this process) cannot stretch the
      // burst past the debounce's max wait (5 periods) and split it.
      const h = (harness = await startHarness({ seed: seedSmallCluster, debounceMs: 1000 }));
      await waitFor('first snapshot', () => h.snapshots.length === 1);
      const names = ['prod/web-1'];
      const burst = () => {
        for (let i = 0; i < 1000; i++) {
          h.fake.add('pods', pod('prod', `burst-${i}`, `10.5.${i >> 8}.${i & 255}`));
          names.push(`prod/burst-${i}`);
        }
      };
      if (delivery === 'all events in one write') h.fake.batch(burst);
      else burst();
      await waitFor('burst applied', hasPods(h, names), 10_000);
      // The snapshot holding the whole burst is the second one: the burst made exactly one.
      assert.equal(h.snapshots.length, 2);
    });
  }

  it('an unchanged re-list makes no new snapshot', async () => {
    const h = (harness = await startHarness({ seed: seedSmallCluster }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    h.fake.expireNextWatches(1);
    h.fake.dropWatches();
    await waitFor('six re-lists', () => h.source.stats.relists >= 6);
    h.fake.add('pods', pod('prod', 'after', '10.1.0.3'));
    await waitFor('later change', hasPods(h, ['prod/web-1', 'prod/after']));
    assert.equal(h.snapshots.length, 2);
  });
});

describe('cluster source: faults', () => {
  for (const how of ['dropped mid-stream', 'closed by the server'] as const) {
    it(`a watch ${how} resumes from the last resourceVersion without a re-list`, async () => {
      const h = (harness = await startHarness({ seed: seedSmallCluster }));
      await waitFor('first snapshot', () => h.snapshots.length === 1);
      await waitFor('watches open', () => h.fake.openWatches() === CORE_WATCHES);
      const listsBefore = h.fake.listRequests.length;
      const rvBefore = h.fake.resourceVersion;
      if (how === 'dropped mid-stream') h.fake.dropWatches();
      else h.fake.closeWatches();
      await waitFor('watches reopened', () => h.fake.openWatches() === CORE_WATCHES);
      h.fake.add('pods', pod('prod', 'web-2', '10.1.0.2'));
      await waitFor('converged', hasPods(h, ['prod/web-1', 'prod/web-2']));
      assert.equal(h.fake.listRequests.length, listsBefore);
      assert.ok(h.source.stats.watchRestarts >= 6);
      assert.ok(h.fake.watchRequests.filter((w) => w.resource === 'pods').at(-1)?.resourceVersion === rvBefore);
    });
  }

  for (const mode of ['event', 'http'] as const) {
    it(`a 410 Gone (${mode === 'event' ? 'ERROR status event' : 'HTTP status'}) re-lists and picks up missed changes`, async () => {
      const h = (harness = await startHarness({ seed: seedSmallCluster }));
      await waitFor('first snapshot', () => h.snapshots.length === 1);
      await waitFor('pod watch open', () => h.fake.openWatches('pods') === 1);
      // Changes the client never hears of; then the history is compacted past them.
      h.fake.add('pods', pod('prod', 'missed', '10.1.0.7'), { silent: true });
      h.fake.remove('pods', 'prod', 'web-1', { silent: true });
      h.fake.expireNextWatches(1, mode);
      h.fake.dropWatches();
      await waitFor('converged', hasPods(h, ['prod/missed']));
      assert.ok(h.source.stats.relists >= 1);
      assert.ok(h.events.some((e) => e.type === 'relist'));
    });
  }

  it('a compacted history (watch from a too-old resourceVersion) re-lists', async () => {
    const h = (harness = await startHarness({ seed: seedSmallCluster }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    await waitFor('pod watch open', () => h.fake.openWatches('pods') === 1);
    h.fake.add('pods', pod('prod', 'missed', '10.1.0.7'), { silent: true });
    h.fake.compact();
    h.fake.dropWatches();
    await waitFor('converged', hasPods(h, ['prod/web-1', 'prod/missed']));
    assert.ok(h.source.stats.relists >= 1);
  });

  const malformedLines = [
    ['a truncated JSON line', '{"type":"MODIFIED","object":{"metadata":'],
    ['an event without metadata.name', '{"type":"ADDED","object":{"metadata":{}}}'],
    ['an unknown event type', '{"type":"SURPRISE","object":{}}'],
    ['a line that is not JSON at all', 'garbage'],
  ] as const;
  for (const [name, line] of malformedLines) {
    it(`${name} is counted and reported, and the resource is re-listed`, async () => {
      const h = (harness = await startHarness({ seed: seedSmallCluster }));
      await waitFor('first snapshot', () => h.snapshots.length === 1);
      await waitFor('pod watch open', () => h.fake.openWatches('pods') === 1);
      h.fake.sendMalformed(line, 'pods');
      await waitFor('counted', () => h.source.stats.malformed === 1);
      h.fake.add('pods', pod('prod', 'web-2', '10.1.0.2'));
      await waitFor('converged', hasPods(h, ['prod/web-1', 'prod/web-2']));
      assert.deepEqual(
        h.events.filter((e) => e.type === 'malformed').map((e) => e.resource),
        ['pods'],
      );
      assert.ok(h.events.some((e) => e.type === 'relist' && e.resource === 'pods'));
    });
  }

  it('an event with a resourceVersion lower than the last seen (a lagging or reset API server) is not applied: re-lists', async () => {
    const h = (harness = await startHarness({ seed: seedSmallCluster }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    await waitFor('pod watch open', () => h.fake.openWatches('pods') === 1);
    const listsBefore = h.fake.listRequests.filter((r) => r === 'pods').length;
    const old = {
      type: 'ADDED',
      object: { ...pod('prod', 'ghost', '10.1.0.66'), metadata: { name: 'ghost', namespace: 'prod', resourceVersion: '5' } },
    };
    h.fake.sendMalformed(JSON.stringify(old), 'pods');
    await waitFor('re-listed', () => h.fake.listRequests.filter((r) => r === 'pods').length > listsBefore);
    h.fake.add('pods', pod('prod', 'web-2', '10.1.0.2'));
    await waitFor('converged', hasPods(h, ['prod/web-1', 'prod/web-2']));
    assert.match(h.events.find((e) => e.type === 'error')?.message ?? '', /resourceVersion 5 is lower than/);
  });

  it('a bookmark moves the resourceVersion a resumed watch starts from', async () => {
    const h = (harness = await startHarness({ seed: seedSmallCluster }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    await waitFor('pod watch open', () => h.fake.openWatches('pods') === 1);
    h.fake.add('namespaces', namespace('other'));
    h.fake.sendBookmarks();
    const bookmarked = h.fake.resourceVersion;
    await waitFor('namespace seen', () => h.latest()?.namespaces.some((n) => n.name === 'other') === true);
    h.fake.dropWatches();
    await waitFor('watch reopened', () => h.fake.openWatches('pods') === 1);
    assert.equal(h.fake.watchRequests.filter((w) => w.resource === 'pods').at(-1)?.resourceVersion, bookmarked);
  });

  it('lists failing with 500 are retried until they succeed', async () => {
    const h = (harness = await startHarness({
      seed: (fake) => {
        seedSmallCluster(fake);
        fake.failLists(8);
      },
    }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    assert.equal(h.source.stats.errors, 8);
    assert.equal(h.source.synced, true);
    assert.equal(h.source.lastError, undefined);
    assert.match(h.events.find((e) => e.type === 'error')?.message ?? '', /500 Internal Server Error: etcdserver: request timed out/);
  });

  it('a rejected token is an error with the API server message; nothing is synced', async () => {
    const h = (harness = await startHarness({ seed: seedSmallCluster, token: 'right', kubeconfigToken: 'wrong' }));
    await waitFor('errors', () => h.source.stats.errors >= 6);
    assert.equal(h.source.synced, false);
    assert.equal(h.snapshots.length, 0);
    assert.match(h.source.lastError ?? '', /401 Unauthorized/);
  });

  it('a bearer token from the kubeconfig is sent', async () => {
    const h = (harness = await startHarness({ seed: seedSmallCluster, token: 's3cret' }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    assert.deepEqual(podNames(h.latest()), ['prod/web-1']);
  });
});

describe('cluster source: API server unreachable at start', () => {
  it('keeps retrying and becomes synced once the API server is up', async () => {
    const port = await freePort();
    const dir = await mkdtemp(join(tmpdir(), 'netreach-cluster-'));
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(await writeKubeconfig(join(dir, 'config'), `http://127.0.0.1:${port}`));
    const snapshots: Snapshot[] = [];
    const source = new ClusterSource({
      kubeConfig,
      debounceMs: 20,
      backoff: { initialMs: 10, maxMs: 50 },
      onSnapshot: (s) => snapshots.push(s),
    });
    let fake: FakeApiServer | undefined;
    try {
      source.start();
      await waitFor('connection errors', () => source.stats.errors >= 12);
      assert.equal(source.synced, false);
      assert.match(source.lastError ?? '', /ECONNREFUSED/);
      fake = await FakeApiServer.start({ port });
      seedSmallCluster(fake);
      await waitFor('first snapshot', () => snapshots.length === 1);
      assert.equal(source.synced, true);
      assert.deepEqual(podNames(snapshots[0]), ['prod/web-1']);
    } finally {
      await source.stop();
      await fake?.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('cluster source: stop', () => {
  it('stop() closes every watch and no snapshot follows', async () => {
    const h = (harness = await startHarness({ seed: seedSmallCluster, debounceMs: 50 }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    await waitFor('watches open', () => h.fake.openWatches() === CORE_WATCHES);
    h.fake.add('pods', pod('prod', 'late', '10.1.0.8'));
    await h.source.stop();
    await waitFor('watches closed', () => h.fake.openWatches() === 0);
    const count = h.snapshots.length;
    h.fake.add('pods', pod('prod', 'later', '10.1.0.9'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(h.snapshots.length, count);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
