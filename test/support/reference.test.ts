// The reference evaluator is the oracle for the property tests, so it gets its own table of the
// DESIGN.md rules, one case per rule, written by hand.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  ContainerPort,
  LabelSelector,
  Labels,
  NetworkPolicy,
  Pod,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  Protocol,
  SelectorRequirement,
  Snapshot,
} from '../../src/model/types.ts';
import { NAMESPACE_NAME_LABEL, emptySnapshot } from '../../src/model/types.ts';
import { refAllowed, refMatrix, refPorts, selectorMatches } from './reference.ts';
import type { RefEndpoint } from './reference.ts';
import { randomSnapshot } from './random-cluster.ts';

// ---- tiny builders ---------------------------------------------------------------------------

const sel = (matchLabels: Labels = {}, matchExpressions: SelectorRequirement[] = []): LabelSelector => ({
  matchLabels,
  matchExpressions,
});
const ALL = sel();

function pod(id: string, labels: Labels = {}, extra: Partial<Pod> = {}): Pod {
  const [namespace, name] = id.split('/');
  return { namespace, name, labels, ips: [], hostNetwork: false, containerPorts: [], ownerReferences: [], ...extra };
}

function policy(id: string, spec: Partial<NetworkPolicy>): NetworkPolicy {
  const [namespace, name] = id.split('/');
  return {
    namespace,
    name,
    podSelector: ALL,
    policyTypes: ['Ingress'],
    policyTypesExplicit: false,
    ingress: [],
    egress: [],
    ...spec,
  };
}

const rule = (peers: PolicyPeer[] | null, ports: PolicyPort[] | null = null): PolicyRule => ({ peers, ports });
const podsPeer = (pods: LabelSelector): PolicyPeer => ({ kind: 'pods', namespaces: { kind: 'own' }, pods });
const nsPeer = (namespaces: LabelSelector, pods: LabelSelector = ALL): PolicyPeer => ({
  kind: 'pods',
  namespaces: { kind: 'selector', selector: namespaces },
  pods,
});
const ipPeer = (cidr: string, except: string[] = []): PolicyPeer => ({ kind: 'ipBlock', cidr, except });
const tcp = (from: number, to = from): PolicyPort => ({ kind: 'range', protocol: 'TCP', from, to });
const named = (name: string, protocol: Protocol = 'TCP'): PolicyPort => ({ kind: 'named', protocol, name });

const HTTP: ContainerPort[] = [{ name: 'http', containerPort: 8080, protocol: 'TCP' }];

function snapshot(pods: Pod[], policies: NetworkPolicy[]): Snapshot {
  const names = ['prod', 'dev', ...pods.map((p) => p.namespace)];
  const namespaces = [...new Set(names)].map((name) => ({
    name,
    labels: { [NAMESPACE_NAME_LABEL]: name, ...(name === 'prod' ? { env: 'prod' } : {}) },
  }));
  return { ...emptySnapshot(), namespaces, pods, policies };
}

// Fixed cast: a client `c` and a server `s` in prod, an `other` client in dev.
const C = pod('prod/c', { app: 'client' }, { ips: ['10.0.0.5'], nodeName: 'n1' });
const S = pod('prod/s', { app: 'server' }, { ips: ['10.0.1.9'], nodeName: 'n2', containerPorts: HTTP });
const D = pod('dev/other', { app: 'client' }, { ips: ['10.0.2.5'], nodeName: 'n3' });
const ingressOnS = (...rules: PolicyRule[]) => policy('prod/p', { podSelector: sel({ app: 'server' }), ingress: rules });
const egressOnC = (...rules: PolicyRule[]) =>
  policy('prod/e', { podSelector: sel({ app: 'client' }), policyTypes: ['Egress'], egress: rules });

interface Case {
  name: string;
  pods?: Pod[];
  policies: NetworkPolicy[];
  from: RefEndpoint;
  to: RefEndpoint;
  port?: number;
  protocol?: Protocol;
  want: boolean;
}

