// Uploads against the real REST server over a real SQLite file: atomic and strict by default, lenient
// on request (marked partial), durable before they are acknowledged, bounded, and stored in a form
// whose diffs list exactly what changed, across a restart too. Issues 25, 26 (1, 4, 5, 7) and 17 (3):
// each test is named after the defect it guards against.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { Store } from '../../../src/store/store.ts';
import { request, startTestServer, type HttpAnswer } from '../../support/http-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'netreach-durability-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let dbs = 0;
const dbPath = () => join(dir, `db-${++dbs}`, 'netreach.db');

const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } });
const pod = (name: string, ip: string, labels: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels },
  spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }] }] },
  status: { phase: 'Running', podIP: ip, podIPs: [{ ip }] },
});
const policy = (name: string, port: number) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace: 'shop' },
  spec: {
    podSelector: { matchLabels: { app: 'db' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port }] }],
  },
});
const BROKEN = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'broken', namespace: 'shop' },
  spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: 'not-a-cidr' } }] }] },
};
const list = (...items: unknown[]) => ({ apiVersion: 'v1', kind: 'List', items });
const cluster = (port = 8080) =>
  list(
    ns('shop'),
    pod('web', '10.0.0.1', { app: 'web' }),
    pod('db', '10.0.0.2', { app: 'db' }),
    policy('db-ingress', port),
    policy('other', 9090),
  );

function assertProblem(r: HttpAnswer, status: number, code: string): void {
  assert.equal(r.status, status, r.text);
  assert.match(r.type, /^application\/problem\+json/);
  assert.equal(r.json.type, `https://netreach.dev/problems/${code}`, r.text);
}

const upload = (url: string, body: unknown, query = '') => request(url, 'POST', `/v1/snapshots${query}`, { body });

describe('uploads are atomic and strict by default (issue 25)', () => {
  test('a List with one broken object: 400 listing its error, nothing stored, the previous snapshot still served', async () => {
    const s = await startTestServer();
    try {
      const first = await upload(s.url, cluster());
      assert.equal(first.status, 201, first.text);
      const r = await upload(s.url, list(...cluster(7070).items, BROKEN));
      assertProblem(r, 400, 'bad-input');
      assert.ok(
        r.json.errors.some((e: { path: string }) => e.path.includes('ipBlock.cidr')),
        r.text,
      );
      assert.match(r.json.detail, /nothing was stored/);
      const snapshots = (await request(s.url, 'GET', '/v1/snapshots')).json.snapshots;
      assert.deepEqual(
        snapshots.map((x: { id: number }) => x.id),
        [first.json.id],
      );
      const ready = (await request(s.url, 'GET', '/readyz')).json;
      assert.equal(ready.snapshotId, first.json.id);
      assert.equal(ready.partial, false);
    } finally {
      await s.stop();
    }
  });

  test(
    '?lenient=true stores what decodes, answers with the warnings and marks the snapshot partial in ' + '/v1/snapshots and /readyz',
    async () => {
      const s = await startTestServer();
      try {
        const r = await upload(s.url, list(...cluster().items, BROKEN), '?lenient=true');
        assert.equal(r.status, 201, r.text);
        assert.equal(r.json.partial, true);
        assert.equal(r.json.counts.policies, 2, 'the broken policy is left out');
        assert.ok(
          r.json.warnings.some((w: { path?: string }) => w.path?.includes('ipBlock.cidr')),
          r.text,
        );
        const listed = (await request(s.url, 'GET', '/v1/snapshots')).json.snapshots;
        assert.deepEqual(
          listed.map((x: { id: number; partial?: boolean }) => [x.id, x.partial]),
          [[r.json.id, true]],
        );
        const ready = await request(s.url, 'GET', '/readyz');
        assert.equal(ready.json.partial, true);
        assert.equal(ready.json.snapshotId, r.json.id);
      } finally {
        await s.stop();
      }
    },
  );

  test('an upload whose every object is skipped never replaces the served cluster (400, lenient too)', async () => {
    const s = await startTestServer();
    try {
      const first = await upload(s.url, cluster());
      for (const query of ['', '?lenient=true']) {
        const r = await upload(s.url, { kind: 'List', items: [{ a: 1 }] }, query);
        assertProblem(r, 400, 'bad-input');
        assert.ok(
          r.json.errors?.some((e: { path: string }) => e.path === 'kind') ?? /no Kubernetes object|could be decoded/.test(r.json.detail),
          r.text,
        );
      }
      assert.equal((await request(s.url, 'GET', '/readyz')).json.snapshotId, first.json.id);
      assert.equal((await request(s.url, 'GET', '/v1/snapshots')).json.snapshots.length, 1);
    } finally {
      await s.stop();
    }
  });

  test('impact refuses a proposed object without kind or apiVersion with a field-path error', async () => {
    const s = await startTestServer();
    try {
      await upload(s.url, cluster());
      const noKind = { apiVersion: 'networking.k8s.io/v1', metadata: { name: 'x', namespace: 'shop' }, spec: { podSelector: {} } };
      const noApiVersion = { kind: 'NetworkPolicy', metadata: { name: 'x', namespace: 'shop' }, spec: { podSelector: {} } };
      for (const [object, field] of [
        [noKind, 'kind'],
        [noApiVersion, 'apiVersion'],
      ] as const) {
        const r = await request(s.url, 'POST', '/v1/impact', { body: { apply: [object] } });
        assertProblem(r, 400, 'bad-input');
        assert.ok(
          r.json.errors.some((e: { path: string }) => e.path === field),
          r.text,
        );
      }
    } finally {
      await s.stop();
    }
  });
});

