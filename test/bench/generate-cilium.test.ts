// The `+cilium` benchmark cluster (bench/generate-cilium.ts): its policies decode strictly, there are as
// many as asked, each selects pods of the generated cluster, the same seed gives the same objects, and
// on the compiled cluster they change verdicts (a benchmark of policies that select nothing measures
// nothing).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ciliumObjects, withCiliumPolicies } from '../../bench/generate-cilium.ts';
import { generateCluster } from '../../bench/generate.ts';
import { check } from '../../src/engine/check.ts';
import { compile } from '../../src/engine/compile.ts';
import { clusterNameOf, identityLabels, selectorOnIdentity } from '../../src/engine/cilium/identity.ts';
import { matchesSelector } from '../../src/engine/selector.ts';
import type { Snapshot } from '../../src/model/types.ts';

const plain = generateCluster({ pods: 2000, seed: 11 });
const onCilium: Snapshot = { ...plain, cni: { plugin: 'cilium', settings: {} } };
const withCilium = withCiliumPolicies(onCilium, 60, 6, 11);

test('the generated Cilium policies decode strictly, as many as asked', () => {
  const kinds = (withCilium.ciliumPolicies ?? []).map((p) => p.kind);
  assert.equal(kinds.filter((k) => k === 'CiliumNetworkPolicy').length, 60);
  assert.equal(kinds.filter((k) => k === 'CiliumClusterwideNetworkPolicy').length, 6);
});

test('every generated Cilium policy selects some pod of the cluster', () => {
  const nsLabels = new Map(plain.namespaces.map((n) => [n.name, n.labels]));
  for (const p of withCilium.ciliumPolicies ?? []) {
    const selected = plain.pods.some(
      (pod) =>
        (p.namespace === undefined || pod.namespace === p.namespace) &&
        matchesSelector(
          selectorOnIdentity(p.subject),
          identityLabels(pod.labels, pod.namespace, nsLabels.get(pod.namespace) ?? {}, clusterNameOf(undefined)),
        ),
    );
    assert.ok(selected, `${p.kind} ${p.namespace ?? ''}/${p.name} selects no pod`);
  }
});

test('the same seed gives the same objects, another seed others', () => {
  assert.deepEqual(ciliumObjects(onCilium, 60, 6, 11), ciliumObjects(onCilium, 60, 6, 11));
  assert.notDeepEqual(ciliumObjects(onCilium, 60, 6, 11), ciliumObjects(onCilium, 60, 6, 12));
});

test('on the compiled cluster the Cilium policies change verdicts', () => {
  const before = compile(onCilium);
  const after = compile(withCilium);
  const keys = plain.pods.map((p) => `${p.namespace}/${p.name}`);
  let changed = 0;
  for (let i = 0; i < 4000; i++) {
    const from = { kind: 'endpoint' as const, key: keys[(i * 7919) % keys.length] };
    const to = { kind: 'endpoint' as const, key: keys[(i * 104729 + 13) % keys.length] };
    if (check(before, from, to, 443, 'TCP').verdict !== check(after, from, to, 443, 'TCP').verdict) changed++;
  }
  assert.ok(changed > 0, 'no verdict changed');
});
