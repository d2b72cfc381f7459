import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { StoreError } from '../../src/store/errors.ts';
import { Store } from '../../src/store/store.ts';
import { ipBlock, pod, policy, rule } from '../support/build.ts';
import { richSnapshot, tempDir } from './fixture.ts';

const { dbPath } = tempDir();
const store = Store.open(dbPath());
after(() => store.close());
const first = store.save(richSnapshot(), new Date('2024-05-01T10:00:00Z')).meta.id;
// A second snapshot where web-1 is relabelled and the ipBlock policy is gone: queries must answer
// per snapshot even though most objects (and their index rows) are shared.
const second = store.save(
  richSnapshot({
    pods: [pod('shop', 'web-1', { app: 'web2' }, { ip: '10.1.0.5' }), ...richSnapshot().pods.slice(1)],
    policies: [
      ...richSnapshot().policies.filter((p) => p.name !== 'egress-out'),
      policy('db', 'v6-only', { ingress: [rule([ipBlock('2001:db8::/32', ['2001:db8:1::/48'])])] }),
    ],
  }),
  new Date('2024-05-01T10:05:00Z'),
).meta.id;

const names = (xs: readonly { namespace: string; name: string }[]) => xs.map((x) => `${x.namespace}/${x.name}`);

describe('index queries: podsByLabel', () => {
  const cases: [string, number, string, string | undefined, string[]][] = [
    ['key and value', first, 'app', 'web', ['shop/web-1']],
    ['key only matches any value', first, 'app', undefined, ['db/pg-0', 'shop/api-1', 'shop/web-1']],
    ['a label nobody has', first, 'app', 'nope', []],
    ['namespace labels are not pods', first, 'team', undefined, []],
    ['relabelled pod in the later snapshot', second, 'app', 'web', []],
    ['relabelled pod under its new label', second, 'app', 'web2', ['shop/web-1']],
  ];
  for (const [title, id, key, value, want] of cases) {
    it(title, () => assert.deepEqual(names(store.podsByLabel(id, key, value)), want));
  }
});

describe('index queries: policiesByLabel', () => {
  const cases: [string, number, string, string | undefined, string[]][] = [
    ['podSelector matchLabels', first, 'app', 'web', ['shop/web-ingress']],
    ['peer podSelector matchLabels', first, 'app', 'api', ['shop/web-ingress']],
    ['peer namespaceSelector matchLabels', first, 'team', 'a', ['shop/web-ingress']],
    ['podSelector matchExpressions In value', first, 'tier', 'backend', ['shop/egress-out']],
    ['Exists names the key whatever the value', first, 'role', 'anything', ['shop/web-ingress']],
    ['key only', first, 'app', undefined, ['db/pg', 'shop/web-ingress']],
    ['not named', first, 'zone', undefined, []],
    ['policy gone in the later snapshot', second, 'tier', undefined, []],
  ];
  for (const [title, id, key, value, want] of cases) {
    it(title, () => assert.deepEqual(names(store.policiesByLabel(id, key, value)), want));
  }
});

describe('index queries: policiesByAddress', () => {
  const cases: [string, number, string, { namespace: string; name: string; cidr: string; excepted: boolean }[]][] = [
    [
      'v4 inside a cidr and 0.0.0.0/0',
      first,
      '10.1.2.3',
      [
        { namespace: 'db', name: 'pg', cidr: '0.0.0.0/0', excepted: false },
        { namespace: 'shop', name: 'egress-out', cidr: '10.0.0.0/8', excepted: false },
      ],
    ],
    [
      'v4 inside an except',
      first,
      '10.2.3.4',
      [
        { namespace: 'db', name: 'pg', cidr: '0.0.0.0/0', excepted: false },
        { namespace: 'shop', name: 'egress-out', cidr: '10.0.0.0/8', excepted: true },
      ],
    ],
    [
      'v4 at the cidr edges',
      first,
      '10.255.255.255',
      [
        { namespace: 'db', name: 'pg', cidr: '0.0.0.0/0', excepted: false },
        { namespace: 'shop', name: 'egress-out', cidr: '10.0.0.0/8', excepted: false },
      ],
    ],
    ['v4 outside every cidr but 0/0', first, '11.0.0.0', [{ namespace: 'db', name: 'pg', cidr: '0.0.0.0/0', excepted: false }]],
    ['v6 inside', first, 'fd00::1', [{ namespace: 'shop', name: 'egress-out', cidr: 'fd00::/64', excepted: false }]],
    ['v6 inside the except', first, 'fd00:0:0:0::5', [{ namespace: 'shop', name: 'egress-out', cidr: 'fd00::/64', excepted: true }]],
    ['v6 outside (v4 0/0 does not cover v6)', first, 'fd01::1', []],
    ['v6 in the later snapshot', second, '2001:db8:2::1', [{ namespace: 'db', name: 'v6-only', cidr: '2001:db8::/32', excepted: false }]],
    [
      'v6 except in the later snapshot',
      second,
      '2001:db8:1:ffff::1',
      [{ namespace: 'db', name: 'v6-only', cidr: '2001:db8::/32', excepted: true }],
    ],
    ['not an address', first, 'web', []],
  ];
  for (const [title, id, ip, want] of cases) {
    it(title, () => assert.deepEqual(store.policiesByAddress(id, ip), want));
  }
});

describe('index queries: podsByIp', () => {
  const cases: [string, number, string, string[]][] = [
    ['v4', first, '10.1.0.6', ['shop/api-1']],
    ['v6 (dual-stack pod), any spelling', first, 'fd00:0::5', ['shop/web-1']],
    ['v6 address dropped in the later snapshot', second, 'fd00::5', []],
    ['unknown address', first, '10.9.9.9', []],
    ['not an address', first, 'x', []],
  ];
  for (const [title, id, ip, want] of cases) {
    it(title, () => assert.deepEqual(names(store.podsByIp(id, ip)), want));
  }
});

describe('index queries: unknown snapshot', () => {
  it('every query throws not-found', () => {
    for (const q of [
      () => store.podsByLabel(999, 'a'),
      () => store.policiesByLabel(999, 'a'),
      () => store.policiesByAddress(999, '10.0.0.1'),
      () => store.podsByIp(999, '10.0.0.1'),
    ]) {
      assert.throws(q, (e: unknown) => e instanceof StoreError && e.code === 'not-found');
    }
  });
});