describe('acknowledged means durable (issue 26.1)', () => {
  test(
    'disk full: 507 problem+json, nothing stored, the served snapshot unchanged, ' +
      '/readyz not ready with the reason, a log line and the failure counter',
    async () => {
      const db = dbPath();
      Store.open(db).close();
      const probe = new Database(db, { readonly: true });
      const pages = probe.pragma('page_count', { simple: true }) as number;
      probe.close();
      const lines: string[] = [];
      // A real SQLite file capped a few pages above its empty schema: SQLITE_FULL from SQLite itself.
      const s = await startTestServer({ db, storeOptions: { maxPageCount: pages + 12 }, log: (l) => lines.push(l) });
      try {
        const first = await upload(s.url, cluster());
        assert.equal(first.status, 201, first.text);
        const big = list(
          ns('shop'),
          ...Array.from({ length: 3000 }, (_, i) => pod(`p-${i}`, `10.1.${i >> 8}.${i & 255}`, { app: `a${i}` })),
        );
        const r = await upload(s.url, big);
        assertProblem(r, 507, 'insufficient-storage');
        assert.match(r.json.detail, /disk full/);
        const snapshots = (await request(s.url, 'GET', '/v1/snapshots')).json.snapshots;
        assert.deepEqual(
          snapshots.map((x: { id: number }) => x.id),
          [first.json.id],
        );
        const ready = await request(s.url, 'GET', '/readyz');
        assert.equal(ready.status, 503);
        assert.equal(ready.json.ready, false);
        assert.equal(ready.json.snapshotId, first.json.id, 'still serving the stored snapshot');
        assert.match(ready.json.storeError, /disk full/);
        assert.ok(
          lines.some((l) => /store write failed: .*disk full.*the served snapshot is unchanged/.test(l)),
          lines.join('\n'),
        );
        assert.match((await request(s.url, 'GET', '/metrics')).text, /^netreach_store_write_failures_total 1$/m);
        const check = await request(s.url, 'POST', '/v1/check', {
          body: { from: { pod: 'shop/web' }, to: { pod: 'shop/db' }, port: 8080 },
        });
        assert.equal(check.status, 200, 'answers keep coming from memory');
        assert.equal(check.json.allowed, true);
      } finally {
        await s.stop();
      }
    },
  );
});

