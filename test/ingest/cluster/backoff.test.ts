// Backoff: doubles from initialMs up to maxMs, jittered into [50%, 100%), and starts over on reset.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Backoff, sleep } from '../../../src/ingest/cluster/backoff.ts';

describe('Backoff', () => {
  const delays = (random: number, count: number) => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000 }, () => random);
    return Array.from({ length: count }, () => backoff.next());
  };
  const cases: [string, number, number[]][] = [
    ['no jitter (random → 1) doubles up to the cap', 0.999999, [100, 200, 400, 800, 1000, 1000]],
    ['most jitter (random = 0) halves each delay', 0, [50, 100, 200, 400, 500, 500]],
  ];
  for (const [name, random, expected] of cases) it(name, () => assert.deepEqual(delays(random, 6), expected));

  it('reset starts over from initialMs', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000 }, () => 0.999999);
    backoff.next();
    backoff.next();
    backoff.reset();
    assert.equal(backoff.next(), 100);
  });

  it('sleep ends at once when aborted', async () => {
    const controller = new AbortController();
    const slept = sleep(60_000, controller.signal);
    controller.abort();
    await slept;
  });
});
