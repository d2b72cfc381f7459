// Network-plugin evidence from a live cluster: DaemonSets and plugin ConfigMaps (by name, with the
// field selector RBAC resourceNames requires) in the plugin namespaces that exist, and every CRD's
// group. These targets are optional: forbidden (403) or missing (404) reads as empty, is reported
// once, never holds back or fails a snapshot of the six core resources, and is retried.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { CRD_RESOURCE, FELIX_RESOURCE } from '../../../src/ingest/cluster/resources.ts';
import { normaliseObject } from '../../../src/ingest/cluster/watch-event.ts';
import type { DataplaneEvidence } from '../../../src/model/dataplane.ts';
import type { FakeApiServer } from '../../support/fake-apiserver.ts';
import { namespace, podNames, seedSmallCluster, startHarness, waitFor, type Harness, type Raw } from './harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const daemonSet = (ns: string, name: string, containers: Raw[]): Raw => ({
  metadata: { name, namespace: ns },
  spec: {
    selector: { matchLabels: { k8s: name } },
    template: { metadata: { labels: { k8s: name } }, spec: { hostNetwork: true, containers } },
  },
});

const configMap = (ns: string, name: string, data: Record<string, string>): Raw => ({ metadata: { name, namespace: ns }, data });

const crd = (plural: string, group: string): Raw => ({
  metadata: { name: `${plural}.${group}`, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"a huge":"copy"}' } },
  spec: {
    group,
    names: { plural, kind: 'Thing' },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v2',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object' } } } },
      },
    ],
  },
});

