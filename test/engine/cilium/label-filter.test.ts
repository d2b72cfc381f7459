// Cilium's default identity-relevant label filter, table-driven, each case named after its source:
// cilium/cilium pkg/labelsfilter/filter_test.go TestDefaultFilterLabels (the labels the default list
// keeps and drops), pkg/labelsfilter/filter.go defaultLabelPrefixCfg (one case per entry), and
// docs.cilium.io "Limiting Identity-Relevant Labels". Then what it means for verdicts: a selector on a
// filtered label selects nothing, in a CiliumNetworkPolicy and in a Kubernetes NetworkPolicy on Cilium.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LabelSelector, Snapshot } from '../../../src/model/types.ts';
import { check, compile } from '../../../src/engine/index.ts';
import { identityRelevant, selectorOnIdentity } from '../../../src/engine/cilium/identity.ts';
import { matchesSelector } from '../../../src/engine/selector.ts';
import { lintCilium } from '../../../src/engine/cilium/lint-cilium.ts';
import { lintDataplane } from '../../../src/engine/lint-dataplane.ts';
import { at, node, ns, pod } from '../../support/build.ts';
import { cnp, decodeStrict, np } from '../../support/policy-objects.ts';

const KEYS: readonly { name: string; key: string; kept: boolean }[] = [
  // filter_test.go TestDefaultFilterLabels: the labels of a container, default list.
  { name: 'TestDefaultFilterLabels: io.kubernetes.container.hash dropped', key: 'io.kubernetes.container.hash', kept: false },
  { name: 'TestDefaultFilterLabels: io.kubernetes.pod.name dropped', key: 'io.kubernetes.pod.name', kept: false },
  { name: 'TestDefaultFilterLabels: io.kubernetes.pod.uid dropped', key: 'io.kubernetes.pod.uid', kept: false },
  { name: 'TestDefaultFilterLabels: io.kubernetes.pod.namespace kept', key: 'io.kubernetes.pod.namespace', kept: true },
  { name: 'TestDefaultFilterLabels: app.kubernetes.io kept', key: 'app.kubernetes.io', kept: true },
  { name: 'TestDefaultFilterLabels: kubernetes.io.foo dropped', key: 'kubernetes.io.foo', kept: false },
  { name: 'TestDefaultFilterLabels: beta.kubernetes.io.foo dropped', key: 'beta.kubernetes.io.foo', kept: false },
  { name: 'TestDefaultFilterLabels: annotation.kubectl.kubernetes.io dropped', key: 'annotation.kubectl.kubernetes.io', kept: false },
  { name: 'TestDefaultFilterLabels: annotation.hello dropped', key: 'annotation.hello', kept: false },
  { name: 'TestDefaultFilterLabels: ioXkubernetes kept (the dot is escaped)', key: 'ioXkubernetes', kept: true },
  { name: 'TestDefaultFilterLabels: ignore kept', key: 'ignore', kept: true },
  { name: 'TestDefaultFilterLabels: controller-revision-hash dropped', key: 'controller-revision-hash', kept: false },
  { name: 'TestDefaultFilterLabels: id.lizards kept', key: 'id.lizards', kept: true },
  // filter.go defaultLabelPrefixCfg, one entry each.
  { name: 'defaultLabelPrefixCfg: include io.cilium.k8s.namespace.labels', key: 'io.cilium.k8s.namespace.labels.team', kept: true },
  { name: 'defaultLabelPrefixCfg: include app.kubernetes.io (longer than no ignore)', key: 'app.kubernetes.io/name', kept: true },
  { name: 'defaultLabelPrefixCfg: include io.cilium.k8s.policy.cluster', key: 'io.cilium.k8s.policy.cluster', kept: true },
  { name: 'defaultLabelPrefixCfg: !kubernetes\\.io', key: 'kubernetes.io/metadata.name', kept: false },
  { name: 'defaultLabelPrefixCfg: !kubernetes\\.io matches at the start only', key: 'topology.kubernetes.io/zone', kept: true },
  { name: 'defaultLabelPrefixCfg: !statefulset.kubernetes.io/pod-name', key: 'statefulset.kubernetes.io/pod-name', kept: false },
  { name: 'defaultLabelPrefixCfg: … only that statefulset label', key: 'statefulset.kubernetes.io/other', kept: true },
  { name: 'defaultLabelPrefixCfg: !apps.kubernetes.io/pod-index', key: 'apps.kubernetes.io/pod-index', kept: false },
  {
    name: 'defaultLabelPrefixCfg: !batch.kubernetes.io/job-completion-index',
    key: 'batch.kubernetes.io/job-completion-index',
    kept: false,
  },
  {
    name: 'defaultLabelPrefixCfg: !.*beta\\.kubernetes\\.io anywhere in the key',
    key: 'failure-domain.beta.kubernetes.io/zone',
    kept: false,
  },
  { name: 'defaultLabelPrefixCfg: !k8s\\.io', key: 'k8s.io/cluster-service', kept: false },
  { name: 'defaultLabelPrefixCfg: !pod-template-generation', key: 'pod-template-generation', kept: false },
  { name: 'defaultLabelPrefixCfg: !pod-template-hash', key: 'pod-template-hash', kept: false },
  { name: 'defaultLabelPrefixCfg: !pod-template-hash is a prefix', key: 'pod-template-hash-extra', kept: false },
  { name: 'defaultLabelPrefixCfg: !annotation.*', key: 'annotations', kept: false },
  { name: 'defaultLabelPrefixCfg: !etcd_node', key: 'etcd_node', kept: false },
  { name: 'defaultLabelPrefixCfg: an ordinary key is kept', key: 'app', kept: true },
  {
    name: 'filterLabels: an include longer than the shortest ignore wins (app.kubernetes.io over .*beta…)',
    key: 'app.kubernetes.io/x',
    kept: true,
  },
];