describe('bounded work (issues 26.5, 17.3)', () => {
  test('a snapshot of 10^6 items is refused with 413 before it is decoded, within a stated memory bound', async () => {
    const s = await startTestServer();
    try {
      const before = process.memoryUsage().rss;
      const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: Array.from({ length: 1_000_000 }, () => ({})) });
      const r = await request(s.url, 'POST', '/v1/snapshots', { raw: text });
      assertProblem(r, 413, 'too-large');
      assert.match(r.json.detail, /1000000 objects, more than the 200000 accepted/);
      assert.ok(r.text.length < 2000, 'no per-item echo');
      const grown = (process.memoryUsage().rss - before) / 2 ** 20;
      console.log(
        `10^6 items (${(text.length / 2 ** 20).toFixed(1)} MiB): refused, RSS grew ${grown.toFixed(0)} MiB ` +
          `(client and server in one process)`,
      );
      assert.ok(grown < 1024, `stated bound: under 1 GiB, grew ${grown} MiB`);
    } finally {
      await s.stop();
    }
  });

  test('a configurable item limit: more objects than --max-objects is 413', async () => {
    const s = await startTestServer({ limits: { maxObjects: 3 } });
    try {
      assertProblem(await upload(s.url, cluster()), 413, 'too-large');
    } finally {
      await s.stop();
    }
  });

  test('a body over the size limit: 413 problem+json', async () => {
    const s = await startTestServer({ bodyLimit: 1024 });
    try {
      assertProblem(await upload(s.url, list(...Array.from({ length: 50 }, (_, i) => ns(`n${i}`)))), 413, 'too-large');
    } finally {
      await s.stop();
    }
  });

  const refused: [string, string][] = [
    [
      'a YAML alias bomb (billion laughs)',
      'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c ' +
        '[*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e ' +
        '[*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n',
    ],
    ['deep nesting in YAML flow style', `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`],
    ['deep nesting in JSON', `{"kind":"List","items":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
  ];
  for (const [name, text] of refused) {
    test(`${name}: 400 before it costs memory`, async () => {
      const s = await startTestServer();
      try {
        const type = text.startsWith('{') ? 'application/json' : 'application/yaml';
        const r = await request(s.url, 'POST', '/v1/snapshots', { raw: text, type });
        assertProblem(r, 400, 'bad-input');
        assert.equal((await request(s.url, 'GET', '/v1/snapshots')).json.snapshots.length, 0);
      } finally {
        await s.stop();
      }
    });
  }

  test('YAML larger than its limit: 413 naming JSON as the way to send large snapshots', async () => {
    const s = await startTestServer({ limits: { maxYamlBytes: 1000 } });
    try {
      const yaml = Array.from({ length: 40 }, (_, i) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: n${i}}\n`).join('---\n');
      const r = await request(s.url, 'POST', '/v1/snapshots', { raw: yaml, type: 'application/yaml' });
      assertProblem(r, 413, 'too-large');
      assert.match(r.json.detail, /send JSON/);
    } finally {
      await s.stop();
    }
  });

  test('per-item errors are capped at 100 with the total', async () => {
    const s = await startTestServer();
    try {
      const broken = Array.from({ length: 250 }, (_, i) => ({ ...BROKEN, metadata: { name: `b${i}`, namespace: 'shop' } }));
      const r = await upload(s.url, list(ns('shop'), ...broken));
      assertProblem(r, 400, 'bad-input');
      assert.equal(r.json.errors.length, 100);
      assert.equal(r.json.errorsTotal, 250);
      const lenient = await upload(s.url, list(ns('shop'), ...broken), '?lenient=true');
      assert.equal(lenient.status, 201, lenient.text);
      assert.equal(lenient.json.warnings.length, 100);
      assert.equal(lenient.json.warningsTotal, 250);
    } finally {
      await s.stop();
    }
  });
});

describe('large uploads decode off the event loop (issue 26.5)', () => {
  test(
    'a large upload is decoded on a worker thread: the same answer as inline, ' +
      'errors keep their field paths, /healthz answers meanwhile',
    async () => {
      const s = await startTestServer();
      try {
        const pods = Array.from({ length: 6000 }, (_, i) => pod(`p-${i}`, `10.2.${i >> 8}.${i & 255}`, { app: `a${i % 7}` }));
        const big = list(ns('shop'), ...pods);
        assert.ok(JSON.stringify(big).length > 256 * 1024, 'over the off-thread threshold');
        const pending = upload(s.url, big);
        const health = await request(s.url, 'GET', '/healthz');
        assert.equal(health.status, 200);
        const r = await pending;
        assert.equal(r.status, 201, r.text);
        assert.equal(r.json.counts.pods, 6000);
        const broken = await upload(s.url, list(...big.items, BROKEN));
        assertProblem(broken, 400, 'bad-input');
        assert.ok(
          broken.json.errors.some(
            (e: { path: string; message: string }) => e.path.includes('ipBlock.cidr') && /NetworkPolicy shop\/broken/.test(e.message),
          ),
          broken.text,
        );
      } finally {
        await s.stop();
      }
    },
  );
});

