// DESIGN.md "Semantics we follow": peers (pod and namespace selectors, ipBlocks), label selector
// operators and named ports.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NetworkPolicy, PolicyPeer, Pod } from '../../src/model/types.ts';
import { compile, reachablePorts } from '../../src/engine/index.ts';
import {
  ANY,
  at,
  cport,
  expr,
  ipBlock,
  named,
  ns,
  nsPeer,
  pod,
  podPeer,
  policy,
  rule,
  runCheckCases,
  sel,
  snapshot,
  tcp,
} from '../support/build.ts';

const DB = sel({ app: 'db' });

/** Namespaces prod (env=prod) and dev (env=dev), each with web (app=web) and db; plus extra pods. */
function world(policies: NetworkPolicy[], extra: Pod[] = []) {
  return snapshot({
    namespaces: [ns('prod', { env: 'prod' }), ns('dev', { env: 'dev' })],
    pods: [
      pod('prod', 'web', { app: 'web', tier: 'front' }, { ip: '10.1.0.1', node: 'n1' }),
      pod('prod', 'db', { app: 'db' }, { ip: '10.1.0.2', node: 'n2' }),
      pod('dev', 'web', { app: 'web' }, { ip: '10.2.0.1', node: 'n3' }),
      pod('dev', 'db', { app: 'db' }, { ip: '10.2.0.2', node: 'n4' }),
      ...extra,
    ],
    policies,
  });
}

/** prod/db admits only the given peers (all ports). */
const dbFrom = (...peers: PolicyPeer[]) => world([policy('prod', 'db-in', { podSelector: DB, ingress: [rule(peers)] })]);

describe('semantics: pod and namespace peers', () => {
  const webOnly = dbFrom(podPeer(sel({ app: 'web' })));
  const fromDev = dbFrom(nsPeer(sel({ env: 'dev' })));
  const devWeb = dbFrom(nsPeer(sel({ env: 'dev' }), sel({ app: 'web' })));
  runCheckCases([
    {
      name: "podSelector-only peer means the policy's namespace (same namespace admitted)",
      snap: webOnly,
      from: 'prod/web',
      to: 'prod/db',
      port: 5432,
      allowed: true,
      ingress: { allowedBy: ['prod/db-in#0'] },
    },
    {
      name: "podSelector-only peer means the policy's namespace (same labels elsewhere denied)",
      snap: webOnly,
      from: 'dev/web',
      to: 'prod/db',
      port: 5432,
      allowed: false,
    },
    {
      name: 'namespaceSelector-only peer means all pods of matching namespaces (web)',
      snap: fromDev,
      from: 'dev/web',
      to: 'prod/db',
      port: 5432,
      allowed: true,
    },
    {
      name: 'namespaceSelector-only peer means all pods of matching namespaces (db)',
      snap: fromDev,
      from: 'dev/db',
      to: 'prod/db',
      port: 5432,
      allowed: true,
    },
    {
      name: "namespaceSelector-only peer excludes the policy's own namespace when it does not match",
      snap: fromDev,
      from: 'prod/web',
      to: 'prod/db',
      port: 5432,
      allowed: false,
    },
    {
      name: 'namespaceSelector and podSelector in one peer AND together (both match)',
      snap: devWeb,
      from: 'dev/web',
      to: 'prod/db',
      port: 5432,
      allowed: true,
    },
    {
      name: 'namespaceSelector and podSelector in one peer AND together (pod does not match)',
      snap: devWeb,
      from: 'dev/db',
      to: 'prod/db',
      port: 5432,
      allowed: false,
    },
    {
      name: 'namespaceSelector and podSelector in one peer AND together (namespace does not match)',
      snap: devWeb,
      from: 'prod/web',
      to: 'prod/db',
      port: 5432,
      allowed: false,
    },
    {
      name: 'two peers in one rule OR together',
      snap: dbFrom(nsPeer(sel({ env: 'dev' })), podPeer(sel({ app: 'web' }))),
      from: 'prod/web',
      to: 'prod/db',
      port: 5432,
      allowed: true,
    },
    {
      name: '{} podSelector selects every pod in the namespace as target',
      snap: world([policy('prod', 'deny', { podSelector: ANY, policyTypes: ['Ingress'] })]),
      from: 'dev/web',
      to: 'prod/web',
      port: 80,
      allowed: false,
      ingress: { isolated: true, isolatedBy: ['prod/deny'] },
    },
    {
      name: "{} podSelector peer admits every pod of the policy's namespace",
      snap: dbFrom(podPeer(ANY)),
      from: 'prod/web',
      to: 'prod/db',
      port: 1,
      allowed: true,
    },
    {
      name: '{} namespaceSelector peer admits pods of every namespace',
      snap: dbFrom(nsPeer(ANY)),
      from: 'dev/db',
      to: 'prod/db',
      port: 1,
      allowed: true,
    },
    {
      name: 'pod peers never admit an external IP, even {} in {}',
      snap: dbFrom(nsPeer(ANY, ANY)),
      from: '198.51.100.1',
      to: 'prod/db',
      port: 1,
      allowed: false,
    },
    {
      name: 'namespace label kubernetes.io/metadata.name selects by name',
      snap: dbFrom(nsPeer(sel({ 'kubernetes.io/metadata.name': 'dev' }))),
      from: 'dev/web',
      to: 'prod/db',
      port: 80,
      allowed: true,
    },
    {
      name: 'a namespace implied by its pods still carries kubernetes.io/metadata.name',
      snap: world(
        [policy('prod', 'db-in', { podSelector: DB, ingress: [rule([nsPeer(sel({ 'kubernetes.io/metadata.name': 'ghost' }))])] })],
        [pod('ghost', 'x', {}, { ip: '10.3.0.1' })],
      ),
      from: 'ghost/x',
      to: 'prod/db',
      port: 80,
      allowed: true,
    },
  ]);
});

