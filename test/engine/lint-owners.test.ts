import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/engine/index.ts';
import { differingLabelKeys, lintOwners } from '../../src/engine/lint-owners.ts';
import type { Labels, Pod, Snapshot } from '../../src/model/types.ts';
import { ANY, ns, pod, podPeer, policy, rule, sel, snapshot, tcp } from '../support/build.ts';

function owned(name: string, labels: Labels, owner = 'web-7d'): Pod {
  return { ...pod('a', name, labels), ownerReferences: [{ kind: 'ReplicaSet', name: owner, controller: true }] };
}

const canaryPolicy = policy('a', 'canary', { podSelector: sel({ track: 'canary' }), ingress: [rule([podPeer(ANY)], [tcp(80)])] });

describe('lintOwners: pods of one owner whose labels differ', () => {
  const cases: { name: string; s: Snapshot; expected: string[] }[] = [
    {
      name: 'same labels: nothing',
      s: snapshot({ namespaces: [ns('a')], pods: [owned('w1', { app: 'web' }), owned('w2', { app: 'web' })] }),
      expected: [],
    },
    {
      name: 'labels differ, no policy reads them: reported as treated alike',
      s: snapshot({ namespaces: [ns('a')], pods: [owned('w1', { app: 'web', track: 'canary' }), owned('w2', { app: 'web' })] }),
      expected: [
        'owner-labels-differ ReplicaSet a/web-7d: its 2 pods have different labels (track); ' +
          'no policy reads the labels that differ, so they are treated alike',
      ],
    },
    {
      name: 'labels differ and a policy reads them: reported as treated differently',
      s: snapshot({
        namespaces: [ns('a')],
        pods: [owned('w1', { app: 'web', track: 'canary' }), owned('w2', { app: 'web' })],
        policies: [canaryPolicy],
      }),
      expected: [
        'owner-labels-differ ReplicaSet a/web-7d: its 2 pods have different labels (track); ' +
          'policies treat them differently: `connections` lists the union for the workload and marks it as not ' +
          'holding for every member pair',
      ],
    },
    {
      name: 'only controller-set per-pod labels differ: nothing',
      s: snapshot({
        namespaces: [ns('a')],
        pods: [owned('w1', { app: 'web', 'pod-template-hash': 'a1' }), owned('w2', { app: 'web', 'pod-template-hash': 'b2' })],
      }),
      expected: [],
    },
    {
      name: 'bare pods are never compared with each other',
      s: snapshot({ namespaces: [ns('a')], pods: [pod('a', 'x', { app: 'x' }), pod('a', 'y', { app: 'y' })] }),
      expected: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = lintOwners(compile(c.s)).map((d) => `${d.code} ${d.ref?.kind} ${d.ref?.namespace}/${d.ref?.name}: ${d.message}`);
      assert.deepEqual(got, c.expected);
    });
  }
});

describe('differingLabelKeys', () => {
  const cases: { name: string; labels: Labels[]; expected: string[] }[] = [
    { name: 'equal maps', labels: [{ a: '1' }, { a: '1' }], expected: [] },
    { name: 'a value differs', labels: [{ a: '1' }, { a: '2' }], expected: ['a'] },
    { name: 'a key is missing on one pod', labels: [{ a: '1', b: 'x' }, { a: '1' }], expected: ['b'] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(differingLabelKeys(c.labels), c.expected));
});

describe('lintOwners: addresses are not labels', () => {
  it('pods of one owner split only by an ipBlock (different IP regions) are not reported', () => {
    const owner = [{ kind: 'ReplicaSet', name: 'web-1', controller: true }];
    const pod = (name: string, ip: string) => ({
      namespace: 'a',
      name,
      labels: { app: 'web' },
      ips: [ip],
      hostNetwork: false,
      containerPorts: [],
      ownerReferences: owner,
    });
    const s = {
      source: 'manifests' as const,
      namespaces: [{ name: 'a', labels: { 'kubernetes.io/metadata.name': 'a' } }],
      pods: [pod('web-1-x', '10.0.0.5'), pod('web-1-y', '10.0.9.5')],
      workloads: [],
      services: [],
      endpointSlices: [],
      nodes: [],
      notAnalysable: [],
      policies: [
        {
          namespace: 'a',
          name: 'p',
          podSelector: { matchLabels: {}, matchExpressions: [] },
          policyTypes: ['Ingress' as const],
          policyTypesExplicit: true,
          ingress: [{ peers: [{ kind: 'ipBlock' as const, cidr: '10.0.0.0/24', except: [] }], ports: null }],
          egress: [],
        },
      ],
    };
    const c = compile(s);
    assert.notEqual(c.endpoints[0].classId, c.endpoints[1].classId, 'the ipBlock splits the two pods into two classes');
    assert.deepEqual(lintOwners(c), []);
  });
});
