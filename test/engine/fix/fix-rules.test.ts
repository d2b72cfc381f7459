// The fix engine's rules, table-driven: the target selector (fewest labels selecting exactly the
// pods; never rollout-hash labels; `{}` only for label-less pods; inexact when nothing selects
// exactly), names (valid DNS-1123, unique in the namespace), the manifest round trip (every rule form
// decodes back to the same policy), the patch shape, and the blockers (unknown, not enforced,
// non-NetworkPolicy decider, host network, override).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, compile } from '../../../src/engine/index.ts';
import { blockerOf } from '../../../src/engine/fix/blockers.ts';
import { appendRulePatch, policyManifest } from '../../../src/engine/fix/manifest.ts';
import { freshName } from '../../../src/engine/fix/naming.ts';
import { targetSelector } from '../../../src/engine/fix/target-selector.ts';
import { decodeObjects } from '../../../src/model/decode.ts';
import type { NetworkPolicy } from '../../../src/model/types.ts';
import { anyPort, ipBlock, named, ns, nsPeer, pod, podPeer, policy, rule, sel, expr, snapshot, tcp, udp } from '../../support/build.ts';

const NAMESPACES = [ns('a'), ns('b')];

describe('targetSelector: the fewest labels that select exactly the pods', () => {
  const cases: {
    name: string;
    pods: [string, Record<string, string>][];
    target: string[];
    want: Record<string, string>;
    exact: boolean;
  }[] = [
    {
      name: 'one distinguishing label of two',
      pods: [
        ['db', { app: 'db', tier: 'data' }],
        ['web', { app: 'web', tier: 'data' }],
      ],
      target: ['db'],
      want: { app: 'db' },
      exact: true,
    },
    {
      name: 'two labels needed',
      pods: [
        ['x', { app: 'api', track: 'stable' }],
        ['y', { app: 'api', track: 'canary' }],
        ['z', { app: 'ui', track: 'stable' }],
      ],
      target: ['x'],
      want: { app: 'api', track: 'stable' },
      exact: true,
    },
    {
      name: 'replicas share labels: all of them selected',
      pods: [
        ['r1', { app: 'web' }],
        ['r2', { app: 'web' }],
        ['o', { app: 'db' }],
      ],
      target: ['r1', 'r2'],
      want: { app: 'web' },
      exact: true,
    },
    {
      name: 'pod-template-hash is never used',
      pods: [
        ['p', { app: 'web', 'pod-template-hash': 'abc' }],
        ['q', { app: 'web', 'pod-template-hash': 'def' }],
      ],
      target: ['p'],
      want: { app: 'web' },
      exact: false,
    },
    { name: 'label-less pod alone in its namespace: {}', pods: [['bare', {}]], target: ['bare'], want: {}, exact: true },
    {
      name: 'label-less pod among others: {} is inexact',
      pods: [
        ['bare', {}],
        ['o', { app: 'x' }],
      ],
      target: ['bare'],
      want: {},
      exact: false,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const compiled = compile(snapshot({ namespaces: NAMESPACES, pods: c.pods.map(([n, l]) => pod('a', n, l)) }));
      const ids = c.target.map((n) => compiled.endpointIndex.get(`a/${n}`)!);
      const got = targetSelector(compiled, 'a', ids);
      assert.deepEqual(got.selector.matchLabels, c.want);
      assert.equal(got.exact, c.exact);
    });
  }
});

describe('freshName: valid and unique', () => {
  const c = compile(snapshot({ namespaces: NAMESPACES, policies: [policy('a', 'allow-x')] }));
  const cases: [string, string, string][] = [
    ['taken by the snapshot → -2', 'allow-x', 'allow-x-2'],
    ['upper case and odd characters cleaned', 'Allow_Web:8080', 'allow-web-8080'],
    ['over 63 characters cut', 'x'.repeat(80), 'x'.repeat(63)],
  ];
  for (const [name, base, want] of cases) it(name, () => assert.equal(freshName(c, 'a', base, new Set()), want));
  it('taken within one candidate → -2', () => {
    const taken = new Set<string>();
    assert.equal(freshName(c, 'b', 'p', taken), 'p');
    assert.equal(freshName(c, 'b', 'p', taken), 'p-2');
  });
});

