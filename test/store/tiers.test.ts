// Tier policies and unmodelled objects survive the store (a snapshot read back from history answers
// as the one saved), and are indexed: their subjects' and peers' selector labels, their networks' CIDRs.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { rmSync } from 'node:fs';
import { Store } from '../../src/store/store.ts';
import { Timeline } from '../../src/query/history/timeline.ts';
import type { Snapshot } from '../../src/model/types.ts';
import { richSnapshot, tempDir } from './fixture.ts';

const T0 = new Date('2026-01-01T00:00:00Z');
const { dir, dbPath } = tempDir();
after(() => rmSync(dir, { recursive: true, force: true }));

const withTiers = (): Snapshot => ({
  ...richSnapshot(),
  tierPolicies: [
    {
      kind: 'AdminNetworkPolicy',
      name: 'deny-all',
      tier: 'Admin',
      priority: 10,
      subject: { kind: 'namespaces', namespaces: { matchLabels: { team: 'shop' }, matchExpressions: [] } },
      ingress: [
        {
          name: 'deny',
          action: 'Deny',
          peers: [
            {
              kind: 'pods',
              namespaces: { matchLabels: {}, matchExpressions: [] },
              pods: { matchLabels: { app: 'web' }, matchExpressions: [] },
            },
          ],
          ports: null,
        },
      ],
      egress: [{ name: 'out', action: 'Deny', peers: [{ kind: 'networks', cidrs: ['203.0.113.0/24'] }], ports: null }],
    },
  ],
  unmodelled: [{ kind: 'CiliumNetworkPolicy', group: 'cilium.io', namespace: 'shop', name: 'block' }],
});

describe('store: tier policies and unmodelled objects', () => {
  it('round-trip exactly, and a snapshot without them hashes as before', () => {
    const store = Store.open(dbPath());
    const s = withTiers();
    const { meta } = store.save(s, T0);
    assert.deepEqual(store.get(meta.id)?.snapshot, s);
    // History reads the same objects through its own time line: tier policies and unmodelled objects too.
    assert.deepEqual(new Timeline(store).snapshot(meta.id), s);
    const plain = store.save(richSnapshot(), T0);
    assert.notEqual(plain.meta.id, meta.id);
    assert.deepEqual(store.get(plain.meta.id)?.snapshot, richSnapshot());
    store.close();
  });
  it('are indexed by selector label and CIDR', () => {
    const store = Store.open(dbPath('idx.db'));
    const { meta } = store.save(withTiers(), T0);
    assert.ok(store.policiesByLabel(meta.id, 'team', 'shop').some((p) => p.name === 'AdminNetworkPolicy/deny-all' && p.namespace === ''));
    assert.ok(store.policiesByLabel(meta.id, 'app', 'web').some((p) => p.name === 'AdminNetworkPolicy/deny-all'));
    assert.ok(
      store.policiesByAddress(meta.id, '203.0.113.9').some((p) => p.name === 'AdminNetworkPolicy/deny-all' && p.cidr === '203.0.113.0/24'),
    );
    store.close();
  });
});
