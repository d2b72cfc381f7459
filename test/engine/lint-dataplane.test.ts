// lintDataplane: what the network plugin in force does with the policies as written. Profiles are
// built by hand here (the real ones live in engine/dataplane/profiles); the lint reads only the
// profile's enforcement, deviation codes, ipBlock scope and undocumented protocols, so a profile with
// the same deviation under another name must get the same findings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/engine/index.ts';
import type { CompiledSnapshot } from '../../src/engine/compiled.ts';
import type { Deviation, DeviationCode, PluginId, Profile } from '../../src/engine/dataplane/types.ts';
import { lintDataplane } from '../../src/engine/lint-dataplane.ts';
import type { Diagnostic } from '../../src/model/diagnostics.ts';
import type { Snapshot } from '../../src/model/types.ts';
import { ANY, anyPort, ipBlock, named, node, ns, pod, podPeer, policy, rule, sctp, sel, snapshot, tcp } from '../support/build.ts';

// ---- hand-made profiles (until engine/dataplane/profile.ts lands) ----------------------------

function deviation(code: DeviationCode): Deviation {
  return { code, message: `test deviation ${code}`, source: 'https://example.test/' };
}

function profile(id: PluginId, name: string, extra: Partial<Profile> = {}): Profile {
  return {
    id,
    name,
    enforcement: 'enforced',
    enforcementReason: `${name} enforces NetworkPolicy`,
    network: { kind: 'overlay', mode: 'vxlan' },
    deviations: [],
    undocumented: [],
    ipBlockScope: 'all',
    nodeReachesLocalPods: true,
    podToOwnNode: { action: 'policy', reason: 'egress policy decides' },
    settings: {},
    sources: [],
    ...extra,
  };
}

const CALICO_LIKE = profile('calico', 'Calico');
const UNKNOWN = profile('unknown', 'unknown', { enforcement: 'unknown', enforcementReason: 'no network plugin was recognised' });
const FLANNEL_LIKE = profile('flannel', 'flannel', {
  enforcement: 'not-enforced',
  enforcementReason: 'flannel has no policy controller and none was found beside it',
});
const OVN_LIKE = profile('ovn-kubernetes', 'OVN-Kubernetes', { deviations: [deviation('named-port-any-port')] });
const WEAVE_LIKE = profile('weave', 'Weave Net', { deviations: [deviation('endport-ignored'), deviation('named-port-policy-rejected')] });
const CILIUM_LIKE = profile('cilium', 'Cilium', { deviations: [deviation('ipblock-ignores-cluster')], ipBlockScope: 'external' });
const CILIUM_NODES_MODE = profile('cilium', 'Cilium', {
  deviations: [deviation('ipblock-ignores-cluster')],
  ipBlockScope: 'nodes-and-external',
});
const SCTP_UNDOCUMENTED = profile('kube-router', 'kube-router', {
  undocumented: [{ protocol: 'SCTP', reason: 'its documentation does not mention SCTP' }],
});
/** Another plugin with OVN-Kubernetes's deviation: the lint must not care about the name. */
const OTHER_WITH_ANY_PORT = profile('antrea', 'Antrea', { deviations: [deviation('named-port-any-port')] });

function under(s: Snapshot, p: Profile): CompiledSnapshot {
  const c = compile(s);
  return {
    ...c,
    dataplane: {
      detection: { source: 'override', profile: p, evidence: [], warnings: [] },
      profile: p,
      enforced: p.enforcement === 'enforced' ? true : p.enforcement === 'not-enforced' ? false : null,
      applied: [],
    },
  };
}

/** `code ns/name path` (ref and path left out when absent): what the table compares. */
function brief(d: Diagnostic): string {
  return [d.code, d.ref ? `${d.ref.namespace}/${d.ref.name}` : '', d.path ?? ''].filter((x) => x !== '').join(' ');
}

// ---- snapshots ------------------------------------------------------------------------------

