// toServices, table-driven, each case named after its source: docs.cilium.io policy language
// "Services based" (examples/policies/l3/service/service.yaml and service-labels.yaml: a Service by
// name and namespace, and by its labels; "Services based rules will only take effect on Kubernetes
// services without a selector"), cilium/cilium pkg/k8s/rule_translate.go (serviceMatches: an empty
// namespace matches any; generateToCidrFromEndpoint: the backends become toCIDRSet entries, so they
// follow the CIDR rules: never a Cilium-managed endpoint). The cluster: shop/app2-1 (id=app2, egress
// policed), shop/db-1 (app=db, 10.244.1.20); Services: default/myservice without a selector (endpoints
// 203.0.113.10 and 203.0.113.11), default/labelled (external=yes, no selector, endpoint 198.51.100.7),
// shop/db (selector app=db), shop/pod-backed (no selector, endpoint the pod IP 10.244.1.20).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeObjects } from '../../../src/model/decode.ts';
import type { Snapshot } from '../../../src/model/types.ts';
import { check, compile } from '../../../src/engine/index.ts';
import { at, node, ns, pod } from '../../support/build.ts';
import { cnp, decodeStrict } from '../../support/policy-objects.ts';

const service = (namespace: string, name: string, labels: Record<string, string>, selector?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { namespace, name, labels },
  spec: { ports: [{ port: 80 }], ...(selector ? { selector } : {}) },
});
const slice = (namespace: string, service: string, addresses: string[]) => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { namespace, name: `${service}-1`, labels: { 'kubernetes.io/service-name': service } },
  addressType: 'IPv4',
  endpoints: addresses.map((a) => ({ addresses: [a], conditions: { ready: true } })),
  ports: [{ port: 80, protocol: 'TCP' }],
});
const OBJECTS = [
  service('default', 'myservice', {}),
  slice('default', 'myservice', ['203.0.113.10', '203.0.113.11']),
  service('default', 'labelled', { external: 'yes' }),
  slice('default', 'labelled', ['198.51.100.7']),
  service('shop', 'db', {}, { app: 'db' }),
  slice('shop', 'db', ['10.244.1.20']),
  service('shop', 'pod-backed', {}),
  slice('shop', 'pod-backed', ['10.244.1.20']),
];

const egress = (toServices: unknown[]) =>
  cnp('to-services', { endpointSelector: { matchLabels: { id: 'app2' } }, egress: [{ toServices }] });

function cluster(policy: unknown): Snapshot {
  const decoded = decodeStrict([...OBJECTS, policy]);
  assert.deepEqual(decoded.unmodelled ?? [], [], 'toServices is modelled');
  return {
    ...decoded,
    namespaces: [ns('shop'), ns('default')],
    pods: [
      pod('shop', 'app2-1', { id: 'app2' }, { ip: '10.244.1.10', node: 'node-a' }),
      pod('shop', 'db-1', { app: 'db' }, { ip: '10.244.1.20', node: 'node-a' }),
    ],
    nodes: [node('node-a', ['192.168.1.10'])],
    cni: { plugin: 'cilium', settings: {} },
  };
}

const byName = (serviceName: string, namespace?: string) => ({ k8sService: { serviceName, ...(namespace ? { namespace } : {}) } });
const byLabels = (matchLabels: Record<string, string>, namespace?: string) => ({
  k8sServiceSelector: { selector: { matchLabels }, ...(namespace ? { namespace } : {}) },
});

const CASES: readonly { name: string; toServices: unknown[]; to: string; want: 'allowed' | 'denied' | 'unknown'; reason?: RegExp }[] = [
  {
    name: 'service.yaml: k8sService myservice in default admits its endpoint',
    toServices: [byName('myservice', 'default')],
    to: '203.0.113.10',
    want: 'allowed',
    reason: /CiliumNetworkPolicy `shop\/to-services` egress rule 0/,
  },
  {
    name: 'service.yaml: … every endpoint of it',
    toServices: [byName('myservice', 'default')],
    to: '203.0.113.11',
    want: 'allowed',
  },
  {
    name: 'service.yaml: … and no other address (default deny)',
    toServices: [byName('myservice', 'default')],
    to: '203.0.113.12',
    want: 'denied',
    reason: /default deny/,
  },
  {
    name: 'rule_translate.go serviceMatches: an empty namespace matches the Service in any namespace',
    toServices: [byName('myservice')],
    to: '203.0.113.10',
    want: 'allowed',
  },
  {
    name: "serviceMatches: a namespace that is not the Service's matches nothing in the snapshot: unknown",
    toServices: [byName('myservice', 'shop')],
    to: '203.0.113.10',
    want: 'unknown',
    reason: /toServices shop\/myservice: no such Service in the snapshot/,
  },
  {
    name: 'a Service not in the snapshot: unknown for an outside address',
    toServices: [byName('elsewhere', 'default')],
    to: '203.0.113.10',
    want: 'unknown',
  },
  {
    name: 'a Service not in the snapshot: never a pod',
    toServices: [byName('elsewhere', 'default')],
    to: 'shop/db-1',
    want: 'denied',
  },
  {
    name: 'service-labels.yaml: k8sServiceSelector external=yes admits the endpoints of the Services with that label',
    toServices: [byLabels({ external: 'yes' })],
    to: '198.51.100.7',
    want: 'allowed',
  },
  {
    name: 'service-labels.yaml: … not those of Services without it',
    toServices: [byLabels({ external: 'yes' })],
    to: '203.0.113.10',
    want: 'denied',
  },
  {
    name: 'Services based note: a Service with a selector adds nothing (use toEndpoints on the backend pods)',
    toServices: [byName('db', 'shop')],
    to: 'shop/db-1',
    want: 'denied',
  },
  {
    name: 'generateToCidrFromEndpoint: the endpoints are CIDR rules, which never match a Cilium-managed pod',
    toServices: [byName('pod-backed', 'shop')],
    to: 'shop/db-1',
    want: 'denied',
  },
];

describe('Cilium toServices (check)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const v = check(compile(cluster(egress(c.toServices))), at('shop/app2-1'), at(c.to), 80, 'TCP');
      const reasons = `egress: ${v.egress.reason}; ${v.unknownReason ?? ''}`;
      assert.equal(v.verdict, c.want, reasons);
      if (c.reason) assert.match(reasons, c.reason);
    });
  }
});

describe('Cilium toServices (decode)', () => {
  it('language.rst Limitations: toServices with toPorts is rejected', () => {
    const bad = {
      ...egress([]),
      spec: { endpointSelector: {}, egress: [{ toServices: [byName('myservice')], toPorts: [{ ports: [{ port: '80' }] }] }] },
    };
    const d = decodeObjects([{ object: bad }], { source: 'manifests' }).diagnostics.filter((x) => x.severity === 'error');
    assert.deepEqual(
      d.map((x) => x.path),
      ['spec.egress[0].toPorts'],
    );
  });
  it('an unknown field in a toServices entry is an error naming it', () => {
    const bad = egress([{ k8sService: { serviceName: 'x', nmespace: 'y' } }]);
    const d = decodeObjects([{ object: bad }], { source: 'manifests' }).diagnostics.filter((x) => x.severity === 'error');
    assert.ok(
      d.some((x) => /nmespace/.test(x.path ?? '')),
      JSON.stringify(d),
    );
  });
});
