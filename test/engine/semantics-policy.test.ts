// DESIGN.md "Semantics we follow": policy types, isolation, rules and ports. Each case builds a small
// normalised snapshot and asserts the verdict and its explanation fields.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NetworkPolicy } from '../../src/model/types.ts';
import { check, compile, reachablePorts } from '../../src/engine/index.ts';
import type { PortRanges } from '../../src/engine/verdict.ts';
import {
  ANY,
  anyPort,
  at,
  cport,
  ns,
  nsPeer,
  pod,
  podPeer,
  policy,
  rule,
  runCheckCases,
  sctp,
  sel,
  snapshot,
  tcp,
  udp,
} from '../support/build.ts';

const WEB = sel({ app: 'web' });
const DB = sel({ app: 'db' });
const EXTERNAL = '203.0.113.7';

/** app/web, app/db and other/client on distinct nodes, plus the given policies. */
function world(...policies: NetworkPolicy[]) {
  return snapshot({
    namespaces: [ns('app', { team: 'a' }), ns('other', { team: 'b' })],
    pods: [
      pod('app', 'web', { app: 'web' }, { ip: '10.0.0.1', node: 'n1', ports: [cport('http', 8080)] }),
      pod('app', 'db', { app: 'db' }, { ip: '10.0.0.2', node: 'n2' }),
      pod('other', 'client', { app: 'client' }, { ip: '10.0.1.1', node: 'n3' }),
    ],
    policies,
  });
}

const denyIngress = (namespace: string, podSelector = ANY) => policy(namespace, 'deny-in', { podSelector, policyTypes: ['Ingress'] });
const denyEgress = (namespace: string, podSelector = ANY) => policy(namespace, 'deny-out', { podSelector, policyTypes: ['Egress'] });

