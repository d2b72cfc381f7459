import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changeOnePolicy, generateCluster, podIP } from '../../bench/generate.ts';
import type { LabelSelector, Labels, Snapshot } from '../../src/model/types.ts';

const SIZE = 3000;
const small = generateCluster({ pods: SIZE, seed: 7 });

/** Every matchLabels pair and every In/NotIn/Exists key names a label some object carries. */
function selectorProblems(selector: LabelSelector, objects: readonly Labels[], where: string): string[] {
  const has = (k: string, v?: string) => objects.some((l) => (v === undefined ? k in l : l[k] === v));
  const problems: string[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels)) if (!has(k, v)) problems.push(`${where}: ${k}=${v}`);
  for (const e of selector.matchExpressions) {
    const ok = e.operator === 'In' || e.operator === 'NotIn' ? e.values.some((v) => has(e.key, v)) : has(e.key);
    if (!ok) problems.push(`${where}: ${e.key} ${e.operator} ${e.values.join(',')}`);
  }
  return problems;
}

function policyLabelProblems(s: Snapshot): string[] {
  const podLabels = s.pods.map((p) => p.labels);
  const nsLabels = s.namespaces.map((n) => n.labels);
  const problems: string[] = [];
  for (const p of s.policies) {
    const name = `${p.namespace}/${p.name}`;
    problems.push(...selectorProblems(p.podSelector, podLabels, `${name} podSelector`));
    for (const r of [...p.ingress, ...p.egress]) {
      for (const peer of r.peers ?? []) {
        if (peer.kind !== 'pods') continue;
        problems.push(...selectorProblems(peer.pods, podLabels, `${name} peer pods`));
        if (peer.namespaces.kind === 'selector')
          problems.push(...selectorProblems(peer.namespaces.selector, nsLabels, `${name} peer namespaces`));
      }
    }
  }
  return problems;
}

test('generateCluster: same seed gives the same snapshot', () => {
  assert.deepEqual(generateCluster({ pods: SIZE, seed: 7 }), small);
});

test('generateCluster: a different seed gives a different snapshot', () => {
  assert.notDeepEqual(generateCluster({ pods: SIZE, seed: 8 }), small);
});

test('generateCluster: pod count is exact', () => {
  for (const pods of [0, 1, 5, 99, 100, 1234, SIZE]) {
    assert.equal(generateCluster({ pods, seed: 1 }).pods.length, pods, `pods=${pods}`);
  }
});

test('generateCluster: pod names are unique and every pod namespace exists', () => {
  const namespaces = new Set(small.namespaces.map((n) => n.name));
  const keys = new Set(small.pods.map((p) => `${p.namespace}/${p.name}`));
  assert.equal(keys.size, small.pods.length);
  assert.deepEqual(
    small.pods.filter((p) => !namespaces.has(p.namespace)),
    [],
  );
  assert.deepEqual(
    small.policies.filter((p) => !namespaces.has(p.namespace)),
    [],
  );
});

test('generateCluster: namespaces carry kubernetes.io/metadata.name, team and env', () => {
  for (const n of small.namespaces) assert.equal(n.labels['kubernetes.io/metadata.name'], n.name);
  const teams = small.namespaces.filter((n) => n.name.startsWith('team-'));
  assert.ok(teams.length >= 5);
  for (const n of teams) assert.match(`${n.labels.team} ${n.labels.env}`, /^team-\d+ (prod|staging|dev)$/);
});

test('generateCluster: policy selectors reference labels that exist', () => {
  assert.deepEqual(policyLabelProblems(small), []);
});

test('generateCluster: policy names are unique per namespace and about pods/10 in number', () => {
  const keys = new Set(small.policies.map((p) => `${p.namespace}/${p.name}`));
  assert.equal(keys.size, small.policies.length);
  assert.ok(small.policies.length > SIZE / 20 && small.policies.length < SIZE / 5, `${small.policies.length}`);
});

test('generateCluster: pod IPs are unique, sequential from 10.0.0.1, hostNetwork pods use their node IP', () => {
  const nodeIPs = new Map(small.nodes.map((n) => [n.name, n.internalIPs[0]]));
  const podIPs = small.pods.filter((p) => !p.hostNetwork).map((p) => p.ips[0]);
  assert.deepEqual(
    podIPs,
    podIPs.map((_, i) => podIP(i + 1)),
  );
  const hostNet = small.pods.filter((p) => p.hostNetwork);
  assert.equal(hostNet.length, SIZE / 100);
  for (const p of hostNet) assert.deepEqual(p.ips, [nodeIPs.get(p.nodeName!)]);
});

test('generateCluster: every nodeName is a Node', () => {
  const nodes = new Set(small.nodes.map((n) => n.name));
  assert.deepEqual(
    small.pods.filter((p) => !nodes.has(p.nodeName!)),
    [],
  );
});

test('generateCluster: deployment pods share labels and are owned by a ReplicaSet', () => {
  const team = small.pods.filter((p) => p.labels.tier !== undefined);
  for (const p of team) {
    assert.equal(p.ownerReferences[0].kind, 'ReplicaSet');
    assert.equal(p.name, `${p.ownerReferences[0].name}-${p.name.split('-').at(-1)}`);
    assert.equal(p.ownerReferences[0].name, `${p.labels.app}-${p.labels['pod-template-hash']}`);
  }
  assert.ok(small.pods.some((p) => p.containerPorts.some((c) => c.name === 'dns' && c.protocol === 'UDP')));
});

test('generateCluster: the policy set uses named ports, endPort ranges, ipBlock except and egress', () => {
  const rules = small.policies.flatMap((p) => [...p.ingress, ...p.egress]);
  const ports = rules.flatMap((r) => r.ports ?? []);
  const peers = rules.flatMap((r) => r.peers ?? []);
  assert.ok(ports.some((p) => p.kind === 'named'));
  assert.ok(ports.some((p) => p.kind === 'range' && p.to > p.from));
  assert.ok(peers.some((p) => p.kind === 'ipBlock' && p.except.length > 0));
  assert.ok(small.policies.some((p) => p.policyTypes.includes('Egress')));
  const ops = new Set(
    small.policies
      .flatMap((p) => [p.podSelector, ...peers.flatMap((x) => (x.kind === 'pods' ? [x.pods] : []))])
      .flatMap((s) => s.matchExpressions.map((e) => e.operator)),
  );
  assert.deepEqual([...ops].sort(), ['Exists', 'In', 'NotIn']);
});

test('changeOnePolicy: changes exactly one policy, deterministically, without touching the input', () => {
  for (const seed of [1, 2]) {
    const before = JSON.stringify(small);
    const changed = changeOnePolicy(small, seed);
    assert.equal(JSON.stringify(small), before);
    assert.deepEqual(changeOnePolicy(small, seed), changed);
    const differing = changed.policies.filter((p, i) => JSON.stringify(p) !== JSON.stringify(small.policies[i]));
    assert.equal(differing.length, 1, `seed=${seed}`);
    assert.equal(changed.pods, small.pods);
  }
});
