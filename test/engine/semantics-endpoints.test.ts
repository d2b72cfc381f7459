// DESIGN.md "Semantics we follow": the implementation-defined rules (self traffic, node-local traffic,
// hostNetwork pods) and endpoints given as IPs (external addresses, pod IPs).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NetworkPolicy, Pod } from '../../src/model/types.ts';
import { compile, reachablePorts } from '../../src/engine/index.ts';
import { ALL_PORTS } from '../../src/engine/port-ranges.ts';
import { ANY, at, ipBlock, node, ns, nsPeer, pod, podPeer, policy, rule, runCheckCases, sel, snapshot, tcp } from '../support/build.ts';

const EXTERNAL = '203.0.113.7';
const N1_IP = '192.168.1.1';
const N2_IP = '192.168.1.2';

/** Pods app/web (node n1), app/db (node n2), app/v6 (no node), hostNetwork app/agent on n1, and
 * hostNetwork app/probe on n3. Nodes n1..n3 have InternalIPs 192.168.1.1..3. */
function world(policies: NetworkPolicy[], extra: Pod[] = []) {
  return snapshot({
    namespaces: [ns('app'), ns('other')],
    nodes: [node('n1', [N1_IP]), node('n2', [N2_IP]), node('n3', ['192.168.1.3'])],
    pods: [
      pod('app', 'web', { app: 'web' }, { ip: '10.0.0.1', node: 'n1' }),
      pod('app', 'db', { app: 'db' }, { ip: '10.0.0.2', node: 'n2' }),
      pod('app', 'v6', { app: 'v6' }, { ip: 'fd00::10' }),
      pod('app', 'agent', { app: 'web' }, { ip: N1_IP, node: 'n1', hostNetwork: true }),
      pod('app', 'probe', { app: 'web' }, { ip: '192.168.1.3', node: 'n3', hostNetwork: true }),
      ...extra,
    ],
    policies,
  });
}

const denyAll = policy('app', 'deny-all', { policyTypes: ['Ingress', 'Egress'] });
const denied = world([denyAll]);
/** app/db admits only the given peers. */
const dbFrom = (...peers: Parameters<typeof rule>[0][]) =>
  world([policy('app', 'db-in', { podSelector: sel({ app: 'db' }), ingress: peers.map((p) => rule(p)) })]);

