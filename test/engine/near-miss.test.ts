// The near miss, rule by rule (engine/near-miss.ts): for each condition a rule can fail — a
// matchLabels term, a matchExpressions term, the own namespace, a namespaceSelector term, a port, an
// endPort range, the protocol, a named port the destination lacks, an ipBlock cidr or except, a
// peer of the wrong kind — the denied direction lists that rule with exactly that condition.
// Allowed answers and overrides carry none.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, compile } from '../../src/engine/index.ts';
import type { EndpointQuery, Verdict } from '../../src/engine/verdict.ts';
import type { Protocol } from '../../src/model/types.ts';
import { type Raw, decode, networkPolicy } from '../fixtures/k8s.ts';

const ns = (name: string, labels: Record<string, string> = {}): Raw => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});
const pod = (namespace: string, name: string, ip: string, labels: Record<string, string>, ports: Raw[] = []): Raw => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels },
  spec: { containers: [{ name: 'c', image: 'x', ports }] },
  status: { phase: 'Running', podIP: ip },
});

const BASE = [
  ns('prod', { env: 'prod' }),
  ns('dev', { env: 'dev' }),
  pod('prod', 'db', '10.0.0.1', { app: 'db' }, [{ name: 'sql', containerPort: 5432 }]),
  pod('prod', 'web', '10.0.0.2', { app: 'web', tier: 'web' }),
  pod('dev', 'web', '10.0.1.2', { app: 'web', tier: 'frontend' }),
];

const at = (key: string): EndpointQuery => (key.includes('/') ? { kind: 'endpoint', key } : { kind: 'ip', ip: key });

function ask(policy: Raw, from: string, to: string, port: number, protocol: Protocol = 'TCP'): Verdict {
  const { snapshot } = decode([...BASE, policy]);
  return check(compile(snapshot), at(from), at(to), port, protocol);
}

const dbIngress = (rule: Raw) => networkPolicy({ podSelector: { matchLabels: { app: 'db' } }, ingress: [rule] });
const webEgress = (rule: Raw) => networkPolicy({ podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [rule] });

