// Network-plugin evidence from manifests: plugin DaemonSets (by name or by a container's name), plugin
// ConfigMaps (by name only: any other ConfigMap is skipped silently) and the groups of every CRD.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DataplaneEvidence } from '../../src/model/dataplane.ts';
import { decode, errors, object, warnings, type Raw } from '../fixtures/k8s.ts';

function daemonSet(ns: string, name: string, containers: unknown[], initContainers: unknown[] = []): Raw {
  const labels = { app: name };
  const template = { metadata: { labels }, spec: { containers, ...(initContainers.length > 0 ? { initContainers } : {}) } };
  return object('apps/v1', 'DaemonSet', { spec: { selector: { matchLabels: labels }, template } }, { name, namespace: ns });
}

const configMap = (ns: string, name: string, data: unknown, extra: Raw = {}): Raw =>
  object('v1', 'ConfigMap', { data, ...extra }, { name, namespace: ns });

const crd = (plural: string, spec: unknown): Raw => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: plural },
  spec,
});

const crdOf = (group: string, plural = 'things'): Raw =>
  crd(`${plural}.${group}`, { group, names: { plural, kind: 'Thing' }, scope: 'Namespaced', versions: [] });

const flannelDs = daemonSet(
  'kube-flannel',
  'kube-flannel-ds',
  [
    {
      name: 'kube-flannel',
      image: 'docker.io/flannel/flannel:v0.25.1',
      command: ['/opt/bin/flanneld'],
      args: ['--ip-masq', '--kube-subnet-mgr'],
      env: [
        { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'EVENT_QUEUE_DEPTH', value: '5000' },
      ],
    },
  ],
  [{ name: 'install-cni', image: 'docker.io/flannel/flannel-cni-plugin:v1.4.0', command: ['cp'] }],
);

const netConf = '{ "Network": "10.244.0.0/16", "Backend": { "Type": "vxlan" } }';

const awsNode = daemonSet('kube-system', 'aws-node', [
  {
    name: 'aws-node',
    image: 'amazon-k8s-cni:v1.18.0',
    env: [{ name: 'ENABLE_PREFIX_DELEGATION', value: 'false' }, { name: 'WARM_ENI_TARGET' }],
  },
  { name: 'aws-eks-nodeagent', image: 'aws-network-policy-agent:v1.1.0', args: ['--enable-network-policy=true'] },
]);