const ciliumAgent = {
  name: 'cilium-agent',
  image: 'quay.io/cilium/cilium:v1.16.0',
  command: ['cilium-agent'],
  args: ['--config-dir=/tmp/cilium/config-map'],
  env: [
    { name: 'K8S_NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
    { name: 'CILIUM_CNI_CHAINING_MODE', value: 'none' },
  ],
};

function seedCiliumCluster(fake: FakeApiServer): void {
  seedSmallCluster(fake);
  fake.add('namespaces', namespace('kube-system'));
  fake.add('daemonsets', daemonSet('kube-system', 'cilium', [ciliumAgent]));
  fake.add('daemonsets', daemonSet('kube-system', 'kube-proxy', [{ name: 'kube-proxy', image: 'kube-proxy:v1.30' }]));
  fake.add('daemonsets', daemonSet('prod', 'cilium', [ciliumAgent])); // not a plugin namespace: never read
  fake.add('configmaps', configMap('kube-system', 'cilium-config', { 'enable-policy': 'default', 'policy-cidr-match-mode': '' }));
  fake.add('configmaps', configMap('kube-system', 'coredns', { Corefile: '.:53 {}' }));
  fake.add('customresourcedefinitions', crd('ciliumnetworkpolicies', 'cilium.io'));
  fake.add('customresourcedefinitions', crd('certificates', 'cert-manager.io'));
}

const ciliumDaemonSet = {
  namespace: 'kube-system',
  name: 'cilium',
  containers: [
    {
      name: 'cilium-agent',
      image: 'quay.io/cilium/cilium:v1.16.0',
      args: ['cilium-agent', '--config-dir=/tmp/cilium/config-map'],
      env: { CILIUM_CNI_CHAINING_MODE: 'none' },
    },
  ],
};

const ciliumEvidence: DataplaneEvidence = {
  daemonSets: [ciliumDaemonSet],
  configMaps: [{ namespace: 'kube-system', name: 'cilium-config', data: { 'enable-policy': 'default', 'policy-cidr-match-mode': '' } }],
  crdGroups: ['cert-manager.io', 'cilium.io'],
};

const CONFIGMAPS_KUBE_SYSTEM = '/api/v1/namespaces/kube-system/configmaps';
const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

describe('cluster source: network-plugin evidence', () => {
  it('a cluster with a cilium DaemonSet, cilium-config and a cilium.io CRD: the first snapshot carries that evidence', async () => {
    const h = (harness = await startHarness({ seed: seedCiliumCluster }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    const s = h.latest()!;
    assert.deepEqual(s.dataplane, ciliumEvidence);
    assert.deepEqual(podNames(s), ['prod/web-1'], 'the core six as before');
    assert.deepEqual(s.workloads, [], 'a live DaemonSet is evidence, not a workload');
    assert.deepEqual(
      (h.diagnostics[0] ?? []).filter((d) => d.severity === 'error'),
      [],
    );
  });

  it(
    'ConfigMaps are read by name only (the field selector RBAC resourceNames needs), and only in plugin namespaces that ' + 'exist',
    async () => {
      const h = (harness = await startHarness({ seed: seedCiliumCluster }));
      await waitFor('configmap watches open', () => h.fake.openWatches('configmaps') === 6);
      const configMapRequests = h.fake.requests.filter((r) => r.includes('/configmaps'));
      assert.ok(configMapRequests.length >= 12, 'a list and a watch per plugin ConfigMap name');
      for (const request of configMapRequests) {
        assert.match(
          request,
          /^\/api\/v1\/namespaces\/kube-system\/configmaps\?.*fieldSelector=metadata\.name%3D(kube-flannel-cfg|canal-config|calico-config|cilium-config|antrea-config|amazon-vpc-cni)(&|$)/,
        );
      }
      const namespacedPaths = new Set(h.fake.requests.map((r) => /\/namespaces\/([^/]+)\//.exec(r)?.[1]).filter((n) => n !== undefined));
      assert.deepEqual([...namespacedPaths], ['kube-system']);
      assert.ok(!h.fake.requests.some((r) => r.includes('secrets')));
    },
  );

  it('a watch event changing cilium-config shows up in the next snapshot', async () => {
    const h = (harness = await startHarness({ seed: seedCiliumCluster }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    h.fake.update('configmaps', configMap('kube-system', 'cilium-config', { 'enable-policy': 'never' }));
    await waitFor('changed config', () => h.latest()?.dataplane?.configMaps[0]?.data['enable-policy'] === 'never');
    assert.deepEqual(h.latest()?.dataplane?.configMaps, [
      { namespace: 'kube-system', name: 'cilium-config', data: { 'enable-policy': 'never' } },
    ]);
    assert.equal(h.snapshots.length, 2);
  });

  it('a plugin namespace that appears is watched from then on; when it goes, so does its evidence', async () => {
    const h = (harness = await startHarness({ seed: seedSmallCluster }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    assert.ok(!h.fake.requests.some((r) => r.includes('/namespaces/kube-flannel/')));
    h.fake.add('namespaces', namespace('kube-flannel'));
    h.fake.add('daemonsets', daemonSet('kube-flannel', 'kube-flannel-ds', [{ name: 'kube-flannel', args: ['--kube-subnet-mgr'] }]));
    h.fake.add('configmaps', configMap('kube-flannel', 'kube-flannel-cfg', { 'net-conf.json': '{"Backend":{"Type":"host-gw"}}' }));
    await waitFor(
      'flannel evidence',
      () => h.latest()?.dataplane?.configMaps.length === 1 && h.latest()?.dataplane?.daemonSets.length === 1,
    );
    assert.deepEqual(
      h.latest()?.dataplane?.daemonSets.map((d) => `${d.namespace}/${d.name}`),
      ['kube-flannel/kube-flannel-ds'],
    );
    h.fake.remove('namespaces', undefined, 'kube-flannel');
    await waitFor('evidence gone', () => h.latest()?.dataplane === undefined);
    await waitFor('its watches closed', () => h.fake.openWatches('configmaps') === 0 && h.fake.openWatches('daemonsets') === 0);
  });

  it('Calico FelixConfigurations are read cluster-wide, cached with their name and defaultEndpointToHostAction only', async () => {
    const h = (harness = await startHarness({ seed: seedSmallCluster }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    assert.ok(h.fake.requests.some((r) => r.startsWith('/apis/crd.projectcalico.org/v1/felixconfigurations')));
    h.fake.add('felixconfigurations', {
      metadata: { name: 'default' },
      spec: { defaultEndpointToHostAction: 'Accept', logSeverityScreen: 'Info' },
    });
    await waitFor('felix evidence', () => h.latest()?.dataplane?.felixConfigurations?.length === 1);
    assert.deepEqual(h.latest()?.dataplane?.felixConfigurations, [{ name: 'default', defaultEndpointToHostAction: 'Accept' }]);
    const cached = normaliseObject(
      {
        metadata: { name: 'default', resourceVersion: '3', annotations: { a: 'b' } },
        spec: { defaultEndpointToHostAction: 'Drop', bpfEnabled: true },
      },
      FELIX_RESOURCE,
    );
    assert.deepEqual(cached.spec, { defaultEndpointToHostAction: 'Drop' });
    assert.equal(cached.metadata.annotations, undefined);
  });

  it('CRDs are cached with their group only (schemas and annotations are not kept)', () => {
    const object = normaliseObject(
      {
        ...crd('ciliumendpoints', 'cilium.io'),
        metadata: { name: 'ciliumendpoints.cilium.io', resourceVersion: '7', annotations: { a: 'b' } },
      },
      CRD_RESOURCE,
    );
    assert.deepEqual(object, {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'ciliumendpoints.cilium.io', resourceVersion: '7' },
      spec: { group: 'cilium.io' },
    });
  });
});

describe('cluster source: plugin evidence that cannot be read', () => {
  for (const code of [403, 404] as const) {
    it(
      `${code} on ConfigMaps and CRDs: snapshots of the core six with the readable evidence, reported once per target, retried until ` +
        `readable`,
      async () => {
        const seed = (fake: FakeApiServer) => {
          seedCiliumCluster(fake);
          fake.refuse(CONFIGMAPS_KUBE_SYSTEM, code);
          fake.refuse(CRDS, code);
        };
        const h = (harness = await startHarness({ seed }));
        await waitFor('first snapshot', () => h.snapshots.length === 1);
        assert.deepEqual(podNames(h.latest()), ['prod/web-1']);
        assert.deepEqual(h.latest()?.dataplane, { daemonSets: [ciliumDaemonSet], configMaps: [], crdGroups: [] });
        assert.equal(h.source.synced, true);
        // Retried on the backoff, and still reported only once each.
        await waitFor('retries', () => h.fake.requests.filter((r) => r.startsWith(CRDS)).length >= 4);
        const unavailable = h.events.filter((e) => e.type === 'unavailable');
        assert.equal(unavailable.length, 7, unavailable.map((e) => e.resource).join(', '));
        assert.ok(unavailable.some((e) => e.resource === 'configmaps kube-system/cilium-config'));
        assert.ok(unavailable.some((e) => e.resource === 'customresourcedefinitions' && e.message?.includes(String(code))));
        assert.equal(h.source.stats.unavailable, 7);
        assert.equal(h.source.stats.errors, 0);
        assert.equal(h.source.lastError, undefined);
        h.fake.allow(CONFIGMAPS_KUBE_SYSTEM);
        h.fake.allow(CRDS);
        await waitFor('evidence once readable', () => JSON.stringify(h.latest()?.dataplane) === JSON.stringify(ciliumEvidence));
      },
    );
  }

  it('access lost after a successful list (403 on the watch): that evidence is dropped and reported once', async () => {
    const h = (harness = await startHarness({ seed: seedCiliumCluster }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    await waitFor('configmap watches open', () => h.fake.openWatches('configmaps') === 6);
    h.fake.refuse(CONFIGMAPS_KUBE_SYSTEM);
    h.fake.dropWatches();
    await waitFor('config dropped', () => h.latest()?.dataplane?.configMaps.length === 0);
    assert.deepEqual(h.latest()?.dataplane?.daemonSets, [ciliumDaemonSet]);
    // Each of the six refused watches reports once, as it re-lists (the snapshot may drop the config
    // before the last of them has); then, retried on the backoff, none reports again.
    const unavailable = () => h.events.filter((e) => e.type === 'unavailable').length;
    await waitFor('each refused target reported', () => unavailable() >= 6);
    const refused = () => h.fake.requests.filter((r) => r.startsWith(CONFIGMAPS_KUBE_SYSTEM)).length;
    const before = refused();
    await waitFor('retries', () => refused() >= before + 6);
    assert.equal(unavailable(), 6);
    assert.deepEqual(podNames(h.latest()), ['prod/web-1']);
  });

  it('a 500 on an optional target is an error like any other (retried), not "unavailable"', async () => {
    const h = (harness = await startHarness({
      seed: (fake) => {
        seedCiliumCluster(fake);
        fake.failLists(3);
      },
    }));
    await waitFor('first snapshot', () => h.snapshots.length === 1);
    assert.deepEqual(h.latest()?.dataplane, ciliumEvidence);
    assert.equal(h.source.stats.unavailable, 0);
  });
});
