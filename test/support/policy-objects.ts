// Policy objects as written in manifests (CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy,
// NetworkPolicy), and their decode into a snapshot that must have no errors: the Cilium engine tests'
// one way to go from objects to the snapshot they add pods and nodes to.
import assert from 'node:assert/strict';
import { decodeObjects } from '../../src/model/decode.ts';
import type { Snapshot } from '../../src/model/types.ts';

type Spec = Record<string, unknown>;

export const cnp = (name: string, spec: Spec, namespace = 'shop') => ({
  apiVersion: 'cilium.io/v2',
  kind: 'CiliumNetworkPolicy',
  metadata: { name, namespace },
  spec,
});

export const ccnp = (name: string, spec: Spec) => ({
  apiVersion: 'cilium.io/v2',
  kind: 'CiliumClusterwideNetworkPolicy',
  metadata: { name },
  spec,
});

export const np = (name: string, spec: Spec, namespace = 'shop') => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec,
});

/** The objects decoded as manifests; fails the test on any error diagnostic. */
export function decodeStrict(objects: readonly unknown[]): Snapshot {
  const decoded = decodeObjects(
    objects.map((object) => ({ object })),
    { source: 'manifests' },
  );
  assert.deepEqual(
    decoded.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  return decoded.snapshot;
}
