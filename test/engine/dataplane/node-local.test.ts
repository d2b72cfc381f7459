// Node-local traffic by direction, per plugin (engine/endpoint.ts nodeLocalOf, Profile.podToOwnNode):
// the API exempts ingress from a pod's own node only ("the only allowed connections into the pod are
// those from the pod's node and those allowed by the ingress list",
// https://kubernetes.io/docs/concepts/services-networking/network-policies/); a pod's egress to its
// node follows its egress policy, then Felix's DefaultEndpointToHostAction on Calico/Canal
// (https://docs.tigera.io/calico/latest/reference/felix/configuration). check and matrix must agree.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CniOverride } from '../../../src/model/dataplane.ts';
import type { Snapshot } from '../../../src/model/types.ts';
import { check, compile, matrix, reachablePorts } from '../../../src/engine/index.ts';
import type { VerdictWord } from '../../../src/engine/verdict.ts';
import { at, ipBlock, node, ns, pod, policy, rule, snapshot, tcp, udp } from '../../support/build.ts';

const NODE_IP = '192.168.0.10';

/** a/p (node n1) under an egress+ingress default-deny, the hostNetwork node-local DNS cache a/h on n1. */
function world(extra: ReturnType<typeof policy>[] = [], cni?: CniOverride): Snapshot {
  const s = snapshot({
    namespaces: [ns('a')],
    nodes: [node('n1', [NODE_IP])],
    pods: [
      pod('a', 'p', { app: 'p' }, { ip: '10.0.0.5', node: 'n1' }),
      pod('a', 'h', { app: 'dns-cache' }, { ip: NODE_IP, node: 'n1', hostNetwork: true }),
    ],
    policies: [policy('a', 'deny-all', { policyTypes: ['Ingress', 'Egress'] }), ...extra],
  });
  return cni ? { ...s, cni } : s;
}

/** Egress to the node's address on UDP/53 only. */
const dnsToNode = policy('a', 'dns-to-node', { policyTypes: ['Egress'], egress: [rule([ipBlock(`${NODE_IP}/32`)], [udp(53), tcp(53)])] });

const calico = (action?: string): CniOverride => ({ plugin: 'calico', settings: action ? { 'endpoint-to-host-action': action } : {} });

interface Case {
  readonly name: string;
  readonly snap: Snapshot;
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol?: 'TCP' | 'UDP';
  readonly verdict: VerdictWord;
  /** The deciding text: a substring of the egress / ingress reason or of a note. */
  readonly says: RegExp;
  readonly override?: 'node-local' | null;
  readonly deviation?: string;
}

