// Property test: under each plugin profile the engine answers like the reference evaluator run in
// that plugin's mode (test/support/reference.ts implements each deviation on its own, not through
// engine/dataplane/apply.ts). Random clusters, every pod pair on every probe port, and outside
// addresses (node IPs included) on both sides. PROPERTY_SEEDS=N changes how many seeds run.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, compile, matrix } from '../../src/engine/index.ts';
import { PROTOCOLS, type Snapshot } from '../../src/model/types.ts';
import type { CniOverride } from '../../src/model/dataplane.ts';
import type { EndpointQuery } from '../../src/engine/verdict.ts';
import { REF_UPSTREAM, type RefEndpoint, type RefPluginMode, podKey, refAllowed, refMatrix, withRefMode } from '../support/reference.ts';
import { probePorts } from '../support/probe.ts';
import { Rng, externalIps, randomSnapshot } from '../support/random-cluster.ts';

const SEEDS = Array.from({ length: Number(process.env.PROPERTY_SEEDS ?? 25) }, (_, i) => i + 1);

const PROFILES: [string, CniOverride, RefPluginMode][] = [
  ['flannel (nothing enforced)', { plugin: 'flannel', settings: {} }, { ...REF_UPSTREAM, enforces: false }],
  ['cilium (ipBlock ignores pods and nodes)', { plugin: 'cilium', settings: {} }, { ...REF_UPSTREAM, ipBlockScope: 'external' }],
  ['cilium policy-cidr-match-mode=nodes', { plugin: 'cilium', settings: { 'policy-cidr-match-mode': 'nodes' } }, { ...REF_UPSTREAM, ipBlockScope: 'nodes-and-external' }],
  ['cilium enable-policy=always', { plugin: 'cilium', settings: { 'enable-policy': 'always' } }, { ...REF_UPSTREAM, ipBlockScope: 'external', isolateAll: true }],
  ['ovn-kubernetes (named port = any port)', { plugin: 'ovn-kubernetes', settings: {} }, { ...REF_UPSTREAM, namedAnyPort: true }],
  ['weave (endPort ignored, named-port policies rejected)', { plugin: 'weave', settings: {} }, { ...REF_UPSTREAM, endPortIgnored: true, rejectNamed: true }],
  ['calico (conformant)', { plugin: 'calico', settings: {} }, REF_UPSTREAM],
];

/** Cilium leaves SCTP undocumented (unknown verdicts) without enable-sctp: compare TCP and UDP there. */
function protocolsFor(cni: CniOverride) {
  return cni.plugin === 'cilium' || cni.plugin === 'weave' ? PROTOCOLS.filter((p) => p !== 'SCTP') : PROTOCOLS;
}

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
            assert.fail(`seed=${seed} ${port}/${protocol} ${want.pods[i]} -> ${want.pods[j]}: engine ${got.rows[i][j]}, reference ${row[j]}`);
          }
        });
      }
    }
    const ips = [...externalIps(new Rng(seed * 7919 + 1), s), ...s.nodes.flatMap((n) => n.internalIPs)];
    for (const ip of ips) {
      for (const pod of s.pods) {
        const pairs: [RefEndpoint, RefEndpoint][] = [[{ ip }, { pod }], [{ pod }, { ip }]];
        for (const [from, to] of pairs) {
          for (const port of probePorts(s, 'TCP')) {
            const want = refAllowed(s, from, to, port, 'TCP');
            const q = (e: RefEndpoint): EndpointQuery => ('pod' in e ? { kind: 'endpoint', key: podKey(e.pod) } : { kind: 'ip', ip: e.ip });
            const got = check(c, q(from), q(to), port, 'TCP').allowed;
            assert.equal(got, want, `seed=${seed} ${JSON.stringify(from).slice(0, 60)} -> ${JSON.stringify(to).slice(0, 60)} TCP/${port}`);
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