describe('semantics: matchExpressions', () => {
  const probes = [
    pod('prod', 'gold', { app: 'probe', tier: 'gold' }, { ip: '10.1.1.1' }),
    pod('prod', 'silver', { app: 'probe', tier: 'silver' }, { ip: '10.1.1.2' }),
    pod('prod', 'plain', { app: 'probe' }, { ip: '10.1.1.3' }),
  ];
  const table: { op: string; exprs: ReturnType<typeof expr>[]; admits: Record<string, boolean> }[] = [
    { op: 'In', exprs: [expr('tier', 'In', ['gold', 'bronze'])], admits: { gold: true, silver: false, plain: false } },
    { op: 'NotIn (true when key absent)', exprs: [expr('tier', 'NotIn', ['gold'])], admits: { gold: false, silver: true, plain: true } },
    { op: 'Exists', exprs: [expr('tier', 'Exists')], admits: { gold: true, silver: true, plain: false } },
    { op: 'DoesNotExist', exprs: [expr('tier', 'DoesNotExist')], admits: { gold: false, silver: false, plain: true } },
    {
      op: 'In AND Exists',
      exprs: [expr('app', 'In', ['probe']), expr('tier', 'Exists')],
      admits: { gold: true, silver: true, plain: false },
    },
  ];
  for (const row of table) {
    runCheckCases(
      Object.entries(row.admits).map(([name, admitted]) => ({
        name: `matchExpressions ${row.op}: ${name} ${admitted ? 'admitted' : 'denied'}`,
        snap: world([policy('prod', 'db-in', { podSelector: DB, ingress: [rule([podPeer(sel({}, ...row.exprs))])] })], probes),
        from: `prod/${name}`,
        to: 'prod/db',
        port: 80,
        allowed: admitted,
      })),
    );
  }
  runCheckCases([
    {
      name: 'matchExpressions select namespaces too (NotIn env dev admits prod)',
      snap: world([policy('prod', 'db-in', { podSelector: DB, ingress: [rule([nsPeer(sel({}, expr('env', 'NotIn', ['dev'])))])] })]),
      from: 'prod/web',
      to: 'prod/db',
      port: 80,
      allowed: true,
    },
  ]);
});

