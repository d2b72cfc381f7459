// Property test: the compiled engine under the tiers (check, matrix, ports) answers exactly like the
// plain reference evaluator (test/support/reference-tiers.ts) on random clusters mixing
// NetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy (both tiers),
// both directions, named ports, Pass chains, equal priorities and sometimes an unmodelled kind.
// Rerun one seed: PROPERTY_SEED=17 node --import tsx --test test/engine/tiers-property.test.ts
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, Protocol, Snapshot } from '../../src/model/types.ts';
import { PROTOCOLS } from '../../src/model/types.ts';
import { check, compile, matrix, reachablePorts } from '../../src/engine/index.ts';
import type { EndpointQuery } from '../../src/engine/verdict.ts';
import { podKey, sortedPods, type RefEndpoint } from '../support/reference.ts';
import { refTierVerdict } from '../support/reference-tiers.ts';
import { probePorts } from '../support/probe.ts';
import { Rng, externalIps } from '../support/random-cluster.ts';
import { randomTierSnapshot } from '../support/random-tiers.ts';

const SEEDS = process.env.PROPERTY_SEED
  ? [Number(process.env.PROPERTY_SEED)]
  : Array.from({ length: Number(process.env.PROPERTY_SEEDS ?? 120) }, (_, i) => i + 1);

const queryOf = (e: RefEndpoint): EndpointQuery => ('pod' in e ? { kind: 'endpoint', key: podKey(e.pod) } : { kind: 'ip', ip: e.ip });
const nameOf = (e: RefEndpoint) => ('pod' in e ? podKey(e.pod) : e.ip);

/** Probe ports: NetworkPolicy's and the tier rules' edges, container ports. */
function ports(s: Snapshot, protocol: Protocol): number[] {
  const out = new Set(probePorts(s, protocol));
  for (const p of s.tierPolicies ?? []) {
    for (const r of [...p.ingress, ...p.egress]) {
      for (const port of r.ports ?? []) {
        if (port.kind !== 'range' || port.protocol !== protocol) continue;
        for (const x of [port.from - 1, port.from, port.to, port.to + 1]) if (x >= 1 && x <= 65535) out.add(x);
      }
    }
  }
  return [...out].sort((a, b) => a - b);
}

function repro(seed: number, s: Snapshot): string {
  return (
    `seed=${seed}\ntierPolicies: ${JSON.stringify(s.tierPolicies)}\nunmodelled: ` +
    `${JSON.stringify(s.unmodelled ?? [])}\npolicies: ${JSON.stringify(s.policies)}`
  );
}

describe('tiers: compiled engine = reference evaluator', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, () => {
      const s = randomTierSnapshot(seed);
      const c = compile(s);
      const rng = new Rng(seed);
      const pods: Pod[] = sortedPods(s);
      const ends: RefEndpoint[] = [
        ...pods.map((pod) => ({ pod })),
        ...externalIps(rng, s)
          .slice(0, 2)
          .map((ip) => ({ ip })),
      ];
      for (const protocol of PROTOCOLS) {
        const probe = ports(s, protocol);
        const sample = rng.subset(probe, Math.min(4, probe.length), 6);
        for (const port of sample) {
          for (const from of ends) {
            for (const to of ends) {
              if (!('pod' in from) && !('pod' in to)) continue;
              const want = refTierVerdict(s, from, to, port, protocol);
              const got = check(c, queryOf(from), queryOf(to), port, protocol).verdict;
              if (got !== want)
                assert.fail(
                  `check ${nameOf(from)} -> ${nameOf(to)} ${protocol}/${port}: engine ${got}, reference ${want}\n${repro(seed, s)}`,
                );
              const allowedPorts = reachablePorts(c, queryOf(from), queryOf(to))[protocol] ?? [];
              const inPorts = allowedPorts.some(([lo, hi]) => lo <= port && port <= hi);
              if (inPorts !== (want === 'allowed'))
                assert.fail(
                  `ports ${nameOf(from)} -> ${nameOf(to)} ${protocol}/${port}: engine ${inPorts}, reference ${want}\n${repro(seed, s)}`,
                );
            }
          }
          const m = matrix(c, port, protocol);
          m.pods.forEach((a, i) => {
            m.pods.forEach((b, j) => {
              const pa = pods.find((p) => podKey(p) === a)!;
              const pb = pods.find((p) => podKey(p) === b)!;
              const want = refTierVerdict(s, { pod: pa }, { pod: pb }, port, protocol);
              const cell = want === 'allowed' ? '1' : want === 'denied' ? '0' : '?';
              if (m.rows[i][j] !== cell)
                assert.fail(`matrix ${a} -> ${b} ${protocol}/${port}: engine ${m.rows[i][j]}, reference ${cell}\n${repro(seed, s)}`);
            });
          });
        }
      }
    });
  }
});