describe('dataplane evidence from manifests', () => {
  const cases: { name: string; objects: Raw[]; evidence: DataplaneEvidence | undefined }[] = [
    {
      name: 'a flannel DaemonSet and kube-flannel-cfg: containers (not init), command+args, literal env only, data',
      objects: [flannelDs, configMap('kube-flannel', 'kube-flannel-cfg', { 'net-conf.json': netConf, 'cni-conf.json': '{}' })],
      evidence: {
        daemonSets: [
          {
            namespace: 'kube-flannel',
            name: 'kube-flannel-ds',
            containers: [
              {
                name: 'kube-flannel',
                image: 'docker.io/flannel/flannel:v0.25.1',
                args: ['/opt/bin/flanneld', '--ip-masq', '--kube-subnet-mgr'],
                env: { EVENT_QUEUE_DEPTH: '5000' },
              },
            ],
          },
        ],
        configMaps: [{ namespace: 'kube-flannel', name: 'kube-flannel-cfg', data: { 'cni-conf.json': '{}', 'net-conf.json': netConf } }],
        crdGroups: [],
      },
    },
    {
      name: 'cilium-config alone: its data, binaryData ignored',
      objects: [
        configMap(
          'kube-system',
          'cilium-config',
          { 'enable-policy': 'never', 'policy-audit-mode': 'false' },
          { binaryData: { blob: 'AAEC' } },
        ),
      ],
      evidence: {
        daemonSets: [],
        configMaps: [{ namespace: 'kube-system', name: 'cilium-config', data: { 'enable-policy': 'never', 'policy-audit-mode': 'false' } }],
        crdGroups: [],
      },
    },
    {
      name: 'aws-node with the aws-eks-nodeagent container: both containers; an env entry without value is ""',
      objects: [awsNode],
      evidence: {
        daemonSets: [
          {
            namespace: 'kube-system',
            name: 'aws-node',
            containers: [
              {
                name: 'aws-node',
                image: 'amazon-k8s-cni:v1.18.0',
                args: [],
                env: { ENABLE_PREFIX_DELEGATION: 'false', WARM_ENI_TARGET: '' },
              },
              { name: 'aws-eks-nodeagent', image: 'aws-network-policy-agent:v1.1.0', args: ['--enable-network-policy=true'], env: {} },
            ],
          },
        ],
        configMaps: [],
        crdGroups: [],
      },
    },
    {
      name: 'a DaemonSet of another name holding a policy-controller container (kube-network-policies) is evidence',
      objects: [daemonSet('kube-system', 'kindnet', [{ name: 'kindnet-cni' }, { name: 'kube-network-policies', image: 'knp:v0.4.0' }])],
      evidence: {
        daemonSets: [
          {
            namespace: 'kube-system',
            name: 'kindnet',
            containers: [
              { name: 'kindnet-cni', args: [], env: {} },
              { name: 'kube-network-policies', image: 'knp:v0.4.0', args: [], env: {} },
            ],
          },
        ],
        configMaps: [],
        crdGroups: [],
      },
    },
    {
      name: 'CRD groups of every CRD, sorted and distinct (v1 and v1beta1 alike)',
      objects: [
        crdOf('cilium.io', 'ciliumnetworkpolicies'),
        crdOf('cilium.io', 'ciliumendpoints'),
        crdOf('example.com'),
        { ...crdOf('crd.projectcalico.org', 'felixconfigurations'), apiVersion: 'apiextensions.k8s.io/v1beta1' },
      ],
      evidence: { daemonSets: [], configMaps: [], crdGroups: ['cilium.io', 'crd.projectcalico.org', 'example.com'] },
    },
    {
      name: 'a DaemonSet that is not a plugin gives no evidence (and no dataplane at all)',
      objects: [daemonSet('monitoring', 'node-exporter', [{ name: 'node-exporter', image: 'node-exporter:v1', args: ['--x'] }])],
      evidence: undefined,
    },
    {
      name:
        'FelixConfigurations (crd.projectcalico.org/v1 and projectcalico.org/v3): ' +
        'name and spec.defaultEndpointToHostAction only, sorted by name',
      objects: [
        {
          apiVersion: 'projectcalico.org/v3',
          kind: 'FelixConfiguration',
          metadata: { name: 'node.n1' },
          spec: { defaultEndpointToHostAction: 'Drop', ipipMTU: 1400 },
        },
        {
          apiVersion: 'crd.projectcalico.org/v1',
          kind: 'FelixConfiguration',
          metadata: { name: 'default' },
          spec: { defaultEndpointToHostAction: 'Accept', logSeverityScreen: 'Info' },
        },
        { apiVersion: 'crd.projectcalico.org/v1', kind: 'FelixConfiguration', metadata: { name: 'node.n2' }, spec: { bpfEnabled: true } },
      ],
      evidence: {
        daemonSets: [],
        configMaps: [],
        crdGroups: [],
        felixConfigurations: [
          { name: 'default', defaultEndpointToHostAction: 'Accept' },
          { name: 'node.n1', defaultEndpointToHostAction: 'Drop' },
          { name: 'node.n2' },
        ],
      },
    },
    {
      name: 'an unrelated ConfigMap gives no evidence',
      objects: [configMap('kube-system', 'coredns', { Corefile: '.:53 {}' })],
      evidence: undefined,
    },
    {
      name: 'evidence is sorted by namespace then name; the later of two same objects wins',
      objects: [
        configMap('kube-system', 'cilium-config', { 'enable-policy': 'default' }),
        configMap('cilium', 'cilium-config', { a: '1' }),
        configMap('kube-system', 'calico-config', { b: '2' }),
        configMap('kube-system', 'cilium-config', { 'enable-policy': 'always' }),
      ],
      evidence: {
        daemonSets: [],
        configMaps: [
          { namespace: 'cilium', name: 'cilium-config', data: { a: '1' } },
          { namespace: 'kube-system', name: 'calico-config', data: { b: '2' } },
          { namespace: 'kube-system', name: 'cilium-config', data: { 'enable-policy': 'always' } },
        ],
        crdGroups: [],
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { snapshot, diagnostics } = decode(c.objects);
      assert.deepEqual(errors(diagnostics), []);
      assert.deepEqual(snapshot.dataplane, c.evidence);
      if (c.evidence === undefined) assert.ok(!('dataplane' in snapshot));
    });
  }
});

