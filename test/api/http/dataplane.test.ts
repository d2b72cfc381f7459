// The network plugin over REST, on real servers on 127.0.0.1: GET /v1/dataplane, and the plugin
// fields of every answer that embeds a Verdict or a matrix (Fastify's serializer drops what a
// response schema does not list, so each one is read back here), snapshot records and readiness.
// Three snapshots: the demo cluster (no plugin recognised: the API's meaning), the demo cluster
// served with `--cni flannel` (nothing enforced), and examples/flannel-cluster.yaml (flannel
// detected from its DaemonSet and ConfigMap).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type RunningServer, startServer } from '../../../src/api/http/server.ts';
import type { CniOverride } from '../../../src/model/dataplane.ts';
import { SnapshotService } from '../../../src/service/snapshots.ts';
import { Store } from '../../../src/store/store.ts';
import { DEMO_PATH } from '../../cli/cli-harness.ts';
import { readText, request } from '../../support/http-server.ts';

const DEMO_YAML = readText(DEMO_PATH);
const FLANNEL_YAML = readText(join(import.meta.dirname, '../../../examples/flannel-cluster.yaml'));
const REPORT_KEYS = [
  'advice',
  'deviations',
  'enforcement',
  'enforcementReason',
  'evidence',
  'name',
  'network',
  'nodeReachesLocalPods',
  'plugin',
  'policies',
  'settings',
  'snapshot',
  'source',
  'sources',
  'undocumented',
  'warnings',
];
/** default/frontend-1 → other/intruder: other's default-deny-ingress denies it under the API's meaning. */
const DENIED_UPSTREAM = { from: { pod: 'default/frontend-1' }, to: { pod: 'other/intruder' }, port: 80 };

interface Server {
  readonly url: string;
  stop(): Promise<void>;
}