describe('Cilium default label filter (identityRelevant)', () => {
  for (const c of KEYS) it(c.name, () => assert.equal(identityRelevant(c.key), c.kept));
});

const sel = (matchLabels: Record<string, string>, matchExpressions: LabelSelector['matchExpressions'] = []): LabelSelector => ({
  matchLabels,
  matchExpressions,
});

describe('a selector as it acts on identities (selectorOnIdentity)', () => {
  const cases: readonly { name: string; given: LabelSelector; matches: Record<string, string>; want: boolean }[] = [
    {
      name: 'matchLabels on a filtered key never matches',
      given: sel({ 'pod-template-hash': 'abc' }),
      matches: { 'pod-template-hash': 'abc' },
      want: false,
    },
    {
      name: 'In on a filtered key never matches',
      given: sel({}, [{ key: 'controller-revision-hash', operator: 'In', values: ['1'] }]),
      matches: { 'controller-revision-hash': '1' },
      want: false,
    },
    {
      name: 'Exists on a filtered key never matches',
      given: sel({}, [{ key: 'statefulset.kubernetes.io/pod-name', operator: 'Exists', values: [] }]),
      matches: { 'statefulset.kubernetes.io/pod-name': 'db-0' },
      want: false,
    },
    {
      name: 'NotIn on a filtered key always matches',
      given: sel({ app: 'db' }, [{ key: 'pod-template-hash', operator: 'NotIn', values: ['abc'] }]),
      matches: { app: 'db', 'pod-template-hash': 'abc' },
      want: true,
    },
    {
      name: 'DoesNotExist on a filtered key always matches',
      given: sel({ app: 'db' }, [{ key: 'pod-template-hash', operator: 'DoesNotExist', values: [] }]),
      matches: { app: 'db', 'pod-template-hash': 'abc' },
      want: true,
    },
    { name: 'kept keys still decide', given: sel({ app: 'db', 'pod-template-hash': 'abc' }), matches: { app: 'web' }, want: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(matchesSelector(selectorOnIdentity(c.given), c.matches), c.want);
    });
  }
  it('a selector without filtered keys is returned as is', () => {
    const s = sel({ app: 'db' });
    assert.equal(selectorOnIdentity(s), s);
  });
});

