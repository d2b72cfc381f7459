import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NAMESPACE_NAME_LABEL } from '../../src/model/types.ts';
import { decode, errors, object, pod, warnings, type Raw } from '../fixtures/k8s.ts';

const deployment = (spec: Raw, metadata: Raw = {}) => object('apps/v1', 'Deployment', { spec }, { name: 'web', ...metadata });
const template = (labels: Raw, spec: Raw = {}) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});

describe('Pods', () => {
  it('reads labels, addresses, node, phase, container ports and owners', () => {
    const { snapshot, diagnostics } = decode([
      pod(
        {
          spec: {
            nodeName: 'node-1',
            containers: [
              {
                name: 'app',
                image: 'app:1',
                resources: { limits: { cpu: '1' } },
                env: [{ name: 'A', value: 'b' }],
                ports: [
                  { name: 'http', containerPort: 8080 },
                  { containerPort: 53, protocol: 'UDP' },
                ],
              },
            ],
            initContainers: [{ name: 'proxy', ports: [{ name: 'admin', containerPort: 9901 }] }],
          },
          status: { phase: 'Running', podIP: '10.1.0.5', podIPs: [{ ip: '10.1.0.5' }, { ip: 'fd00:0:0::5' }], hostIP: '192.168.0.10' },
        },
        {
          labels: { app: 'web', 'app.kubernetes.io/part-of': 'shop' },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'u1', controller: true }],
        },
      ),
    ]);
    assert.deepEqual(errors(diagnostics), []);
    assert.deepEqual(snapshot.pods, [
      {
        namespace: 'prod',
        name: 'p',
        labels: { app: 'web', 'app.kubernetes.io/part-of': 'shop' },
        ips: ['10.1.0.5', 'fd00::5'],
        hostNetwork: false,
        nodeName: 'node-1',
        hostIP: '192.168.0.10',
        phase: 'Running',
        containerPorts: [
          { name: 'http', containerPort: 8080, protocol: 'TCP' },
          { containerPort: 53, protocol: 'UDP' },
          { name: 'admin', containerPort: 9901, protocol: 'TCP' },
        ],
        ownerReferences: [{ kind: 'ReplicaSet', name: 'web-abc', uid: 'u1', controller: true }],
      },
    ]);
  });

  const ipCases: { name: string; status: Raw; hostNetwork?: boolean; ips: string[] }[] = [
    { name: 'podIP alone gives one IP', status: { podIP: '10.0.0.1' }, ips: ['10.0.0.1'] },
    {
      name: 'podIPs wins over podIP',
      status: { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }, { ip: '2001:db8::1' }] },
      ips: ['10.0.0.1', '2001:db8::1'],
    },
    { name: 'no status means no IPs (manifest input)', status: {}, ips: [] },
    { name: 'hostNetwork pod without pod IP uses hostIP', status: { hostIP: '192.168.1.4' }, hostNetwork: true, ips: ['192.168.1.4'] },
    { name: 'non-hostNetwork pod never borrows hostIP', status: { hostIP: '192.168.1.4' }, ips: [] },
  ];
  for (const c of ipCases) {
    it(c.name, () => {
      const { snapshot } = decode([pod({ spec: { hostNetwork: c.hostNetwork ?? false, containers: [] }, status: c.status })]);
      assert.deepEqual(snapshot.pods[0].ips, c.ips);
    });
  }

  const rejected: { name: string; raw: Raw; errors: string[] }[] = [
    { name: 'invalid podIP', raw: pod({ status: { podIP: '10.0.0.300' } }), errors: ['invalid-ip status.podIP'] },
    {
      name: 'invalid podIPs entry',
      raw: pod({ status: { podIPs: [{ ip: '10.0.0.1' }, { ip: 'nope' }] } }),
      errors: ['invalid-ip status.podIPs[1].ip'],
    },
    { name: 'invalid hostIP', raw: pod({ status: { hostIP: '1.2.3' } }), errors: ['invalid-ip status.hostIP'] },
    {
      name: 'containerPort out of range',
      raw: pod({ spec: { containers: [{ ports: [{ containerPort: 70000 }] }] } }),
      errors: ['port-out-of-range spec.containers[0].ports[0].containerPort'],
    },
    {
      name: 'container port protocol invalid',
      raw: pod({ spec: { containers: [{ ports: [{ containerPort: 80, protocol: 'HTTP' }] }] } }),
      errors: ['invalid-protocol spec.containers[0].ports[0].protocol'],
    },
    {
      name: 'container port name invalid',
      raw: pod({ spec: { containers: [{ ports: [{ containerPort: 80, name: 'Web_Port' }] }] } }),
      errors: ['invalid-port-name spec.containers[0].ports[0].name'],
    },
    { name: 'containers that is a mapping', raw: pod({ spec: { containers: { name: 'c' } } }), errors: ['invalid-type spec.containers'] },
    { name: 'hostNetwork that is a string', raw: pod({ spec: { hostNetwork: 'true' } }), errors: ['invalid-type spec.hostNetwork'] },
    { name: 'label value that is a number', raw: pod({}, { labels: { version: 2 } }), errors: ['invalid-type metadata.labels.version'] },
    {
      name: 'ownerReference without name',
      raw: pod({}, { ownerReferences: [{ kind: 'ReplicaSet' }] }),
      errors: ['required metadata.ownerReferences[0].name'],
    },
  ];
  for (const c of rejected) {
    it(`rejects: ${c.name}`, () => {
      const { snapshot, diagnostics } = decode([c.raw]);
      assert.deepEqual(errors(diagnostics), c.errors);
      assert.equal(snapshot.pods.length, 0);
    });
  }

  it('unknown fields in pods are not errors (real manifests carry many)', () => {
    const { diagnostics, snapshot } = decode([
      pod({ spec: { containers: [{ name: 'c', livenessProbe: {}, made_up: 1 }], whatever: true }, extra: 1 }),
    ]);
    assert.deepEqual(errors(diagnostics), []);
    assert.equal(snapshot.pods.length, 1);
  });

  it('an invalid object label is a warning and the label is kept', () => {
    const { diagnostics, snapshot } = decode([pod({}, { labels: { 'bad key!': 'x' } })]);
    assert.deepEqual(warnings(diagnostics), ['invalid-label metadata.labels["bad key!"]']);
    assert.deepEqual(snapshot.pods[0].labels, { 'bad key!': 'x' });
  });

  it('an invalid object label is an error when strict', () => {
    const { diagnostics } = decode([pod({}, { labels: { 'bad key!': 'x' } })], { strict: true });
    assert.deepEqual(errors(diagnostics), ['invalid-label metadata.labels["bad key!"]']);
  });

  const analysable: { name: string; source: 'cluster' | 'manifests' | 'demo' | 'upload'; status: Raw; reason?: string }[] = [
    {
      name: 'cluster: Succeeded pod is not analysable',
      source: 'cluster',
      status: { phase: 'Succeeded', podIP: '10.0.0.1' },
      reason: 'pod is Succeeded',
    },
    {
      name: 'cluster: Failed pod is not analysable',
      source: 'cluster',
      status: { phase: 'Failed', podIP: '10.0.0.1' },
      reason: 'pod is Failed',
    },
    { name: 'cluster: pod without IP is not analysable', source: 'cluster', status: { phase: 'Pending' }, reason: 'pod has no IP yet' },
    { name: 'cluster: Running pod with IP is analysable', source: 'cluster', status: { phase: 'Running', podIP: '10.0.0.1' } },
    { name: 'manifests: pod without IP is analysable', source: 'manifests', status: {} },
    { name: 'manifests: Succeeded pod is analysable', source: 'manifests', status: { phase: 'Succeeded' } },
    { name: 'demo: pod without IP is analysable', source: 'demo', status: {} },
    { name: 'upload: Failed pod is analysable', source: 'upload', status: { phase: 'Failed' } },
  ];
  for (const c of analysable) {
    it(c.name, () => {
      const { snapshot } = decode([pod({ status: c.status })], { source: c.source });
      if (c.reason) {
        assert.deepEqual(snapshot.pods, []);
        assert.deepEqual(snapshot.notAnalysable, [{ ref: { kind: 'Pod', namespace: 'prod', name: 'p' }, reason: c.reason }]);
      } else {
        assert.equal(snapshot.pods.length, 1);
        assert.deepEqual(snapshot.notAnalysable, []);
      }
    });
  }
});