/** A REST server over its own store and a snapshot service with the given `--cni` (if any). */
async function serve(cni?: CniOverride): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'netreach-dataplane-'));
  const store = Store.open(join(dir, 'netreach.db'));
  const service = new SnapshotService({ store, sourceLabel: 'test', ...(cni ? { cni } : {}) });
  const server: RunningServer = await startServer({ service, host: '127.0.0.1', port: 0 });
  return {
    url: server.url,
    async stop() {
      await server.close();
      service.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function upload(s: Server, yaml: string): Promise<number> {
  const r = await request(s.url, 'POST', '/v1/snapshots', { raw: yaml, type: 'application/yaml' });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

async function rows(url: string): Promise<{ rows: string[]; json: any }> {
  const r = await request(url, 'POST', '/v1/matrix', { body: { port: 80 } });
  assert.equal(r.status, 200, r.text);
  return { rows: r.json.rows, json: r.json };
}

describe('GET /v1/dataplane and plugin fields: no plugin recognised (demo cluster)', () => {
  let s: Server;
  before(async () => {
    s = await serve();
  });
  after(async () => s.stop());

  test('before the first snapshot: 503 not-ready', async () => {
    const r = await request(s.url, 'GET', '/v1/dataplane');
    assert.equal(r.status, 503);
    assert.equal(r.json.type, 'https://netreach.dev/problems/not-ready');
  });

  test('the report: plugin unknown, source none, every field the schema lists, the snapshot id', async () => {
    const id = await upload(s, DEMO_YAML);
    const r = await request(s.url, 'GET', '/v1/dataplane');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(Object.keys(r.json).sort(), REPORT_KEYS);
    assert.deepEqual([r.json.plugin, r.json.source, r.json.snapshot, r.json.policies], ['unknown', 'none', id, 8]);
    assert.deepEqual(r.json.evidence, []);
    const named = await request(s.url, 'GET', `/v1/dataplane?snapshot=${id}`);
    assert.deepEqual(named.json, r.json);
  });

  test('an unknown snapshot is 404, a bad one 400', async () => {
    assert.equal((await request(s.url, 'GET', '/v1/dataplane?snapshot=99')).status, 404);
    assert.equal((await request(s.url, 'GET', '/v1/dataplane?snapshot=x')).status, 400);
  });

  test('Markdown and text (the `netreach cni` renderings) say so on the first line', async () => {
    const md = await request(s.url, 'GET', '/v1/dataplane', { accept: 'text/markdown' });
    assert.match(md.type, /^text\/markdown/);
    assert.match(md.text.split('\n')[0], /no network plugin recognised/i);
    const text = await request(s.url, 'GET', '/v1/dataplane', { accept: 'text/plain' });
    assert.match(text.type, /^text\/plain/);
    assert.match(text.text.split('\n')[0], /^network plugin: none recognised/);
  });

  test('POST /v1/check JSON carries verdict, enforced (null), dataplane and deviations', async () => {
    const r = await request(s.url, 'POST', '/v1/check', { body: DENIED_UPSTREAM });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.allowed, false);
    assert.equal(r.json.verdict, 'denied');
    assert.equal(r.json.enforced, null);
    assert.deepEqual(r.json.dataplane, {
      plugin: 'unknown',
      name: r.json.dataplane.name,
      enforcement: r.json.dataplane.enforcement,
      source: 'none',
    });
    assert.deepEqual(r.json.deviations, []);
    assert.equal('upstream' in r.json, false, 'upstream only when it differs');
  });

  test('the composite answer keeps the plugin fields of each path verdict', async () => {
    const r = await request(s.url, 'POST', '/v1/check', {
      body: { from: { pod: 'default/frontend-1' }, to: { namespace: 'other' }, port: 80 },
    });
    assert.equal(r.status, 200, r.text);
    const withVerdict = r.json.paths.filter((p: { verdict?: unknown }) => p.verdict);
    assert.ok(withVerdict.length > 0, r.text);
    for (const p of withVerdict)
      assert.deepEqual([typeof p.verdict.verdict, p.verdict.enforced, p.verdict.dataplane.source], ['string', null, 'none']);
  });

  test('matrix JSON carries enforced and dataplane', async () => {
    const { json } = await rows(s.url);
    assert.equal(json.enforced, null);
    assert.equal(json.dataplane.plugin, 'unknown');
    assert.ok(
      json.rows.some((r: string) => r.includes('0')),
      'policies deny some pairs',
    );
  });

  test('snapshot list items, snapshot meta and /readyz carry the dataplane summary', async () => {
    const list = await request(s.url, 'GET', '/v1/snapshots');
    assert.deepEqual(Object.keys(list.json.snapshots[0]).sort(), ['counts', 'dataplane', 'id', 'source', 'takenAt']);
    assert.equal(list.json.snapshots[0].dataplane.plugin, 'unknown');
    const meta = await request(s.url, 'GET', '/v1/snapshots/1');
    assert.deepEqual(meta.json.dataplane, list.json.snapshots[0].dataplane);
    const ready = await request(s.url, 'GET', '/readyz');
    assert.deepEqual(ready.json.dataplane, list.json.snapshots[0].dataplane);
  });
});

describe('plugin fields: the demo cluster served with --cni flannel (nothing enforced)', () => {
  let s: Server;
  before(async () => {
    s = await serve({ plugin: 'flannel', settings: {} });
    await upload(s, DEMO_YAML);
  });
  after(async () => s.stop());

  test('GET /v1/dataplane: flannel, named with --cni, not enforced', async () => {
    const r = await request(s.url, 'GET', '/v1/dataplane');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.json.plugin, r.json.source, r.json.enforcement], ['flannel', 'override', 'not-enforced']);
    assert.ok(
      r.json.evidence.some((e: { kind: string }) => e.kind === 'Override'),
      r.text,
    );
  });

  test('a pair denied upstream: verdict allowed, enforced false, upstream.allowed false, a not-enforced note', async () => {
    const r = await request(s.url, 'POST', '/v1/check', { body: DENIED_UPSTREAM });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.json.allowed, r.json.verdict, r.json.enforced, r.json.upstream], [true, 'allowed', false, { allowed: false }]);
    assert.deepEqual(r.json.dataplane, { plugin: 'flannel', name: r.json.dataplane.name, enforcement: 'not-enforced', source: 'override' });
    assert.ok(
      r.json.notes.some((n: { code: string }) => n.code === 'not-enforced'),
      r.text,
    );
  });

  test('Markdown and text answers of that check: allowed, the not-enforced caveat, the upstream answer', async () => {
    const md = await request(s.url, 'POST', '/v1/check', { body: DENIED_UPSTREAM, accept: 'text/markdown' });
    assert.match(md.type, /^text\/markdown/);
    assert.match(md.text.split('\n')[0], /allowed/i);
    assert.match(md.text, /flannel does not enforce them: this traffic is not restricted/);
    assert.match(md.text, /upstream.*denied/i);
    const text = await request(s.url, 'POST', '/v1/check', { body: DENIED_UPSTREAM, accept: 'text/plain' });
    assert.match(text.text.split('\n')[0], /^ALLOWED/);
    assert.match(text.text, /flannel does not enforce them/);
  });

  const composite: [string, string, object][] = [
    ['check, a side standing for several pods', '/v1/check', { from: { pod: 'default/frontend-1' }, to: { namespace: 'other' }, port: 80 }],
    ['ports, a pod pair', '/v1/ports', { from: { pod: 'default/frontend-1' }, to: { pod: 'other/intruder' } }],
    ['ports, a side standing for several pods', '/v1/ports', { from: { pod: 'default/frontend-1' }, to: { namespace: 'other' } }],
    ['matrix grouped by namespace', '/v1/matrix', { port: 80, groupBy: 'namespace' }],
    ['impact', '/v1/impact', { delete: ['other/default-deny-ingress'] }],
  ];
  for (const [what, path, body] of composite) {
    test(`${what}: dataplane and enforced at the top of the JSON`, async () => {
      const r = await request(s.url, 'POST', path, { body });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual([r.json.dataplane?.plugin, r.json.dataplane?.source, r.json.enforced], ['flannel', 'override', false]);
    });
  }

  test('impact on a plugin that enforces nothing: deleting a deny loses and gains nothing', async () => {
    const r = await request(s.url, 'POST', '/v1/impact', { body: { delete: ['other/default-deny-ingress'] } });
    assert.deepEqual([r.json.summary.lost, r.json.summary.gained], [0, 0]);
  });

  test('matrix: enforced false and every cell 1', async () => {
    const { json } = await rows(s.url);
    assert.equal(json.enforced, false);
    assert.equal(json.dataplane.source, 'override');
    for (const row of json.rows) assert.match(row, /^1+$/);
  });

  test('the stored snapshot and readiness record the override', async () => {
    const list = await request(s.url, 'GET', '/v1/snapshots');
    assert.deepEqual(list.json.snapshots[0].dataplane, {
      plugin: 'flannel',
      name: list.json.snapshots[0].dataplane.name,
      enforcement: 'not-enforced',
      source: 'override',
    });
    const ready = await request(s.url, 'GET', '/readyz');
    assert.deepEqual(ready.json.dataplane, list.json.snapshots[0].dataplane);
  });
});

describe('plugin fields: examples/flannel-cluster.yaml (flannel detected)', () => {
  let s: Server;
  before(async () => {
    s = await serve();
    await upload(s, FLANNEL_YAML);
  });
  after(async () => s.stop());

  test('GET /v1/dataplane: flannel detected from its objects, not enforced, with the evidence', async () => {
    const r = await request(s.url, 'GET', '/v1/dataplane');
    assert.deepEqual([r.json.plugin, r.json.source, r.json.enforcement], ['flannel', 'detected', 'not-enforced']);
    assert.ok(
      r.json.evidence.some((e: { kind: string }) => e.kind === 'DaemonSet'),
      r.text,
    );
    assert.equal(r.json.network.mode, 'vxlan');
  });

  test('the README question: frontend → db on 5432 is allowed here, denied upstream', async () => {
    const r = await request(s.url, 'POST', '/v1/check', {
      body: { from: { pod: 'shop/frontend-1' }, to: { pod: 'shop/db-0' }, port: 5432 },
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      [r.json.verdict, r.json.enforced, r.json.upstream, r.json.dataplane.source],
      ['allowed', false, { allowed: false }, 'detected'],
    );
  });
});
