// Flow history and snapshot diff against a real SQLite file built by the real watcher path: fake
// API server → cluster source → service → store. A policy change, a label change and a rollout in
// sequence; the history names exactly the right cause for each flip and nothing else, and the diff
// between the first and last snapshots equals impact computed from the two snapshots' objects.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { compile, impact } from '../../src/engine/index.ts';
import type { Snapshot } from '../../src/model/types.ts';
import { impactAnswer } from '../../src/query/impact.ts';
import { runServe, type RunningService } from '../../src/process/serve.ts';
import { FakeApiServer, writeKubeconfig } from '../support/fake-apiserver.ts';
import { credentials, status } from '@grpc/grpc-js';
import { GroupBy, Protocol, ReachabilityClient } from '../../src/api/grpc/gen/netreach/v1/netreach.ts';
import { runCli } from '../cli/cli-harness.ts';
import { call } from '../support/grpc-server.ts';
import { labelChange, policyChange, rollout, seedShop } from '../support/history-cluster.ts';

async function json(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

async function waitForSnapshots(url: string, n: number): Promise<any[]> {
  const deadline = Date.now() + 15000;
  for (;;) {
    const list = (await json(`${url}/v1/snapshots`)).body.snapshots;
    if (list.length >= n) return list;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${n} snapshots (have ${list.length})`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

describe('flow history over the watched history', () => {
  let dir: string;
  let fake: FakeApiServer;
  let s: RunningService;
  let ids: number[];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'netreach-history-'));
    fake = await FakeApiServer.start();
    seedShop(fake);
    const kubeconfig = await writeKubeconfig(join(dir, 'kubeconfig'), fake.url);
    s = await runServe({
      db: join(dir, 'netreach.db'),
      kubeconfig,
      listen: { host: '127.0.0.1', port: 0 },
      grpcListen: { host: '127.0.0.1', port: 0 },
      debounceMs: 150,
      keepSnapshots: 50,
      env: {},
      home: dir,
      log: () => {},
    });
    await waitForSnapshots(s.url, 1);
    let n = 1;
    for (const step of [policyChange, labelChange, rollout]) {
      fake.batch(() => step(fake));
      await waitForSnapshots(s.url, ++n);
    }
    ids = (await waitForSnapshots(s.url, 4)).map((m) => m.id).reverse();
  });

  after(async () => {
    await s?.close();
    await fake?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores one snapshot per change', () => assert.equal(ids.length, 4));

  it('names exactly the right cause for each flip, oldest first, the pod standing in for its workload after the rollout', async () => {
    const res = await json(`${s.url}/v1/history/flow?from=shop/checkout-aaa-1&to=shop/payments-1&port=8443&protocol=TCP`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const changes = res.body.changes.map((c: any) => ({
      snapshot: c.snapshot,
      before: c.before,
      verdict: c.verdict,
      causes: c.causes.map((x: any) => `${x.kind} ${x.namespace ? `${x.namespace}/` : ''}${x.name} ${x.change}`),
    }));
    assert.deepEqual(changes, [
      { snapshot: ids[0], before: null, verdict: 'allowed', causes: [] },
      { snapshot: ids[1], before: 'allowed', verdict: 'denied', causes: ['NetworkPolicy shop/allow-checkout changed'] },
      { snapshot: ids[2], before: 'denied', verdict: 'allowed', causes: ['Namespace shop changed'] },
      { snapshot: ids[3], before: 'allowed', verdict: 'denied', causes: ['Deployment shop/checkout rolled out'] },
    ]);
    const [, policy, label, roll] = res.body.changes;
    assert.equal(policy.causes[0].detail, 'ingress[0].ports: TCP/8443 → TCP/9443');
    assert.equal(label.causes[0].detail, 'labels +trusted=yes');
    assert.match(roll.causes[0].detail, /pods checkout-aaa-1 → checkout-bbb-1; labels app: checkout → checkout-v2/);
    assert.deepEqual(roll.standIns, { from: 'shop/checkout-bbb-1' });
    assert.ok(typeof policy.takenAt === 'string' && !Number.isNaN(Date.parse(policy.takenAt)));
    assert.ok(
      label.rules.some((r: string) => r.startsWith('shop/allow-trusted ingress[0] allows')),
      label.rules.join('\n'),
    );
  });

  it('a flow the changes do not touch has no change after the first snapshot', async () => {
    const res = await json(`${s.url}/v1/history/flow?from=other/batch-1&to=shop/payments-1&port=8443`);
    assert.deepEqual(
      res.body.changes.map((c: any) => [c.before, c.verdict]),
      [[null, 'denied']],
    );
    assert.equal(res.body.snapshots.count, 4);
  });

  it('since/until narrow the range; a bad time is a 400 naming the parameter', async () => {
    const list = (await json(`${s.url}/v1/snapshots`)).body.snapshots.reverse();
    const res = await json(
      `${s.url}/v1/history/flow?from=shop/cart-1&to=shop/payments-1&port=8443&since=${encodeURIComponent(list[2].takenAt)}`,
    );
    assert.equal(res.body.changes[0].snapshot, ids[2]);
    assert.equal(res.body.changes[0].before, null);
    const bad = await json(`${s.url}/v1/history/flow?from=shop/cart-1&to=shop/payments-1&port=8443&since=yesterday`);
    assert.equal(bad.status, 400);
    assert.match(bad.body.detail, /query\.since/);
  });

  it("diff first ↔ last equals impact computed from the two snapshots' objects", async () => {
    const diff = await json(`${s.url}/v1/diff?base=${ids[0]}&head=${ids[3]}`);
    assert.equal(diff.status, 200, JSON.stringify(diff.body));
    const objects = async (id: number) => (await json(`${s.url}/v1/snapshots/${id}/objects`)).body as Snapshot;
    const b = compile(await objects(ids[0]));
    const a = compile(await objects(ids[3]), b);
    const expected = JSON.parse(JSON.stringify(impactAnswer(b, a, impact(b, a))));
    const strip = (flows: any[]) => flows.map(({ port: _port, ...f }) => f);
    assert.deepEqual(strip(diff.body.lost), expected.lost);
    assert.deepEqual(strip(diff.body.gained), expected.gained);
    assert.deepEqual(diff.body.summary, expected.summary);
    assert.ok(
      diff.body.gained.some((f: any) => f.from === 'shop/cart-1' && f.to === 'shop/payments-1' && f.port === 9443),
      JSON.stringify(diff.body.gained),
    );
    assert.deepEqual(
      diff.body.changes.map((c: any) => `${c.kind} ${c.name} ${c.change}`),
      [
        'Namespace shop changed',
        'NetworkPolicy batch-deny created',
        'NetworkPolicy allow-checkout changed',
        'Deployment checkout rolled out',
      ],
    );
  });

  it("diff takes times: base at the first snapshot's time, head defaulting to the latest", async () => {
    const list = (await json(`${s.url}/v1/snapshots`)).body.snapshots.reverse();
    const diff = await json(`${s.url}/v1/diff?base=${encodeURIComponent(list[0].takenAt)}`);
    assert.equal(diff.body.base.id, ids[0]);
    assert.equal(diff.body.head.id, ids[3]);
    const early = await json(`${s.url}/v1/diff?base=2000-01-01T00:00:00Z`);
    assert.equal(early.status, 404);
    assert.match(early.body.detail, /no snapshot was stored at or before/);
  });

  it('netreach history --server prints the changes with their causes; -o json is the REST answer', async () => {
    const text = await runCli(['history', '--server', s.url, '--from', 'shop/checkout-aaa-1', '--to', 'shop/payments-1', '--port', '8443']);
    assert.equal(text.code, 0, text.stderr);
    assert.ok(
      text.stdout.includes(
        `: allowed -> denied\n    because NetworkPolicy shop/allow-checkout changed: ingress[0].ports: TCP/8443 → TCP/9443\n`,
      ),
      text.stdout,
    );
    assert.match(text.stdout, /because Deployment shop\/checkout rolled out/);
    const json = await runCli([
      'history',
      '--server',
      s.url,
      '--from',
      'shop/checkout-aaa-1',
      '--to',
      'shop/payments-1',
      '--port',
      '8443',
      '-o',
      'json',
    ]);
    assert.equal(JSON.parse(json.stdout).changes.length, 4);
    const bad = await runCli(['history', '--server', s.url, '--from', 'shop/checkout-aaa-1', '--to', 'bad:x', '--port', '8443']);
    assert.equal(bad.code, 2);
  });

  it('netreach diff --server --since 1h diffs from the oldest snapshot and says so', async () => {
    const r = await runCli(['diff', '--server', s.url, '--since', '1h', '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /the history starts at snapshot/);
    const body = JSON.parse(r.stdout);
    assert.equal(body.base.id, ids[0]);
    assert.equal(body.head.id, ids[3]);
    const text = await runCli(['diff', '--server', s.url, '--base', String(ids[0]), '--head', String(ids[1])]);
    assert.match(text.stdout, /Changes from snapshot \d+ to \d+:\n {2}NetworkPolicy other\/batch-deny created/);
    assert.equal((await runCli(['diff', '--server', s.url])).code, 2);
  });

  it("gRPC FlowHistory and Diff give REST's answers", async () => {
    const client = new ReachabilityClient(s.grpcAddress!, credentials.createInsecure());
    try {
      const q = 'from=shop/checkout-aaa-1&to=shop/payments-1&port=8443';
      const rest = (await json(`${s.url}/v1/history/flow?${q}`)).body;
      const grpc = await call(client, client.flowHistory, {
        from: 'shop/checkout-aaa-1',
        to: 'shop/payments-1',
        port: 8443,
        protocol: Protocol.PROTOCOL_TCP,
      });
      assert.deepEqual(
        grpc.changes.map((c) => [
          c.snapshot,
          c.before ?? null,
          c.verdict,
          c.causes.map((x) => `${x.kind} ${x.name} ${x.change}: ${x.detail}`),
        ]),
        rest.changes.map((c: any) => [
          c.snapshot,
          c.before,
          c.verdict,
          c.causes.map((x: any) => `${x.kind} ${x.name} ${x.change}: ${x.detail}`),
        ]),
      );
      const restDiff = (await json(`${s.url}/v1/diff?base=${ids[0]}&head=${ids[3]}`)).body;
      const grpcDiff = await call(client, client.diff, {
        base: String(ids[0]),
        head: String(ids[3]),
        groupBy: GroupBy.GROUP_BY_UNSPECIFIED,
      });
      assert.deepEqual(
        grpcDiff.gained.map((f) => [f.from, f.to, f.port]),
        restDiff.gained.map((f: any) => [f.from, f.to, f.port]),
      );
      assert.deepEqual(
        grpcDiff.changes.map((c) => c.name),
        restDiff.changes.map((c: any) => c.name),
      );
      await assert.rejects(
        call(client, client.diff, { base: '999', groupBy: GroupBy.GROUP_BY_UNSPECIFIED }),
        (err: { code?: number }) => err.code === status.NOT_FOUND,
      );
      await assert.rejects(
        call(client, client.flowHistory, { from: 'shop/x', to: 'bad:y', port: 80, protocol: Protocol.PROTOCOL_TCP }),
        (err: { code?: number }) => err.code === status.INVALID_ARGUMENT,
      );
    } finally {
      client.close();
    }
  });
});