describe('large uploads are written off the event loop (issue 26.5)', () => {
  test(
    'the worker writes on its own connection: acknowledged after its commit, ' +
      'the newest stored is the one served, read back equal after close',
    async () => {
      const db = dbPath();
      const s = await startTestServer({ db });
      let ids: number[];
      try {
        const first = await upload(s.url, cluster());
        assert.equal(first.status, 201, first.text);
        const big = list(
          ns('shop'),
          ...Array.from({ length: 4000 }, (_, i) => pod(`p-${i}`, `10.3.${i >> 8}.${i & 255}`, { app: `a${i % 5}` })),
        );
        assert.ok(JSON.stringify(big).length > 256 * 1024, 'over the off-thread threshold');
        // A small upload while the large one is decoded and written: both stored, ids distinct.
        const [large, small] = await Promise.all([upload(s.url, big), upload(s.url, cluster(9090))]);
        assert.equal(large.status, 201, large.text);
        assert.equal(small.status, 201, small.text);
        ids = [first.json.id, large.json.id, small.json.id];
        assert.equal(new Set(ids).size, 3);
        const ready = await request(s.url, 'GET', '/readyz');
        assert.equal(ready.json.snapshotId, Math.max(...ids), 'commits are served in the order they were stored');
        assert.equal(ready.json.persisted, true);
        assert.equal((await request(s.url, 'GET', `/v1/snapshots/${large.json.id}`)).json.counts.pods, 4000);
      } finally {
        await s.stop();
      }
      const store = Store.open(db, { readonly: true });
      try {
        const large = store.get(ids[1]!)!;
        assert.equal(large.snapshot.pods.length, 4000);
        assert.ok(large.snapshot.pods.some((p) => p.name === 'p-3999'));
        assert.ok(store.storedDelta(ids[1]!), 'its delta against the snapshot before it is recorded');
      } finally {
        store.close();
      }
    },
  );
});

describe('stored content is verified and compared canonically (issues 25, 26.7)', () => {
  test('restart: one policy changed → /v1/snapshots/A/diff/B lists exactly that policy', async () => {
    const db = dbPath();
    const first = await startTestServer({ db });
    const a = (await upload(first.url, cluster(8080))).json.id;
    await first.stop();
    const second = await startTestServer({ db, resume: true });
    try {
      // The same objects with their keys in another order, and one policy's port changed.
      const reordered = cluster(8443).items.map((o) => Object.fromEntries(Object.entries(o as object).reverse()));
      const b = await upload(second.url, list(...reordered));
      assert.equal(b.status, 201, b.text);
      const diff = await request(second.url, 'GET', `/v1/snapshots/${a}/diff/${b.json.id}`);
      assert.deepEqual(diff.json.changes, [{ kind: 'NetworkPolicy', namespace: 'shop', name: 'db-ingress', change: 'changed' }]);
    } finally {
      await second.stop();
    }
  });

  test('an object whose stored content no longer matches its sha256: the snapshot is corrupt, never served as truth', async () => {
    const db = dbPath();
    const first = await startTestServer({ db });
    const good = (await upload(first.url, cluster(8080))).json.id;
    const bad = (await upload(first.url, cluster(9443))).json.id;
    await first.stop();
    const raw = new Database(db);
    // Tamper with the policy only the newest snapshot holds: its body says port 1 now.
    const row = raw
      .prepare(
        `SELECT o.id, o.body FROM objects o JOIN snapshot_objects so ON so.object_id = o.id WHERE ` +
          `so.snapshot_id = ? AND o.kind = 'NetworkPolicy' AND o.name = 'db-ingress'`,
      )
      .get(bad) as { id: number; body: string };
    raw.prepare('UPDATE objects SET body = ? WHERE id = ?').run(row.body.replace('9443', '1'), row.id);
    raw.close();
    const lines: string[] = [];
    const s = await startTestServer({ db, resume: true, log: (l) => lines.push(l) });
    try {
      const ready = await request(s.url, 'GET', '/readyz');
      assert.equal(ready.json.snapshotId, good, 'resumes from the newest intact snapshot');
      assert.match(
        ready.json.storeError,
        /snapshot 2 .* is corrupt: the stored content of NetworkPolicy shop\/db-ingress does not match its sha256/,
      );
      assert.ok(lines.some((l) => /corrupt/.test(l)));
      const r = await request(s.url, 'GET', `/v1/snapshots/${bad}`);
      assertProblem(r, 500, 'corrupt-snapshot');
      const listed = (await request(s.url, 'GET', '/v1/snapshots')).json.snapshots;
      assert.deepEqual(
        listed.map((x: { id: number; corrupt?: boolean }) => [x.id, x.corrupt ?? false]),
        [
          [bad, true],
          [good, false],
        ],
      );
    } finally {
      await s.stop();
    }
  });
});