describe('Workloads', () => {
  it('Deployment: template labels, selector, ports, replicas, owners', () => {
    const { snapshot, diagnostics } = decode([
      deployment({
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: template({ app: 'web' }, { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 80 }] }] }),
      }),
    ]);
    assert.deepEqual(errors(diagnostics), []);
    assert.deepEqual(snapshot.workloads, [
      {
        kind: 'Deployment',
        namespace: 'prod',
        name: 'web',
        labels: { app: 'web' },
        selector: { matchLabels: { app: 'web' }, matchExpressions: [] },
        containerPorts: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
        hostNetwork: false,
        replicas: 3,
        ownerReferences: [],
      },
    ]);
  });

  const kinds: { name: string; raw: Raw; expect: Raw }[] = [
    {
      name: 'StatefulSet',
      raw: object('apps/v1', 'StatefulSet', {
        spec: { replicas: 2, selector: { matchLabels: { a: 'b' } }, template: template({ a: 'b' }) },
      }),
      expect: { kind: 'StatefulSet', replicas: 2, labels: { a: 'b' } },
    },
    {
      name: 'DaemonSet with hostNetwork',
      raw: object('apps/v1', 'DaemonSet', {
        spec: { selector: { matchLabels: { a: 'b' } }, template: template({ a: 'b' }, { hostNetwork: true }) },
      }),
      expect: { kind: 'DaemonSet', hostNetwork: true, replicas: undefined },
    },
    {
      name: 'ReplicaSet',
      raw: object('apps/v1', 'ReplicaSet', {
        spec: { replicas: 1, selector: { matchLabels: { a: 'b' } }, template: template({ a: 'b' }) },
      }),
      expect: { kind: 'ReplicaSet', replicas: 1 },
    },
    {
      name: 'ReplicationController selector is a plain map, defaulting to the template labels',
      raw: object('v1', 'ReplicationController', { spec: { template: template({ a: 'b' }) } }),
      expect: { kind: 'ReplicationController', selector: { matchLabels: { a: 'b' }, matchExpressions: [] } },
    },
    {
      name: 'Job uses parallelism as replicas',
      raw: object('batch/v1', 'Job', { spec: { parallelism: 4, template: template({ job: 'x' }) } }),
      expect: { kind: 'Job', replicas: 4, labels: { job: 'x' }, selector: undefined },
    },
    {
      name: 'CronJob template sits at spec.jobTemplate.spec.template',
      raw: object('batch/v1', 'CronJob', {
        spec: { schedule: '* * * * *', jobTemplate: { spec: { parallelism: 2, template: template({ cron: 'y' }) } } },
      }),
      expect: { kind: 'CronJob', replicas: 2, labels: { cron: 'y' }, selector: undefined },
    },
    {
      name: 'extensions/v1beta1 Deployment is still read',
      raw: object('extensions/v1beta1', 'Deployment', { spec: { template: template({ old: 'yes' }) } }),
      expect: { kind: 'Deployment', labels: { old: 'yes' } },
    },
  ];
  for (const c of kinds) {
    it(c.name, () => {
      const { snapshot, diagnostics } = decode([c.raw]);
      assert.deepEqual(errors(diagnostics), []);
      assert.equal(snapshot.workloads.length, 1);
      const w = snapshot.workloads[0] as unknown as Raw;
      for (const [k, v] of Object.entries(c.expect)) assert.deepEqual(w[k], v, k);
    });
  }

  it('a workload without a template is an error', () => {
    const { diagnostics, snapshot } = decode([deployment({ replicas: 1 })]);
    assert.deepEqual(errors(diagnostics), ['required spec.template']);
    assert.equal(snapshot.workloads.length, 0);
  });

  it('a CronJob without a template reports the nested path', () => {
    const { diagnostics } = decode([object('batch/v1', 'CronJob', { spec: { jobTemplate: { spec: {} } } })]);
    assert.deepEqual(errors(diagnostics), ['required spec.jobTemplate.spec.template']);
  });

  it('template label of the wrong type is an error with its path', () => {
    const { diagnostics } = decode([deployment({ template: template({ enabled: true }) })]);
    assert.deepEqual(errors(diagnostics), ['invalid-type spec.template.metadata.labels.enabled']);
  });

  it('a Deployment and a StatefulSet of the same name are different objects', () => {
    const { snapshot, diagnostics } = decode([
      object('apps/v1', 'StatefulSet', { spec: { template: template({}) } }, { name: 'web' }),
      deployment({ template: template({}) }),
    ]);
    assert.deepEqual(warnings(diagnostics), []);
    assert.deepEqual(
      snapshot.workloads.map((w) => w.kind),
      ['Deployment', 'StatefulSet'],
    );
  });
});