const CASES: {
  name: string;
  policy: Raw;
  from: string;
  to: string;
  port: number;
  protocol?: Protocol;
  direction: 'ingress' | 'egress';
  kind: string;
  path: string;
  message: RegExp;
}[] = [
  {
    name: 'a matchLabels term',
    policy: dbIngress({ from: [{ podSelector: { matchLabels: { tier: 'frontend' } } }] }),
    from: 'prod/web',
    to: 'prod/db',
    port: 5432,
    direction: 'ingress',
    kind: 'selector-term',
    path: 'spec.ingress[0].from[0].podSelector.matchLabels.tier',
    message: /wants tier=frontend; prod\/web has tier=web/,
  },
  {
    name: 'a matchExpressions term',
    policy: dbIngress({ from: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['api', 'frontend'] }] } }] }),
    from: 'prod/web',
    to: 'prod/db',
    port: 5432,
    direction: 'ingress',
    kind: 'selector-term',
    path: 'spec.ingress[0].from[0].podSelector.matchExpressions[0]',
    message: /tier In \(api,frontend\)/,
  },
  {
    name: 'a missing label',
    policy: dbIngress({ from: [{ podSelector: { matchLabels: { role: 'client' } } }] }),
    from: 'prod/web',
    to: 'prod/db',
    port: 5432,
    direction: 'ingress',
    kind: 'selector-term',
    path: 'spec.ingress[0].from[0].podSelector.matchLabels.role',
    message: /has no role label/,
  },
  {
    name: 'the own namespace',
    policy: dbIngress({ from: [{ podSelector: { matchLabels: { tier: 'frontend' } } }] }),
    from: 'dev/web',
    to: 'prod/db',
    port: 5432,
    direction: 'ingress',
    kind: 'namespace',
    path: 'spec.ingress[0].from[0].podSelector',
    message: /only pods in prod; dev\/web is in dev/,
  },
  {
    name: 'a namespaceSelector term',
    policy: dbIngress({
      from: [{ namespaceSelector: { matchLabels: { env: 'prod' } }, podSelector: { matchLabels: { tier: 'frontend' } } }],
    }),
    from: 'dev/web',
    to: 'prod/db',
    port: 5432,
    direction: 'ingress',
    kind: 'namespace',
    path: 'spec.ingress[0].from[0].namespaceSelector.matchLabels.env',
    message: /wants env=prod; namespace dev has env=dev/,
  },
  {
    name: 'a port',
    policy: dbIngress({ ports: [{ port: 5432 }] }),
    from: 'prod/web',
    to: 'prod/db',
    port: 5433,
    direction: 'ingress',
    kind: 'port',
    path: 'spec.ingress[0].ports[0].port',
    message: /wants port 5432; the connection is to 5433/,
  },
  {
    name: 'an endPort range',
    policy: dbIngress({ ports: [{ port: 6000, endPort: 6010 }] }),
    from: 'prod/web',
    to: 'prod/db',
    port: 5432,
    direction: 'ingress',
    kind: 'port',
    path: 'spec.ingress[0].ports[0].port',
    message: /ports 6000-6010/,
  },
  {
    name: 'the protocol',
    policy: dbIngress({ ports: [{ port: 5432, protocol: 'UDP' }] }),
    from: 'prod/web',
    to: 'prod/db',
    port: 5432,
    direction: 'ingress',
    kind: 'protocol',
    path: 'spec.ingress[0].ports[0].protocol',
    message: /wants UDP; the connection is TCP/,
  },
  {
    name: 'a named port the destination lacks',
    policy: dbIngress({ ports: [{ port: 'http' }] }),
    from: 'prod/web',
    to: 'prod/db',
    port: 5432,
    direction: 'ingress',
    kind: 'port',
    path: 'spec.ingress[0].ports[0].port',
    message: /no TCP container port of that name/,
  },
  {
    name: 'a named port on another number',
    policy: dbIngress({ ports: [{ port: 'sql' }] }),
    from: 'prod/web',
    to: 'prod/db',
    port: 5433,
    direction: 'ingress',
    kind: 'port',
    path: 'spec.ingress[0].ports[0].port',
    message: /sql \(5432 on prod\/db\)/,
  },
  {
    name: 'an ipBlock cidr (an address)',
    policy: dbIngress({ from: [{ ipBlock: { cidr: '192.0.2.0/24' } }] }),
    from: '198.51.100.1',
    to: 'prod/db',
    port: 5432,
    direction: 'ingress',
    kind: 'ipblock-cidr',
    path: 'spec.ingress[0].from[0].ipBlock.cidr',
    message: /outside ipBlock 192.0.2.0\/24/,
  },
  {
    name: 'an ipBlock except',
    policy: dbIngress({ from: [{ ipBlock: { cidr: '192.0.2.0/24', except: ['192.0.2.0/28'] } }] }),
    from: '192.0.2.5',
    to: 'prod/db',
    port: 5432,
    direction: 'ingress',
    kind: 'ipblock-except',
    path: 'spec.ingress[0].from[0].ipBlock.except[0]',
    message: /removed by except 192.0.2.0\/28/,
  },
  {
    name: 'a pod peer for an address',
    policy: dbIngress({ from: [{ podSelector: {} }] }),
    from: '192.0.2.5',
    to: 'prod/db',
    port: 5432,
    direction: 'ingress',
    kind: 'peer-kind',
    path: 'spec.ingress[0].from[0]',
    message: /not a pod/,
  },
  {
    name: 'egress: a to-selector term',
    policy: webEgress({ to: [{ podSelector: { matchLabels: { app: 'cache' } } }] }),
    from: 'prod/web',
    to: 'prod/db',
    port: 5432,
    direction: 'egress',
    kind: 'selector-term',
    path: 'spec.egress[0].to[0].podSelector.matchLabels.app',
    message: /wants app=cache; prod\/db has app=db/,
  },
  {
    name: 'egress: an ipBlock to an address',
    policy: webEgress({ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['203.0.113.0/24'] } }] }),
    from: 'prod/web',
    to: '203.0.113.9',
    port: 443,
    direction: 'egress',
    kind: 'ipblock-except',
    path: 'spec.egress[0].to[0].ipBlock.except[0]',
    message: /203.0.113.9 is in ipBlock 0.0.0.0\/0/,
  },
];

describe('near miss: the one condition that fails', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const v = ask(c.policy, c.from, c.to, c.port, c.protocol);
      assert.equal(v.allowed, false);
      const misses = v[c.direction].nearMisses ?? [];
      assert.equal(misses.length, 1, JSON.stringify(misses));
      assert.deepEqual(
        misses[0].fails.map((f) => [f.kind, f.path]),
        [[c.kind, c.path]],
      );
      assert.match(misses[0].fails[0].message, c.message);
      assert.equal(misses[0].rule, 0);
    });
  }
});

describe('near miss: when there is none', () => {
  it('an allowed direction carries none', () => {
    const v = ask(dbIngress({ ports: [{ port: 5432 }] }), 'prod/web', 'prod/db', 5432);
    assert.equal(v.allowed, true);
    assert.equal(v.ingress.nearMisses, undefined);
  });
  it('a denied-by-isolation policy with no rules has no near miss', () => {
    const v = ask(networkPolicy({ podSelector: {}, policyTypes: ['Ingress'] }), 'prod/web', 'prod/db', 5432);
    assert.equal(v.allowed, false);
    assert.equal(v.ingress.nearMisses, undefined);
  });
  it('self traffic (an override) carries none', () => {
    const v = ask(networkPolicy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] }), 'prod/db', 'prod/db', 5432);
    assert.equal(v.ingress.nearMisses, undefined);
  });
  it('two failing conditions are both listed, the closest rule first', () => {
    const v = ask(
      networkPolicy({
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [
          { from: [{ podSelector: { matchLabels: { tier: 'x' } } }], ports: [{ port: 1 }] },
          { from: [{ podSelector: { matchLabels: { tier: 'x' } } }] },
        ],
      }),
      'prod/web',
      'prod/db',
      5432,
    );
    const misses = v.ingress.nearMisses ?? [];
    assert.deepEqual(
      misses.map((m) => [m.rule, m.fails.length]),
      [[1, 1]],
    );
  });
});
