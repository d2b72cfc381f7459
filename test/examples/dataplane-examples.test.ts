// The two network-plugin examples (examples/flannel-cluster.yaml, examples/cilium-cluster.yaml) load
// cleanly through the query layer, and their example questions get the documented answers: the
// API's (upstream) answer now, and the plugin's answer once compile applies the detected profile.
// The upstream side reads `verdict.upstream?.allowed ?? verdict.allowed`, so it holds both before
// and after profiles are applied (`upstream` is present only when the plugin's answer differs).
import { before, describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { Verdict } from '../../src/engine/verdict.ts';
import { parseEndpointSpec } from '../../src/query/endpoint-spec.ts';
import { type LoadedSnapshot, loadManifests } from '../../src/query/manifests.ts';
import { checkQuery, lintQuery } from '../../src/query/queries.ts';

const EXAMPLES = {
  flannel: fileURLToPath(new URL('../../examples/flannel-cluster.yaml', import.meta.url)),
  cilium: fileURLToPath(new URL('../../examples/cilium-cluster.yaml', import.meta.url)),
} as const;
type Example = keyof typeof EXAMPLES;

const loaded = {} as Record<Example, LoadedSnapshot>;
before(async () => {
  for (const name of Object.keys(EXAMPLES) as Example[]) loaded[name] = await loadManifests([EXAMPLES[name]]);
});

function ask(example: Example, from: string, to: string, port: number): Verdict {
  return checkQuery(loaded[example].compiled, parseEndpointSpec(from), parseEndpointSpec(to), port, 'TCP');
}

/** The API's answer, whether or not a plugin profile changed `allowed`. */
function upstreamAllowed(v: Verdict): boolean {
  return v.upstream?.allowed ?? v.allowed;
}

describe('dataplane examples load cleanly', () => {
  for (const name of Object.keys(EXAMPLES) as Example[]) {
    it(`${name}: no error while loading or linting`, () => {
      const errors = lintQuery(loaded[name]).filter((d) => d.severity === 'error');
      assert.deepEqual(errors, []);
    });
    it(`${name}: the shop's three pods are there with their addresses`, () => {
      const shop = loaded[name].snapshot.pods.filter((p) => p.namespace === 'shop').map((p) => `${p.name} ${p.ips.join(',')}`);
      assert.deepEqual(shop.sort(), ['backend-1 10.244.1.21', 'db-0 10.244.0.30', 'frontend-1 10.244.0.12']);
    });
  }
});

interface Question {
  readonly example: Example;
  readonly from: string;
  readonly to: string;
  readonly port: number;
  /** The API's answer (the upstream e2e suite's meaning). */
  readonly upstream: boolean;
  readonly why: string;
}

const QUESTIONS: readonly Question[] = [
  // The example question of flannel-cluster.yaml.
  {
    example: 'flannel',
    from: 'shop/frontend-1',
    to: 'shop/db-0',
    port: 5432,
    upstream: false,
    why: 'db-0 is isolated and only ' + 'app=backend is admitted',
  },
  {
    example: 'flannel',
    from: 'shop/backend-1',
    to: 'shop/db-0',
    port: 5432,
    upstream: true,
    why: 'db-allow-backend admits ' + 'app=backend on ' + 'TCP 5432',
  },
  // The example question of cilium-cluster.yaml.
  {
    example: 'cilium',
    from: 'shop/backend-1',
    to: 'shop/db-0',
    port: 5432,
    upstream: true,
    why: 'the ipBlock 10.244.0.0/16 holds the ' + 'backend pod IP 10.244.1.21',
  },
  {
    example: 'cilium',
    from: 'shop/frontend-1',
    to: 'shop/db-0',
    port: 8080,
    upstream: false,
    why: 'db-allow-pod-network admits TCP 5432 ' + 'only',
  },
];

describe('dataplane examples: upstream answers', () => {
  for (const q of QUESTIONS) {
    it(`${q.example}: ${q.from} -> ${q.to} TCP/${q.port} is ${q.upstream ? 'allowed' : 'denied'} upstream (${q.why})`, () => {
      assert.equal(upstreamAllowed(ask(q.example, q.from, q.to, q.port)), q.upstream);
    });
  }
});

// The plugin's answers to the example questions: detected from the examples' objects and applied by compile.
describe('dataplane examples: answers under the detected plugin', () => {
  // flannel enforces no NetworkPolicy: allowed, with enforced: false and the upstream denial beside it.
  test('flannel: shop/frontend-1 -> shop/db-0 TCP/5432 is allowed, not enforced (upstream: denied)', () => {
    const v = ask('flannel', 'shop/frontend-1', 'shop/db-0', 5432);
    assert.equal(v.dataplane.plugin, 'flannel');
    assert.equal(v.enforced, false);
    assert.equal(v.allowed, true);
    assert.equal(v.verdict, 'allowed');
    assert.equal(v.upstream?.allowed, false);
  });

  // On Cilium an ipBlock never matches pod IPs: denied, naming the deviation.
  test('cilium: shop/backend-1 -> shop/db-0 TCP/5432 is denied by deviation ipblock-ignores-cluster (upstream: allowed)', () => {
    const v = ask('cilium', 'shop/backend-1', 'shop/db-0', 5432);
    assert.equal(v.dataplane.plugin, 'cilium');
    assert.equal(v.enforced, true);
    assert.equal(v.allowed, false);
    assert.equal(v.verdict, 'denied');
    assert.deepEqual(
      v.deviations.map((d) => d.code),
      ['ipblock-ignores-cluster'],
    );
    assert.equal(v.upstream?.allowed, true);
  });
});
