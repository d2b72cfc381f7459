// The network-policy-api conformance suite, transcribed (kubernetes-sigs/network-policy-api
// conformance/tests/*.go with their conformance/base/*.yaml): each describe is named after the upstream
// ConformanceTest ShortName, each case after its t.Run, and a case that mutates a policy upstream
// (swapping rules, changing an action or a priority, deleting a NetworkPolicy) builds the mutated
// objects here. The offline answer must be what PokeServer expects on a conformant cluster.
import { describe, it } from 'node:test';
import { assertPokes, conformanceCluster, NS, peers, tcp, type Poke } from './conformance-fixture.ts';

const allow = 'allowed' as const;
const deny = 'denied' as const;

// ---- AdminNetworkPolicyIngressTCP / AdminNetworkPolicyIngressPodSelectorTCP (core-ingress-tcp-rules)

function ingressTcp(order: number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) {
  const rules = [
    { name: 'allow-from-ravenclaw-everything', action: 'Allow', from: [peers.namespace('ravenclaw')] },
    { name: 'deny-from-ravenclaw-everything', action: 'Deny', from: [peers.namespace('ravenclaw')] },
    { name: 'pass-from-ravenclaw-everything', action: 'Pass', from: [peers.namespace('ravenclaw')] },
    { name: 'deny-from-slytherin-at-port-80', action: 'Deny', from: [peers.namespace('slytherin')], ports: tcp(80) },
    { name: 'pass-from-slytherin-at-port-80', action: 'Pass', from: [peers.namespace('slytherin')], ports: tcp(80) },
    { name: 'allow-from-hufflepuff-at-port-80', action: 'Allow', from: [peers.namespace('hufflepuff')], ports: tcp(80) },
    { name: 'deny-from-hufflepuff-everything-else', action: 'Deny', from: [peers.namespace('hufflepuff')] },
    { name: 'deny-from-professor-quirrell-at-port-8080', action: 'Deny', from: [peers.staff('professor-quirrell-0')], ports: tcp(8080) },
    {
      name: 'allow-from-professor-dumbledore-at-port-8080',
      action: 'Allow',
      from: [peers.staff('professor-dumbledore-0')],
      ports: tcp(8080),
    },
    { name: 'deny-from-dumbledore-everything-else', action: 'Deny', from: [peers.staff('professor-dumbledore-0')] },
  ];
  return [
    {
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind: 'AdminNetworkPolicy',
      metadata: { name: 'ingress-tcp' },
      spec: {
        priority: 3,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': NS('gryffindor') } } },
        ingress: order.map((i) => rules[i]),
      },
    },
  ];
}

const swap = (a: number, b: number) => {
  const order = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  [order[a], order[b]] = [order[b], order[a]];
  return order;
};

interface Case {
  readonly name: string;
  readonly objects: readonly unknown[];
  readonly pokes: readonly Poke[];
}

function table(shortName: string, cases: readonly Case[]): void {
  describe(shortName, () => {
    for (const c of cases) it(c.name, () => assertPokes(conformanceCluster(c.objects), c.pokes));
  });
}

