// Policy kinds besides NetworkPolicy from a live cluster (src/ingest/cluster/policy-resources.ts):
// listed and watched only while their CRD exists; AdminNetworkPolicies reach the snapshot as tier
// policies, a CiliumNetworkPolicy as an unmodelled object; with no CRD nothing is requested.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { FakeApiServer } from '../../support/fake-apiserver.ts';
import { seedSmallCluster, startHarness, waitFor, type Harness, type Raw } from './harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const crd = (plural: string, group: string): Raw => ({
  metadata: { name: `${plural}.${group}` },
  spec: { group, names: { plural, kind: 'Thing' }, scope: 'Cluster' },
});
const anp = (name: string, priority: number): Raw => ({
  metadata: { name },
  spec: { priority, subject: { namespaces: {} }, ingress: [{ name: 'deny', action: 'Deny', from: [{ namespaces: {} }] }] },
});

describe('cluster source: tier policies and unmodelled policy kinds', () => {
  it('with the CRD: AdminNetworkPolicies are listed, watched and decoded; a later one arrives by watch', async () => {
    const seed = (fake: FakeApiServer) => {
      seedSmallCluster(fake);
      fake.add('customresourcedefinitions', crd('adminnetworkpolicies', 'policy.networking.k8s.io'));
      fake.add('adminnetworkpolicies', anp('deny-all', 10));
    };
    const h = (harness = await startHarness({ seed }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    assert.deepEqual(
      h.latest()?.tierPolicies?.map((p) => `${p.kind}/${p.name}/${p.priority}`),
      ['AdminNetworkPolicy/deny-all/10'],
    );
    h.fake.add('adminnetworkpolicies', anp('second', 20));
    await waitFor('second policy', () => h.latest()?.tierPolicies?.length === 2);
  });

  it('without the CRD nothing is requested and the snapshot has no tier policies', async () => {
    const h = (harness = await startHarness({ seed: seedSmallCluster }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    assert.equal(h.latest()?.tierPolicies, undefined);
    assert.ok(!h.fake.requests.some((r) => r.includes('policy.networking.k8s.io')), h.fake.requests.join('\n'));
  });

  it('a CiliumNetworkPolicy (its CRD present) is kept as unmodelled', async () => {
    const seed = (fake: FakeApiServer) => {
      seedSmallCluster(fake);
      fake.add('customresourcedefinitions', crd('ciliumnetworkpolicies', 'cilium.io'));
      fake.add('ciliumnetworkpolicies', {
        metadata: { name: 'block', namespace: 'prod' },
        spec: { endpointSelector: {}, egress: [{ toNodes: [{ matchLabels: { role: 'db' } }] }] },
      });
    };
    const h = (harness = await startHarness({ seed }));
    await waitFor('unmodelled object', () => h.latest()?.unmodelled?.length === 1);
    assert.deepEqual(h.latest()?.unmodelled, [{ kind: 'CiliumNetworkPolicy', group: 'cilium.io', namespace: 'prod', name: 'block' }]);
  });
});