describe('Services', () => {
  it('applies the defaults: ClusterIP, TCP, targetPort = port, Cluster traffic policy, no selector', () => {
    const { snapshot, diagnostics } = decode([object('v1', 'Service', { spec: { ports: [{ port: 80 }] } }, { name: 'web' })]);
    assert.deepEqual(errors(diagnostics), []);
    assert.deepEqual(snapshot.services, [
      {
        namespace: 'prod',
        name: 'web',
        labels: {},
        type: 'ClusterIP',
        clusterIPs: [],
        selector: null,
        ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }],
        externalTrafficPolicy: 'Cluster',
        externalIPs: [],
        loadBalancerSourceRanges: [],
        loadBalancerIPs: [],
      },
    ]);
  });

  it('reads a LoadBalancer Service in full', () => {
    const { snapshot, diagnostics } = decode([
      object(
        'v1',
        'Service',
        {
          spec: {
            type: 'LoadBalancer',
            clusterIP: '10.96.0.10',
            selector: { app: 'web' },
            ports: [
              { name: 'http', port: 80, targetPort: 'http', nodePort: 30080 },
              { name: 'dns', port: 53, protocol: 'UDP', targetPort: 5353 },
            ],
            externalTrafficPolicy: 'Local',
            externalIPs: ['203.0.113.7'],
            loadBalancerSourceRanges: ['198.51.100.1/24'],
          },
          status: { loadBalancer: { ingress: [{ ip: '203.0.113.10' }, { hostname: 'lb.example.com' }] } },
        },
        { name: 'web' },
      ),
    ]);
    assert.deepEqual(errors(diagnostics), []);
    const s = snapshot.services[0];
    assert.equal(s.type, 'LoadBalancer');
    assert.equal(s.clusterIP, '10.96.0.10');
    assert.deepEqual(s.clusterIPs, ['10.96.0.10']);
    assert.deepEqual(s.selector, { app: 'web' });
    assert.deepEqual(s.ports, [
      { name: 'http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080 },
      { name: 'dns', protocol: 'UDP', port: 53, targetPort: 5353 },
    ]);
    assert.equal(s.externalTrafficPolicy, 'Local');
    assert.deepEqual(s.externalIPs, ['203.0.113.7']);
    assert.deepEqual(s.loadBalancerSourceRanges, ['198.51.100.0/24']);
    assert.deepEqual(s.loadBalancerIPs, ['203.0.113.10']);
  });

  it('a headless Service keeps clusterIP None and has no cluster IPs', () => {
    const { snapshot } = decode([object('v1', 'Service', { spec: { clusterIP: 'None', clusterIPs: ['None'], selector: { a: 'b' } } })]);
    assert.equal(snapshot.services[0].clusterIP, 'None');
    assert.deepEqual(snapshot.services[0].clusterIPs, []);
  });

  it('selector: {} is no selector', () => {
    const { snapshot } = decode([object('v1', 'Service', { spec: { selector: {} } })]);
    assert.equal(snapshot.services[0].selector, null);
  });

  const rejected: { name: string; spec: Raw; errors: string[] }[] = [
    { name: 'unknown type', spec: { type: 'Internal' }, errors: ['invalid-value spec.type'] },
    { name: 'invalid clusterIP', spec: { clusterIP: '10.96.0' }, errors: ['invalid-ip spec.clusterIP'] },
    { name: 'port missing', spec: { ports: [{ targetPort: 80 }] }, errors: ['required spec.ports[0].port'] },
    {
      name: 'targetPort "8080" string is an invalid name',
      spec: { ports: [{ port: 80, targetPort: '8080' }] },
      errors: ['invalid-port-name spec.ports[0].targetPort'],
    },
    {
      name: 'invalid externalTrafficPolicy',
      spec: { externalTrafficPolicy: 'local' },
      errors: ['invalid-value spec.externalTrafficPolicy'],
    },
    {
      name: 'invalid loadBalancerSourceRanges entry',
      spec: { loadBalancerSourceRanges: ['everyone'] },
      errors: ['invalid-cidr spec.loadBalancerSourceRanges[0]'],
    },
    { name: 'selector value that is a number', spec: { selector: { version: 2 } }, errors: ['invalid-type spec.selector.version'] },
  ];
  for (const c of rejected) {
    it(`rejects: ${c.name}`, () => {
      const { diagnostics, snapshot } = decode([object('v1', 'Service', { spec: c.spec })]);
      assert.deepEqual(errors(diagnostics), c.errors);
      assert.equal(snapshot.services.length, 0);
    });
  }

  it('an invalid Service name (not a DNS-1035 label) is a warning', () => {
    const { diagnostics } = decode([object('v1', 'Service', { spec: {} }, { name: '1web' })]);
    assert.deepEqual(warnings(diagnostics), ['invalid-name metadata.name']);
  });
});