const NAMESPACES = [ns('shop')];
const PODS = [
  pod('shop', 'frontend', { app: 'frontend' }, { ip: '10.244.1.10', node: 'node-a' }),
  pod('shop', 'backend', { app: 'backend' }, { ip: '10.244.2.20', node: 'node-b' }),
  pod('shop', 'db', { app: 'db' }, { ip: '10.244.1.5', node: 'node-a' }),
  pod('shop', 'agent', { app: 'agent' }, { ip: '192.168.1.11', node: 'node-b', hostNetwork: true }),
];
const NODES = [node('node-a', ['192.168.1.10']), node('node-b', ['192.168.1.11'])];

function shop(...policies: Snapshot['policies']): Snapshot {
  return snapshot({ namespaces: NAMESPACES, pods: PODS, nodes: NODES, policies });
}

const denyDb = policy('shop', 'db-deny', { podSelector: sel({ app: 'db' }), policyTypes: ['Ingress'] });
const allowBackend = policy('shop', 'db-allow-backend', {
  podSelector: sel({ app: 'db' }),
  ingress: [rule([podPeer(sel({ app: 'backend' }))], [tcp(5432)])],
});
const allowAll = policy('shop', 'allow-all', { podSelector: ANY, ingress: [rule()] });

const namedPorts = policy('shop', 'named', {
  podSelector: sel({ app: 'db' }),
  ingress: [rule(null, [tcp(80), named('postgres')]), rule(null, [named('metrics')])],
});
const endPort = policy('shop', 'range', { podSelector: sel({ app: 'db' }), egress: [rule(null, [tcp(8000, 8100), tcp(443)])] });
const namedAndRange = policy('shop', 'named-and-range', {
  podSelector: sel({ app: 'db' }),
  ingress: [rule(null, [named('postgres'), tcp(8000, 8100)])],
});
const podCidr = policy('shop', 'pod-cidr', {
  podSelector: sel({ app: 'db' }),
  ingress: [rule([podPeer(sel({ app: 'x' })), ipBlock('10.244.0.0/16')], [tcp(5432)])],
});
const podCidrEgress = policy('shop', 'pod-cidr-egress', {
  podSelector: sel({ app: 'backend' }),
  egress: [rule([ipBlock('10.244.1.0/24')])],
});
const podsExcepted = policy('shop', 'excepted', {
  podSelector: sel({ app: 'db' }),
  ingress: [rule([ipBlock('10.244.0.0/16', ['10.244.0.0/17'])])],
});
const external = policy('shop', 'external', { podSelector: sel({ app: 'db' }), ingress: [rule([ipBlock('203.0.113.0/24')])] });
const nodeCidr = policy('shop', 'node-cidr', { podSelector: sel({ app: 'db' }), ingress: [rule([ipBlock('192.168.1.0/24')])] });
const sctpRule = policy('shop', 'sctp', {
  podSelector: sel({ app: 'db' }),
  ingress: [rule(null, [tcp(80), sctp(9000), sctp(9001)]), rule(null, [anyPort('SCTP')]), rule(null, [tcp(81)])],
});

const ALL_POLICIES = [
  denyDb,
  allowBackend,
  allowAll,
  namedPorts,
  endPort,
  podCidr,
  podCidrEgress,
  podsExcepted,
  external,
  nodeCidr,
  sctpRule,
];

// ---- the table ------------------------------------------------------------------------------

interface Case {
  readonly name: string;
  readonly profile: Profile;
  readonly snap: Snapshot;
  readonly expected: readonly string[];
}