const cases: Case[] = [
  { name: 'no policies: everything allowed', policies: [], from: { pod: C }, to: { pod: S }, want: true },
  { name: 'ingress: [] isolates and denies all', policies: [ingressOnS()], from: { pod: C }, to: { pod: S }, want: false },
  {
    name: 'policy not selecting the destination does not isolate it',
    policies: [ingressOnS()],
    from: { pod: S },
    to: { pod: C },
    want: true,
  },
  { name: 'peers null admits every source', policies: [ingressOnS(rule(null))], from: { pod: D }, to: { pod: S }, want: true },
  {
    name: 'ports null admits every port and protocol',
    policies: [ingressOnS(rule(null))],
    from: { pod: C },
    to: { pod: S },
    port: 31000,
    protocol: 'SCTP',
    want: true,
  },
  {
    name: 'podSelector peer matches in the policy namespace',
    policies: [ingressOnS(rule([podsPeer(sel({ app: 'client' }))]))],
    from: { pod: C },
    to: { pod: S },
    want: true,
  },
  {
    name: 'podSelector peer does not reach other namespaces',
    policies: [ingressOnS(rule([podsPeer(sel({ app: 'client' }))]))],
    from: { pod: D },
    to: { pod: S },
    want: false,
  },
  {
    name: 'empty podSelector peer: every pod of the own namespace',
    policies: [ingressOnS(rule([podsPeer(ALL)]))],
    from: { pod: C },
    to: { pod: S },
    want: true,
  },
  {
    name: 'namespaceSelector only: pods of matching namespaces',
    policies: [ingressOnS(rule([nsPeer(sel({ [NAMESPACE_NAME_LABEL]: 'dev' }))]))],
    from: { pod: D },
    to: { pod: S },
    want: true,
  },
  {
    name: 'namespaceSelector only: non-matching namespace denied',
    policies: [ingressOnS(rule([nsPeer(sel({ env: 'prod' }))]))],
    from: { pod: D },
    to: { pod: S },
    want: false,
  },
  {
    name: 'namespace and pod selector in one peer are ANDed',
    policies: [ingressOnS(rule([nsPeer(sel({ env: 'prod' }), sel({ app: 'client' }))]))],
    from: { pod: D },
    to: { pod: S },
    want: false,
  },
  {
    name: 'matchExpressions In',
    policies: [ingressOnS(rule([podsPeer(sel({}, [{ key: 'app', operator: 'In', values: ['x', 'client'] }]))]))],
    from: { pod: C },
    to: { pod: S },
    want: true,
  },
  {
    name: 'matchExpressions NotIn is true when the key is absent',
    policies: [ingressOnS(rule([podsPeer(sel({}, [{ key: 'tier', operator: 'NotIn', values: ['db'] }]))]))],
    from: { pod: C },
    to: { pod: S },
    want: true,
  },
  {
    name: 'matchExpressions NotIn excludes the listed value',
    policies: [ingressOnS(rule([podsPeer(sel({}, [{ key: 'app', operator: 'NotIn', values: ['client'] }]))]))],
    from: { pod: C },
    to: { pod: S },
    want: false,
  },
  {
    name: 'matchExpressions Exists',
    policies: [ingressOnS(rule([podsPeer(sel({}, [{ key: 'app', operator: 'Exists', values: [] }]))]))],
    from: { pod: C },
    to: { pod: S },
    want: true,
  },
  {
    name: 'matchExpressions DoesNotExist',
    policies: [ingressOnS(rule([podsPeer(sel({}, [{ key: 'app', operator: 'DoesNotExist', values: [] }]))]))],
    from: { pod: C },
    to: { pod: S },
    want: false,
  },
  {
    name: 'ipBlock matches the source pod IP',
    policies: [ingressOnS(rule([ipPeer('10.0.0.0/16')]))],
    from: { pod: C },
    to: { pod: S },
    want: true,
  },
  {
    name: 'ipBlock except carves the source out',
    policies: [ingressOnS(rule([ipPeer('10.0.0.0/16', ['10.0.0.0/24'])]))],
    from: { pod: C },
    to: { pod: S },
    want: false,
  },
  {
    name: 'IPv6 ipBlock never matches an IPv4 address',
    policies: [ingressOnS(rule([ipPeer('::/0')]))],
    from: { pod: C },
    to: { pod: S },
    want: false,
  },
  {
    name: 'ipBlock never matches a pod without IP',
    pods: [pod('prod/c', { app: 'client' })],
    policies: [ingressOnS(rule([ipPeer('0.0.0.0/0')]))],
    from: { pod: pod('prod/c', { app: 'client' }) },
    to: { pod: S },
    want: false,
  },
  {
    name: 'port range with endPort: inside',
    policies: [ingressOnS(rule(null, [tcp(8000, 8100)]))],
    from: { pod: C },
    to: { pod: S },
    port: 8100,
    want: true,
  },
  {
    name: 'port range with endPort: just outside',
    policies: [ingressOnS(rule(null, [tcp(8000, 8100)]))],
    from: { pod: C },
    to: { pod: S },
    port: 8101,
    want: false,
  },
  {
    name: 'port protocol must match',
    policies: [ingressOnS(rule(null, [tcp(53)]))],
    from: { pod: C },
    to: { pod: S },
    port: 53,
    protocol: 'UDP',
    want: false,
  },
  {
    name: 'all-ports entry of one protocol',
    policies: [ingressOnS(rule(null, [{ kind: 'all', protocol: 'UDP' }]))],
    from: { pod: C },
    to: { pod: S },
    port: 9,
    protocol: 'UDP',
    want: true,
  },
  {
    name: 'named port resolves against the destination',
    policies: [ingressOnS(rule(null, [named('http')]))],
    from: { pod: C },
    to: { pod: S },
    port: 8080,
    want: true,
  },
  {
    name: 'named port: another number does not match',
    policies: [ingressOnS(rule(null, [named('http')]))],
    from: { pod: C },
    to: { pod: S },
    port: 80,
    want: false,
  },
  {
    name: 'named port: protocol must match the container port',
    policies: [ingressOnS(rule(null, [named('http', 'UDP')]))],
    from: { pod: C },
    to: { pod: S },
    port: 8080,
    protocol: 'UDP',
    want: false,
  },
  {
    name: 'egress named port resolves against the destination, not the source',
    policies: [egressOnC(rule(null, [named('http')]))],
    from: { pod: C },
    to: { pod: S },
    port: 8080,
    want: true,
  },
  {
    name: 'egress named port never matches an address',
    policies: [egressOnC(rule(null, [named('http')]))],
    from: { pod: C },
    to: { ip: '8.8.8.8' },
    port: 8080,
    want: false,
  },
  { name: 'egress: [] with Egress type denies all egress', policies: [egressOnC()], from: { pod: C }, to: { pod: S }, want: false },
  {
    name: 'Ingress-only policy does not isolate egress',
    policies: [policy('prod/p', { podSelector: sel({ app: 'client' }) })],
    from: { pod: C },
    to: { pod: S },
    want: true,
  },
  {
    name: 'egress allowed but ingress denied: denied',
    policies: [egressOnC(rule(null)), ingressOnS()],
    from: { pod: C },
    to: { pod: S },
    want: false,
  },
  {
    name: 'policies add up: a second policy allows',
    policies: [ingressOnS(), ingressOnS(rule([podsPeer(ALL)]))],
    from: { pod: C },
    to: { pod: S },
    want: true,
  },
  {
    name: 'policy in another namespace does not select',
    policies: [policy('dev/p', { podSelector: ALL })],
    from: { pod: C },
    to: { pod: S },
    want: true,
  },
  {
    name: 'self traffic allowed under deny-all',
    policies: [ingressOnS(), policy('prod/e', { policyTypes: ['Egress'] })],
    from: { pod: S },
    to: { pod: S },
    want: true,
  },
  {
    name: 'egress ipBlock to a pod IP',
    policies: [egressOnC(rule([ipPeer('10.0.1.0/24')]))],
    from: { pod: C },
    to: { pod: S },
    want: true,
  },
  { name: 'IP source: peers null admits it', policies: [ingressOnS(rule(null))], from: { ip: '8.8.8.8' }, to: { pod: S }, want: true },
  {
    name: 'IP source: pod peer never matches',
    policies: [ingressOnS(rule([podsPeer(ALL), nsPeer(ALL)]))],
    from: { ip: '10.0.0.99' },
    to: { pod: S },
    want: false,
  },
  {
    name: 'IP source: ipBlock containing it',
    policies: [ingressOnS(rule([ipPeer('8.8.0.0/16')]))],
    from: { ip: '8.8.8.8' },
    to: { pod: S },
    want: true,
  },
  { name: 'IP source: egress not policed', policies: [egressOnC()], from: { ip: '8.8.8.8' }, to: { pod: C }, want: true },
  {
    name: 'IP destination: ingress not policed, egress ipBlock v6',
    policies: [egressOnC(rule([ipPeer('2001:db8::/32', ['2001:db8::/64'])]))],
    from: { pod: C },
    to: { ip: '2001:db8:1::1' },
    want: true,
  },
  {
    name: 'IP destination in except',
    policies: [egressOnC(rule([ipPeer('2001:db8::/32', ['2001:db8::/64'])]))],
    from: { pod: C },
    to: { ip: '2001:db8::1' },
    want: false,
  },
  {
    name: 'IP to IP: nothing polices it',
    policies: [egressOnC(), ingressOnS()],
    from: { ip: '1.1.1.1' },
    to: { ip: '2.2.2.2' },
    want: true,
  },
];