table('AdminNetworkPolicyIngressTCP', [
  {
    name: "Should support an 'allow-ingress' policy for TCP protocol; ensure rule ordering is respected",
    objects: ingressTcp(),
    pokes: [
      { from: 'ravenclaw/luna-lovegood-0', to: 'gryffindor/harry-potter-0', port: 80, want: allow },
      { from: 'ravenclaw/luna-lovegood-1', to: 'gryffindor/harry-potter-0', port: 8080, want: allow },
    ],
  },
  {
    name: "Should support an 'allow-ingress' policy for TCP protocol at the specified port",
    objects: ingressTcp(),
    pokes: [
      { from: 'hufflepuff/cedric-diggory-0', to: 'gryffindor/harry-potter-1', port: 80, want: allow },
      { from: 'hufflepuff/cedric-diggory-1', to: 'gryffindor/harry-potter-1', port: 8080, want: deny },
    ],
  },
  {
    name: "Should support an 'deny-ingress' policy for TCP protocol; ensure rule ordering is respected",
    objects: ingressTcp(swap(0, 1)),
    pokes: [
      { from: 'ravenclaw/luna-lovegood-0', to: 'gryffindor/harry-potter-1', port: 80, want: deny },
      { from: 'ravenclaw/luna-lovegood-1', to: 'gryffindor/harry-potter-1', port: 8080, want: deny },
    ],
  },
  {
    name: "Should support a 'deny-ingress' policy for TCP protocol at the specified port",
    objects: ingressTcp(),
    pokes: [
      { from: 'slytherin/draco-malfoy-0', to: 'gryffindor/harry-potter-0', port: 80, want: deny },
      { from: 'slytherin/draco-malfoy-1', to: 'gryffindor/harry-potter-0', port: 8080, want: allow },
    ],
  },
  {
    name: "Should support an 'pass-ingress' policy for TCP protocol; ensure rule ordering is respected",
    objects: ingressTcp(swap(0, 2)),
    pokes: [
      { from: 'ravenclaw/luna-lovegood-0', to: 'gryffindor/harry-potter-0', port: 80, want: allow },
      { from: 'ravenclaw/luna-lovegood-1', to: 'gryffindor/harry-potter-0', port: 8080, want: allow },
    ],
  },
  {
    name: "Should support a 'pass-ingress' policy for TCP protocol at the specified port",
    objects: ingressTcp(swap(3, 4)),
    pokes: [
      { from: 'slytherin/draco-malfoy-0', to: 'gryffindor/harry-potter-0', port: 80, want: allow },
      { from: 'slytherin/draco-malfoy-1', to: 'gryffindor/harry-potter-0', port: 8080, want: allow },
    ],
  },
]);

table('AdminNetworkPolicyIngressPodSelectorTCP', [
  {
    name: "Should support an 'allow-ingress' policy for TCP protocol at the specified pod",
    objects: ingressTcp(),
    pokes: [{ from: 'hogwarts-staff/professor-dumbledore-0', to: 'gryffindor/harry-potter-0', port: 8080, want: allow }],
  },
  {
    name: "Should support a 'deny-ingress' policy for TCP protocol at the specified pod",
    objects: ingressTcp(),
    pokes: [{ from: 'hogwarts-staff/professor-quirrell-0', to: 'gryffindor/harry-potter-0', port: 8080, want: deny }],
  },
]);

// ---- AdminNetworkPolicyIntegration (api_integration/core-anp-np-banp.yaml) -------------------------

function integration(opts: { ingressAction?: string; egressAction?: string; withNetworkPolicy?: boolean } = {}) {
  const objects: unknown[] = [
    {
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind: 'AdminNetworkPolicy',
      metadata: { name: 'pass-example' },
      spec: {
        priority: 10,
        subject: { namespaces: { matchLabels: { 'conformance-house': 'gryffindor' } } },
        ingress: [{ name: 'deny-all-ingress-from-slytherin', action: opts.ingressAction ?? 'Deny', from: [peers.house('slytherin')] }],
        egress: [{ name: 'deny-all-egress-to-slytherin', action: opts.egressAction ?? 'Deny', to: [peers.house('slytherin')] }],
      },
    },
    {
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind: 'BaselineAdminNetworkPolicy',
      metadata: { name: 'default' },
      spec: {
        subject: { namespaces: { matchLabels: { 'conformance-house': 'gryffindor' } } },
        ingress: [{ name: 'deny-all-ingress-from-slytherin', action: 'Deny', from: [peers.house('slytherin')] }],
        egress: [{ name: 'deny-all-egress-to-slytherin', action: 'Deny', to: [peers.house('slytherin')] }],
      },
    },
  ];
  if (opts.withNetworkPolicy ?? true) {
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-gress-from-to-slytherin-to-gryffindor', namespace: NS('gryffindor') },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'conformance-house': 'slytherin' } } }] }],
        egress: [{ to: [{ namespaceSelector: { matchLabels: { 'conformance-house': 'slytherin' } } }] }],
      },
    });
  }
  return objects;
}