const CASES: Case[] = [
  // The repro, under the API's meaning (no plugin).
  {
    name: 'API: pod -> hostNetwork pod on its node under egress deny-all: DENIED by a/deny-all',
    snap: world(),
    from: 'a/p',
    to: 'a/h',
    port: 9100,
    verdict: 'denied',
    says: /isolated for egress by a\/deny-all/,
    override: null,
  },
  {
    name: 'API: pod -> its node IP under egress deny-all: DENIED by a/deny-all',
    snap: world(),
    from: 'a/p',
    to: NODE_IP,
    port: 10250,
    verdict: 'denied',
    says: /isolated for egress by a\/deny-all/,
    override: null,
  },
  {
    name: 'API: hostNetwork pod -> pod on its node: ALLOWED by the ingress exemption',
    snap: world(),
    from: 'a/h',
    to: 'a/p',
    port: 8080,
    verdict: 'allowed',
    says: /exempts the pod's node from ingress isolation/,
    override: 'node-local',
  },
  {
    name: 'API: node IP -> pod on it: ALLOWED by the ingress exemption',
    snap: world(),
    from: NODE_IP,
    to: 'a/p',
    port: 8080,
    verdict: 'allowed',
    says: /exempts the pod's node from ingress isolation/,
    override: 'node-local',
  },
  {
    name: 'API: egress ipBlock on the node IP admits DNS to the node-local cache',
    snap: world([dnsToNode]),
    from: 'a/p',
    to: 'a/h',
    port: 53,
    protocol: 'UDP',
    verdict: 'allowed',
    says: /a\/dns-to-node rule #0 admits UDP\/53/,
  },
  // Calico / Canal: the policy, then Felix DefaultEndpointToHostAction.
  {
    name: 'Calico Accept: the egress policy decides (admitted)',
    snap: world([dnsToNode], calico('Accept')),
    from: 'a/p',
    to: 'a/h',
    port: 53,
    protocol: 'UDP',
    verdict: 'allowed',
    says: /DefaultEndpointToHostAction is Accept/,
  },
  {
    name: 'Calico Accept: the egress policy decides (denied)',
    snap: world([], calico('Accept')),
    from: 'a/p',
    to: 'a/h',
    port: 53,
    protocol: 'UDP',
    verdict: 'denied',
    says: /isolated for egress by a\/deny-all/,
  },
  {
    name: 'Calico Drop: dropped although the egress policy admits it (a deviation)',
    snap: world([dnsToNode], calico('Drop')),
    from: 'a/p',
    to: 'a/h',
    port: 53,
    protocol: 'UDP',
    verdict: 'denied',
    says: /DefaultEndpointToHostAction is Drop/,
    deviation: 'endpoint-to-host-drop',
  },
  {
    name: 'Calico Drop: the node IP as destination too',
    snap: world([dnsToNode], calico('Drop')),
    from: 'a/p',
    to: NODE_IP,
    port: 53,
    protocol: 'UDP',
    verdict: 'denied',
    says: /DefaultEndpointToHostAction is Drop/,
    deviation: 'endpoint-to-host-drop',
  },
  {
    name: 'Calico Drop: the node still reaches its pods (ingress exemption)',
    snap: world([], calico('Drop')),
    from: 'a/h',
    to: 'a/p',
    port: 8080,
    verdict: 'allowed',
    says: /exempts the pod's node from ingress isolation/,
    override: 'node-local',
  },
  {
    name: 'Calico Return: unknown where the policy admits it (host INPUT rules decide)',
    snap: world([dnsToNode], calico('Return')),
    from: 'a/p',
    to: 'a/h',
    port: 53,
    protocol: 'UDP',
    verdict: 'unknown',
    says: /DefaultEndpointToHostAction is Return/,
  },
  {
    name: 'Calico, action not seen: unknown where the policy admits it',
    snap: world([dnsToNode], calico()),
    from: 'a/p',
    to: 'a/h',
    port: 53,
    protocol: 'UDP',
    verdict: 'unknown',
    says: /DefaultEndpointToHostAction is not known/,
  },
  {
    name: 'Calico, action not seen: denied where the policy denies (unknown does not matter)',
    snap: world([], calico()),
    from: 'a/p',
    to: 'a/h',
    port: 9100,
    verdict: 'denied',
    says: /isolated for egress by a\/deny-all/,
  },
  {
    name: 'Canal Drop: as Calico',
    snap: world([dnsToNode], { plugin: 'canal', settings: { 'endpoint-to-host-action': 'Drop' } }),
    from: 'a/p',
    to: 'a/h',
    port: 53,
    protocol: 'UDP',
    verdict: 'denied',
    says: /Canal's DefaultEndpointToHostAction is Drop/,
    deviation: 'endpoint-to-host-drop',
  },
  // Cilium: policed as egress to the host entity; NetworkPolicy ipBlock reaches the node IP only with policy-cidr-match-mode: nodes.
  {
    name: 'Cilium: the node-IP ipBlock does not match the host: denied',
    snap: world([dnsToNode], { plugin: 'cilium', settings: {} }),
    from: 'a/p',
    to: 'a/h',
    port: 53,
    protocol: 'UDP',
    verdict: 'denied',
    says: /host entity/,
  },
  {
    name: 'Cilium policy-cidr-match-mode=nodes: the node-IP ipBlock admits it',
    snap: world([dnsToNode], { plugin: 'cilium', settings: { 'policy-cidr-match-mode': 'nodes' } }),
    from: 'a/p',
    to: 'a/h',
    port: 53,
    protocol: 'UDP',
    verdict: 'allowed',
    says: /host entity/,
  },
  // A plugin that enforces nothing: nothing is restricted either way.
  {
    name: 'flannel: nothing enforced, allowed',
    snap: world([], { plugin: 'flannel', settings: {} }),
    from: 'a/p',
    to: 'a/h',
    port: 9100,
    verdict: 'allowed',
    says: /enforces no NetworkPolicy|not isolated/,
  },
];

function texts(v: ReturnType<typeof check>): string {
  return [v.egress.reason, v.ingress.reason, ...v.notes.map((n) => n.message), v.unknownReason ?? ''].join('\n');
}

describe('node-local traffic by direction, per plugin', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const compiled = compile(c.snap);
      const v = check(compiled, at(c.from), at(c.to), c.port, c.protocol ?? 'TCP');
      assert.equal(v.verdict, c.verdict, texts(v));
      assert.match(texts(v), c.says);
      if (c.override !== undefined) assert.equal(v.override ?? null, c.override);
      if (c.deviation)
        assert.deepEqual(
          v.deviations.map((d) => d.code),
          [c.deviation],
        );
      if (c.verdict === 'unknown') assert.ok(v.unknownReason && c.says.test(v.unknownReason), v.unknownReason);
      // Pod pairs: the matrix cell says the same ('?' for unknown).
      if (c.from.includes('/') && c.to.includes('/')) {
        const m = matrix(compiled, c.port, c.protocol ?? 'TCP');
        const cell = m.rows[m.pods.indexOf(c.from)][m.pods.indexOf(c.to)];
        assert.equal(cell, { allowed: '1', denied: '0', unknown: '?' }[c.verdict], `matrix cell ${c.from} -> ${c.to}`);
        if (c.verdict === 'unknown') assert.match(m.unknownReason ?? '', c.says);
      }
    });
  }

  it('reachablePorts: Drop leaves a pod nothing towards its host; the node keeps every port into the pod', () => {
    const c = compile(world([dnsToNode], calico('Drop')));
    assert.deepEqual(reachablePorts(c, at('a/p'), at('a/h')), {});
    assert.deepEqual(reachablePorts(c, at('a/p'), at(NODE_IP)), {});
    assert.deepEqual(reachablePorts(compile(world([dnsToNode], calico('Accept'))), at('a/p'), at('a/h')), {
      TCP: [[53, 53]],
      UDP: [[53, 53]],
    });
  });
});