const HN = pod('prod/hn', { app: 'server' }, { hostNetwork: true, nodeName: 'n1', ips: ['172.16.0.1'], containerPorts: HTTP });
const HN2 = pod('prod/hn2', { app: 'client' }, { hostNetwork: true, nodeName: 'n4', ips: ['172.16.0.2'] });
const denyAllProd = policy('prod/deny', { policyTypes: ['Ingress', 'Egress'] });
const hostCases: Case[] = [
  { name: 'hostNetwork pod is never a policy target (ingress)', policies: [denyAllProd], from: { pod: D }, to: { pod: HN }, want: true },
  { name: 'hostNetwork pod is never a policy target (egress)', policies: [denyAllProd], from: { pod: HN }, to: { pod: D }, want: true },
  {
    name: 'node-local egress is policed: pod to hostNetwork pod on its node under an egress deny',
    policies: [denyAllProd],
    from: { pod: C },
    to: { pod: HN },
    want: false,
  },
  {
    name: 'node-local egress is policed: pod to its node IP under an egress deny',
    policies: [denyAllProd],
    from: { pod: C },
    to: { ip: '172.16.0.1' },
    want: false,
  },
  {
    name: 'node-local egress: an ipBlock on the node IP admits it',
    policies: [denyAllProd, egressOnC(rule([ipPeer('172.16.0.1/32')]))],
    from: { pod: C },
    to: { pod: HN },
    want: true,
  },
  {
    name: 'node-local ingress exemption: hostNetwork pod to pod on its node',
    policies: [denyAllProd],
    from: { pod: HN },
    to: { pod: C },
    want: true,
  },
  {
    name: 'node-local ingress exemption: node IP to pod on its node',
    policies: [denyAllProd],
    from: { ip: '172.16.0.1' },
    to: { pod: C },
    want: true,
  },
  { name: 'hostNetwork on another node is policed at the pod', policies: [denyAllProd], from: { pod: HN2 }, to: { pod: C }, want: false },
  {
    name: 'hostNetwork pod is never a pod peer',
    policies: [ingressOnS(rule([podsPeer(ALL), nsPeer(ALL)]))],
    from: { pod: HN2 },
    to: { pod: S },
    want: false,
  },
  {
    name: 'hostNetwork pod matches ipBlock by node IP',
    policies: [ingressOnS(rule([ipPeer('172.16.0.0/30')]))],
    from: { pod: HN2 },
    to: { pod: S },
    want: true,
  },
  {
    name: 'egress to hostNetwork pod: pod peer never matches',
    policies: [egressOnC(rule([podsPeer(ALL)]))],
    from: { pod: C },
    to: { pod: HN2 },
    want: false,
  },
];