describe('policyManifest decodes back to the same policy (every rule form)', () => {
  const cases: [string, NetworkPolicy][] = [
    [
      'peer in own namespace, named port',
      policy('a', 'p1', {
        podSelector: sel({ app: 'db' }),
        policyTypes: ['Ingress'],
        ingress: [rule([podPeer(sel({ role: 'x' }))], [named('redis')])],
      }),
    ],
    [
      'namespace and pods, a range, UDP',
      policy('a', 'p2', {
        policyTypes: ['Egress'],
        egress: [rule([nsPeer(sel({ 'kubernetes.io/metadata.name': 'b' }), sel({ app: 'y' }))], [tcp(1, 79), udp(53)])],
      }),
    ],
    [
      'all peers, all ports of a protocol, ipBlock with except',
      policy('a', 'p3', {
        policyTypes: ['Ingress', 'Egress'],
        ingress: [rule(null, [anyPort('SCTP')])],
        egress: [rule([ipBlock('0.0.0.0/0', ['10.0.0.1/32'])], null)],
      }),
    ],
    [
      'matchExpressions NotIn and Exists',
      policy('a', 'p4', {
        policyTypes: ['Ingress'],
        ingress: [rule([podPeer(sel({}, expr('app', 'NotIn', ['db']), expr('tier', 'Exists')))], null)],
      }),
    ],
    ['default deny (no rules)', policy('a', 'p5', { policyTypes: ['Ingress'] })],
  ];
  for (const [name, p] of cases) {
    it(name, () => {
      const decoded = decodeObjects([{ object: policyManifest(p) }], { source: 'manifests' });
      assert.deepEqual(
        decoded.diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
      assert.deepEqual({ ...decoded.snapshot.policies[0], policyTypesExplicit: true }, { ...p, policyTypesExplicit: true });
    });
  }
});

describe('appendRulePatch', () => {
  const r = rule(null, [tcp(80)]);
  it('appends to an existing list', () =>
    assert.deepEqual(
      appendRulePatch(policy('a', 'p', { ingress: [r] }), 'Ingress', r).map((o) => o.path),
      ['/spec/ingress/-'],
    ));
  it('creates the list when the policy has no rule', () =>
    assert.deepEqual(
      appendRulePatch(policy('a', 'p', { policyTypes: ['Ingress'] }), 'Ingress', r).map((o) => [o.path, Array.isArray(o.value)]),
      [['/spec/ingress', true]],
    ));
});

describe('blockerOf: what no NetworkPolicy change can fix', () => {
  const pods = [
    pod('a', 'src', { app: 's' }, { ip: '10.0.0.1', node: 'n1' }),
    pod('a', 'dst', { app: 'd' }, { ip: '10.0.0.2', node: 'n2' }),
    pod('a', 'host', {}, { ip: '192.168.0.1', hostNetwork: true, node: 'n2' }),
    pod('a', 'far-host', {}, { ip: '192.168.0.3', hostNetwork: true, node: 'n3' }),
  ];
  const deny = policy('a', 'deny', { podSelector: sel({ app: 'd' }), policyTypes: ['Ingress'] });
  const base = compile(snapshot({ namespaces: NAMESPACES, pods, policies: [deny] }));
  const v = (c: typeof base, from: string, to: string) =>
    check(c, { kind: 'endpoint', key: from }, { kind: 'endpoint', key: to }, 80, 'TCP');
  const cases: { name: string; c: typeof base; from: string; to: string; deny: boolean; code: string | null }[] = [
    { name: 'a NetworkPolicy deny is fixable', c: base, from: 'a/src', to: 'a/dst', deny: false, code: null },
    {
      name: 'a host-network source (on another node) cannot be admitted by pod selector',
      c: base,
      from: 'a/far-host',
      to: 'a/dst',
      deny: false,
      code: 'host-network',
    },
    { name: 'node-local traffic cannot be denied', c: base, from: 'a/host', to: 'a/dst', deny: true, code: 'override' },
    {
      name: 'a plugin that enforces nothing cannot deny',
      c: compile({ ...base.snapshot, cni: { plugin: 'flannel', settings: {} } }),
      from: 'a/src',
      to: 'a/dst',
      deny: true,
      code: 'not-enforced',
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(blockerOf(c.c, v(c.c, c.from, c.to), c.deny)?.code ?? null, c.code));

  it('a side decided by a rule that is not a NetworkPolicy (an admin tier) needs the cluster admin', () => {
    const verdict = v(base, 'a/src', 'a/dst');
    const tiered = {
      ...verdict,
      ingress: {
        ...verdict.ingress,
        deniedBy: [{ policy: 'cluster/block-all', direction: 'Ingress', rule: 0, tier: 'admin', kind: 'AdminNetworkPolicy' }],
      },
    };
    const b = blockerOf(base, tiered, false);
    assert.equal(b?.code, 'admin-tier');
    assert.match(b!.message, /AdminNetworkPolicy cluster\/block-all \(admin tier\).*cluster admin/u);
  });
});