describe('semantics: policy types and isolation', () => {
  runCheckCases([
    {
      name: 'policyTypes omitted: Ingress only when spec.egress is empty',
      snap: world(policy('app', 'p', { podSelector: WEB, ingress: [rule([podPeer(DB)])] })),
      from: 'app/web',
      to: 'app/db',
      port: 80,
      allowed: true,
      egress: { allowed: true, policed: true, isolated: false, isolatedBy: [], allowedBy: [] },
      ingress: { isolated: false },
    },
    {
      name: 'policyTypes omitted: the policy also isolates ingress when it only has ingress rules',
      snap: world(policy('app', 'p', { podSelector: WEB, ingress: [rule([podPeer(DB)])] })),
      from: 'other/client',
      to: 'app/web',
      port: 80,
      allowed: false,
      ingress: { allowed: false, isolated: true, isolatedBy: ['app/p'], allowedBy: [] },
    },
    {
      name: 'policyTypes omitted: Egress too when spec.egress has a rule (denied port)',
      snap: world(policy('app', 'p', { podSelector: WEB, egress: [rule(null, [tcp(53)])] })),
      from: 'app/web',
      to: 'app/db',
      port: 80,
      allowed: false,
      egress: { allowed: false, isolated: true, isolatedBy: ['app/p'], allowedBy: [] },
    },
    {
      name: 'policyTypes omitted: Egress too when spec.egress has a rule (admitted port)',
      snap: world(policy('app', 'p', { podSelector: WEB, egress: [rule(null, [tcp(53)])] })),
      from: 'app/web',
      to: 'app/db',
      port: 53,
      allowed: true,
      egress: { allowed: true, isolated: true, allowedBy: ['app/p#0'] },
    },
    {
      name: 'policyTypes [Egress] leaves ingress of the selected pod open',
      snap: world(denyEgress('app', WEB)),
      from: 'other/client',
      to: 'app/web',
      port: 80,
      allowed: true,
      ingress: { allowed: true, isolated: false },
    },
    {
      name: 'a connection needs egress at the source AND ingress at the destination (ingress denies)',
      snap: world(policy('app', 'out', { podSelector: WEB, egress: [rule()] }), denyIngress('app', DB)),
      from: 'app/web',
      to: 'app/db',
      port: 80,
      allowed: false,
      egress: { allowed: true, isolated: true, allowedBy: ['app/out#0'] },
      ingress: { allowed: false, isolated: true, isolatedBy: ['app/deny-in'] },
    },
    {
      name: 'a connection needs egress at the source AND ingress at the destination (egress denies)',
      snap: world(denyEgress('app', WEB), policy('app', 'in', { podSelector: DB, ingress: [rule()] })),
      from: 'app/web',
      to: 'app/db',
      port: 80,
      allowed: false,
      egress: { allowed: false, isolated: true, isolatedBy: ['app/deny-out'] },
      ingress: { allowed: true, isolated: true, allowedBy: ['app/in#0'] },
    },
    {
      name: 'ingress: [] denies all',
      snap: world(denyIngress('app', DB)),
      from: 'app/web',
      to: 'app/db',
      port: 5432,
      allowed: false,
      ingress: { allowed: false, policed: true, isolated: true, isolatedBy: ['app/deny-in'], allowedBy: [] },
    },
    {
      name: 'egress: [] with policyTypes Egress denies all egress, to an external IP as well',
      snap: world(denyEgress('app', WEB)),
      from: 'app/web',
      to: EXTERNAL,
      port: 443,
      allowed: false,
      egress: { allowed: false, isolated: true, isolatedBy: ['app/deny-out'] },
      ingress: { policed: false },
      toKind: 'ip',
    },
    {
      name: 'a pod selected by no policy is not isolated',
      snap: world(denyIngress('app', DB)),
      from: 'app/db',
      to: 'app/web',
      port: 80,
      allowed: true,
      egress: { isolated: false, policed: true },
      ingress: { isolated: false, policed: true, isolatedBy: [] },
      notes: ['enforcement-depends-on-plugin'],
    },
    {
      name: 'rules of every selecting policy add up; isolatedBy is sorted',
      snap: world(
        policy('app', 'z-web', { podSelector: DB, ingress: [rule([podPeer(WEB)], [tcp(5432)])] }),
        policy('app', 'a-client', { podSelector: DB, ingress: [rule([nsPeer(sel({ team: 'b' }))], [tcp(5432)])] }),
      ),
      from: 'other/client',
      to: 'app/db',
      port: 5432,
      allowed: true,
      ingress: { isolated: true, isolatedBy: ['app/a-client', 'app/z-web'], allowedBy: ['app/a-client#0'] },
    },
    {
      name: 'allowedBy names every admitting rule with its index',
      snap: world(policy('app', 'p', { podSelector: DB, ingress: [rule(null, [tcp(22)]), rule([podPeer(WEB)]), rule(null, [tcp(80)])] })),
      from: 'app/web',
      to: 'app/db',
      port: 80,
      allowed: true,
      ingress: { allowedBy: ['app/p#1', 'app/p#2'] },
    },
    {
      name: 'policies of several namespaces do not mix: a deny-all in another namespace isolates nothing here',
      snap: world(denyIngress('other'), denyEgress('other')),
      from: 'app/web',
      to: 'app/db',
      port: 80,
      allowed: true,
      egress: { isolated: false },
      ingress: { isolated: false },
    },
    {
      name: 'policies of several namespaces do not mix: each namespace isolates only its own pods',
      snap: world(denyIngress('other'), policy('app', 'open', { ingress: [rule()] })),
      from: 'other/client',
      to: 'app/db',
      port: 80,
      allowed: true,
      ingress: { isolated: true, isolatedBy: ['app/open'], allowedBy: ['app/open#0'] },
    },
  ]);
});