describe('reference evaluator: DESIGN.md rules', () => {
  for (const c of [...cases, ...hostCases]) {
    it(c.name, () => {
      const s = snapshot(c.pods ?? [C, S, D, HN, HN2], c.policies);
      assert.equal(refAllowed(s, c.from, c.to, c.port ?? 8080, c.protocol ?? 'TCP'), c.want);
    });
  }
});

describe('reference evaluator: selectors', () => {
  const table: [string, LabelSelector, Labels, boolean][] = [
    ['empty selector matches no labels', ALL, {}, true],
    ['matchLabels needs every pair', sel({ a: '1', b: '2' }), { a: '1' }, false],
    ['matchLabels value must be equal', sel({ a: '1' }), { a: '2' }, false],
    ['matchLabels and expressions are ANDed', sel({ a: '1' }, [{ key: 'b', operator: 'Exists', values: [] }]), { a: '1' }, false],
    ['In with absent key is false', sel({}, [{ key: 'a', operator: 'In', values: ['1'] }]), {}, false],
  ];
  for (const [name, selector, labels, want] of table) {
    it(name, () => assert.equal(selectorMatches(selector, labels), want));
  }
});

describe('reference evaluator: refPorts', () => {
  it('merges ranges, resolves named ports per destination, omits empty protocols', () => {
    const p = ingressOnS(rule(null, [tcp(8000, 8079), named('http'), tcp(8081), { kind: 'range', protocol: 'SCTP', from: 1, to: 65535 }]));
    const s = snapshot([C, S], [p]);
    assert.deepEqual(refPorts(s, { pod: C }, { pod: S }), { TCP: [[8000, 8081]], SCTP: [[1, 65535]] });
  });
  it('no policy: every port of every protocol, keys in TCP, UDP, SCTP order', () => {
    const got = refPorts(snapshot([C, S], []), { pod: C }, { pod: S });
    assert.deepEqual(Object.keys(got), ['TCP', 'UDP', 'SCTP']);
    assert.deepEqual(got.UDP, [[1, 65535]]);
  });
  it('deny-all: empty object', () => {
    assert.deepEqual(refPorts(snapshot([C, S], [ingressOnS()]), { pod: C }, { pod: S }), {});
  });
  it('edges at 1 and 65535', () => {
    const s = snapshot([C, S], [ingressOnS(rule(null, [tcp(1), tcp(65535)]))]);
    assert.deepEqual(refPorts(s, { pod: C }, { pod: S }), {
      TCP: [
        [1, 1],
        [65535, 65535],
      ],
    });
  });
});

