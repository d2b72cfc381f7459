import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rangeKey, addressKey } from '../../src/store/address-key.ts';
import { canonicalJson, flattenSnapshot, assembleSnapshot } from '../../src/store/objects.ts';
import { richSnapshot } from './fixture.ts';

describe('objects: canonical JSON and hashing', () => {
  const cases: [string, unknown, string][] = [
    ['object keys sorted at every depth', { b: 1, a: { d: [2, { z: 1, y: 0 }], c: null } }, '{"a":{"c":null,"d":[2,{"y":0,"z":1}]},"b":1}'],
    ['array order kept', [3, 1, 2], '[3,1,2]'],
    ['undefined properties dropped', { a: undefined, b: 1 }, '{"b":1}'],
  ];
  for (const [title, value, want] of cases) it(title, () => assert.equal(canonicalJson(value), want));

  it('every collection flattens with its kind and identity, and reassembles to the same snapshot', () => {
    const s = richSnapshot();
    const flat = flattenSnapshot(s);
    assert.deepEqual(
      flat.map((o) => `${o.object.kind} ${o.namespace ?? '-'}/${o.name}`),
      [
        'Namespace -/shop',
        'Namespace -/db',
        'Pod shop/web-1',
        'Pod shop/api-1',
        'Pod db/pg-0',
        'Deployment shop/web',
        'Service shop/web',
        'EndpointSlice shop/web-abc',
        'Node -/n1',
        'NetworkPolicy shop/web-ingress',
        'NetworkPolicy shop/egress-out',
        'NetworkPolicy db/pg',
        'NotAnalysable shop/pending-1',
      ],
    );
    assert.equal(new Set(flat.map((o) => o.hash)).size, flat.length);
    assert.deepEqual(
      assembleSnapshot(
        s.source,
        flat.map((o) => ({ kind: o.object.kind, body: o.body })),
      ),
      s,
    );
  });
});

describe('address keys', () => {
  const cases: [string, string, unknown][] = [
    ['v4 address', '10.2.3.4', { family: 4, key: '0a020304' }],
    ['v4-mapped v6 reads as v4', '::ffff:10.2.3.4', { family: 4, key: '0a020304' }],
    ['v6 address', 'fd00::5', { family: 6, key: 'fd000000000000000000000000000005' }],
    ['not an address', 'nope', null],
  ];
  for (const [title, ip, want] of cases) it(title, () => assert.deepEqual(addressKey(ip), want));

  it('cidr ranges ignore host bits and span the block', () => {
    assert.deepEqual(rangeKey('10.1.2.3/16'), { family: 4, lo: '0a010000', hi: '0a01ffff' });
    assert.deepEqual(rangeKey('::/0'), { family: 6, lo: '0'.repeat(32), hi: 'f'.repeat(32) });
    assert.equal(rangeKey('10.0.0.0'), null);
  });
});