describe('semantics: ports', () => {
  const onlyTcp53 = world(policy('app', 'p', { podSelector: DB, ingress: [rule(null, [tcp(53)])] }));
  const range = world(policy('app', 'p', { podSelector: DB, ingress: [rule(null, [tcp(8000, 8100)])] }));
  runCheckCases([
    { name: 'protocol defaults to TCP: TCP 53 passes a TCP rule', snap: onlyTcp53, from: 'app/web', to: 'app/db', port: 53, allowed: true },
    {
      name: 'protocol defaults to TCP: a UDP port does not pass a TCP rule',
      snap: onlyTcp53,
      from: 'app/web',
      to: 'app/db',
      port: 53,
      protocol: 'UDP',
      allowed: false,
    },
    {
      name: 'a UDP rule admits UDP only',
      snap: world(policy('app', 'p', { podSelector: DB, ingress: [rule(null, [udp(53)])] })),
      from: 'app/web',
      to: 'app/db',
      port: 53,
      protocol: 'TCP',
      allowed: false,
    },
    {
      name: 'an SCTP rule admits SCTP',
      snap: world(policy('app', 'p', { podSelector: DB, ingress: [rule(null, [sctp(3868)])] })),
      from: 'app/web',
      to: 'app/db',
      port: 3868,
      protocol: 'SCTP',
      allowed: true,
    },
    { name: 'endPort makes a range: below the range', snap: range, from: 'app/web', to: 'app/db', port: 7999, allowed: false },
    { name: 'endPort makes a range: first port', snap: range, from: 'app/web', to: 'app/db', port: 8000, allowed: true },
    { name: 'endPort makes a range: last port', snap: range, from: 'app/web', to: 'app/db', port: 8100, allowed: true },
    { name: 'endPort makes a range: above the range', snap: range, from: 'app/web', to: 'app/db', port: 8101, allowed: false },
    {
      name: 'a port without number admits every port of its protocol only',
      snap: world(policy('app', 'p', { podSelector: DB, ingress: [rule(null, [anyPort('UDP')])] })),
      from: 'app/web',
      to: 'app/db',
      port: 1,
      protocol: 'TCP',
      allowed: false,
    },
    {
      name: 'omitted ports admit every port of every protocol',
      snap: world(policy('app', 'p', { podSelector: DB, ingress: [rule([podPeer(WEB)], null)] })),
      from: 'app/web',
      to: 'app/db',
      port: 65535,
      protocol: 'SCTP',
      allowed: true,
    },
  ]);

  const reach: { name: string; snap: ReturnType<typeof world>; want: PortRanges }[] = [
    { name: 'reachablePorts: endPort range', snap: range, want: { TCP: [[8000, 8100]] } },
    { name: 'reachablePorts: TCP rule gives no UDP or SCTP', snap: onlyTcp53, want: { TCP: [[53, 53]] } },
    {
      name: 'reachablePorts: port kind all gives the whole protocol',
      snap: world(policy('app', 'p', { podSelector: DB, ingress: [rule(null, [anyPort('UDP'), tcp(80)])] })),
      want: { TCP: [[80, 80]], UDP: [[1, 65535]] },
    },
    {
      name: 'reachablePorts: rules union and adjacent ranges merge',
      snap: world(policy('app', 'p', { podSelector: DB, ingress: [rule(null, [tcp(80, 89)]), rule(null, [tcp(90, 99), tcp(200)])] })),
      want: {
        TCP: [
          [80, 99],
          [200, 200],
        ],
      },
    },
    {
      name: 'reachablePorts: egress and ingress intersect',
      snap: world(
        policy('app', 'out', { podSelector: WEB, egress: [rule(null, [tcp(1, 1000)])] }),
        policy('app', 'in', { podSelector: DB, ingress: [rule(null, [tcp(900, 2000), udp(53)])] }),
      ),
      want: { TCP: [[900, 1000]] },
    },
    {
      name: 'reachablePorts: no policy means every port',
      snap: world(),
      want: { TCP: [[1, 65535]], UDP: [[1, 65535]], SCTP: [[1, 65535]] },
    },
    { name: 'reachablePorts: ingress [] means nothing', snap: world(denyIngress('app', DB)), want: {} },
  ];
  for (const c of reach) {
    it(c.name, () => {
      assert.deepEqual(reachablePorts(compile(c.snap), at('app/web'), at('app/db')), c.want);
    });
  }
});

describe('semantics: queries that name nothing or nonsense are EngineErrors', () => {
  const c = compile(world());
  const cases: { name: string; run: () => unknown; code: string }[] = [
    { name: 'unknown pod', run: () => reachablePorts(c, at('app/nope'), at('app/db')), code: 'unknown-endpoint' },
    { name: 'not an IP', run: () => reachablePorts(c, { kind: 'ip', ip: '10.0.0.300' }, at('app/db')), code: 'invalid-address' },
    { name: 'port 0', run: () => check(c, at('app/web'), at('app/db'), 0, 'TCP'), code: 'invalid-port' },
    { name: 'port 65536', run: () => check(c, at('app/web'), at('app/db'), 65536, 'TCP'), code: 'invalid-port' },
    { name: 'unknown protocol', run: () => check(c, at('app/web'), at('app/db'), 80, 'ICMP' as 'TCP'), code: 'invalid-protocol' },
  ];
  for (const x of cases) it(x.name, () => assert.throws(x.run, { name: 'EngineError', code: x.code }));
});