describe('EndpointSlices', () => {
  const slice = (fields: Raw, labels: Raw = { 'kubernetes.io/service-name': 'web' }) =>
    object('discovery.k8s.io/v1', 'EndpointSlice', fields, { name: 'web-abc', labels });

  it('reads addresses, readiness, targetRef, node, ports and the service name', () => {
    const { snapshot, diagnostics } = decode([
      slice({
        addressType: 'IPv4',
        endpoints: [
          {
            addresses: ['10.1.0.5'],
            conditions: { ready: true },
            targetRef: { kind: 'Pod', namespace: 'prod', name: 'web-1' },
            nodeName: 'n1',
          },
          { addresses: ['10.1.0.6'], conditions: {} },
        ],
        ports: [
          { name: 'http', port: 8080 },
          { port: 53, protocol: 'UDP' },
        ],
      }),
    ]);
    assert.deepEqual(errors(diagnostics), []);
    assert.deepEqual(snapshot.endpointSlices, [
      {
        namespace: 'prod',
        name: 'web-abc',
        serviceName: 'web',
        addressType: 'IPv4',
        endpoints: [
          { addresses: ['10.1.0.5'], ready: true, targetRef: { kind: 'Pod', namespace: 'prod', name: 'web-1' }, nodeName: 'n1' },
          { addresses: ['10.1.0.6'], ready: null },
        ],
        ports: [
          { name: 'http', port: 8080, protocol: 'TCP' },
          { port: 53, protocol: 'UDP' },
        ],
      },
    ]);
  });

  const rejected: { name: string; fields: Raw; errors: string[] }[] = [
    { name: 'addressType missing', fields: { endpoints: [] }, errors: ['required addressType'] },
    { name: 'addressType unknown', fields: { addressType: 'IPv5' }, errors: ['invalid-value addressType'] },
    {
      name: 'address that is not an IP',
      fields: { addressType: 'IPv4', endpoints: [{ addresses: ['web.local'] }] },
      errors: ['invalid-ip endpoints[0].addresses[0]'],
    },
    {
      name: 'endpoint without addresses',
      fields: { addressType: 'IPv4', endpoints: [{ addresses: [] }] },
      errors: ['required endpoints[0].addresses'],
    },
    {
      name: 'ready that is a string',
      fields: { addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: 'yes' } }] },
      errors: ['invalid-type endpoints[0].conditions.ready'],
    },
  ];
  for (const c of rejected) {
    it(`rejects: ${c.name}`, () => {
      const { diagnostics, snapshot } = decode([slice(c.fields)]);
      assert.deepEqual(errors(diagnostics), c.errors);
      assert.equal(snapshot.endpointSlices.length, 0);
    });
  }

  it('FQDN slices keep names as addresses', () => {
    const { snapshot, diagnostics } = decode([slice({ addressType: 'FQDN', endpoints: [{ addresses: ['db.example.com'] }] })]);
    assert.deepEqual(errors(diagnostics), []);
    assert.deepEqual(snapshot.endpointSlices[0].endpoints[0].addresses, ['db.example.com']);
  });
});

