import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { StoreError } from '../../src/store/errors.ts';
import { Store } from '../../src/store/store.ts';
import { node, pod } from '../support/build.ts';
import { richSnapshot, tempDir, webPod } from './fixture.ts';

const { dbPath } = tempDir();
const store = Store.open(dbPath());
after(() => store.close());
const t = new Date('2024-05-01T10:00:00Z');

const base = richSnapshot();
const a = store.save(base, t).meta.id;
const b = store.save(
  richSnapshot({
    pods: [webPod({ app: 'web', tier: 'backend' }), pod('shop', 'api-2', { app: 'api' }), ...base.pods.slice(2)],
    nodes: [...base.nodes, node('n2', ['192.168.0.2'])],
    policies: base.policies.slice(1),
    notAnalysable: [],
  }),
  t,
).meta.id;

describe('diff', () => {
  it('lists added, changed and removed objects sorted by kind, namespace, name', () => {
    assert.deepEqual(store.diff(a, b), [
      { kind: 'NetworkPolicy', namespace: 'shop', name: 'web-ingress', change: 'removed' },
      { kind: 'Node', name: 'n2', change: 'added' },
      { kind: 'Pod', namespace: 'shop', name: 'api-1', change: 'removed' },
      { kind: 'Pod', namespace: 'shop', name: 'api-2', change: 'added' },
      { kind: 'Pod', namespace: 'shop', name: 'web-1', change: 'changed' },
    ]);
  });

  it('reversed, additions and removals swap', () => {
    const changes = store.diff(b, a).map((c) => `${c.change} ${c.kind} ${c.name}`);
    assert.deepEqual(changes, [
      'added NetworkPolicy web-ingress',
      'removed Node n2',
      'added Pod api-1',
      'removed Pod api-2',
      'changed Pod web-1',
    ]);
  });

  it('a snapshot against itself is empty', () => assert.deepEqual(store.diff(b, b), []));

  it('an unknown id throws not-found', () => {
    assert.throws(
      () => store.diff(a, 999),
      (e: unknown) => e instanceof StoreError && e.code === 'not-found',
    );
  });
});
