// Property tests: the compiled engine answers exactly like the plain reference evaluator on random
// clusters. A failure names the seed; rerun one seed with `PROPERTY_SEED=17 node --import tsx --test
// test/engine/property.test.ts` (PROPERTY_SEEDS=N changes how many seeds run).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, Protocol, Snapshot } from '../../src/model/types.ts';
import { PROTOCOLS } from '../../src/model/types.ts';
import type { CompiledSnapshot } from '../../src/engine/index.ts';
import { check, compile, matrix, reachablePorts } from '../../src/engine/index.ts';
import type { EndpointQuery } from '../../src/engine/verdict.ts';
import { podKey, refAllowed, refMatrix, refPorts, sortedPods } from '../support/reference.ts';
import type { RefEndpoint } from '../support/reference.ts';
import { probePorts } from '../support/probe.ts';
import { NODE_IPS, Rng, externalIps, randomExtraPod, randomPodLabels, randomPolicy, randomSnapshot } from '../support/random-cluster.ts';

const SEED_COUNT = Number(process.env.PROPERTY_SEEDS ?? 150);
const SEEDS = process.env.PROPERTY_SEED ? [Number(process.env.PROPERTY_SEED)] : Array.from({ length: SEED_COUNT }, (_, i) => i + 1);

// ---- probes and failure reports --------------------------------------------------------------

const endpointOf = (pod: Pod): EndpointQuery => ({ kind: 'endpoint', key: podKey(pod) });
const queryOf = (e: RefEndpoint): EndpointQuery => ('pod' in e ? endpointOf(e.pod) : { kind: 'ip', ip: e.ip });
const nameOf = (e: RefEndpoint): string => ('pod' in e ? podKey(e.pod) : e.ip);

/** The smallest useful picture of a failing case: the two ends and the policies that can matter. */
function reproduction(seed: number, s: Snapshot, from: RefEndpoint, to: RefEndpoint): string {
  const namespaces = new Set([from, to].flatMap((e) => ('pod' in e ? [e.pod.namespace] : [])));
  const lines = [
    `seed=${seed} (PROPERTY_SEED=${seed} to rerun)`,
    `from: ${JSON.stringify('pod' in from ? from.pod : from)}`,
    `to: ${JSON.stringify('pod' in to ? to.pod : to)}`,
    ...s.namespaces.map((n) => `namespace: ${JSON.stringify(n)}`),
    ...s.policies.filter((p) => namespaces.has(p.namespace)).map((p) => `policy: ${JSON.stringify(p)}`),
  ];
  return lines.join('\n');
}

function assertVerdict(
  seed: number,
  s: Snapshot,
  c: CompiledSnapshot,
  from: RefEndpoint,
  to: RefEndpoint,
  port: number,
  protocol: Protocol,
  want: boolean,
): void {
  const got = check(c, queryOf(from), queryOf(to), port, protocol).allowed;
  if (got !== want) {
    assert.fail(
      `check ${nameOf(from)} -> ${nameOf(to)} ${port}/${protocol}: engine ${got}, reference ${want}\n` + reproduction(seed, s, from, to),
    );
  }
}

function assertPorts(seed: number, s: Snapshot, c: CompiledSnapshot, from: RefEndpoint, to: RefEndpoint): void {
  const want = refPorts(s, from, to);
  const got = reachablePorts(c, queryOf(from), queryOf(to));
  try {
    assert.deepStrictEqual(got, want);
    assert.equal(JSON.stringify(got), JSON.stringify(want)); // key order TCP, UDP, SCTP too
  } catch {
    assert.fail(
      `reachablePorts ${nameOf(from)} -> ${nameOf(to)}: engine ${JSON.stringify(got)}, ` +
        `reference ${JSON.stringify(want)}\n${reproduction(seed, s, from, to)}`,
    );
  }
}

function firstMatrixDifference(got: { pods: readonly string[]; rows: readonly string[] }, want: typeof got): string {
  if (JSON.stringify(got.pods) !== JSON.stringify(want.pods)) {
    return `pods differ: engine ${JSON.stringify(got.pods)}, reference ${JSON.stringify(want.pods)}`;
  }
  for (let i = 0; i < want.rows.length; i++) {
    for (let j = 0; j < want.pods.length; j++) {
      if (got.rows[i]?.[j] !== want.rows[i][j]) {
        return `${want.pods[i]} -> ${want.pods[j]}: engine ${got.rows[i]?.[j]}, reference ${want.rows[i][j]}`;
      }
    }
  }
  return 'shape differs';
}

// ---- the properties --------------------------------------------------------------------------

/** Matrix per probe port equals the reference; every pair's check agrees with the matrix cells. */
function checkPodPairs(seed: number, s: Snapshot, c: CompiledSnapshot): void {
  const pods = sortedPods(s);
  for (const protocol of PROTOCOLS) {
    for (const port of probePorts(s, protocol)) {
      const want = refMatrix(s, port, protocol);
      const got = matrix(c, port, protocol);
      try {
        assert.deepStrictEqual({ port: got.port, protocol: got.protocol, pods: got.pods, rows: got.rows }, { ...want });
      } catch {
        assert.fail(`seed=${seed} matrix ${port}/${protocol}: ${firstMatrixDifference(got, want)}`);
      }
      pods.forEach((a, i) =>
        pods.forEach((b, j) => {
          assertVerdict(seed, s, c, { pod: a }, { pod: b }, port, protocol, want.rows[i][j] === '1');
        }),
      );
    }
  }
  for (const a of pods) for (const b of pods) assertPorts(seed, s, c, { pod: a }, { pod: b });
}