const slytherinToGryffindor = (want: 'allowed' | 'denied'): Poke[] => [
  { from: 'slytherin/draco-malfoy-0', to: 'gryffindor/harry-potter-0', port: 80, want },
  { from: 'slytherin/draco-malfoy-1', to: 'gryffindor/harry-potter-0', port: 8080, want },
];
const gryffindorToSlytherin = (want: 'allowed' | 'denied'): Poke[] => [
  { from: 'gryffindor/harry-potter-0', to: 'slytherin/draco-malfoy-0', port: 80, want },
  { from: 'gryffindor/harry-potter-1', to: 'slytherin/draco-malfoy-0', port: 8080, want },
];

table('AdminNetworkPolicyIntegration', [
  { name: 'Should Deny traffic from slytherin to gryffindor respecting ANP', objects: integration(), pokes: slytherinToGryffindor(deny) },
  { name: 'Should Deny traffic to slytherin from gryffindor respecting ANP', objects: integration(), pokes: gryffindorToSlytherin(deny) },
  {
    name: "Should support a 'pass-ingress' policy for ANP and respect the match for network policy",
    objects: integration({ ingressAction: 'Pass' }),
    pokes: slytherinToGryffindor(allow),
  },
  {
    name: "Should support a 'pass-egress' policy for ANP and respect the match for network policy",
    objects: integration({ ingressAction: 'Pass', egressAction: 'Pass' }),
    pokes: gryffindorToSlytherin(allow),
  },
  {
    name: "Should support a 'pass-ingress' policy for ANP and respect the match for baseline admin network policy",
    objects: integration({ ingressAction: 'Pass', egressAction: 'Pass', withNetworkPolicy: false }),
    pokes: slytherinToGryffindor(deny),
  },
  {
    name: "Should support a 'pass-egress' policy for ANP and respect the match for baseline admin network policy",
    objects: integration({ ingressAction: 'Pass', egressAction: 'Pass', withNetworkPolicy: false }),
    pokes: gryffindorToSlytherin(deny),
  },
]);

// ---- AdminNetworkPolicyPriorityField (admin_network_policy/core-priority-field.yaml) ---------------

function priorityField(secondPriority: number) {
  const gryffindorPods = {
    pods: {
      namespaceSelector: { matchLabels: { 'conformance-house': 'gryffindor' } },
      podSelector: { matchLabels: { 'conformance-house': 'gryffindor' } },
    },
  };
  const anp = (name: string, priority: number, action: string, verb: string) => ({
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'AdminNetworkPolicy',
    metadata: { name },
    spec: {
      priority,
      subject: gryffindorPods,
      ingress: [{ name: `${verb}-all-ingress-from-slytherin`, action, from: [peers.housePods('slytherin')] }],
      egress: [{ name: `${verb}-all-egress-to-slytherin`, action, to: [peers.housePods('slytherin')] }],
    },
  });
  return [
    anp('priority-50-example', 50, 'Deny', 'deny'),
    anp('old-priority-60-new-priority-40-example', secondPriority, 'Pass', 'pass'),
    {
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind: 'BaselineAdminNetworkPolicy',
      metadata: { name: 'default' },
      spec: {
        subject: gryffindorPods,
        ingress: [{ name: 'allow-all-ingress-from-slytherin', action: 'Allow', from: [peers.housePods('slytherin')] }],
        egress: [{ name: 'allow-all-egress-to-slytherin', action: 'Allow', to: [peers.housePods('slytherin')] }],
      },
    },
  ];
}

table('AdminNetworkPolicyPriorityField', [
  {
    name: 'Should Deny traffic from slytherin to gryffindor respecting ANP',
    objects: priorityField(60),
    pokes: slytherinToGryffindor(deny),
  },
  {
    name: 'Should Deny traffic to slytherin from gryffindor respecting ANP',
    objects: priorityField(60),
    pokes: gryffindorToSlytherin(deny),
  },
  {
    name: 'Should respect ANP priority field; thus passing both ingress and egress traffic over to BANP',
    objects: priorityField(40),
    pokes: [...slytherinToGryffindor(allow), ...gryffindorToSlytherin(allow)],
  },
]);
