// The process side: a real listener on 127.0.0.1, and a graceful close that lets a request in flight
// finish before the port is released.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_PATH } from '../../cli/cli-harness.ts';
import { readText, request, startTestServer } from '../../support/http-server.ts';

describe('REST server lifecycle', () => {
  test('binds 127.0.0.1 on a free port', async () => {
    const s = await startTestServer();
    try {
      assert.equal(s.host, '127.0.0.1');
      assert.ok(s.port > 0);
      assert.equal(s.url, `http://127.0.0.1:${s.port}`);
    } finally {
      await s.stop();
    }
  });

  test('close() drains a request in flight, then refuses new connections', async () => {
    const s = await startTestServer();
    const upload = request(s.url, 'POST', '/v1/snapshots', { raw: readText(DEMO_PATH), type: 'application/yaml' });
    // The upload is on the wire before close starts: wait until the server has seen the request.
    await new Promise<void>((resolve) => s.app.server.once('request', () => resolve()));
    const closed = s.stop();
    const answered = await upload;
    await closed;
    assert.equal(answered.status, 201);
    await assert.rejects(fetch(`${s.url}/healthz`));
  });

  test('close() twice is fine', async () => {
    const s = await startTestServer();
    await s.close();
    await s.close();
    await s.stop();
  });
});