describe('Nodes', () => {
  it('reads labels, annotations and Internal/External IPs (cluster-scoped)', () => {
    const { snapshot, diagnostics } = decode([
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name: 'node-1',
          namespace: 'ignored',
          labels: { zone: 'a' },
          annotations: { 'projectcalico.org/IPv4Address': '192.168.0.10/24' },
        },
        status: {
          addresses: [
            { type: 'InternalIP', address: '192.168.0.10' },
            { type: 'Hostname', address: 'node-1' },
            { type: 'ExternalIP', address: '203.0.113.1' },
          ],
        },
      },
    ]);
    assert.deepEqual(errors(diagnostics), []);
    assert.deepEqual(snapshot.nodes, [
      {
        name: 'node-1',
        labels: { zone: 'a' },
        annotations: { 'projectcalico.org/IPv4Address': '192.168.0.10/24' },
        internalIPs: ['192.168.0.10'],
        externalIPs: ['203.0.113.1'],
      },
    ]);
    assert.deepEqual(snapshot.namespaces, [], 'a node implies no namespace');
  });

  it('an invalid InternalIP is an error', () => {
    const { diagnostics } = decode([
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, status: { addresses: [{ type: 'InternalIP', address: 'x' }] } },
    ]);
    assert.deepEqual(errors(diagnostics), ['invalid-ip status.addresses[0].address']);
  });
});

