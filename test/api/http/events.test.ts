// GET /v1/events: a server-sent event stream; `hello` with the served snapshot, then one `snapshot`
// event per snapshot served; behind the token like every /v1 route; ended when the server closes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_PATH } from '../../cli/cli-harness.ts';
import { readText, request, startTestServer } from '../../support/http-server.ts';

interface Event {
  event: string;
  data: any;
}

/** Reads a fetch body's events; `next(n)` waits for n more (fewer when the stream ends). */
function eventReader(body: ReadableStream<Uint8Array>) {
  const reader = body.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).getReader();
  let buffer = '';
  const queued: Event[] = [];
  return {
    async next(count: number): Promise<Event[]> {
      while (queued.length < count) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) queued.push({ event, data: JSON.parse(data) });
        }
      }
      return queued.splice(0, count);
    },
    cancel: () => reader.cancel(),
  };
}

describe('GET /v1/events', () => {
  test('hello names the served snapshot, then each new snapshot is an event', async () => {
    const s = await startTestServer();
    try {
      const first = await request(s.url, 'POST', '/v1/snapshots', { raw: readText(DEMO_PATH), type: 'application/yaml' });
      const res = await fetch(`${s.url}/v1/events`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
      const events = eventReader(res.body!);
      const hello = await events.next(1);
      assert.deepEqual(hello, [{ event: 'hello', data: { snapshot: first.json.id } }]);
      const second = await request(s.url, 'POST', '/v1/snapshots', {
        raw: `${readText(DEMO_PATH)}\n---\napiVersion: v1\nkind: Namespace\nmetadata: { name: extra }\n`,
        type: 'application/yaml',
      });
      const [event] = await events.next(1);
      assert.equal(event.event, 'snapshot');
      assert.equal(event.data.id, second.json.id);
      assert.equal(event.data.source, 'upload');
      assert.equal(event.data.counts.namespaces, second.json.counts.namespaces);
      // The server's close ends the stream instead of waiting for it.
      await s.stop();
      const rest = await events.next(1);
      assert.deepEqual(rest, []);
    } finally {
      await s.stop();
    }
  });

  test('needs the bearer token when the server has one', async () => {
    const s = await startTestServer({ token: 't0ken' });
    try {
      assert.equal((await fetch(`${s.url}/v1/events`)).status, 401);
      const res = await fetch(`${s.url}/v1/events`, { headers: { authorization: 'Bearer t0ken' } });
      assert.equal(res.status, 200);
      const events = eventReader(res.body!);
      assert.deepEqual(await events.next(1), [{ event: 'hello', data: { snapshot: 0 } }]);
      await events.cancel();
    } finally {
      await s.stop();
    }
  });
});