describe('semantics: self and node-local traffic', () => {
  runCheckCases([
    {
      name: 'self traffic allowed (override self-traffic) although both directions deny',
      snap: denied,
      from: 'app/web',
      to: 'app/web',
      port: 8080,
      allowed: true,
      override: 'self-traffic',
      notes: ['self-traffic'],
      egress: { allowed: false, isolated: true },
      ingress: { allowed: false, isolated: true },
    },
    {
      name: "self traffic through the pod's own IP is still self traffic",
      snap: denied,
      from: 'app/web',
      to: '10.0.0.1',
      port: 80,
      allowed: true,
      override: 'self-traffic',
    },
    {
      name: 'distinct pods under deny-all get no override',
      snap: denied,
      from: 'app/web',
      to: 'app/db',
      port: 80,
      allowed: false,
      override: null,
      noNotes: ['self-traffic', 'node-local'],
    },
    // Node-local by direction (NODE_LOCAL_SOURCE): the API exempts ingress from the pod's node only.
    {
      name: 'node-local ingress exemption: node IP to a pod on that node is allowed although its ingress is isolated',
      snap: denied,
      from: N1_IP,
      to: 'app/web',
      port: 8080,
      allowed: true,
      override: 'node-local',
      notes: ['node-local'],
      ingress: { allowed: true, isolated: true, isolatedBy: ['app/deny-all'] },
    },
    {
      name: "node-local egress is policed: pod to its node's IP is denied by its egress default-deny",
      snap: denied,
      from: 'app/web',
      to: N1_IP,
      port: 10250,
      allowed: false,
      override: null,
      notes: ['node-local'],
      egress: { allowed: false, isolated: true, isolatedBy: ['app/deny-all'] },
    },
    {
      name: 'node-local does not cover another node',
      snap: denied,
      from: N2_IP,
      to: 'app/web',
      port: 8080,
      allowed: false,
      override: null,
      noNotes: ['node-local'],
    },
    {
      name: 'node-local ingress exemption: hostNetwork pod to a pod on its node',
      snap: denied,
      from: 'app/agent',
      to: 'app/web',
      port: 8080,
      allowed: true,
      override: 'node-local',
      egress: { allowed: true, policed: false },
      ingress: { allowed: true, isolated: true },
    },
    {
      name: 'node-local egress is policed: pod to a hostNetwork pod on its node is denied by its egress default-deny',
      snap: denied,
      from: 'app/web',
      to: 'app/agent',
      port: 9100,
      allowed: false,
      override: null,
      notes: ['node-local'],
      egress: { allowed: false, isolated: true, isolatedBy: ['app/deny-all'] },
      ingress: { allowed: true, policed: false },
    },
    {
      name: 'node-local egress is policed: an egress rule with an ipBlock on the node IP admits it',
      snap: world([denyAll, policy('app', 'to-node', { policyTypes: ['Egress'], egress: [rule([ipBlock(`${N1_IP}/32`)], [tcp(9100)])] })]),
      from: 'app/web',
      to: 'app/agent',
      port: 9100,
      allowed: true,
      override: null,
      egress: { allowed: true, allowedBy: ['app/to-node#0'] },
    },
    {
      name: 'node-local egress without egress isolation: allowed by no policy, not by an exemption',
      snap: world([policy('app', 'in-only', { policyTypes: ['Ingress'] })]),
      from: 'app/web',
      to: N1_IP,
      port: 53,
      allowed: true,
      override: null,
      egress: { allowed: true, isolated: false },
    },
    {
      name: 'hostNetwork pod on another node: no override',
      snap: denied,
      from: 'app/probe',
      to: 'app/web',
      port: 8080,
      allowed: false,
      override: null,
    },
    {
      name: 'two pods on one node without hostNetwork: no override',
      snap: world([denyAll], [pod('app', 'web2', {}, { ip: '10.0.0.9', node: 'n1' })]),
      from: 'app/web2',
      to: 'app/web',
      port: 80,
      allowed: false,
      override: null,
    },
    {
      name: 'two hostNetwork pods on one node: neither side is policed',
      snap: world([denyAll], [pod('app', 'agent2', {}, { ip: N1_IP, node: 'n1', hostNetwork: true })]),
      from: 'app/agent2',
      to: 'app/agent',
      port: 80,
      allowed: true,
      override: null,
    },
  ]);

  it('reachablePorts: self and node-to-pod pairs get every port; pod-to-node pairs what egress admits', () => {
    const c = compile(denied);
    assert.deepEqual(reachablePorts(c, at('app/web'), at('app/web')), ALL_PORTS);
    assert.deepEqual(reachablePorts(c, at(N1_IP), at('app/web')), ALL_PORTS);
    assert.deepEqual(reachablePorts(c, at('app/agent'), at('app/web')), ALL_PORTS);
    assert.deepEqual(reachablePorts(c, at('app/web'), at(N1_IP)), {});
    assert.deepEqual(reachablePorts(c, at('app/web'), at('app/agent')), {});
    assert.deepEqual(reachablePorts(c, at('app/web'), at('app/db')), {});
  });
});

describe('semantics: hostNetwork pods', () => {
  runCheckCases([
    {
      name: 'hostNetwork pod is never selected as target (ingress)',
      snap: denied,
      from: 'app/db',
      to: 'app/probe',
      port: 9100,
      allowed: false, // app/db's egress is denied; the probe's ingress is not policed
      ingress: { allowed: true, policed: false, isolated: false, isolatedBy: [] },
      notes: ['host-network'],
    },
    {
      name: 'hostNetwork pod is never selected as target (egress)',
      snap: world([policy('app', 'deny-out', { policyTypes: ['Egress'] })]),
      from: 'app/probe',
      to: 'app/db',
      port: 5432,
      allowed: true,
      egress: { policed: false, isolated: false },
      notes: ['host-network'],
    },
    {
      name: 'hostNetwork pod is never a pod peer ({} podSelector)',
      snap: dbFrom([podPeer(ANY)]),
      from: 'app/probe',
      to: 'app/db',
      port: 5432,
      allowed: false,
      ingress: { isolated: true, allowedBy: [] },
    },
    {
      name: 'hostNetwork pod is never a pod peer (labels match)',
      snap: dbFrom([podPeer(sel({ app: 'web' }))]),
      from: 'app/probe',
      to: 'app/db',
      port: 5432,
      allowed: false,
    },
    {
      name: 'hostNetwork pod is never a pod peer ({} in {} namespaces)',
      snap: dbFrom([nsPeer(ANY, ANY)]),
      from: 'app/probe',
      to: 'app/db',
      port: 5432,
      allowed: false,
    },
    {
      name: 'hostNetwork pod matched by ipBlock on its node IP',
      snap: dbFrom([ipBlock('192.168.1.0/24')]),
      from: 'app/probe',
      to: 'app/db',
      port: 5432,
      allowed: true,
      ingress: { allowedBy: ['app/db-in#0'] },
    },
    {
      name: 'hostNetwork pod not matched by an ipBlock excepting its node IP',
      snap: dbFrom([ipBlock('192.168.1.0/24', ['192.168.1.3/32'])]),
      from: 'app/probe',
      to: 'app/db',
      port: 5432,
      allowed: false,
    },
    {
      name: 'node IP matched by ipBlock like the hostNetwork pod on it',
      snap: dbFrom([ipBlock('192.168.1.3/32')]),
      from: '192.168.1.3',
      to: 'app/db',
      port: 5432,
      allowed: true,
    },
  ]);
});