describe('Namespaces', () => {
  it('always carry kubernetes.io/metadata.name', () => {
    const { snapshot } = decode([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod', labels: { team: 'a' } } }]);
    assert.deepEqual(snapshot.namespaces, [{ name: 'prod', labels: { [NAMESPACE_NAME_LABEL]: 'prod', team: 'a' } }]);
  });

  it('a wrong kubernetes.io/metadata.name is overwritten, as the API server does', () => {
    const { snapshot } = decode([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod', labels: { [NAMESPACE_NAME_LABEL]: 'other' } } },
    ]);
    assert.deepEqual(snapshot.namespaces[0].labels, { [NAMESPACE_NAME_LABEL]: 'prod' });
  });

  it('namespaces used but not declared are implied, with an info line each (not a warning: manifests rarely declare them)', () => {
    const { snapshot, diagnostics } = decode([
      pod({}, { namespace: 'b' }),
      object('v1', 'Service', { spec: {} }, { namespace: undefined }),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'declared' } },
      pod({}, { namespace: 'declared' }),
      deployment({ template: template({}) }, { namespace: 'a' }),
    ]);
    assert.deepEqual(snapshot.namespaces, [
      { name: 'a', labels: { [NAMESPACE_NAME_LABEL]: 'a' }, implicit: true },
      { name: 'b', labels: { [NAMESPACE_NAME_LABEL]: 'b' }, implicit: true },
      { name: 'declared', labels: { [NAMESPACE_NAME_LABEL]: 'declared' } },
      { name: 'default', labels: { [NAMESPACE_NAME_LABEL]: 'default' }, implicit: true },
    ]);
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'implicit-namespace').map((d) => [d.severity, d.ref?.name]),
      [
        ['info', 'a'],
        ['info', 'b'],
        ['info', 'default'],
      ],
    );
  });

  it('an invalid namespace name (not a DNS label) is a warning', () => {
    const { diagnostics } = decode([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'my.ns' } }]);
    assert.deepEqual(warnings(diagnostics), ['invalid-name metadata.name']);
  });
});

describe('snapshot assembly', () => {
  it('other kinds are skipped and counted, never errors', () => {
    const { diagnostics, skippedKinds } = decode([
      object('v1', 'ConfigMap', { data: { a: 'b' } }),
      object('v1', 'ConfigMap'),
      object('networking.k8s.io/v1', 'Ingress', { spec: {} }),
      object('example.com/v1', 'Widget', { spec: { anything: [1] } }),
    ]);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(skippedKinds, { ConfigMap: 2, Ingress: 1, Widget: 1 });
  });

  it('the later of two same objects wins, with a duplicate-object warning', () => {
    const { snapshot, diagnostics } = decode([pod({}, { labels: { v: '1' } }), pod({}, { labels: { v: '2' } })]);
    assert.deepEqual(warnings(diagnostics), ['duplicate-object']);
    assert.deepEqual(diagnostics.find((d) => d.code === 'duplicate-object')?.ref, { kind: 'Pod', namespace: 'prod', name: 'p' });
    assert.deepEqual(
      snapshot.pods.map((p) => p.labels),
      [{ v: '2' }],
    );
  });

  it('same name in two namespaces is not a duplicate', () => {
    const { snapshot, diagnostics } = decode([pod({}, { namespace: 'a' }), pod({}, { namespace: 'b' })]);
    assert.deepEqual(warnings(diagnostics), []);
    assert.equal(snapshot.pods.length, 2);
  });

  it('every array is sorted by namespace then name', () => {
    const names = [
      ['b', 'z'],
      ['a', 'y'],
      ['b', 'a'],
      ['a', 'b'],
    ];
    const { snapshot } = decode(names.map(([namespace, name]) => pod({}, { namespace, name })));
    assert.deepEqual(
      snapshot.pods.map((p) => `${p.namespace}/${p.name}`),
      ['a/b', 'a/y', 'b/a', 'b/z'],
    );
    const again = decode([...names].reverse().map(([namespace, name]) => pod({}, { namespace, name })));
    assert.deepEqual(again.snapshot, snapshot);
  });

  it('a List given to decodeObjects is flattened too', () => {
    const { snapshot } = decode([{ apiVersion: 'v1', kind: 'PodList', items: [{ metadata: { name: 'a', namespace: 'x' } }] }]);
    assert.deepEqual(
      snapshot.pods.map((p) => p.name),
      ['a'],
    );
  });

  it('the snapshot records its source', () => {
    assert.equal(decode([], { source: 'demo' }).snapshot.source, 'demo');
  });
});
