// Flow history and snapshot diff in every format their presenters offer, one golden file per case ×
// format under test/render/golden/<kind>/ (test/support/golden.ts; UPDATE_GOLDEN=1 rewrites them).
// The history is the must-show scenario of test/support/history-cluster.ts (a policy change, a
// namespace label change, a rollout) saved at fixed times into a fresh SQLite store, so ids and
// times are the same on every run. Each golden file is checked three ways: the query's answer
// rendered by the presenter, the REST body for that format (GET /v1/history/flow, GET /v1/diff), and
// what `netreach history` / `netreach diff --server` print: both doors render through the one table.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type ClusterResourceName, clusterResource } from '../../src/ingest/cluster/resources.ts';
import { decodeObjects } from '../../src/model/decode.ts';
import { flowDiffQuery, flowHistoryQuery } from '../../src/query/history/queries.ts';
import { type Format, type Presenter, formatsOf, render } from '../../src/render/presenter.ts';
import { PRESENTERS } from '../../src/render/presenters.ts';
import { Store } from '../../src/store/store.ts';
import { runCli } from '../cli/cli-harness.ts';
import { GOLDEN_EXT, golden } from '../support/golden.ts';
import { type ClusterWriter, labelChange, policyChange, rollout, seedShop } from '../support/history-cluster.ts';
import { type TestServer, request, startTestServer } from '../support/http-server.ts';

type Raw = Record<string, unknown>;

/** The scenario's objects in memory, keyed as the API server keys them. */
class MemoryCluster implements ClusterWriter {
  private readonly objects = new Map<string, { resource: ClusterResourceName; object: Raw }>();
  private key(resource: ClusterResourceName, object: Raw): string {
    const m = object.metadata as { namespace?: string; name: string };
    return `${resource} ${m.namespace ?? ''}/${m.name}`;
  }
  add(resource: ClusterResourceName, object: Raw): void {
    this.objects.set(this.key(resource, object), { resource, object });
  }
  update(resource: ClusterResourceName, object: Raw): void {
    this.add(resource, object);
  }
  remove(resource: ClusterResourceName, namespace: string | undefined, name: string): void {
    assert.ok(this.objects.delete(`${resource} ${namespace ?? ''}/${name}`), `no ${resource} ${namespace}/${name}`);
  }
  /** The objects as a cluster source decodes them: list items with their kind and apiVersion put back. */
  snapshot() {
    const objects = [...this.objects.values()].map(({ resource, object }) => {
      const { kind, apiVersion } = clusterResource(resource);
      return { object: { apiVersion, kind, ...object } };
    });
    const decoded = decodeObjects(objects, { source: 'cluster' });
    assert.deepEqual(decoded.diagnostics, []);
    return decoded.snapshot;
  }
}

/** The REST Accept header of each format the history routes negotiate. */
const ACCEPT: Partial<Record<Format, string>> = { json: 'application/json', text: 'text/plain', markdown: 'text/markdown' };

interface Case {
  readonly kind: 'flowHistory' | 'snapshotDiff';
  readonly name: string;
  /** The REST path and query. */
  readonly rest: string;
  /** `netreach …` after the --server URL. */
  readonly cli: readonly string[];
}

const FLOW = { from: 'shop/checkout-aaa-1', to: 'shop/payments-1', port: 8443 };
const CASES: readonly Case[] = [
  {
    kind: 'flowHistory',
    name: 'checkout-payments',
    rest: `/v1/history/flow?from=${FLOW.from}&to=${FLOW.to}&port=${FLOW.port}`,
    cli: ['history', '--from', FLOW.from, '--to', FLOW.to, '--port', String(FLOW.port)],
  },
  {
    kind: 'flowHistory',
    name: 'untouched-since-second',
    rest: `/v1/history/flow?from=other/batch-1&to=${FLOW.to}&port=${FLOW.port}&since=2026-01-01T00:01:00.000Z`,
    cli: ['history', '--from', 'other/batch-1', '--to', FLOW.to, '--port', String(FLOW.port), '--since', '2026-01-01T00:01:00.000Z'],
  },
  { kind: 'snapshotDiff', name: 'first-last', rest: '/v1/diff?base=1&head=4', cli: ['diff', '--base', '1', '--head', '4'] },
  {
    kind: 'snapshotDiff',
    name: 'first-second-by-workload',
    rest: '/v1/diff?base=1&head=2&groupBy=workload',
    cli: ['diff', '--base', '1', '--head', '2', '--group-by', 'workload'],
  },
];

describe('flow history and snapshot diff goldens (every format; query, REST and CLI alike)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netreach-history-golden-'));
  const db = join(dir, 'netreach.db');
  let server: TestServer;

  before(async () => {
    const cluster = new MemoryCluster();
    seedShop(cluster);
    const store = Store.open(db);
    const steps = [() => {}, policyChange, labelChange, rollout];
    steps.forEach((step, i) => {
      step(cluster);
      assert.ok(store.save(cluster.snapshot(), new Date(Date.UTC(2026, 0, 1, 0, i))).created);
    });
    store.close();
    server = await startTestServer({ db });
  });

  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The query's answer, as the REST route computes it from the service's time line. */
  function answerOf(c: Case) {
    const q = Object.fromEntries(new URL(c.rest, 'http://x').searchParams);
    const t = server.service.history();
    if (c.kind === 'flowHistory')
      return flowHistoryQuery(t, { from: q.from, to: q.to, port: Number(q.port), protocol: 'TCP', since: q.since });
    return flowDiffQuery(t, { base: q.base, head: q.head, ...(q.groupBy ? { groupBy: q.groupBy as 'workload' } : {}) });
  }

  for (const c of CASES) {
    const p = PRESENTERS[c.kind] as unknown as Presenter<unknown>;
    for (const format of formatsOf(p)) {
      const file = golden(c.kind, c.name, format);
      test(`${c.kind}/${c.name}.${GOLDEN_EXT[format]}: the presenter's rendering`, () => {
        file.assertRendered(render(p, { value: answerOf(c) }, format));
      });
      test(`${c.kind}/${c.name}.${GOLDEN_EXT[format]}: the REST body`, async () => {
        const accept = ACCEPT[format];
        assert.ok(accept, `REST negotiates ${format}`);
        const res = await request(server.url, 'GET', c.rest, { accept });
        assert.equal(res.status, 200, res.text);
        const expected = file.read();
        // REST sends JSON compact, keys in its response schema's order; the golden file is the
        // presenter's pretty-printed body: the same value.
        if (format === 'json') assert.deepEqual(res.json, JSON.parse(expected));
        else assert.equal(res.text, expected);
      });
      test(`${c.kind}/${c.name}.${GOLDEN_EXT[format]}: netreach ${c.cli[0]} -o ${format}`, async () => {
        const r = await runCli([c.cli[0], '--server', server.url, ...c.cli.slice(1), '-o', format]);
        assert.equal(r.code, 0, r.stderr);
        const expected = file.read();
        // The CLI prints the REST body it fetched, whose keys the route's response schema ordered.
        if (format === 'json') assert.deepEqual(JSON.parse(r.stdout), JSON.parse(expected));
        else assert.equal(r.stdout, expected);
      });
    }
  }
});