describe('semantics: ipBlock', () => {
  const v4 = dbFrom(ipBlock('10.2.0.0/16', ['10.2.0.2/32']));
  const v6World = (peer: PolicyPeer) =>
    world(
      [policy('prod', 'db-in', { podSelector: DB, ingress: [rule([peer])] })],
      [pod('dev', 'v6a', {}, { ip: 'fd00::10' }), pod('dev', 'v6b', {}, { ip: 'fd00::1:5' })],
    );
  const v6 = v6World(ipBlock('fd00::/64', ['fd00::1:0/112']));
  runCheckCases([
    { name: 'ipBlock cidr minus except (v4): inside the cidr', snap: v4, from: 'dev/web', to: 'prod/db', port: 80, allowed: true },
    { name: 'ipBlock cidr minus except (v4): inside except', snap: v4, from: 'dev/db', to: 'prod/db', port: 80, allowed: false },
    { name: 'ipBlock cidr minus except (v4): outside the cidr', snap: v4, from: '10.3.0.1', to: 'prod/db', port: 80, allowed: false },
    {
      name: 'ipBlock cidr minus except (v4): external address inside',
      snap: v4,
      from: '10.2.200.9',
      to: 'prod/db',
      port: 80,
      allowed: true,
      notes: ['external-not-policed'],
    },
    {
      name: 'ipBlock cidr minus except (v4): external address inside except',
      snap: v4,
      from: '10.2.0.2',
      to: 'prod/db',
      port: 80,
      allowed: false,
    },
    { name: 'ipBlock cidr minus except (v6): pod inside', snap: v6, from: 'dev/v6a', to: 'prod/db', port: 80, allowed: true },
    { name: 'ipBlock cidr minus except (v6): pod inside except', snap: v6, from: 'dev/v6b', to: 'prod/db', port: 80, allowed: false },
    { name: 'ipBlock cidr minus except (v6): external inside', snap: v6, from: 'fd00::ffff', to: 'prod/db', port: 80, allowed: true },
    { name: 'ipBlock cidr minus except (v6): external outside', snap: v6, from: 'fd01::1', to: 'prod/db', port: 80, allowed: false },
    {
      name: 'an IPv4 ipBlock never matches an IPv6 address',
      snap: dbFrom(ipBlock('0.0.0.0/0')),
      from: 'fd00::10',
      to: 'prod/db',
      port: 80,
      allowed: false,
    },
    {
      name: 'an IPv6 ipBlock never matches an IPv4 pod',
      snap: v6World(ipBlock('::/0')),
      from: 'dev/web',
      to: 'prod/db',
      port: 80,
      allowed: false,
    },
    {
      name: 'ipBlock matches a pod IP and says so (note ipblock-matches-pod-ip)',
      snap: dbFrom(ipBlock('10.1.0.0/24')),
      from: 'prod/web',
      to: 'prod/db',
      port: 80,
      allowed: true,
      ingress: { allowedBy: ['prod/db-in#0'] },
      notes: ['ipblock-matches-pod-ip'],
    },
    {
      name: 'no ipblock-matches-pod-ip note when a pod peer admits the pod',
      snap: dbFrom(ipBlock('10.1.0.0/24'), podPeer(ANY)),
      from: 'prod/web',
      to: 'prod/db',
      port: 80,
      allowed: true,
      noNotes: ['ipblock-matches-pod-ip'],
    },
    {
      name: 'pod without IP is never matched by an ipBlock (note no-ip)',
      snap: world(
        [policy('prod', 'db-in', { podSelector: DB, ingress: [rule([ipBlock('0.0.0.0/0')])] })],
        [pod('prod', 'template', { app: 'web' })],
      ),
      from: 'prod/template',
      to: 'prod/db',
      port: 80,
      allowed: false,
      notes: ['no-ip'],
    },
    {
      name: 'a dual-stack pod is matched through either address',
      snap: world(
        [policy('prod', 'db-in', { podSelector: DB, ingress: [rule([ipBlock('fd00:2::/64')])] })],
        [pod('dev', 'dual', {}, { ip: ['10.2.9.9', 'fd00:2::9'] })],
      ),
      from: 'dev/dual',
      to: 'prod/db',
      port: 80,
      allowed: true,
    },
  ]);
});

