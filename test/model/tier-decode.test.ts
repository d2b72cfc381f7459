// Decoding AdminNetworkPolicy / BaselineAdminNetworkPolicy (v1alpha1), ClusterNetworkPolicy (v1alpha2)
// with the CRDs' validation (code + field path per rule), and the unmodelled policy kinds kept in the
// snapshot (model/unmodelled-kinds.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeObjects } from '../../src/model/decode.ts';
import { UNMODELLED_KINDS } from '../../src/model/unmodelled-kinds.ts';

const decode = (objects: unknown[]) =>
  decodeObjects(
    objects.map((object) => ({ object })),
    { source: 'manifests' },
  );
const errors = (objects: unknown[]) =>
  decode(objects)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.path ?? ''}`);

const anp = (spec: Record<string, unknown>, name = 'a') => ({
  apiVersion: 'policy.networking.k8s.io/v1alpha1',
  kind: 'AdminNetworkPolicy',
  metadata: { name },
  spec,
});
const banp = (spec: Record<string, unknown>, name = 'default') => ({
  apiVersion: 'policy.networking.k8s.io/v1alpha1',
  kind: 'BaselineAdminNetworkPolicy',
  metadata: { name },
  spec,
});
const cnp = (spec: Record<string, unknown>) => ({
  apiVersion: 'policy.networking.k8s.io/v1alpha2',
  kind: 'ClusterNetworkPolicy',
  metadata: { name: 'c' },
  spec,
});
const subject = { namespaces: {} };
const from = [{ namespaces: {} }];

describe('tier policies: validation (code and field path)', () => {
  const cases: { name: string; object: unknown; want: string[] }[] = [
    { name: 'priority is required', object: anp({ subject }), want: ['required spec.priority'] },
    { name: 'priority above 1000', object: anp({ priority: 1001, subject }), want: ['invalid-priority spec.priority'] },
    { name: 'subject is required', object: anp({ priority: 1 }), want: ['required spec.subject'] },
    {
      name: 'subject sets both fields',
      object: anp({ priority: 1, subject: { namespaces: {}, pods: { podSelector: {} } } }),
      want: ['exactly-one-field spec.subject'],
    },
    {
      name: 'subject pods needs podSelector',
      object: anp({ priority: 1, subject: { pods: { namespaceSelector: {} } } }),
      want: ['required spec.subject.pods.podSelector'],
    },
    { name: 'unknown field with a path', object: anp({ priority: 1, subject, ingres: [] }), want: ['unknown-field spec.ingres'] },
    {
      name: 'action Accept is v1alpha2 only',
      object: anp({ priority: 1, subject, ingress: [{ action: 'Accept', from }] }),
      want: ['invalid-action spec.ingress[0].action'],
    },
    {
      name: 'from is required',
      object: anp({ priority: 1, subject, ingress: [{ action: 'Deny' }] }),
      want: ['required spec.ingress[0].from'],
    },
    {
      name: 'a peer sets exactly one field',
      object: anp({ priority: 1, subject, ingress: [{ action: 'Deny', from: [{}] }] }),
      want: ['exactly-one-field spec.ingress[0].from[0]'],
    },
    {
      name: 'ingress peers cannot be networks',
      object: anp({ priority: 1, subject, ingress: [{ action: 'Deny', from: [{ networks: ['10.0.0.0/8'] }] }] }),
      want: ['unknown-field spec.ingress[0].from[0].networks', 'exactly-one-field spec.ingress[0].from[0]'],
    },
    {
      name: 'networks must be CIDRs',
      object: anp({ priority: 1, subject, egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.1'] }] }] }),
      want: ['invalid-cidr spec.egress[0].to[0].networks[0]'],
    },
    {
      name: 'portRange start < end',
      object: anp({ priority: 1, subject, ingress: [{ action: 'Deny', from, ports: [{ portRange: { start: 90, end: 80 } }] }] }),
      want: ['invalid-port-range spec.ingress[0].ports[0].portRange'],
    },
    {
      name: 'a port sets exactly one form',
      object: anp({ priority: 1, subject, ingress: [{ action: 'Deny', from, ports: [{ namedPort: 'http', portNumber: { port: 80 } }] }] }),
      want: ['exactly-one-field spec.ingress[0].ports[0]'],
    },
    {
      name: 'portNumber.port is required',
      object: anp({ priority: 1, subject, ingress: [{ action: 'Deny', from, ports: [{ portNumber: { protocol: 'TCP' } }] }] }),
      want: ['required spec.ingress[0].ports[0].portNumber.port'],
    },
    {
      name: 'no named port towards networks',
      object: anp({
        priority: 1,
        subject,
        egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0/8'] }], ports: [{ namedPort: 'http' }] }],
      }),
      want: ['invalid-tier-rule spec.egress[0]'],
    },
    {
      name: 'domainNames only in Allow rules',
      object: anp({ priority: 1, subject, egress: [{ action: 'Deny', to: [{ domainNames: ['example.com'] }] }] }),
      want: ['invalid-tier-rule spec.egress[0]'],
    },
    {
      name: 'a domain name is a domain name',
      object: anp({ priority: 1, subject, egress: [{ action: 'Allow', to: [{ domainNames: ['-bad'] }] }] }),
      want: ['invalid-domain-name spec.egress[0].to[0].domainNames[0]'],
    },
    {
      name: 'at most 100 ingress rules',
      object: anp({ priority: 1, subject, ingress: Array.from({ length: 101 }, () => ({ action: 'Deny', from })) }),
      want: ['too-many-items spec.ingress'],
    },
    {
      name: 'a rule name has at most 100 characters',
      object: anp({ priority: 1, subject, ingress: [{ name: 'x'.repeat(101), action: 'Deny', from }] }),
      want: ['invalid-value spec.ingress[0].name'],
    },
    { name: 'BANP is named default', object: banp({ subject }, 'other'), want: ['baseline-name metadata.name'] },
    {
      name: 'BANP has no Pass',
      object: banp({ subject, ingress: [{ action: 'Pass', from }] }),
      want: ['invalid-action spec.ingress[0].action'],
    },
    { name: 'BANP has no priority', object: banp({ subject, priority: 3 }), want: ['unknown-field spec.priority'] },
    { name: 'CNP tier is Admin or Baseline', object: cnp({ tier: 'Namespace', priority: 1, subject }), want: ['invalid-value spec.tier'] },
    { name: 'CNP tier is required', object: cnp({ priority: 1, subject }), want: ['required spec.tier'] },
    {
      name: 'CNP action Allow is v1alpha1 only',
      object: cnp({ tier: 'Admin', priority: 1, subject, ingress: [{ action: 'Allow', from }] }),
      want: ['invalid-action spec.ingress[0].action'],
    },
    {
      name: 'CNP protocol sets one of tcp/udp/sctp/destinationNamedPort',
      object: cnp({
        tier: 'Admin',
        priority: 1,
        subject,
        ingress: [
          { action: 'Deny', from, protocols: [{ tcp: { destinationPort: { number: 80 } }, udp: { destinationPort: { number: 53 } } }] },
        ],
      }),
      want: ['exactly-one-field spec.ingress[0].protocols[0]'],
    },
    {
      name: 'CNP tcp needs destinationPort',
      object: cnp({ tier: 'Admin', priority: 1, subject, ingress: [{ action: 'Deny', from, protocols: [{ tcp: {} }] }] }),
      want: ['required spec.ingress[0].protocols[0].tcp.destinationPort'],
    },
    {
      name: 'CNP range start < end',
      object: cnp({
        tier: 'Admin',
        priority: 1,
        subject,
        ingress: [{ action: 'Deny', from, protocols: [{ udp: { destinationPort: { range: { start: 5, end: 5 } } } }] }],
      }),
      want: ['invalid-port-range spec.ingress[0].protocols[0].udp.destinationPort.range'],
    },
    {
      name: 'CNP at most 25 rules',
      object: cnp({ tier: 'Admin', priority: 1, subject, egress: Array.from({ length: 26 }, () => ({ action: 'Deny', to: from })) }),
      want: ['too-many-items spec.egress'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(errors([c.object]), c.want);
      assert.equal(decode([c.object]).snapshot.tierPolicies, undefined, 'an invalid object is left out');
    });
  }
});

describe('tier policies: normalised once', () => {
  it('AdminNetworkPolicy: ports by number, range and name (every protocol), rule order kept', () => {
    const { snapshot, diagnostics } = decode([
      anp({
        priority: 7,
        subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'db' } } } },
        ingress: [
          {
            name: 'r',
            action: 'Pass',
            from,
            ports: [{ portNumber: { port: 80 } }, { portRange: { protocol: 'UDP', start: 1000, end: 2000 } }, { namedPort: 'http' }],
          },
        ],
      }),
    ]);
    assert.deepEqual(diagnostics, []);
    const p = snapshot.tierPolicies![0];
    assert.equal(p.tier, 'Admin');
    assert.equal(p.priority, 7);
    assert.deepEqual(p.ingress[0].ports, [
      { kind: 'range', protocol: 'TCP', from: 80, to: 80 },
      { kind: 'range', protocol: 'UDP', from: 1000, to: 2000 },
      { kind: 'named', protocol: 'TCP', name: 'http' },
      { kind: 'named', protocol: 'UDP', name: 'http' },
      { kind: 'named', protocol: 'SCTP', name: 'http' },
    ]);
  });
  it('ClusterNetworkPolicy: Accept is read as Allow, tier and priority kept, omitted protocols = every port', () => {
    const { snapshot, diagnostics } = decode([
      cnp({ tier: 'Baseline', priority: 4, subject, egress: [{ action: 'Accept', to: [{ nodes: {} }, { networks: ['10.0.0.0/8'] }] }] }),
    ]);
    assert.deepEqual(diagnostics, []);
    const p = snapshot.tierPolicies![0];
    assert.deepEqual(
      [p.kind, p.tier, p.priority, p.egress[0].action, p.egress[0].ports],
      ['ClusterNetworkPolicy', 'Baseline', 4, 'Allow', null],
    );
    assert.deepEqual(
      p.egress[0].peers.map((x) => x.kind),
      ['nodes', 'networks'],
    );
  });
  it('BaselineAdminNetworkPolicy: tier Baseline, priority 0', () => {
    const p = decode([banp({ subject, ingress: [{ action: 'Deny', from }] })]).snapshot.tierPolicies![0];
    assert.deepEqual([p.tier, p.priority], ['Baseline', 0]);
  });
});

describe('unmodelled policy kinds: kept, never skipped', () => {
  for (const k of UNMODELLED_KINDS) {
    it(`${k.kind}.${k.group}`, () => {
      const object = { apiVersion: `${k.group}/v1`, kind: k.kind, metadata: { name: 'x', namespace: 'shop' }, spec: { anything: true } };
      const { snapshot, diagnostics, skippedKinds } = decode([object]);
      assert.deepEqual(
        diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
      assert.deepEqual(skippedKinds, {});
      assert.deepEqual(snapshot.unmodelled, [{ kind: k.kind, group: k.group, ...(k.namespaced ? { namespace: 'shop' } : {}), name: 'x' }]);
    });
  }
  it('a network-policy-api version netreach does not read (v1beta1 ClusterNetworkPolicy) is unmodelled, not dropped', () => {
    const { snapshot } = decode([
      { apiVersion: 'policy.networking.k8s.io/v1beta1', kind: 'ClusterNetworkPolicy', metadata: { name: 'future' }, spec: {} },
    ]);
    assert.deepEqual(snapshot.unmodelled, [{ kind: 'ClusterNetworkPolicy', group: 'policy.networking.k8s.io', name: 'future' }]);
  });
  it('an Antrea ClusterNetworkPolicy is not read as the network-policy-api kind of the same name', () => {
    const { snapshot } = decode([
      { apiVersion: 'crd.antrea.io/v1beta1', kind: 'ClusterNetworkPolicy', metadata: { name: 'acnp' }, spec: {} },
    ]);
    assert.equal(snapshot.tierPolicies, undefined);
    assert.equal(snapshot.unmodelled?.[0].group, 'crd.antrea.io');
  });
});
