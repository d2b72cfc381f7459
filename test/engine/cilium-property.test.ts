// Property test: the compiled engine on Cilium (check, ports, matrix) answers exactly like the plain
// reference evaluator (test/support/reference-cilium.ts, which reads the objects as written) on random
// clusters mixing NetworkPolicy with CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy: deny
// sections, entities, `ingress: [{}]`, enableDefaultDeny, CIDR sets, named ports and port ranges,
// labels outside identities. TCP and UDP (SCTP is undocumented on Cilium without enable-sctp).
// Rerun one seed: PROPERTY_SEED=17 node --import tsx --test test/engine/cilium-property.test.ts
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, Protocol, Snapshot } from '../../src/model/types.ts';
import { check, compile, matrix, reachablePorts } from '../../src/engine/index.ts';
import type { EndpointQuery } from '../../src/engine/verdict.ts';
import { podKey, sortedPods, type RefEndpoint } from '../support/reference.ts';
import { refCiliumVerdict } from '../support/reference-cilium.ts';
import { probePorts } from '../support/probe.ts';
import { Rng, externalIps } from '../support/random-cluster.ts';
import { randomCiliumCluster, type Raw } from '../support/random-cilium.ts';

const SEEDS = process.env.PROPERTY_SEED
  ? [Number(process.env.PROPERTY_SEED)]
  : Array.from({ length: Number(process.env.PROPERTY_SEEDS ?? 80) }, (_, i) => i + 1);
const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP'];

const queryOf = (e: RefEndpoint): EndpointQuery => ('pod' in e ? { kind: 'endpoint', key: podKey(e.pod) } : { kind: 'ip', ip: e.ip });
const nameOf = (e: RefEndpoint) => ('pod' in e ? podKey(e.pod) : e.ip);

/** Probe ports: NetworkPolicy's edges and container ports, and the Cilium rules' edges. */
function ports(s: Snapshot, objects: readonly Raw[], protocol: Protocol): number[] {
  const out = new Set(probePorts(s, protocol));
  const text = JSON.stringify(objects);
  for (const m of text.matchAll(/"port":"(\d+)"(?:,"endPort":(\d+))?/g)) {
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    for (const x of [from - 1, from, to, to + 1]) if (x >= 1 && x <= 65535) out.add(x);
  }
  return [...out].sort((a, b) => a - b);
}

const repro = (seed: number, objects: readonly Raw[], s: Snapshot) =>
  `seed=${seed}\ncilium: ${JSON.stringify(objects)}\npolicies: ${JSON.stringify(s.policies)}\npods: ${JSON.stringify(s.pods)}`;

describe('Cilium: compiled engine = reference evaluator', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, () => {
      const { snapshot: s, objects } = randomCiliumCluster(seed);
      const c = compile(s);
      const rng = new Rng(seed);
      const pods: Pod[] = sortedPods(s);
      const ends: RefEndpoint[] = [...pods.map((pod) => ({ pod })), ...externalIps(rng, s).map((ip) => ({ ip })), { ip: '172.16.0.1' }];
      for (const protocol of PROTOCOLS) {
        const probe = ports(s, objects, protocol);
        for (const port of rng.subset(probe, Math.min(3, probe.length), 5)) {
          for (const from of ends) {
            for (const to of ends) {
              if (!('pod' in from) && !('pod' in to)) continue;
              const want = refCiliumVerdict(s, objects, from, to, port, protocol);
              const got = check(c, queryOf(from), queryOf(to), port, protocol).verdict;
              const what = `${nameOf(from)} -> ${nameOf(to)} ${protocol}/${port}`;
              if (got !== want) assert.fail(`check ${what}: engine ${got}, reference ${want}\n${repro(seed, objects, s)}`);
              const inPorts = (reachablePorts(c, queryOf(from), queryOf(to))[protocol] ?? []).some(([lo, hi]) => lo <= port && port <= hi);
              if (inPorts !== (want === 'allowed'))
                assert.fail(`ports ${what}: engine ${inPorts}, reference ${want}\n${repro(seed, objects, s)}`);
            }
          }
          const m = matrix(c, port, protocol);
          m.pods.forEach((a, i) => {
            m.pods.forEach((b, j) => {
              const pa = pods.find((p) => podKey(p) === a)!;
              const pb = pods.find((p) => podKey(p) === b)!;
              const cell = refCiliumVerdict(s, objects, { pod: pa }, { pod: pb }, port, protocol) === 'allowed' ? '1' : '0';
              if (m.rows[i][j] !== cell)
                assert.fail(
                  `matrix ${a} -> ${b} ${protocol}/${port}: engine ${m.rows[i][j]}, reference ${cell}\n${repro(seed, objects, s)}`,
                );
            });
          });
        }
      }
    });
  }
});
