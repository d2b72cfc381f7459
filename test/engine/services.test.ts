// Services as kube-proxy sees them (engine/services.ts): backends from EndpointSlices or the selector,
// the ServicePort a client's port names, and each backend's targetPort.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/engine/index.ts';
import { findServicePort, resolveTargetPort, serviceBackends } from '../../src/engine/services.ts';
import type { EndpointSlice, Service } from '../../src/model/types.ts';
import { cport, ns, pod, snapshot } from '../support/build.ts';
import { slice, sport, svc, withParts } from '../query/paths-fixture.ts';

const base = snapshot({
  namespaces: [ns('app'), ns('other')],
  pods: [
    pod('app', 'a', { app: 'x' }, { ip: '10.0.0.1', node: 'n1', ports: [cport('http', 8080), cport('dns', 53, 'UDP')] }),
    pod('app', 'b', { app: 'x' }, { ip: '10.0.0.2', node: 'n2', ports: [cport('http', 9090)] }),
    pod('app', 'c', { app: 'y' }, { ip: '10.0.0.3' }),
    pod('other', 'd', { app: 'x' }, { ip: '10.0.0.4' }),
  ],
});

function backendsOf(service: Service, slices: EndpointSlice[] = []): [string, string][] {
  const c = compile(withParts(base, { services: [service], endpointSlices: slices }));
  const set = serviceBackends(c, service);
  return set.backends.map((b) => [set.source, b.name]);
}

describe('services: backends', () => {
  const x = svc('app', 'x', { selector: { app: 'x' }, ports: [sport(80, 'http')] });
  const cases: { name: string; service: Service; slices?: EndpointSlice[]; want: [string, string][] }[] = [
    {
      name: "the selector picks pods of the Service's namespace only",
      service: x,
      want: [
        ['selector', 'app/a'],
        ['selector', 'app/b'],
      ],
    },
    { name: 'a Service without selector and without slices has none', service: svc('app', 'x', { ports: [sport(80)] }), want: [] },
    {
      name: 'EndpointSlices win over the selector: ready and readiness-unknown endpoints count, not-ready ones do not',
      service: x,
      slices: [
        slice('app', 'x', [
          { ip: '10.0.0.1', pod: 'a' },
          { ip: '10.0.0.2', pod: 'b', ready: false },
          { ip: '10.0.0.3', pod: 'c', ready: null },
        ]),
      ],
      want: [
        ['endpointslices', 'app/a'],
        ['endpointslices', 'app/c'],
      ],
    },
    {
      name: 'a slice address that is no known pod is an address backend; a pod address without targetRef is the pod',
      service: svc('app', 'x', { ports: [sport(80)] }),
      slices: [slice('app', 'x', [{ ip: '192.0.2.10' }, { ip: '10.0.0.2' }])],
      want: [
        ['endpointslices', '192.0.2.10'],
        ['endpointslices', 'app/b'],
      ],
    },
    {
      name: 'slices of another Service do not count',
      service: x,
      slices: [slice('app', 'other-svc', [{ ip: '10.0.0.3', pod: 'c' }])],
      want: [
        ['selector', 'app/a'],
        ['selector', 'app/b'],
      ],
    },
  ];
  for (const k of cases) it(k.name, () => assert.deepEqual(backendsOf(k.service, k.slices), k.want));
});

describe('services: the ServicePort a client names', () => {
  const s = svc('app', 'x', { type: 'NodePort', ports: [sport(80, 'http', { nodePort: 30080 }), sport(53, 53, { protocol: 'UDP' })] });
  const cases: { name: string; port: number; protocol: 'TCP' | 'UDP'; nodePorts: boolean; want: string }[] = [
    { name: 'the Service port', port: 80, protocol: 'TCP', nodePorts: false, want: 'found port 80' },
    { name: 'the node port, for clients outside', port: 30080, protocol: 'TCP', nodePorts: true, want: 'found nodePort 80' },
    { name: 'the node port is not a port inside the cluster', port: 30080, protocol: 'TCP', nodePorts: false, want: 'not-exposed' },
    { name: 'the number under another protocol', port: 53, protocol: 'TCP', nodePorts: false, want: 'protocol-mismatch' },
    { name: 'a number the Service does not expose', port: 81, protocol: 'TCP', nodePorts: true, want: 'not-exposed' },
  ];
  for (const k of cases) {
    it(k.name, () => {
      const r = findServicePort(s, k.port, k.protocol, k.nodePorts);
      assert.equal(r.kind === 'found' ? `found ${r.by} ${r.port.port}` : r.kind, k.want);
    });
  }
});

describe('services: targetPort per backend', () => {
  const c = compile(
    withParts(base, { endpointSlices: [slice('app', 'x', [{ ip: '192.0.2.10' }], [{ name: 'web', port: 8443, protocol: 'TCP' }])] }),
  );
  const backend = (name: string) => ({ name, endpoint: c.endpointIndex.get(name)!, slicePorts: [] });
  const cases: { name: string; target: number | string; protocol?: 'TCP' | 'UDP'; on: string; want: string }[] = [
    { name: 'a number is used as is', target: 7000, on: 'app/a', want: 'port 7000' },
    { name: 'a name resolves to 8080 on one pod', target: 'http', on: 'app/a', want: 'port 8080' },
    { name: 'and to 9090 on another', target: 'http', on: 'app/b', want: 'port 9090' },
    { name: 'a name needs the protocol to match', target: 'dns', protocol: 'TCP', on: 'app/a', want: 'unresolved dns' },
    { name: 'a name the pod does not define is unresolved', target: 'http', on: 'app/c', want: 'unresolved http' },
  ];
  for (const k of cases) {
    it(k.name, () => {
      const r = resolveTargetPort(c, sport(80, k.target, { protocol: k.protocol ?? 'TCP' }), backend(k.on));
      assert.equal(r.kind === 'port' ? `port ${r.port}` : `unresolved ${r.name}`, k.want);
    });
  }
  it("an address backend takes the number its slice announces under the port's name", () => {
    const r = resolveTargetPort(c, sport(443, 'https', { name: 'web' }), {
      name: '192.0.2.10',
      ip: '192.0.2.10',
      slicePorts: [{ name: 'web', port: 8443, protocol: 'TCP' }],
    });
    assert.deepEqual(r, { kind: 'port', port: 8443, name: 'https' });
  });
});
