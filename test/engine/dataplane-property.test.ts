// Property test: under each plugin profile the engine answers like the reference evaluator run in
// that plugin's mode (test/support/reference.ts implements each deviation on its own, not through
// engine/dataplane/apply.ts). Random clusters, every pod pair on every probe port, and outside
// addresses (node IPs included) on both sides. PROPERTY_SEEDS=N changes how many seeds run.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, compile, matrix, reachablePorts } from '../../src/engine/index.ts';
import { PROTOCOLS, type Snapshot } from '../../src/model/types.ts';
import type { CniOverride } from '../../src/model/dataplane.ts';
import type { EndpointQuery } from '../../src/engine/verdict.ts';
import {
  REF_UPSTREAM,
  type RefEndpoint,
  type RefPluginMode,
  podKey,
  refMatrix,
  refPorts,
  refVerdict,
  withRefMode,
} from '../support/reference.ts';
import { probePorts } from '../support/probe.ts';
import { NODE_IPS, Rng, externalIps, randomSnapshot } from '../support/random-cluster.ts';

const SEEDS = Array.from({ length: Number(process.env.PROPERTY_SEEDS ?? 25) }, (_, i) => i + 1);

const PROFILES: [string, CniOverride, RefPluginMode][] = [
  ['flannel (nothing enforced)', { plugin: 'flannel', settings: {} }, { ...REF_UPSTREAM, enforces: false }],
  ['cilium (ipBlock ignores pods and nodes)', { plugin: 'cilium', settings: {} }, { ...REF_UPSTREAM, ipBlockScope: 'external' }],
  [
    'cilium policy-cidr-match-mode=nodes',
    { plugin: 'cilium', settings: { 'policy-cidr-match-mode': 'nodes' } },
    { ...REF_UPSTREAM, ipBlockScope: 'nodes-and-external' },
  ],
  [
    'cilium enable-policy=always',
    { plugin: 'cilium', settings: { 'enable-policy': 'always' } },
    { ...REF_UPSTREAM, ipBlockScope: 'external', isolateAll: true },
  ],
  ['ovn-kubernetes (named port = any port)', { plugin: 'ovn-kubernetes', settings: {} }, { ...REF_UPSTREAM, namedAnyPort: true }],
  [
    'weave (endPort ignored, named-port policies rejected)',
    { plugin: 'weave', settings: {} },
    { ...REF_UPSTREAM, endPortIgnored: true, rejectNamed: true },
  ],
  [
    'calico endpoint-to-host-action=Accept (conformant)',
    { plugin: 'calico', settings: { 'endpoint-to-host-action': 'Accept' } },
    REF_UPSTREAM,
  ],
  [
    'calico endpoint-to-host-action=Drop',
    { plugin: 'calico', settings: { 'endpoint-to-host-action': 'Drop' } },
    { ...REF_UPSTREAM, podToOwnNode: 'drop' },
  ],
  ['calico, endpoint-to-host action not known', { plugin: 'calico', settings: {} }, { ...REF_UPSTREAM, podToOwnNode: 'unknown' }],
  [
    'canal endpoint-to-host-action=Return',
    { plugin: 'canal', settings: { 'endpoint-to-host-action': 'Return' } },
    { ...REF_UPSTREAM, podToOwnNode: 'unknown' },
  ],
];

/** Cilium leaves SCTP undocumented (unknown verdicts) without enable-sctp: compare TCP and UDP there. */
function protocolsFor(cni: CniOverride) {
  return cni.plugin === 'cilium' || cni.plugin === 'weave' ? PROTOCOLS.filter((p) => p !== 'SCTP') : PROTOCOLS;
}

const q = (e: RefEndpoint): EndpointQuery => ('pod' in e ? { kind: 'endpoint', key: podKey(e.pod) } : { kind: 'ip', ip: e.ip });

function compare(seed: number, s: Snapshot, mode: RefPluginMode): void {
  const c = compile(s);
  withRefMode(mode, () => {
    for (const protocol of protocolsFor(s.cni!)) {
      for (const port of probePorts(s, protocol)) {
        const got = matrix(c, port, protocol);
        const want = refMatrix(s, port, protocol);
        want.rows.forEach((row, i) => {
          if (got.rows[i] !== row) {
            const j = [...row].findIndex((cell, k) => got.rows[i][k] !== cell);
            assert.fail(
              `seed=${seed} ${port}/${protocol} ${want.pods[i]} -> ${want.pods[j]}: engine ${got.rows[i][j]}, reference ${row[j]}`,
            );
          }
        });
      }
    }
    const ips = [...externalIps(new Rng(seed * 7919 + 1), s), ...NODE_IPS];
    for (const ip of ips) {
      for (const pod of s.pods) {
        const pairs: [RefEndpoint, RefEndpoint][] = [
          [{ ip }, { pod }],
          [{ pod }, { ip }],
        ];
        for (const [from, to] of pairs) {
          const where = `seed=${seed} ${JSON.stringify(from).slice(0, 60)} -> ${JSON.stringify(to).slice(0, 60)}`;
          for (const port of probePorts(s, 'TCP')) {
            const want = refVerdict(s, from, to, port, 'TCP');
            const got = check(c, q(from), q(to), port, 'TCP').verdict;
            assert.equal(got, want, `${where} TCP/${port}`);
          }
          if (protocolsFor(s.cni!).length === PROTOCOLS.length) {
            assert.deepStrictEqual(reachablePorts(c, q(from), q(to)), refPorts(s, from, to), `${where} reachablePorts`);
          }
        }
      }
    }
  });
}

for (const [name, cni, mode] of PROFILES) {
  describe(`engine under ${name} agrees with the reference in that mode`, () => {
    for (const seed of SEEDS) it(`seed ${seed}`, () => compare(seed, { ...randomSnapshot(seed), cni }, mode));
  });
}
