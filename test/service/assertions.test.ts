// `netreach serve --assertions`: evaluated on every snapshot of the real watcher path (fake API
// server → cluster source → service → SQLite). /metrics shows the one failing assertion as 1, and it
// flips to 0 when the fixing policy arrives through the watch; GET /v1/assertions says since when,
// with the deciding rules; each change of state is logged.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseAssertions } from '../../src/query/assertions/parse.ts';
import { runServe, type RunningService } from '../../src/process/serve.ts';
import { ASSERTIONS_YAML, allowMetrics, seedAssertionsCluster } from '../support/assertions-cluster.ts';
import { FakeApiServer, writeKubeconfig } from '../support/fake-apiserver.ts';

async function metric(url: string, name: string): Promise<string | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return new RegExp(`^netreach_assertion_failing\\{name="${name}"\\} (\\d)$`, 'm').exec(text)?.[1];
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 15000;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

describe('serve --assertions', () => {
  let dir: string;
  let fake: FakeApiServer;
  let s: RunningService;
  const lines: string[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'netreach-assertions-'));
    fake = await FakeApiServer.start();
    seedAssertionsCluster(fake);
    const kubeconfig = await writeKubeconfig(join(dir, 'kubeconfig'), fake.url);
    const assertions = parseAssertions(ASSERTIONS_YAML, 'assertions.yaml');
    s = await runServe({
      db: join(dir, 'n.db'),
      kubeconfig,
      listen: { host: '127.0.0.1', port: 0 },
      debounceMs: 50,
      keepSnapshots: 50,
      env: {},
      home: dir,
      log: (l) => lines.push(l),
      assertions,
    });
    await waitFor('first sync', async () => ((await fetch(`${s.url}/readyz`)).status === 200 ? true : undefined));
  });

  after(async () => {
    await s?.close();
    await fake?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the one failing assertion as 1 and the others as 0, and flips to 0 when the fix arrives through the watch', async () => {
    assert.equal(await metric(s.url, 'checkout-scrapes-payments'), '1');
    assert.equal(await metric(s.url, 'checkout-to-payments'), '0');
    assert.equal(await metric(s.url, 'payments-isolated'), '0');
    const report = await (await fetch(`${s.url}/v1/assertions`)).json();
    assert.equal(report.configured, true);
    assert.equal(report.failing, 1);
    const failing = report.assertions.find((a: any) => a.status === 'failing');
    assert.equal(failing.name, 'checkout-scrapes-payments');
    assert.deepEqual(failing.rules, [
      'payments/allow-checkout isolates (ingress), no rule admits',
      'payments/default-deny isolates (ingress), no rule admits',
    ]);
    const firstSnapshot = failing.sinceSnapshot;
    assert.ok(
      lines.some((l) => /assertion checkout-scrapes-payments is failing \(snapshot \d+\): expected allowed, got denied/.test(l)),
      lines.join('\n'),
    );

    fake.add('networkpolicies', allowMetrics);
    await waitFor('the fix to be evaluated', async () => ((await metric(s.url, 'checkout-scrapes-payments')) === '0' ? true : undefined));
    const after = await (await fetch(`${s.url}/v1/assertions`)).json();
    assert.equal(after.failing, 0);
    const fixed = after.assertions.find((a: any) => a.name === 'checkout-scrapes-payments');
    assert.equal(fixed.status, 'passing');
    assert.ok(fixed.sinceSnapshot > firstSnapshot, 'since: the snapshot the fix arrived in');
    assert.deepEqual(fixed.rules, ['payments/allow-metrics ingress[0] allows']);
    const unchanged = after.assertions.find((a: any) => a.name === 'checkout-to-payments');
    assert.equal(unchanged.sinceSnapshot, firstSnapshot, 'an assertion that kept its state keeps its since');
    assert.ok(
      lines.some((l) => /assertion checkout-scrapes-payments now passing/.test(l)),
      lines.join('\n'),
    );
    assert.equal(
      lines.filter((l) => /assertion checkout-to-payments/.test(l)).length,
      0,
      'no line for an assertion whose state did not change',
    );
  });

  it("the failing assertion's history is its flow history", async () => {
    const h = await (await fetch(`${s.url}/v1/history/flow?from=shop/checkout-1&to=payments/api-1&port=9090`)).json();
    assert.deepEqual(
      h.changes.map((c: any) => [c.before, c.verdict, c.causes.map((x: any) => `${x.kind} ${x.name} ${x.change}`)]),
      [
        [null, 'denied', []],
        ['denied', 'allowed', ['NetworkPolicy allow-metrics created']],
      ],
    );
  });
});