describe('reference evaluator: refMatrix', () => {
  it('sorts pods by plain string comparison and fills rows', () => {
    const pods = [pod('b/x'), pod('B/y'), pod('a/pod-2'), pod('a/pod-10', { app: 'server' })];
    const s = snapshot(pods, [policy('a/p', { podSelector: sel({ app: 'server' }) })]);
    const m = refMatrix(s, 80, 'TCP');
    assert.deepEqual(m.pods, ['B/y', 'a/pod-10', 'a/pod-2', 'b/x']);
    assert.deepEqual(m.rows, ['1011', '1111', '1011', '1011']);
    assert.equal(m.port, 80);
    assert.equal(m.protocol, 'TCP');
  });
});

describe('random cluster generator', () => {
  it('is deterministic per seed', () => {
    assert.deepEqual(randomSnapshot(42), randomSnapshot(42));
    assert.notDeepEqual(randomSnapshot(42), randomSnapshot(43));
  });
  it('produces normalised snapshots', () => {
    for (let seed = 0; seed < 200; seed++) {
      const s = randomSnapshot(seed);
      const keys = s.pods.map((p) => `${p.namespace}/${p.name}`);
      assert.equal(new Set(keys).size, keys.length, `seed ${seed}: duplicate pod keys`);
      for (const ns of s.namespaces) assert.equal(ns.labels[NAMESPACE_NAME_LABEL], ns.name);
      for (const p of s.policies) {
        if (!p.policyTypes.includes('Ingress')) assert.deepEqual(p.ingress, [], `seed ${seed}`);
        if (!p.policyTypes.includes('Egress')) assert.deepEqual(p.egress, [], `seed ${seed}`);
        if (!p.policyTypesExplicit) assert.equal(p.policyTypes.includes('Egress'), p.egress.length > 0);
      }
    }
  });
  it('covers every form across 150 seeds', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 150; seed++) {
      const s = randomSnapshot(seed);
      for (const p of s.pods) {
        if (p.hostNetwork) seen.add('hostNetwork');
        if (p.ips.length === 0) seen.add('no-ip');
        if (p.ips.some((ip) => ip.includes(':'))) seen.add('ipv6-pod');
      }
      for (const pol of s.policies) {
        seen.add(`types:${pol.policyTypes.join('+')}:${pol.policyTypesExplicit}`);
        for (const r of [...pol.ingress, ...pol.egress]) {
          if (r.peers === null) seen.add('peers-null');
          if (r.ports === null) seen.add('ports-null');
          for (const peer of r.peers ?? []) {
            seen.add(
              peer.kind === 'ipBlock'
                ? `ipBlock:${peer.cidr.includes(':') ? 6 : 4}:${peer.except.length > 0}`
                : `pods:${peer.namespaces.kind}`,
            );
          }
          for (const port of r.ports ?? []) seen.add(`port:${port.kind}:${port.protocol}`);
        }
        if (pol.ingress.length === 0 && pol.policyTypes.includes('Ingress')) seen.add('deny-ingress');
        if (pol.egress.length === 0 && pol.policyTypes.includes('Egress')) seen.add('deny-egress');
        for (const e of pol.podSelector.matchExpressions) seen.add(`op:${e.operator}`);
      }
    }
    const want = [
      'hostNetwork',
      'no-ip',
      'ipv6-pod',
      'peers-null',
      'ports-null',
      'deny-ingress',
      'deny-egress',
      'ipBlock:4:true',
      'ipBlock:6:true',
      'pods:own',
      'pods:selector',
      'types:Ingress:false',
      'types:Ingress+Egress:false',
      'types:Egress:true',
      'op:In',
      'op:NotIn',
      'op:Exists',
      'op:DoesNotExist',
    ];
    for (const kind of ['all', 'range', 'named']) for (const proto of ['TCP', 'UDP', 'SCTP']) want.push(`port:${kind}:${proto}`);
    for (const w of want) assert.ok(seen.has(w), `never generated: ${w}`);
  });
});