/** External addresses and node addresses on either side of every pod, including IPs inside ipBlocks
 * and excepts: a node's address to the pods on it (the API's ingress exemption) and a pod to its own
 * node's address (its egress policy decides), in both directions. */
function checkAddresses(seed: number, s: Snapshot, c: CompiledSnapshot): void {
  const ips = externalIps(new Rng(seed * 7919 + 1), s);
  for (const ip of [...ips, ...NODE_IPS]) {
    for (const pod of s.pods) {
      const pairs: [RefEndpoint, RefEndpoint][] = [
        [{ ip }, { pod }],
        [{ pod }, { ip }],
      ];
      for (const [from, to] of pairs) {
        for (const protocol of PROTOCOLS) {
          for (const port of probePorts(s, protocol)) {
            assertVerdict(seed, s, c, from, to, port, protocol, refAllowed(s, from, to, port, protocol));
          }
        }
        assertPorts(seed, s, c, from, to);
      }
    }
  }
  assertVerdict(seed, s, c, { ip: ips[0] }, { ip: ips[1] }, 80, 'TCP', true);
}

describe('engine agrees with the reference evaluator', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, () => {
      const s = randomSnapshot(seed);
      const c = compile(s);
      checkPodPairs(seed, s, c);
      checkAddresses(seed, s, c);
    });
  }
});

// ---- incremental compile -----------------------------------------------------------------------

type Mutation = 'add-policy' | 'remove-policy' | 'change-policy' | 'relabel-pods' | 'add-pods' | 'remove-pods';
const MUTATIONS: readonly Mutation[] = ['add-policy', 'remove-policy', 'change-policy', 'relabel-pods', 'add-pods', 'remove-pods'];

function mutate(s: Snapshot, mutation: Mutation, rng: Rng): Snapshot {
  switch (mutation) {
    case 'add-policy':
      return { ...s, policies: [...s.policies, randomPolicy(rng, 'pol-added', s.namespaces)] };
    case 'remove-policy': {
      const victim = rng.int(0, s.policies.length - 1);
      return { ...s, policies: s.policies.filter((_, i) => i !== victim) };
    }
    case 'change-policy': {
      const i = rng.int(0, s.policies.length - 1);
      const old = s.policies[i];
      const fresh = { ...randomPolicy(rng, old.name, s.namespaces), namespace: old.namespace };
      return { ...s, policies: s.policies.map((p, j) => (j === i ? fresh : p)) };
    }
    case 'relabel-pods': {
      const chosen = new Set(rng.subset(s.pods, 1, 3));
      return { ...s, pods: s.pods.map((p) => (chosen.has(p) ? { ...p, labels: randomPodLabels(rng) } : p)) };
    }
    case 'add-pods': {
      let next = s;
      for (let n = rng.int(1, 2); n > 0; n--) next = { ...next, pods: [...next.pods, randomExtraPod(rng, next)] };
      return next;
    }
    case 'remove-pods': {
      const gone = new Set(rng.subset(s.pods, 1, 2));
      return { ...s, pods: s.pods.filter((p) => !gone.has(p)) };
    }
    default: {
      const never: never = mutation;
      throw new Error(`unknown mutation ${String(never)}`);
    }
  }
}

describe('incremental compile answers like a fresh compile', () => {
  for (const seed of SEEDS) {
    const mutation = MUTATIONS[seed % MUTATIONS.length];
    it(`seed ${seed}: ${mutation}`, () => {
      const rng = new Rng(seed * 104729 + 3);
      const s1 = randomSnapshot(seed);
      const s2 = mutate(s1, mutation, rng);
      const incremental = compile(s2, compile(s1));
      const fresh = compile(s2);
      const where = `seed=${seed} mutation=${mutation} (PROPERTY_SEED=${seed} to rerun)`;
      for (const protocol of PROTOCOLS) {
        for (const port of rng.subset(probePorts(s2, protocol), 1, 4)) {
          const got = matrix(incremental, port, protocol);
          const want = matrix(fresh, port, protocol);
          try {
            assert.deepStrictEqual(got, want);
          } catch {
            assert.fail(`${where} matrix ${port}/${protocol}: ${firstMatrixDifference(got, want)}`);
          }
        }
      }
      for (const a of s2.pods) {
        for (const b of s2.pods) {
          const got = reachablePorts(incremental, endpointOf(a), endpointOf(b));
          const want = reachablePorts(fresh, endpointOf(a), endpointOf(b));
          assert.deepStrictEqual(got, want, `${where} reachablePorts ${podKey(a)} -> ${podKey(b)}`);
        }
      }
    });
  }
});