describe('semantics: endpoints given as IPs', () => {
  const podsOnly = dbFrom([nsPeer(ANY, ANY)]);
  runCheckCases([
    {
      name: 'traffic from an external IP: pod peers do not admit it',
      snap: podsOnly,
      from: EXTERNAL,
      to: 'app/db',
      port: 5432,
      allowed: false,
      fromKind: 'ip',
      ingress: { isolated: true, allowedBy: [] },
    },
    {
      name: 'traffic from an external IP: an ipBlock admits it',
      snap: dbFrom([ipBlock('203.0.113.0/24')]),
      from: EXTERNAL,
      to: 'app/db',
      port: 5432,
      allowed: true,
      ingress: { allowedBy: ['app/db-in#0'] },
    },
    {
      name: 'traffic from an external IP: an all-peers rule admits it',
      snap: dbFrom(null),
      from: EXTERNAL,
      to: 'app/db',
      port: 5432,
      allowed: true,
      ingress: { allowedBy: ['app/db-in#0'] },
    },
    {
      name: 'traffic from an external IP: its egress is not policed (note external-not-policed)',
      snap: dbFrom(null),
      from: EXTERNAL,
      to: 'app/db',
      port: 5432,
      allowed: true,
      egress: { policed: false, isolated: false },
      notes: ['external-not-policed'],
    },
    {
      name: 'traffic to an external IP: checked at the source only',
      snap: world([
        policy('app', 'out', { podSelector: sel({ app: 'web' }), egress: [rule([ipBlock('0.0.0.0/0', ['10.0.0.0/8'])], [tcp(443)])] }),
      ]),
      from: 'app/web',
      to: EXTERNAL,
      port: 443,
      allowed: true,
      ingress: { policed: false },
      egress: { allowedBy: ['app/out#0'] },
      toKind: 'ip',
    },
    {
      name: 'traffic to an external IPv6 address: a v6 ipBlock admits it',
      snap: world([policy('app', 'out', { podSelector: sel({ app: 'web' }), egress: [rule([ipBlock('2001:db8::/32')])] })]),
      from: 'app/web',
      to: '2001:db8::1',
      port: 443,
      allowed: true,
    },
    {
      name: 'a pod IP given as an IP endpoint resolves to the pod (source)',
      snap: dbFrom([podPeer(sel({ app: 'web' }))]),
      from: '10.0.0.1',
      to: 'app/db',
      port: 5432,
      allowed: true,
      fromKind: 'pod',
      egress: { policed: true },
      noNotes: ['external-not-policed', 'ipblock-matches-pod-ip'],
    },
    {
      name: 'a pod IP given as an IP endpoint resolves to the pod (destination, its policies apply)',
      snap: denied,
      from: EXTERNAL,
      to: '10.0.0.2',
      port: 5432,
      allowed: false,
      toKind: 'pod',
      ingress: { isolated: true, isolatedBy: ['app/deny-all'] },
    },
    {
      name: 'a pod IPv6 address given as an IP endpoint resolves to the pod',
      snap: denied,
      from: EXTERNAL,
      to: 'fd00::10',
      port: 80,
      allowed: false,
      toKind: 'pod',
    },
    {
      name: 'a pod IPv6 address in another spelling resolves to the pod',
      snap: denied,
      from: EXTERNAL,
      to: 'FD00:0:0::10',
      port: 80,
      allowed: false,
      toKind: 'pod',
    },
    {
      name: 'a pod IPv4 address in IPv4-mapped IPv6 spelling resolves to the pod',
      snap: denied,
      from: EXTERNAL,
      to: '::ffff:10.0.0.2',
      port: 80,
      allowed: false,
      toKind: 'pod',
    },
    {
      name: "a hostNetwork pod's IP names its node even without a Node object (node-local like the pod itself)",
      snap: snapshot({
        namespaces: [ns('app')],
        pods: [
          pod('app', 'web', {}, { ip: '10.0.0.1', node: 'n1' }),
          pod('app', 'agent', {}, { ip: N1_IP, node: 'n1', hostNetwork: true }),
        ],
        policies: [denyAll],
      }),
      from: N1_IP,
      to: 'app/web',
      port: 80,
      allowed: true,
      override: 'node-local',
    },
    {
      name: "a hostNetwork pod's IP resolves to its node, not to the pod",
      snap: denied,
      from: N1_IP,
      to: 'app/web',
      port: 80,
      allowed: true,
      fromKind: 'ip',
      override: 'node-local',
    },
  ]);
});