const CASES: readonly Case[] = [
  // policies-not-enforced
  {
    name: 'not enforced: one warning for all policies, no ref',
    profile: FLANNEL_LIKE,
    snap: shop(denyDb, allowBackend, allowAll),
    expected: ['policies-not-enforced'],
  },
  {
    name: 'not enforced: per-field deviations are moot',
    profile: { ...FLANNEL_LIKE, deviations: [deviation('named-port-any-port')] },
    snap: shop(namedPorts),
    expected: ['policies-not-enforced'],
  },
  { name: 'not enforced but no NetworkPolicy: nothing to say', profile: FLANNEL_LIKE, snap: shop(), expected: [] },
  // named-port-any-port
  {
    name: 'named-port-any-port: every named port, at its field',
    profile: OVN_LIKE,
    snap: shop(namedPorts),
    expected: [
      'dataplane-named-port-any-port shop/named spec.ingress[0].ports[1].port',
      'dataplane-named-port-any-port shop/named spec.ingress[1].ports[0].port',
    ],
  },
  {
    name: 'named-port-any-port: driven by the deviation code, whatever the plugin',
    profile: OTHER_WITH_ANY_PORT,
    snap: shop(namedPorts),
    expected: [
      'dataplane-named-port-any-port shop/named spec.ingress[0].ports[1].port',
      'dataplane-named-port-any-port shop/named spec.ingress[1].ports[0].port',
    ],
  },
  { name: 'named-port-any-port: numeric ports only: nothing', profile: OVN_LIKE, snap: shop(allowBackend, endPort), expected: [] },
  // named-port-policy-rejected
  {
    name: 'named-port-policy-rejected: one warning per policy, at the first named port',
    profile: WEAVE_LIKE,
    snap: shop(namedPorts),
    expected: ['dataplane-named-port-policy-rejected shop/named spec.ingress[0].ports[1].port'],
  },
  {
    name: 'named-port-policy-rejected: the rejected policy gets no endPort warning',
    profile: WEAVE_LIKE,
    snap: shop(namedAndRange),
    expected: ['dataplane-named-port-policy-rejected shop/named-and-range spec.ingress[0].ports[0].port'],
  },
  // endport-ignored
  {
    name: 'endport-ignored: a range, at its endPort; single ports are fine',
    profile: WEAVE_LIKE,
    snap: shop(endPort, allowBackend),
    expected: ['dataplane-endport-ignored shop/range spec.egress[0].ports[0].endPort'],
  },
  // ipblock-ignores-cluster
  {
    name: 'ipblock-ignores-cluster: ipBlocks holding pod IPs, ingress and egress',
    profile: CILIUM_LIKE,
    snap: shop(podCidr, podCidrEgress),
    expected: [
      'dataplane-ipblock-matches-cluster shop/pod-cidr spec.ingress[0].from[1].ipBlock.cidr',
      'dataplane-ipblock-matches-cluster shop/pod-cidr-egress spec.egress[0].to[0].ipBlock.cidr',
    ],
  },
  { name: 'ipblock-ignores-cluster: every pod IP in except: nothing', profile: CILIUM_LIKE, snap: shop(podsExcepted), expected: [] },
  { name: 'ipblock-ignores-cluster: an external CIDR: nothing', profile: CILIUM_LIKE, snap: shop(external), expected: [] },
  {
    name: 'ipblock-ignores-cluster: node IPs count when ipBlocks match outside only',
    profile: CILIUM_LIKE,
    snap: shop(nodeCidr),
    expected: ['dataplane-ipblock-matches-cluster shop/node-cidr spec.ingress[0].from[0].ipBlock.cidr'],
  },
  {
    name: 'ipblock-ignores-cluster: node IPs do not count when ipBlocks match nodes (hostNetwork pods are nodes)',
    profile: CILIUM_NODES_MODE,
    snap: shop(nodeCidr),
    expected: [],
  },
  {
    name: 'ipblock-ignores-cluster: pod IPs count in nodes mode too',
    profile: CILIUM_NODES_MODE,
    snap: shop(podCidr),
    expected: ['dataplane-ipblock-matches-cluster shop/pod-cidr spec.ingress[0].from[1].ipBlock.cidr'],
  },
  // undocumented protocols
  {
    name: 'undocumented SCTP: one warning per rule, at its first SCTP port',
    profile: SCTP_UNDOCUMENTED,
    snap: shop(sctpRule),
    expected: [
      'dataplane-protocol-undocumented shop/sctp spec.ingress[0].ports[1].protocol',
      'dataplane-protocol-undocumented shop/sctp spec.ingress[1].ports[0].protocol',
    ],
  },
  // conformant and unknown profiles say nothing about any of it
  { name: 'conformant (calico-like) profile: nothing', profile: CALICO_LIKE, snap: shop(...ALL_POLICIES), expected: [] },
  { name: 'unknown profile: nothing', profile: UNKNOWN, snap: shop(...ALL_POLICIES), expected: [] },
];