describe('dataplane evidence: what is skipped and what is reported', () => {
  it('an unrelated ConfigMap is skipped and counted silently, a plugin one is read and not counted', () => {
    const { diagnostics, skippedKinds } = decode([
      configMap('shop', 'settings', { currency: 'EUR' }),
      { kind: 'ConfigMap', metadata: { name: 'no-api-version' } },
      configMap('kube-system', 'cilium-config', {}),
    ]);
    assert.deepEqual(warnings(diagnostics), []);
    assert.deepEqual(errors(diagnostics), []);
    assert.deepEqual(skippedKinds, { ConfigMap: 2 });
  });

  it('a plugin DaemonSet is still a workload in manifests; from a live cluster it is evidence only', () => {
    const manifests = decode([awsNode]);
    assert.deepEqual(
      manifests.snapshot.workloads.map((w) => `${w.kind} ${w.namespace}/${w.name}`),
      ['DaemonSet kube-system/aws-node'],
    );
    const cluster = decode([awsNode], { source: 'cluster' });
    assert.deepEqual(cluster.snapshot.workloads, []);
    assert.deepEqual(
      cluster.snapshot.dataplane?.daemonSets.map((d) => d.name),
      ['aws-node'],
    );
  });

  const bad: { name: string; raw: Raw; error: string; ref: string }[] = [
    {
      name: 'a CRD without spec.group',
      raw: crd('things.example.com', { names: { plural: 'things' } }),
      error: 'required spec.group',
      ref: 'CustomResourceDefinition things.example.com',
    },
    {
      name: 'a CRD without spec',
      raw: crd('things.example.com', undefined),
      error: 'required spec.group',
      ref: 'CustomResourceDefinition things.example.com',
    },
    {
      name: 'a CRD whose spec.group is not a string',
      raw: crd('things.example.com', { group: 7 }),
      error: 'invalid-type spec.group',
      ref: 'CustomResourceDefinition things.example.com',
    },
    {
      name: 'a CRD whose spec is a list',
      raw: crd('things.example.com', ['x']),
      error: 'invalid-type spec',
      ref: 'CustomResourceDefinition things.example.com',
    },
    {
      name: 'a plugin ConfigMap with an unquoted boolean',
      raw: configMap('kube-system', 'cilium-config', { 'enable-policy': true }),
      error: 'invalid-type data.enable-policy',
      ref: 'ConfigMap kube-system/cilium-config',
    },
    {
      name: 'a plugin DaemonSet env value that is a number',
      raw: daemonSet('kube-system', 'cilium', [{ name: 'cilium-agent', env: [{ name: 'X', value: 1 }] }]),
      error: 'invalid-type spec.template.spec.containers[0].env[0].value',
      ref: 'DaemonSet kube-system/cilium',
    },
    {
      name: 'a plugin DaemonSet container without a name',
      raw: daemonSet('kube-system', 'cilium', [{ image: 'cilium:v1' }]),
      error: 'required spec.template.spec.containers[0].name',
      ref: 'DaemonSet kube-system/cilium',
    },
    {
      name: 'a plugin DaemonSet args entry that is not a string',
      raw: daemonSet('kube-system', 'calico-node', [{ name: 'calico-node', args: ['--a', { b: 1 }] }]),
      error: 'invalid-type spec.template.spec.containers[0].args[1]',
      ref: 'DaemonSet kube-system/calico-node',
    },
  ];
  for (const c of bad) {
    it(`${c.name} is an error with its path, and the object is left out`, () => {
      const { snapshot, diagnostics } = decode([c.raw]);
      assert.deepEqual(errors(diagnostics), [c.error]);
      const d = diagnostics.find((x) => x.severity === 'error');
      assert.equal(d?.ref?.namespace ? `${d.ref.kind} ${d.ref.namespace}/${d.ref.name}` : `${d?.ref?.kind} ${d?.ref?.name}`, c.ref);
      assert.equal(d?.file, 'test.yaml');
      assert.equal(snapshot.dataplane, undefined);
      assert.deepEqual(snapshot.workloads, []);
    });
  }

  it('a DaemonSet that is not a plugin is not checked beyond what a workload reads', () => {
    const { snapshot, diagnostics } = decode([daemonSet('monitoring', 'agent', [{ image: 'x', env: [{ name: 'X', value: 1 }] }])]);
    assert.deepEqual(errors(diagnostics), []);
    assert.equal(snapshot.workloads.length, 1);
  });
});
