// Property: on random clusters, for every denied pod pair and port tried, the first fix candidate —
// as printed (its objects decoded back from the answer's manifests) — applied to the snapshot makes
// `check` allowed, and an independent impact run's `gained` holds that flow; whenever a candidate
// claims "nothing else" (exact), that impact shows nothing else. The same for --deny and `lost`.
// A failure names the seed: `FIX_SEED=17 node --import tsx --test test/query/fix-property.test.ts`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, compile, type CompiledSnapshot } from '../../src/engine/index.ts';
import { decodeObjects } from '../../src/model/decode.ts';
import type { NetworkPolicy, Protocol } from '../../src/model/types.ts';
import { type FixCandidate, fixQuery } from '../../src/query/fix.ts';
import { applyChangeSet, impactQuery, type ImpactFlow } from '../../src/query/impact.ts';
import { Rng, randomSnapshot } from '../support/random-cluster.ts';

const SEEDS = process.env.FIX_SEED
  ? [Number(process.env.FIX_SEED)]
  : Array.from({ length: Number(process.env.FIX_SEEDS ?? 40) }, (_, i) => i + 1);
const PORTS: [number, Protocol][] = [
  [80, 'TCP'],
  [443, 'TCP'],
  [8080, 'TCP'],
  [53, 'UDP'],
  [5432, 'TCP'],
];

/** The candidate's policies as a user applying its YAML gets them. */
function decodedPolicies(candidate: FixCandidate): NetworkPolicy[] {
  const decoded = decodeObjects(
    candidate.changes.map((ch) => ({ object: ch.object })),
    { source: 'manifests' },
  );
  assert.deepEqual(
    decoded.diagnostics.filter((d) => d.severity === 'error'),
    [],
    'the printed objects decode cleanly',
  );
  return [...decoded.snapshot.policies];
}

const covers = (flows: readonly ImpactFlow[], from: string, to: string, protocol: Protocol, port: number) =>
  flows.some((f) => f.from === from && f.to === to && f.protocol === protocol && f.ports.some(([a, b]) => a <= port && port <= b));

/** The flows of `flows` beyond (from, to, protocol, port). */
const beyond = (flows: readonly ImpactFlow[], from: string, to: string, protocol: Protocol, port: number) =>
  flows.filter(
    (f) =>
      !(
        f.from === from &&
        f.to === to &&
        f.protocol === protocol &&
        f.ports.length === 1 &&
        f.ports[0][0] === port &&
        f.ports[0][1] === port
      ),
  );

function verify(
  c: CompiledSnapshot,
  seed: number,
  from: string,
  to: string,
  port: number,
  protocol: Protocol,
  deny: boolean,
): 'fixed' | 'skipped' {
  const spec = (key: string) => ({ kind: 'pod' as const, namespace: key.split('/')[0], name: key.split('/')[1] });
  const answer = fixQuery(c, { from: spec(from), to: spec(to), port, protocol, mode: deny ? 'deny' : 'allow' });
  const what = `seed ${seed}: ${deny ? 'deny' : 'allow'} ${from} -> ${to} ${protocol}/${port}`;
  if (answer.status === 'unfixable') {
    assert.ok(
      answer.reason && ['host-network', 'override', 'no-candidate'].includes(answer.reason.code),
      `${what}: unfixable for ${answer.reason?.code}: ${answer.reason?.message}`,
    );
    assert.notEqual(answer.reason?.code, 'no-candidate', `${what}: no candidate achieved it`);
    return 'skipped';
  }
  assert.equal(answer.status, 'fixable', what);
  for (const cand of answer.candidates) {
    const policies = decodedPolicies(cand);
    const after = compile(applyChangeSet(c.snapshot, { apply: policies, delete: [] }));
    const v = check(after, { kind: 'endpoint', key: from }, { kind: 'endpoint', key: to }, port, protocol);
    assert.equal(v.verdict, deny ? 'denied' : 'allowed', `${what}: candidate #${cand.rank} (${cand.summary}) leaves it ${v.verdict}`);
    const impact = impactQuery(c, { apply: policies, delete: [] });
    const wanted = deny ? impact.lost : impact.gained;
    const opposite = deny ? impact.gained : impact.lost;
    assert.ok(
      covers(wanted, from, to, protocol, port),
      `${what}: candidate #${cand.rank}: impact ${deny ? 'lost' : 'gained'} lacks the flow`,
    );
    if (cand.proof.exact) {
      assert.deepEqual(
        beyond(wanted, from, to, protocol, port),
        [],
        `${what}: candidate #${cand.rank} claims nothing else, impact shows more`,
      );
      assert.deepEqual(
        opposite,
        [],
        `${what}: candidate #${cand.rank} claims nothing else, impact shows ${deny ? 'gained' : 'lost'} flows`,
      );
    } else
      assert.ok(
        cand.proof.others.length + (deny ? cand.proof.gained : cand.proof.lost).length > 0,
        `${what}: inexact without a listed flow`,
      );
  }
  return 'fixed';
}

describe('fix on random clusters: the best candidate achieves the request, and "nothing else" holds', () => {
  for (const deny of [false, true]) {
    it(`${deny ? '--deny: lost' : 'allow: gained'} contains the flow; exact candidates change nothing else (${SEEDS.length} seeds)`, () => {
      let fixed = 0;
      for (const seed of SEEDS) {
        const c = compile(randomSnapshot(seed));
        const rng = new Rng(seed * 7919 + (deny ? 1 : 0));
        const keys = c.endpoints.filter((e) => !e.template).map((e) => e.key);
        for (let i = 0; i < 6; i++) {
          const from = rng.pick(keys);
          const to = rng.pick(keys);
          const [port, protocol] = rng.pick(PORTS);
          if (from === to) continue;
          const v = check(c, { kind: 'endpoint', key: from }, { kind: 'endpoint', key: to }, port, protocol);
          if (v.verdict === 'unknown' || v.allowed !== deny) continue;
          if (verify(c, seed, from, to, port, protocol, deny) === 'fixed') fixed++;
        }
      }
      assert.ok(fixed >= SEEDS.length / 2, `only ${fixed} requests were fixable: the property ran on too few cases`);
    });
  }
});
