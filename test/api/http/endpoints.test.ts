// Every REST endpoint against a real server on 127.0.0.1 over a real SQLite store, the demo cluster
// uploaded through POST /v1/snapshots.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_PATH } from '../../cli/cli-harness.ts';
import { type TestServer, readText, request, startTestServer } from '../../support/http-server.ts';

const DEMO_YAML = readText(DEMO_PATH);
const POD_A = { pod: 'default/frontend-1' };
const POD_B = { pod: 'default/backend-1' };

describe('REST endpoints on the demo cluster', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(async () => s.stop());

  test('GET /readyz is 503 before the first snapshot, /healthz is 200', async () => {
    const ready = await request(s.url, 'GET', '/readyz');
    assert.equal(ready.status, 503);
    assert.equal(ready.json.ready, false);
    const health = await request(s.url, 'GET', '/healthz');
    assert.deepEqual([health.status, health.json], [200, { status: 'ok' }]);
  });

  test('a query before the first snapshot is 503 not-ready', async () => {
    const r = await request(s.url, 'POST', '/v1/check', { body: { from: POD_A, to: POD_B, port: 80 } });
    assert.equal(r.status, 503);
    assert.equal(r.json.type, 'https://netreach.dev/problems/not-ready');
  });

  test('POST /v1/snapshots with YAML → 201 {id, counts, warnings}', async () => {
    const r = await request(s.url, 'POST', '/v1/snapshots', { raw: DEMO_YAML, type: 'application/yaml' });
    assert.equal(r.status, 201);
    assert.equal(r.json.id, 1);
    assert.equal(r.json.counts.pods, 17);
    assert.deepEqual(r.json.warnings, []);
  });

  test('POST /v1/snapshots?lenient=true with a JSON List → 201, warnings carry the line', async () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'extra' } },
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'p', namespace: 'extra' },
          spec: { podSelector: {}, bogus: 1 },
        },
      ],
    };
    const r = await request(s.url, 'POST', '/v1/snapshots?lenient=true', { raw: JSON.stringify(list, null, 2) });
    assert.equal(r.status, 201);
    assert.equal(r.json.id, 2);
    assert.equal(r.json.partial, true);
    assert.equal(r.json.counts.namespaces, 1); // the policy with an error is left out
    const unknown = r.json.warnings.find((w: { code: string }) => w.code === 'unknown-field');
    assert.ok(unknown, r.text);
    assert.equal(typeof unknown.line, 'number');
  });

  test('GET /v1/snapshots lists newest first', async () => {
    const r = await request(s.url, 'GET', '/v1/snapshots');
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.json.snapshots.map((x: { id: number }) => x.id),
      [2, 1],
    );
    assert.deepEqual(Object.keys(r.json.snapshots[0]).sort(), ['counts', 'dataplane', 'id', 'partial', 'source', 'takenAt']);
    assert.equal(r.json.snapshots[1].source, 'upload');
  });

  test('GET /v1/snapshots/{id} and the diff of two', async () => {
    const one = await request(s.url, 'GET', '/v1/snapshots/1');
    assert.equal(one.status, 200);
    assert.equal(one.json.id, 1);
    assert.equal(one.json.counts.policies, 8);
    const diff = await request(s.url, 'GET', '/v1/snapshots/1/diff/2');
    assert.equal(diff.status, 200);
    assert.deepEqual(
      diff.json.changes.filter((c: { change: string }) => c.change === 'added'),
      [{ kind: 'Namespace', name: 'extra', change: 'added' }],
    );
    assert.ok(diff.json.changes.some((c: { kind: string; change: string }) => c.kind === 'Pod' && c.change === 'removed'));
  });

  test('queries name a snapshot with "snapshot": ID (the latest has no pods)', async () => {
    const latest = await request(s.url, 'POST', '/v1/check', { body: { from: POD_A, to: POD_B, port: 80 } });
    assert.equal(latest.status, 422);
    const first = await request(s.url, 'POST', '/v1/check', { body: { from: POD_A, to: POD_B, port: 80, snapshot: 1 } });
    assert.equal(first.status, 200);
    assert.equal(typeof first.json.allowed, 'boolean');
    assert.equal(first.json.egress.direction, 'Egress');
  });

  test('re-uploading the demo makes it the latest again', async () => {
    const r = await request(s.url, 'POST', '/v1/snapshots', { raw: DEMO_YAML, type: 'application/yaml' });
    assert.equal(r.status, 201);
    const ready = await request(s.url, 'GET', '/readyz');
    assert.equal(ready.status, 200);
    assert.equal(ready.json.ready, true);
    assert.equal(ready.json.snapshotId, r.json.id);
  });

  test('POST /v1/check answers Markdown and plain text for chat: the verdict first', async () => {
    const body = { from: POD_A, to: { pod: 'default/frontend-1' }, port: 80 };
    const md = await request(s.url, 'POST', '/v1/check', { body, accept: 'text/markdown' });
    assert.equal(md.status, 200);
    assert.match(md.type, /^text\/markdown/);
    assert.match(md.text.split('\n')[0], /^✅ \*\*Allowed\*\*/);
    const txt = await request(s.url, 'POST', '/v1/check', { body, accept: 'text/plain' });
    assert.match(txt.type, /^text\/plain/);
    assert.match(txt.text.split('\n')[0], /^ALLOWED {2}default\/frontend-1 -> default\/frontend-1/);
  });

  test('POST /v1/check from an IP endpoint', async () => {
    const r = await request(s.url, 'POST', '/v1/check', { body: { from: { ip: '203.0.113.7' }, to: POD_B, port: 8080, protocol: 'TCP' } });
    assert.equal(r.status, 200);
    assert.equal(r.json.from.kind, 'ip');
  });

  test('POST /v1/ports answers {from, to, ports} (plus the network plugin fields)', async () => {
    const r = await request(s.url, 'POST', '/v1/ports', { body: { from: POD_A, to: POD_A } });
    assert.equal(r.status, 200);
    const { dataplane, enforced, ...rest } = r.json;
    assert.deepEqual(rest, {
      from: 'default/frontend-1',
      to: 'default/frontend-1',
      ports: { TCP: [[1, 65535]], UDP: [[1, 65535]], SCTP: [[1, 65535]] },
    });
    assert.deepEqual([dataplane.source, enforced], ['none', null]);
    const txt = await request(s.url, 'POST', '/v1/ports', { body: { from: POD_A, to: POD_A }, accept: 'text/plain' });
    assert.equal(txt.text, 'default/frontend-1 -> default/frontend-1: all ports (TCP, UDP, SCTP)\n');
  });

  test('POST /v1/matrix: by pod, filtered by namespace, grouped, and as text', async () => {
    const all = await request(s.url, 'POST', '/v1/matrix', { body: { port: 80 } });
    assert.equal(all.status, 200);
    assert.equal(all.json.pods.length, 17);
    const store = await request(s.url, 'POST', '/v1/matrix', { body: { port: 80, namespaces: ['store'] } });
    assert.ok(store.json.pods.length > 0 && store.json.pods.every((p: string) => p.startsWith('store/')));
    for (const [i, p] of store.json.pods.entries()) {
      const row = all.json.pods.indexOf(p);
      assert.equal(store.json.rows[i], store.json.pods.map((q: string) => all.json.rows[row][all.json.pods.indexOf(q)]).join(''));
    }
    const grouped = await request(s.url, 'POST', '/v1/matrix', { body: { port: 80, groupBy: 'namespace' } });
    assert.equal(grouped.json.groupBy, 'namespace');
    assert.ok(grouped.json.groups.includes('store'));
    assert.equal(grouped.json.rows.length, grouped.json.groups.length);
    const txt = await request(s.url, 'POST', '/v1/matrix', { body: { port: 80, namespaces: ['store'] }, accept: 'text/plain' });
    assert.match(txt.text, /^TCP\/80: 1 = the row may open a connection to the column/);
  });

  test('GET /v1/pods/{ns}/{name}/policies lists selecting policies and peer rules', async () => {
    const r = await request(s.url, 'GET', '/v1/pods/default/backend-1/policies');
    assert.equal(r.status, 200);
    assert.equal(r.json.pod, 'default/backend-1');
    assert.ok(r.json.selectedBy.ingress.includes('default/allow-frontend-to-backend'));
    assert.equal(r.json.isolated.ingress, true);
    const frontend = await request(s.url, 'GET', '/v1/pods/default/frontend-1/policies');
    assert.ok(
      frontend.json.peerOf.some(
        (p: { policy: string; direction: string; via: string }) =>
          p.policy === 'default/allow-frontend-to-backend' && p.direction === 'Ingress' && p.via === 'pod-selector',
      ),
      frontend.text,
    );
    const md = await request(s.url, 'GET', '/v1/pods/default/backend-1/policies', { accept: 'text/markdown' });
    assert.match(md.text, /^\*\*`default\/backend-1`\*\*: ingress `default\/allow-frontend-to-backend`/);
  });

  test('GET /v1/exposure lists pods reachable from outside, filtered by namespace', async () => {
    const r = await request(s.url, 'GET', '/v1/exposure');
    assert.equal(r.status, 200);
    assert.ok(r.json.pods.length > 0);
    const store = await request(s.url, 'GET', '/v1/exposure?namespace=store');
    assert.ok(store.json.pods.every((p: { pod: string }) => p.pod.startsWith('store/')));
    for (const p of store.json.pods) for (const f of p.from) assert.ok(f.cidrs.length > 0 && Object.keys(f.ports).length > 0);
    const txt = await request(s.url, 'GET', '/v1/exposure', { accept: 'text/plain' });
    assert.match(txt.text, /^\d+ pod\(s\) reachable from outside the cluster\n/);
  });

  test('POST /v1/lint with YAML and JSON bodies', async () => {
    const broken = readText(DEMO_PATH.replace('demo-cluster.yaml', 'broken-policy.yaml'));
    const r = await request(s.url, 'POST', '/v1/lint', { raw: broken, type: 'application/yaml' });
    assert.equal(r.status, 200);
    assert.equal(r.json.ok, false);
    assert.ok(r.json.diagnostics.length > 0);
    const clean = await request(s.url, 'POST', '/v1/lint', { body: { apiVersion: 'v1', kind: 'List', items: [] } });
    assert.deepEqual(clean.json, { ok: true, diagnostics: [] });
    const txt = await request(s.url, 'POST', '/v1/lint', { raw: broken, type: 'application/yaml', accept: 'text/plain' });
    assert.match(txt.text, /^FAILED: \d+ error\(s\)/);
  });

  test('GET /metrics exposes latency by route and status, snapshot age and objects', async () => {
    const r = await request(s.url, 'GET', '/metrics');
    assert.equal(r.status, 200);
    assert.match(r.text, /netreach_http_request_duration_seconds_bucket\{le="[^"]+",method="POST",route="\/v1\/check",status="200"\}/);
    assert.match(r.text, /netreach_snapshot_age_seconds \d+/);
    assert.match(r.text, /netreach_snapshot_objects\{kind="pods"\} 17/);
    assert.match(r.text, /netreach_watch_restarts_total 0/);
    s.app.metrics.setWatchRestarts(3);
    assert.match((await request(s.url, 'GET', '/metrics')).text, /netreach_watch_restarts_total 3/);
  });

  test('GET /openapi.json serves the document, /docs the interactive page', async () => {
    const doc = await request(s.url, 'GET', '/openapi.json');
    assert.equal(doc.status, 200);
    assert.equal(doc.json.openapi, '3.1.0');
    assert.ok(doc.json.paths['/v1/check'].post);
    const docs = await request(s.url, 'GET', '/docs/');
    assert.equal(docs.status, 200);
    assert.match(docs.type, /^text\/html/);
  });
});