// The cluster: shop/api-1 (app=api, pod-template-hash=abc), shop/web-1 (app=web), shop/db-0 of a
// StatefulSet (app=db, statefulset.kubernetes.io/pod-name=db-0); two nodes.
function cluster(objects: readonly unknown[], plugin: string | null = 'cilium'): Snapshot {
  return {
    ...decodeStrict(objects),
    namespaces: [ns('shop')],
    pods: [
      pod('shop', 'api-1', { app: 'api', 'pod-template-hash': 'abc' }, { ip: '10.244.1.10', node: 'node-a' }),
      pod('shop', 'web-1', { app: 'web' }, { ip: '10.244.1.11', node: 'node-a' }),
      pod('shop', 'db-0', { app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-0' }, { ip: '10.244.2.10', node: 'node-b' }),
    ],
    nodes: [node('node-a', ['192.168.1.10']), node('node-b', ['192.168.1.11'])],
    ...(plugin !== null ? { cni: { plugin, settings: {} } } : {}),
  };
}

const byHash = { matchLabels: { 'pod-template-hash': 'abc' } };
const db0 = { matchLabels: { 'statefulset.kubernetes.io/pod-name': 'db-0' } };

interface Case {
  readonly name: string;
  readonly objects: readonly unknown[];
  readonly plugin?: string | null;
  readonly from: string;
  readonly to: string;
  readonly want: 'allowed' | 'denied';
  /** A note the answer must carry (regular expression over code: message). */
  readonly note?: RegExp;
}

const CASES: readonly Case[] = [
  {
    name: 'identity-relevant-labels.rst: a CNP endpointSelector on pod-template-hash selects nothing (api not isolated)',
    objects: [cnp('by-hash', { endpointSelector: byHash, ingress: [{}] })],
    from: 'shop/web-1',
    to: 'shop/api-1',
    want: 'allowed',
    note: /plugin-deviation: .*CiliumNetworkPolicy `shop\/by-hash` spec\.endpointSelector \(on pod-template-hash\) for shop\/api-1/,
  },
  {
    name: 'identity-relevant-labels.rst: a CNP fromEndpoints on statefulset.kubernetes.io/pod-name admits nothing',
    objects: [cnp('from-db-0', { endpointSelector: { matchLabels: { app: 'api' } }, ingress: [{ fromEndpoints: [db0] }] })],
    from: 'shop/db-0',
    to: 'shop/api-1',
    want: 'denied',
    note: /spec\.ingress\[0\] peer 0 \(on statefulset\.kubernetes\.io\/pod-name\) for shop\/db-0/,
  },
  {
    name: 'network_policy.go on Cilium: a NetworkPolicy podSelector on pod-template-hash isolates nothing',
    objects: [np('by-hash', { podSelector: byHash, ingress: [] })],
    from: 'shop/web-1',
    to: 'shop/api-1',
    want: 'allowed',
    note: /plugin-deviation: on Cilium this differs .*pod-template-hash/,
  },
  {
    name: 'upstream (no plugin): the same NetworkPolicy isolates api-1',
    objects: [np('by-hash', { podSelector: byHash, ingress: [] })],
    plugin: null,
    from: 'shop/web-1',
    to: 'shop/api-1',
    want: 'denied',
  },
  {
    name: 'network_policy.go on Cilium: a NetworkPolicy peer podSelector on statefulset.kubernetes.io/pod-name admits nothing',
    objects: [np('from-db-0', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: db0 }] }] })],
    from: 'shop/db-0',
    to: 'shop/api-1',
    want: 'denied',
    note: /plugin-deviation: on Cilium this differs .*allowed there/,
  },
  {
    name: 'upstream: the same peer admits db-0',
    objects: [np('from-db-0', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: db0 }] }] })],
    plugin: null,
    from: 'shop/db-0',
    to: 'shop/api-1',
    want: 'allowed',
  },
  {
    name: "on Calico the label is an ordinary label (the filter is Cilium's)",
    objects: [np('by-hash', { podSelector: byHash, ingress: [] })],
    plugin: 'calico',
    from: 'shop/web-1',
    to: 'shop/api-1',
    want: 'denied',
  },
  {
    name: 'NotIn on a filtered key: the NetworkPolicy selects every app=api pod on Cilium',
    objects: [
      np('not-abc', {
        podSelector: { matchLabels: { app: 'api' }, matchExpressions: [{ key: 'pod-template-hash', operator: 'NotIn', values: ['abc'] }] },
        ingress: [],
      }),
    ],
    from: 'shop/web-1',
    to: 'shop/api-1',
    want: 'denied',
    note: /plugin-deviation: on Cilium this differs .*\(allowed there\).*NotIn \/ DoesNotExist/,
  },
];

describe('Cilium label filter in verdicts', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const v = check(compile(cluster(c.objects, c.plugin === undefined ? 'cilium' : c.plugin)), at(c.from), at(c.to), 80, 'TCP');
      assert.equal(v.verdict, c.want, `egress: ${v.egress.reason}; ingress: ${v.ingress.reason}`);
      const notes = v.notes.map((n) => `${n.code}: ${n.message}`).join('\n');
      if (c.note) assert.match(notes, c.note);
      else assert.doesNotMatch(notes, /identity/);
    });
  }
});

describe('Cilium label filter in lint', () => {
  it('a NetworkPolicy on Cilium: selector-label-not-in-identity at each selector on a filtered key', () => {
    const c = compile(cluster([np('both', { podSelector: byHash, ingress: [{ from: [{ podSelector: db0 }, { podSelector: {} }] }] })]));
    assert.deepEqual(
      lintDataplane(c)
        .filter((d) => d.code === 'selector-label-not-in-identity')
        .map((d) => d.path),
      ['spec.podSelector', 'spec.ingress[0].from[0].podSelector'],
    );
  });
  it('… not on Calico', () => {
    const c = compile(cluster([np('both', { podSelector: byHash, ingress: [] })], 'calico'));
    assert.deepEqual(
      lintDataplane(c).filter((d) => d.code === 'selector-label-not-in-identity'),
      [],
    );
  });
  it('a CiliumNetworkPolicy: endpointSelector and peer', () => {
    const c = compile(cluster([cnp('both', { endpointSelector: byHash, ingress: [{ fromEndpoints: [db0] }] })]));
    assert.deepEqual(
      lintCilium(c)
        .filter((d) => d.code === 'selector-label-not-in-identity')
        .map((d) => d.path),
      ['spec.endpointSelector', 'spec.ingress[0] peer 0'],
    );
  });
});
