// Issue 26.5 (one upload blocks the server: a 400k-pod body stalled /healthz for 17.8 s): while a
// large upload is decoded, compiled and written, the real REST server over a real SQLite file keeps
// answering. No timings are asserted: /healthz requests issued after the upload was sent must each
// complete before the upload's own response does, which a server blocked for the upload cannot do.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { request, startTestServer } from '../../support/http-server.ts';

const PODS = 40_000;

function bigCluster(): string {
  const pods = Array.from({ length: PODS }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p-${i}`, namespace: `n${i % 20}`, labels: { app: `a${i % 7}` } },
    spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }] }] },
    status: { phase: 'Running', podIP: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}` },
  }));
  const namespaces = Array.from({ length: 20 }, (_, i) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `n${i}` } }));
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [...namespaces, ...pods] });
}

describe('one upload does not block the server (issue 26.5)', () => {
  test('/healthz requests issued while a 40k-pod upload is processed all answer before the upload does', async () => {
    const s = await startTestServer();
    try {
      const body = bigCluster();
      let uploadDone = false;
      const pending = request(s.url, 'POST', '/v1/snapshots', { raw: body, type: 'application/json' }).finally(() => (uploadDone = true));
      // Let the body reach the server before asking.
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (let i = 0; i < 5; i++) {
        const health = await request(s.url, 'GET', '/healthz');
        assert.equal(health.status, 200);
        assert.equal(uploadDone, false, `healthz #${i + 1} answered only after the upload`);
      }
      const r = await pending;
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.counts.pods, PODS);
    } finally {
      await s.stop();
    }
  });
});