describe('semantics: named ports', () => {
  const servers = [
    pod('prod', 'api-a', { app: 'api' }, { ip: '10.1.2.1', ports: [cport('http', 8080), cport('dns', 53, 'UDP')] }),
    pod('prod', 'api-b', { app: 'api' }, { ip: '10.1.2.2', ports: [cport('http', 9090)] }),
  ];
  const apiIn = world([policy('prod', 'api-in', { podSelector: sel({ app: 'api' }), ingress: [rule(null, [named('http')])] })], servers);
  const webOut = (port: ReturnType<typeof named>) =>
    world(
      [policy('prod', 'web-out', { podSelector: sel({ app: 'web' }), egress: [rule(null, [port])] })],
      [...servers, pod('prod', 'src', { app: 'web' }, { ip: '10.1.2.3', ports: [cport('http', 7070)] })],
    );
  runCheckCases([
    {
      name: 'namedPort resolves per destination pod: api-a on 8080',
      snap: apiIn,
      from: 'prod/web',
      to: 'prod/api-a',
      port: 8080,
      allowed: true,
      ingress: { allowedBy: ['prod/api-in#0'] },
    },
    {
      name: 'namedPort resolves per destination pod: api-a not on 9090',
      snap: apiIn,
      from: 'prod/web',
      to: 'prod/api-a',
      port: 9090,
      allowed: false,
    },
    {
      name: 'namedPort resolves per destination pod: api-b on 9090',
      snap: apiIn,
      from: 'prod/web',
      to: 'prod/api-b',
      port: 9090,
      allowed: true,
    },
    {
      name: 'namedPort resolves per destination pod: api-b not on 8080',
      snap: apiIn,
      from: 'prod/web',
      to: 'prod/api-b',
      port: 8080,
      allowed: false,
    },
    {
      name: "named port must match the container port's protocol (TCP/dns is no UDP port)",
      snap: world([policy('prod', 'p', { podSelector: sel({ app: 'api' }), ingress: [rule(null, [named('dns')])] })], servers),
      from: 'prod/web',
      to: 'prod/api-a',
      port: 53,
      protocol: 'UDP',
      allowed: false,
    },
    {
      name: "named port must match the container port's protocol (UDP/dns resolves)",
      snap: world([policy('prod', 'p', { podSelector: sel({ app: 'api' }), ingress: [rule(null, [named('dns', 'UDP')])] })], servers),
      from: 'prod/web',
      to: 'prod/api-a',
      port: 53,
      protocol: 'UDP',
      allowed: true,
    },
    {
      name: 'egress named port resolves against the destination (its number)',
      snap: webOut(named('http')),
      from: 'prod/web',
      to: 'prod/api-b',
      port: 9090,
      allowed: true,
      egress: { allowedBy: ['prod/web-out#0'] },
    },
    {
      name: "egress named port resolves against the destination (not the source's number)",
      snap: webOut(named('http')),
      from: 'prod/src',
      to: 'prod/api-b',
      port: 7070,
      allowed: false,
    },
    {
      name: 'egress named port to a pod without that port is denied',
      snap: webOut(named('http')),
      from: 'prod/web',
      to: 'prod/db',
      port: 8080,
      allowed: false,
    },
    {
      name: 'named port never matches an IP destination',
      snap: webOut(named('http')),
      from: 'prod/web',
      to: '198.51.100.7',
      port: 8080,
      allowed: false,
    },
    {
      name: 'a pod IP destination does resolve the named port (it is the pod)',
      snap: webOut(named('http')),
      from: 'prod/web',
      to: '10.1.2.2',
      port: 9090,
      allowed: true,
      toKind: 'pod',
    },
  ]);

  it('reachablePorts: named port gives each destination its own number', () => {
    const c = compile(apiIn);
    assert.deepEqual(reachablePorts(c, at('prod/web'), at('prod/api-a')), { TCP: [[8080, 8080]] });
    assert.deepEqual(reachablePorts(c, at('prod/web'), at('prod/api-b')), { TCP: [[9090, 9090]] });
  });

  it('reachablePorts: egress named port to an IP is empty', () => {
    assert.deepEqual(reachablePorts(compile(webOut(named('http'))), at('prod/web'), at('198.51.100.7')), {});
  });

  it('reachablePorts: egress named port mixed with a number towards an IP keeps the number', () => {
    const s = world(
      [policy('prod', 'web-out', { podSelector: sel({ app: 'web' }), egress: [rule(null, [named('http'), tcp(443)])] })],
      servers,
    );
    assert.deepEqual(reachablePorts(compile(s), at('prod/web'), at('198.51.100.7')), { TCP: [[443, 443]] });
  });
});