describe('lintDataplane: findings by the profile in force', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const got = lintDataplane(under(c.snap, c.profile));
      assert.ok(
        got.every((d) => d.severity === 'warning'),
        'warnings only',
      );
      assert.deepEqual(got.map(brief), c.expected);
    });
  }
});

describe('lintDataplane: messages', () => {
  const cases: { name: string; profile: Profile; snap: Snapshot; expected: readonly string[] }[] = [
    {
      name: 'not enforced: names the plugin, the count and the reason',
      profile: FLANNEL_LIKE,
      snap: shop(denyDb, allowBackend, allowAll),
      expected: [
        '3 NetworkPolicies exist but flannel does not enforce them: flannel has no policy controller and none was found beside it',
      ],
    },
    {
      name: 'not enforced: one policy reads in the singular',
      profile: FLANNEL_LIKE,
      snap: shop(denyDb),
      expected: ['1 NetworkPolicy exists but flannel does not enforce it: flannel has no policy controller and none was found beside it'],
    },
    {
      name: 'named-port-any-port',
      profile: OVN_LIKE,
      snap: shop(policy('shop', 'one', { ingress: [rule(null, [named('postgres')])] })),
      expected: ['named port postgres (TCP): OVN-Kubernetes admits every TCP port for a named port, not only the port named postgres'],
    },
    {
      name: 'named-port-policy-rejected counts the other named ports',
      profile: WEAVE_LIKE,
      snap: shop(namedPorts),
      expected: [
        'named port postgres (TCP) and 1 more: Weave Net rejects a policy that uses a named port, ' +
          'so none of this policy applies (it isolates no pod and admits nothing); use port numbers',
      ],
    },
    {
      name: 'endport-ignored',
      profile: WEAVE_LIKE,
      snap: shop(endPort),
      expected: ['endPort 8100: Weave Net ignores endPort, so this admits only port 8000, not 8000-8100'],
    },
    {
      name: 'ipblock-ignores-cluster: a sample pod (sorted by name) and how many more',
      profile: CILIUM_LIKE,
      snap: shop(podCidr),
      expected: [
        'ipBlock 10.244.0.0/16 contains pod IPs of the cluster (10.244.2.20 (shop/backend) and 2 more), ' +
          'as if meant to match them, but on Cilium an ipBlock never matches pod IPs; ' +
          'select the pods with podSelector / namespaceSelector instead',
      ],
    },
    {
      name: 'ipblock-ignores-cluster: node IPs',
      profile: CILIUM_LIKE,
      snap: shop(nodeCidr),
      expected: [
        'ipBlock 192.168.1.0/24 contains node IPs of the cluster (192.168.1.10 (node node-a) and 1 more), ' +
          'as if meant to match them, but on Cilium an ipBlock never matches node ' +
          'IPs; this peer admits no node',
      ],
    },
    {
      name: 'undocumented protocol names the reason',
      profile: SCTP_UNDOCUMENTED,
      snap: shop(policy('shop', 'one', { ingress: [rule(null, [sctp(9000)])] })),
      expected: [
        'SCTP port: kube-router does not document how it enforces SCTP ' +
          '(its documentation does not mention SCTP); answers for this traffic are unknown',
      ],
    },
  ];
  for (const c of cases)
    it(c.name, () =>
      assert.deepEqual(
        lintDataplane(under(c.snap, c.profile)).map((d) => d.message),
        c.expected,
      ),
    );
});
