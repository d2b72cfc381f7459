// Decoding CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy (cilium.io/v2): the agent's
// validation as decode errors with field paths (cases named after pkg/policy/api/rule_validation.go
// and rule_validation_test.go), the normalised shape (namespace injection of
// pkg/k8s/apis/cilium.io/utils/utils.go, default deny of Rule.Sanitize, ANY = TCP+UDP+SCTP), and what is
// kept as an unmodelled policy.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeObjects } from '../../src/model/decode.ts';

const decode = (objects: unknown[]) =>
  decodeObjects(
    objects.map((object) => ({ object })),
    { source: 'manifests' },
  );
const errors = (objects: unknown[]) =>
  decode(objects)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.path ?? ''}`);
const cnp = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'cilium.io/v2',
  kind: 'CiliumNetworkPolicy',
  metadata: { name: 'p', namespace: 'shop' },
  spec,
  ...extra,
});
const ccnp = (spec: Record<string, unknown>) => ({
  apiVersion: 'cilium.io/v2',
  kind: 'CiliumClusterwideNetworkPolicy',
  metadata: { name: 'c' },
  spec,
});
const sel = { matchLabels: { app: 'api' } };

describe('Cilium policies: the agent validation (code and field path)', () => {
  const cases: { name: string; object: unknown; want: string[] }[] = [
    { name: 'Sanitize: one of endpointSelector or nodeSelector', object: cnp({ ingress: [{}] }), want: ['invalid-cilium-rule spec'] },
    { name: 'Sanitize: not both selectors', object: cnp({ endpointSelector: {}, nodeSelector: {} }), want: ['invalid-cilium-rule spec'] },
    {
      name: 'spec or specs required',
      object: { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'p', namespace: 'shop' } },
      want: ['required spec'],
    },
    {
      name: 'IngressRule.sanitize: Combining FromEndpoints and FromCIDR',
      object: cnp({ endpointSelector: sel, ingress: [{ fromEndpoints: [{}], fromCIDR: ['10.0.0.0/8'] }] }),
      want: ['invalid-cilium-rule spec.ingress[0].fromCIDR'],
    },
    {
      name: 'EgressRule.sanitize: Combining ToEndpoints and ToFQDNs',
      object: cnp({ endpointSelector: sel, egress: [{ toEndpoints: [{}], toFQDNs: [{ matchName: 'a.example' }] }] }),
      want: ['invalid-cilium-rule spec.egress[0].toFQDNs'],
    },
    {
      name: 'toFQDNs is not a field of egressDeny',
      object: cnp({ endpointSelector: sel, egressDeny: [{ toFQDNs: [{ matchName: 'a.example' }] }] }),
      want: ['unknown-field spec.egressDeny[0].toFQDNs'],
    },
    {
      name: 'deny toPorts have no L7 rules (PortDenyRule)',
      object: cnp({ endpointSelector: sel, ingressDeny: [{ toPorts: [{ ports: [{ port: '80' }], rules: { http: [{}] } }] }] }),
      want: ['unknown-field spec.ingressDeny[0].toPorts[0].rules'],
    },
    {
      name: 'PortProtocol.sanitize: Port must be specified',
      object: cnp({ endpointSelector: sel, ingress: [{ toPorts: [{ ports: [{ protocol: 'TCP' }] }] }] }),
      want: ['invalid-cilium-rule spec.ingress[0].toPorts[0].ports[0].port'],
    },
    {
      name: 'PortProtocol.sanitize: Unable to parse port',
      object: cnp({ endpointSelector: sel, ingress: [{ toPorts: [{ ports: [{ port: '70000' }] }] }] }),
      want: ['invalid-cilium-rule spec.ingress[0].toPorts[0].ports[0].port'],
    },
    {
      name: 'ParseL4Proto: invalid protocol',
      object: cnp({ endpointSelector: sel, ingress: [{ toPorts: [{ ports: [{ port: '80', protocol: 'TPC' }] }] }] }),
      want: ['invalid-cilium-rule spec.ingress[0].toPorts[0].ports[0].protocol'],
    },
    {
      name: 'CIDR.sanitize: unable to parse CIDR',
      object: cnp({ endpointSelector: sel, egress: [{ toCIDR: ['10.0.0.300/8'] }] }),
      want: ['invalid-cilium-rule spec.egress[0].toCIDR[0]'],
    },
    {
      name: 'CIDRRule.sanitize: cidr in prefix form',
      object: cnp({ endpointSelector: sel, egress: [{ toCIDRSet: [{ cidr: '10.0.0.1' }] }] }),
      want: ['invalid-cilium-rule spec.egress[0].toCIDRSet[0].cidr'],
    },
    {
      name: 'CIDRRule.sanitize: except inside cidr',
      object: cnp({ endpointSelector: sel, egress: [{ toCIDRSet: [{ cidr: '10.0.0.0/16', except: ['10.1.0.0/24'] }] }] }),
      want: ['invalid-cilium-rule spec.egress[0].toCIDRSet[0].except[0]'],
    },
    {
      name: 'unsupported entity',
      object: cnp({ endpointSelector: sel, ingress: [{ fromEntities: ['wrold'] }] }),
      want: ['invalid-cilium-rule spec.ingress[0].fromEntities[0]'],
    },
    {
      name: 'ICMPs may only be present without ToPorts',
      object: cnp({ endpointSelector: sel, ingress: [{ icmps: [{ fields: [{ type: 8 }] }], toPorts: [{ ports: [{ port: '80' }] }] }] }),
      want: ['invalid-cilium-rule spec.ingress[0].icmps'],
    },
    {
      name: 'ICMPRule.verify: wrong family',
      object: cnp({ endpointSelector: sel, ingress: [{ icmps: [{ fields: [{ type: 8, family: 'IPv5' }] }] }] }),
      want: ['invalid-cilium-rule spec.ingress[0].icmps[0].fields[0].family'],
    },
    {
      name: 'DNS rules are not allowed on ingress',
      object: cnp({
        endpointSelector: sel,
        ingress: [{ toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }], rules: { dns: [{ matchPattern: '*' }] } }] }],
      }),
      want: ['invalid-cilium-rule spec.ingress[0].toPorts[0].rules.dns'],
    },
    {
      name: 'L7 rules can only apply to TCP',
      object: cnp({
        endpointSelector: sel,
        ingress: [{ toPorts: [{ ports: [{ port: '80', protocol: 'UDP' }], rules: { http: [{ method: 'GET' }] } }] }],
      }),
      want: ['invalid-cilium-rule spec.ingress[0].toPorts[0].ports[0]'],
    },
    {
      name: 'L7 rules can not be used when a port is 0',
      object: cnp({ endpointSelector: sel, ingress: [{ toPorts: [{ ports: [{ port: '0', protocol: 'TCP' }], rules: { http: [{}] } }] }] }),
      want: ['invalid-cilium-rule spec.ingress[0].toPorts[0].ports'],
    },
    {
      name: 'too many ports, the max is 40',
      object: cnp({
        endpointSelector: sel,
        ingress: [{ toPorts: [{ ports: Array.from({ length: 41 }, (_, i) => ({ port: String(i + 1) })) }] }],
      }),
      want: ['invalid-cilium-rule spec.ingress[0].toPorts[0].ports'],
    },
    {
      name: 'the error path names specs[i]',
      object: {
        ...cnp({}),
        spec: undefined,
        specs: [{ endpointSelector: sel }, { endpointSelector: sel, egress: [{ toEntities: ['nowhere'] }] }],
      },
      want: ['invalid-cilium-rule specs[1].egress[0].toEntities[0]'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(errors([c.object]), c.want);
      const snap = decode([c.object]).snapshot;
      assert.equal(snap.ciliumPolicies, undefined, 'an invalid object imports nothing');
      assert.equal(snap.unmodelled, undefined);
    });
  }
});

describe('Cilium policies: normalised as the agent stores them', () => {
  it('CNP endpointSelector and from/toEndpoints get the policy namespace (utils.go ParseToCiliumRule)', () => {
    const p = decode([
      cnp({
        endpointSelector: { matchLabels: { 'k8s:app': 'api' } },
        ingress: [
          { fromEndpoints: [{ matchLabels: { 'any:role': 'web' } }, { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'other' } }] },
        ],
      }),
    ]).snapshot.ciliumPolicies![0];
    assert.deepEqual(p.subject.matchLabels, { app: 'api', 'io.kubernetes.pod.namespace': 'shop' });
    const peers = p.ingress[0].peers!;
    assert.deepEqual(
      peers.map((x) => x.kind === 'endpoints' && x.selector.matchLabels),
      [{ role: 'web', 'io.kubernetes.pod.namespace': 'shop' }, { 'io.kubernetes.pod.namespace': 'other' }],
    );
  });
  it('CCNP peers only match pods with a namespace (getEndpointSelector: Exists)', () => {
    const p = decode([ccnp({ endpointSelector: {}, egress: [{ toEndpoints: [{}] }] })]).snapshot.ciliumPolicies![0];
    assert.deepEqual(p.subject, { matchLabels: {}, matchExpressions: [] });
    const peer = p.egress[0].peers![0];
    assert.ok(peer.kind === 'endpoints' && peer.selector.matchExpressions[0].operator === 'Exists');
  });
  it('reserved: selectors get no namespace', () => {
    const p = decode([cnp({ endpointSelector: sel, ingress: [{ fromEndpoints: [{ matchLabels: { 'reserved:host': '' } }] }] })]).snapshot
      .ciliumPolicies![0];
    assert.deepEqual(p.ingress[0].peers, [{ kind: 'endpoints', selector: { matchLabels: { 'reserved:host': '' }, matchExpressions: [] } }]);
  });
  it('Rule.Sanitize: default deny on iff the direction has a rule, allow or deny; enableDefaultDeny overrides', () => {
    const [a, b] = decode([
      cnp({ endpointSelector: sel, ingressDeny: [{ fromEntities: ['world'] }] }),
      {
        ...cnp({ endpointSelector: sel, egress: [{ toEntities: ['world'] }], enableDefaultDeny: { egress: false } }),
        metadata: { name: 'q', namespace: 'shop' },
      },
    ]).snapshot.ciliumPolicies!;
    assert.deepEqual(a.defaultDeny, { ingress: true, egress: false });
    assert.deepEqual(b.defaultDeny, { ingress: false, egress: false });
  });
  it('ANY (or no protocol) is TCP, UDP and SCTP; port 0 every port; named ports lower-cased', () => {
    const p = decode([
      cnp({
        endpointSelector: sel,
        ingress: [
          {
            toPorts: [
              {
                ports: [
                  { port: '80' },
                  { port: '0', protocol: 'udp' },
                  { port: 'HTTP', protocol: 'TCP' },
                  { port: '8000', endPort: 8100, protocol: 'TCP' },
                ],
              },
            ],
          },
        ],
      }),
    ]).snapshot.ciliumPolicies![0];
    assert.deepEqual(p.ingress[0].ports, [
      { kind: 'range', protocol: 'TCP', from: 80, to: 80 },
      { kind: 'range', protocol: 'UDP', from: 80, to: 80 },
      { kind: 'range', protocol: 'SCTP', from: 80, to: 80 },
      { kind: 'all', protocol: 'UDP' },
      { kind: 'named', protocol: 'TCP', name: 'http' },
      { kind: 'range', protocol: 'TCP', from: 8000, to: 8100 },
    ]);
  });
  it('icmps-only rules admit no TCP/UDP/SCTP port; an empty rule has no L3 and no L4 part', () => {
    const p = decode([cnp({ endpointSelector: sel, ingress: [{ icmps: [{ fields: [{ type: 8 }] }] }, {}] })]).snapshot.ciliumPolicies![0];
    assert.deepEqual(
      p.ingress.map((r) => [r.peers, r.ports, r.hasL4]),
      [
        [null, [], true],
        [null, null, false],
      ],
    );
  });
  it('specs: one rule each, with its path', () => {
    const ps = decode([{ ...cnp({}), spec: undefined, specs: [{ endpointSelector: sel }, { endpointSelector: {} }] }]).snapshot
      .ciliumPolicies!;
    assert.deepEqual(
      ps.map((p) => p.path),
      ['specs[0]', 'specs[1]'],
    );
  });
  it('what is not modelled keeps the object as an unmodelled policy (verdicts unknown), with a warning', () => {
    const r = decode([cnp({ endpointSelector: sel, egress: [{ toNodes: [{ matchLabels: { role: 'db' } }] }] })]);
    assert.equal(r.snapshot.ciliumPolicies, undefined);
    assert.deepEqual(r.snapshot.unmodelled, [{ kind: 'CiliumNetworkPolicy', group: 'cilium.io', namespace: 'shop', name: 'p' }]);
    assert.ok(r.diagnostics.some((d) => d.code === 'cilium-not-modelled' && d.severity === 'warning'));
  });
});
