import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NetworkPolicy } from '../../src/model/types.ts';
import { decode, errors, ingressFrom, ingressPorts, networkPolicy, warnings, type Raw } from '../fixtures/k8s.ts';

const S = (matchLabels: Raw = {}) => ({ matchLabels });

interface Rejected {
  readonly name: string;
  readonly object: unknown;
  /** Exactly the errors expected, as `code path`. */
  readonly errors: readonly string[];
}

function assertRejected(row: Rejected): void {
  const result = decode([row.object]);
  assert.deepEqual(errors(result.diagnostics), row.errors);
  assert.equal(result.snapshot.policies.length, 0, 'a policy with an error is left out');
}

describe('NetworkPolicy: unknown fields are errors anywhere', () => {
  const rows: Rejected[] = [
    {
      name: 'matchLabel instead of matchLabels',
      object: networkPolicy({ podSelector: { matchLabel: { role: 'db' } } }),
      errors: ['unknown-field spec.podSelector.matchLabel'],
    },
    {
      name: 'policyType under podSelector',
      object: networkPolicy({ podSelector: { policyType: ['Ingress'] } }),
      errors: ['unknown-field spec.podSelector.policyType'],
    },
    {
      name: 'policyTypes under podSelector',
      object: networkPolicy({ podSelector: { policyTypes: ['Ingress'] } }),
      errors: ['unknown-field spec.podSelector.policyTypes'],
    },
    {
      name: 'policyType (singular) in spec',
      object: networkPolicy({ podSelector: {}, policyType: ['Ingress'] }),
      errors: ['unknown-field spec.policyType'],
    },
    {
      name: 'ingress nested inside podSelector',
      object: networkPolicy({ podSelector: { ingress: [{}] } }),
      errors: ['unknown-field spec.podSelector.ingress'],
    },
    {
      name: 'egress nested under an ingress rule',
      object: networkPolicy({ podSelector: {}, ingress: [{ from: [{ podSelector: {} }], egress: [{ to: [] }] }] }),
      errors: ['unknown-field spec.ingress[0].egress'],
    },
    {
      name: 'misspelled peer field',
      object: networkPolicy(ingressFrom({ podselector: {} })),
      errors: ['unknown-field spec.ingress[0].from[0].podselector', 'empty-peer spec.ingress[0].from[0]'],
    },
    {
      name: 'misspelled ipBlock field',
      object: networkPolicy({ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', exept: ['10.1.0.0/16'] } }] }] }),
      errors: ['unknown-field spec.egress[0].to[0].ipBlock.exept'],
    },
    {
      name: 'unknown field in a port',
      object: networkPolicy(ingressPorts({ port: 80, portt: 81 })),
      errors: ['unknown-field spec.ingress[0].ports[0].portt'],
    },
    {
      name: 'unknown field in a match expression',
      object: networkPolicy({ podSelector: { matchExpressions: [{ key: 'a', operator: 'Exists', value: 'x' }] } }),
      errors: ['unknown-field spec.podSelector.matchExpressions[0].value'],
    },
    {
      name: 'unknown metadata field',
      object: networkPolicy({ podSelector: {} }, { label: { a: 'b' } }),
      errors: ['unknown-field metadata.label'],
    },
    { name: 'unknown top-level field', object: { ...networkPolicy({ podSelector: {} }), specs: {} }, errors: ['unknown-field specs'] },
    {
      name: 'several mistakes are all reported',
      object: networkPolicy({ podSelector: { matchLabel: {} }, ingress: [{ form: [] }], egress: [{ from: [] }] }),
      errors: ['unknown-field spec.podSelector.matchLabel', 'unknown-field spec.ingress[0].form', 'unknown-field spec.egress[0].from'],
    },
  ];
  for (const row of rows) it(row.name, () => assertRejected(row));

  it('the message suggests the near field name', () => {
    const { diagnostics } = decode([networkPolicy({ podSelector: { matchLabel: {} } })]);
    assert.match(diagnostics[0].message, /matchLabels/);
  });

  it('diagnostics carry ref, file and line', () => {
    const { diagnostics } = decode([networkPolicy({ podSelector: { matchLabel: {} } }, { name: 'web' })]);
    assert.deepEqual(
      { ref: diagnostics[0].ref, file: diagnostics[0].file, line: diagnostics[0].line },
      { ref: { kind: 'NetworkPolicy', namespace: 'prod', name: 'web' }, file: 'test.yaml', line: 1 },
    );
  });
});

describe('NetworkPolicy: validation as the API server rejects', () => {
  const peer = (p: unknown) => networkPolicy(ingressFrom(p));
  const port = (p: unknown) => networkPolicy(ingressPorts(p));
  const cidr = (c: unknown, except?: unknown) => peer({ ipBlock: except === undefined ? { cidr: c } : { cidr: c, except } });
  const rows: Rejected[] = [
    // required
    { name: 'metadata.name missing', object: networkPolicy({ podSelector: {} }, { name: undefined }), errors: ['required metadata.name'] },
    { name: 'metadata.name empty', object: networkPolicy({ podSelector: {} }, { name: '' }), errors: ['required metadata.name'] },
    { name: 'ipBlock.cidr missing', object: peer({ ipBlock: { except: [] } }), errors: ['required spec.ingress[0].from[0].ipBlock.cidr'] },
    {
      name: 'matchExpressions key missing',
      object: networkPolicy({ podSelector: { matchExpressions: [{ operator: 'Exists' }] } }),
      errors: ['required spec.podSelector.matchExpressions[0].key'],
    },
    {
      name: 'matchExpressions operator missing',
      object: networkPolicy({ podSelector: { matchExpressions: [{ key: 'a' }] } }),
      errors: ['required spec.podSelector.matchExpressions[0].operator'],
    },
    // peers
    { name: 'peer with no selector or ipBlock', object: peer({}), errors: ['empty-peer spec.ingress[0].from[0]'] },
    {
      name: 'peer whose podSelector is null (YAML `- podSelector:`)',
      object: peer({ podSelector: null }),
      errors: ['empty-peer spec.ingress[0].from[0]'],
    },
    { name: 'null peer entry', object: peer(null), errors: ['empty-peer spec.ingress[0].from[0]'] },
    {
      name: 'ipBlock with podSelector',
      object: peer({ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }),
      errors: ['peer-ipblock-exclusive spec.ingress[0].from[0]'],
    },
    {
      name: 'ipBlock with namespaceSelector',
      object: peer({ ipBlock: { cidr: '10.0.0.0/8' }, namespaceSelector: {} }),
      errors: ['peer-ipblock-exclusive spec.ingress[0].from[0]'],
    },
    // ipBlock
    { name: 'cidr prefix too long', object: cidr('10.0.0.0/33'), errors: ['invalid-cidr spec.ingress[0].from[0].ipBlock.cidr'] },
    { name: 'cidr with three octets', object: cidr('10.0.0/8'), errors: ['invalid-cidr spec.ingress[0].from[0].ipBlock.cidr'] },
    { name: 'cidr without prefix', object: cidr('10.0.0.1'), errors: ['invalid-cidr spec.ingress[0].from[0].ipBlock.cidr'] },
    { name: 'cidr that is a word', object: cidr('internet'), errors: ['invalid-cidr spec.ingress[0].from[0].ipBlock.cidr'] },
    { name: 'IPv6 cidr prefix too long', object: cidr('2001:db8::/129'), errors: ['invalid-cidr spec.ingress[0].from[0].ipBlock.cidr'] },
    {
      name: 'except that is not a CIDR',
      object: cidr('10.0.0.0/8', ['10.1.0.0']),
      errors: ['invalid-cidr spec.ingress[0].from[0].ipBlock.except[0]'],
    },
    {
      name: 'except outside cidr',
      object: cidr('172.17.0.0/16', ['172.17.1.0/24', '172.18.1.0/24']),
      errors: ['except-outside-cidr spec.ingress[0].from[0].ipBlock.except[1]'],
    },
    {
      name: 'except equal to cidr',
      object: cidr('172.17.0.0/16', ['172.17.0.0/16']),
      errors: ['except-outside-cidr spec.ingress[0].from[0].ipBlock.except[0]'],
    },
    {
      name: 'except larger than cidr',
      object: cidr('172.17.0.0/16', ['172.0.0.0/8']),
      errors: ['except-outside-cidr spec.ingress[0].from[0].ipBlock.except[0]'],
    },
    {
      name: 'except of the other family',
      object: cidr('0.0.0.0/0', ['::/64']),
      errors: ['except-outside-cidr spec.ingress[0].from[0].ipBlock.except[0]'],
    },
    // ports
    {
      name: 'protocol in lower case',
      object: port({ protocol: 'tcp', port: 80 }),
      errors: ['invalid-protocol spec.ingress[0].ports[0].protocol'],
    },
    { name: 'protocol ICMP', object: port({ protocol: 'ICMP' }), errors: ['invalid-protocol spec.ingress[0].ports[0].protocol'] },
    { name: 'port 0', object: port({ port: 0 }), errors: ['port-out-of-range spec.ingress[0].ports[0].port'] },
    { name: 'port 65536', object: port({ port: 65536 }), errors: ['port-out-of-range spec.ingress[0].ports[0].port'] },
    { name: 'negative port', object: port({ port: -1 }), errors: ['port-out-of-range spec.ingress[0].ports[0].port'] },
    {
      name: 'endPort above 65535',
      object: port({ port: 80, endPort: 70000 }),
      errors: ['port-out-of-range spec.ingress[0].ports[0].endPort'],
    },
    {
      name: 'port "80" as a string is a name without a letter',
      object: port({ port: '80' }),
      errors: ['invalid-port-name spec.ingress[0].ports[0].port'],
    },
    { name: 'port name in upper case', object: port({ port: 'HTTP' }), errors: ['invalid-port-name spec.ingress[0].ports[0].port'] },
    {
      name: 'port name longer than 15',
      object: port({ port: 'a-very-long-name1' }),
      errors: ['invalid-port-name spec.ingress[0].ports[0].port'],
    },
    { name: 'port name with leading hyphen', object: port({ port: '-http' }), errors: ['invalid-port-name spec.ingress[0].ports[0].port'] },
    {
      name: 'port name with trailing hyphen',
      object: port({ port: 'http-' }),
      errors: ['invalid-port-name spec.ingress[0].ports[0].port'],
    },
    { name: 'port name with double hyphen', object: port({ port: 'ht--tp' }), errors: ['invalid-port-name spec.ingress[0].ports[0].port'] },
    { name: 'port name with underscore', object: port({ port: 'ht_tp' }), errors: ['invalid-port-name spec.ingress[0].ports[0].port'] },
    { name: 'empty port name', object: port({ port: '' }), errors: ['invalid-port-name spec.ingress[0].ports[0].port'] },
    { name: 'endPort without port', object: port({ endPort: 90 }), errors: ['invalid-end-port spec.ingress[0].ports[0].endPort'] },
    {
      name: 'endPort with a named port',
      object: port({ port: 'http', endPort: 90 }),
      errors: ['invalid-end-port spec.ingress[0].ports[0].endPort'],
    },
    { name: 'endPort below port', object: port({ port: 90, endPort: 80 }), errors: ['invalid-end-port spec.ingress[0].ports[0].endPort'] },
    // policyTypes
    {
      name: 'policyTypes in lower case',
      object: networkPolicy({ podSelector: {}, policyTypes: ['ingress'] }),
      errors: ['invalid-policy-type spec.policyTypes[0]'],
    },
    {
      name: 'policyTypes Both',
      object: networkPolicy({ podSelector: {}, policyTypes: ['Ingress', 'Both'] }),
      errors: ['invalid-policy-type spec.policyTypes[1]'],
    },
    {
      name: 'more than two policyTypes',
      object: networkPolicy({ podSelector: {}, policyTypes: ['Ingress', 'Egress', 'Ingress'] }),
      errors: ['invalid-policy-type spec.policyTypes'],
    },
    // selectors
    {
      name: 'operator in lower case',
      object: networkPolicy({ podSelector: { matchExpressions: [{ key: 'a', operator: 'in', values: ['x'] }] } }),
      errors: ['invalid-selector-operator spec.podSelector.matchExpressions[0].operator'],
    },
    {
      name: 'operator Equals',
      object: networkPolicy({ podSelector: { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] } }),
      errors: ['invalid-selector-operator spec.podSelector.matchExpressions[0].operator'],
    },
    {
      name: 'In without values',
      object: networkPolicy({ podSelector: { matchExpressions: [{ key: 'a', operator: 'In' }] } }),
      errors: ['invalid-selector-values spec.podSelector.matchExpressions[0].values'],
    },
    {
      name: 'NotIn with empty values',
      object: networkPolicy({ podSelector: { matchExpressions: [{ key: 'a', operator: 'NotIn', values: [] }] } }),
      errors: ['invalid-selector-values spec.podSelector.matchExpressions[0].values'],
    },
    {
      name: 'Exists with values',
      object: networkPolicy({ podSelector: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] } }),
      errors: ['invalid-selector-values spec.podSelector.matchExpressions[0].values'],
    },
    {
      name: 'DoesNotExist with values',
      object: networkPolicy({ podSelector: { matchExpressions: [{ key: 'a', operator: 'DoesNotExist', values: ['x'] }] } }),
      errors: ['invalid-selector-values spec.podSelector.matchExpressions[0].values'],
    },
    {
      name: 'label key with a space',
      object: networkPolicy({ podSelector: S({ 'my role': 'db' }) }),
      errors: ['invalid-label spec.podSelector.matchLabels["my role"]'],
    },
    {
      name: 'label key with two slashes',
      object: networkPolicy({ podSelector: S({ 'a/b/c': 'db' }) }),
      errors: ['invalid-label spec.podSelector.matchLabels["a/b/c"]'],
    },
    {
      name: 'label key prefix not a DNS subdomain',
      object: networkPolicy({ podSelector: S({ 'Example.com/role': 'db' }) }),
      errors: ['invalid-label spec.podSelector.matchLabels["Example.com/role"]'],
    },
    {
      name: 'label key name longer than 63',
      object: networkPolicy({ podSelector: S({ ['k'.repeat(64)]: 'db' }) }),
      errors: [`invalid-label spec.podSelector.matchLabels.${'k'.repeat(64)}`],
    },
    {
      name: 'label value longer than 63',
      object: networkPolicy({ podSelector: S({ role: 'v'.repeat(64) }) }),
      errors: ['invalid-label spec.podSelector.matchLabels.role'],
    },
    {
      name: 'label value ending in a dot',
      object: peer({ namespaceSelector: S({ team: 'a.' }) }),
      errors: ['invalid-label spec.ingress[0].from[0].namespaceSelector.matchLabels.team'],
    },
    {
      name: 'expression key invalid',
      object: networkPolicy({ podSelector: { matchExpressions: [{ key: '-a', operator: 'Exists' }] } }),
      errors: ['invalid-label spec.podSelector.matchExpressions[0].key'],
    },
    {
      name: 'expression value invalid',
      object: networkPolicy({ podSelector: { matchExpressions: [{ key: 'a', operator: 'In', values: ['ok', 'not ok'] }] } }),
      errors: ['invalid-label spec.podSelector.matchExpressions[0].values[1]'],
    },
    // wrong JSON types
    {
      name: 'matchLabels value that is a number',
      object: networkPolicy({ podSelector: S({ tier: 5 }) }),
      errors: ['invalid-type spec.podSelector.matchLabels.tier'],
    },
    {
      name: 'matchLabels value that is a YAML boolean',
      object: networkPolicy({ podSelector: S({ enabled: true }) }),
      errors: ['invalid-type spec.podSelector.matchLabels.enabled'],
    },
    { name: 'spec that is a list', object: networkPolicy([]), errors: ['invalid-type spec'] },
    { name: 'podSelector that is a list', object: networkPolicy({ podSelector: [] }), errors: ['invalid-type spec.podSelector'] },
    {
      name: 'ingress that is a mapping',
      object: networkPolicy({ podSelector: {}, ingress: { from: [] } }),
      errors: ['invalid-type spec.ingress'],
    },
    {
      name: 'from that is a string',
      object: networkPolicy({ podSelector: {}, ingress: [{ from: 'everyone' }] }),
      errors: ['invalid-type spec.ingress[0].from'],
    },
    {
      name: 'policyTypes that is a string',
      object: networkPolicy({ podSelector: {}, policyTypes: 'Ingress' }),
      errors: ['invalid-type spec.policyTypes'],
    },
    { name: 'port entry that is a number', object: networkPolicy(ingressPorts(80)), errors: ['invalid-type spec.ingress[0].ports[0]'] },
    { name: 'port that is a fraction', object: port({ port: 80.5 }), errors: ['invalid-type spec.ingress[0].ports[0].port'] },
    {
      name: 'endPort that is a string',
      object: port({ port: 80, endPort: '90' }),
      errors: ['invalid-type spec.ingress[0].ports[0].endPort'],
    },
    {
      name: 'except that is a string',
      object: cidr('10.0.0.0/8', '10.1.0.0/16'),
      errors: ['invalid-type spec.ingress[0].from[0].ipBlock.except'],
    },
    { name: 'cidr that is a number', object: cidr(10), errors: ['invalid-type spec.ingress[0].from[0].ipBlock.cidr'] },
    {
      name: 'matchExpressions values that is a string',
      object: networkPolicy({ podSelector: { matchExpressions: [{ key: 'a', operator: 'In', values: 'x' }] } }),
      errors: [
        'invalid-type spec.podSelector.matchExpressions[0].values',
        'invalid-selector-values spec.podSelector.matchExpressions[0].values',
      ],
    },
    {
      name: 'metadata that is a string',
      object: { ...networkPolicy({ podSelector: {} }), metadata: 'np' },
      errors: ['invalid-type metadata', 'required metadata.name'],
    },
  ];
  for (const row of rows) it(row.name, () => assertRejected(row));

  it('an object that is not a mapping is invalid-object', () => {
    const { diagnostics, snapshot } = decode(['just a string', [1, 2], 42]);
    assert.deepEqual(errors(diagnostics), ['invalid-object', 'invalid-object', 'invalid-object']);
    assert.equal(snapshot.policies.length, 0);
  });

  it('the other objects still load when one policy has an error', () => {
    const good = networkPolicy({ podSelector: {} }, { name: 'good' });
    const bad = networkPolicy({ podSelector: { matchLabel: {} } }, { name: 'bad' });
    const { snapshot } = decode([bad, good]);
    assert.deepEqual(
      snapshot.policies.map((p) => p.name),
      ['good'],
    );
  });
});

describe('NetworkPolicy: envelope', () => {
  it('extensions/v1beta1 is unsupported: a warning, skipped', () => {
    const old = { ...networkPolicy({ podSelector: {} }), apiVersion: 'extensions/v1beta1' };
    const { diagnostics, snapshot, skippedKinds } = decode([old]);
    assert.deepEqual(warnings(diagnostics), ['unsupported-api-version apiVersion']);
    assert.equal(snapshot.policies.length, 0);
    assert.deepEqual(skippedKinds, {});
  });

  it('unsupported apiVersion is an error when strict', () => {
    const old = { ...networkPolicy({ podSelector: {} }), apiVersion: 'extensions/v1beta1' };
    assert.deepEqual(errors(decode([old], { strict: true }).diagnostics), ['unsupported-api-version apiVersion']);
  });

  it('a CRD NetworkPolicy (Calico) is kept as an unmodelled kind, not skipped and not an error', () => {
    const calico = { ...networkPolicy({ selector: "role == 'db'" }), apiVersion: 'projectcalico.org/v3' };
    const { diagnostics, skippedKinds, snapshot } = decode([calico]);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(skippedKinds, {});
    assert.equal(snapshot.unmodelled?.length, 1);
    assert.equal(snapshot.unmodelled?.[0].group, 'projectcalico.org');
  });

  it('an invalid name is a warning and the policy loads', () => {
    const { diagnostics, snapshot } = decode([networkPolicy({ podSelector: {} }, { name: 'Allow_All' })]);
    assert.deepEqual(warnings(diagnostics), ['invalid-name metadata.name']);
    assert.equal(snapshot.policies.length, 1);
  });

  it('an invalid name is an error when strict', () => {
    const { diagnostics, snapshot } = decode([networkPolicy({ podSelector: {} }, { name: 'Allow_All' })], { strict: true });
    assert.deepEqual(errors(diagnostics), ['invalid-name metadata.name']);
    assert.equal(snapshot.policies.length, 0);
  });

  it('missing kind is a warning and the object is skipped', () => {
    const { kind: _kind, ...noKind } = networkPolicy({ podSelector: {} });
    const { diagnostics, snapshot } = decode([noKind]);
    assert.deepEqual(warnings(diagnostics), ['missing-kind kind']);
    assert.equal(snapshot.policies.length, 0);
  });

  it('missing apiVersion is read as networking.k8s.io/v1 with a warning', () => {
    const { apiVersion: _v, ...noVersion } = networkPolicy({ podSelector: {} });
    const { diagnostics, snapshot } = decode([noVersion]);
    assert.deepEqual(warnings(diagnostics), ['missing-api-version apiVersion']);
    assert.equal(snapshot.policies.length, 1);
  });

  it('missing podSelector reads as {} with a warning', () => {
    const { diagnostics, snapshot } = decode([networkPolicy({ ingress: [] })]);
    assert.deepEqual(warnings(diagnostics), ['missing-pod-selector spec.podSelector']);
    assert.deepEqual(snapshot.policies[0].podSelector, { matchLabels: {}, matchExpressions: [] });
  });

  it('missing spec reads as a deny-all-ingress policy with a warning', () => {
    const { diagnostics, snapshot } = decode([{ ...networkPolicy({}), spec: undefined }]);
    assert.deepEqual(warnings(diagnostics), ['missing-pod-selector spec.podSelector']);
    assert.deepEqual(snapshot.policies[0].policyTypes, ['Ingress']);
    assert.deepEqual(snapshot.policies[0].ingress, []);
  });

  it('a policy without namespace is in default', () => {
    const { snapshot } = decode([networkPolicy({ podSelector: {} }, { namespace: undefined })]);
    assert.equal(snapshot.policies[0].namespace, 'default');
  });
});

describe('NetworkPolicy: defaulting and normalisation', () => {
  const ALL = { matchLabels: {}, matchExpressions: [] };
  const decodeOne = (spec: unknown): NetworkPolicy => {
    const { snapshot, diagnostics } = decode([networkPolicy(spec)]);
    assert.deepEqual(errors(diagnostics), []);
    assert.equal(snapshot.policies.length, 1);
    return snapshot.policies[0];
  };
  const cases: { name: string; spec: unknown; expect: Partial<NetworkPolicy> }[] = [
    {
      name: 'policyTypes omitted without egress is Ingress only',
      spec: { podSelector: {}, ingress: [{}] },
      expect: { policyTypes: ['Ingress'], policyTypesExplicit: false },
    },
    {
      name: 'policyTypes omitted with egress rules adds Egress',
      spec: { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] },
      expect: { policyTypes: ['Ingress', 'Egress'], policyTypesExplicit: false },
    },
    {
      name: 'egress: [] does not add Egress policyType',
      spec: { podSelector: {}, egress: [] },
      expect: { policyTypes: ['Ingress'], egress: [] },
    },
    {
      name: 'policyTypes: [] is read as omitted',
      spec: { podSelector: {}, policyTypes: [], egress: [{}] },
      expect: { policyTypes: ['Ingress', 'Egress'], policyTypesExplicit: false },
    },
    {
      name: 'written policyTypes are sorted Ingress, Egress',
      spec: { podSelector: {}, policyTypes: ['Egress', 'Ingress'] },
      expect: { policyTypes: ['Ingress', 'Egress'], policyTypesExplicit: true },
    },
    {
      name: 'duplicate policyTypes are fine and deduplicated',
      spec: { podSelector: {}, policyTypes: ['Egress', 'Egress'] },
      expect: { policyTypes: ['Egress'], policyTypesExplicit: true },
    },
    {
      name: 'policyTypes without Ingress drops the ingress rules',
      spec: { podSelector: {}, policyTypes: ['Egress'], ingress: [{}], egress: [{}] },
      expect: { policyTypes: ['Egress'], ingress: [], egress: [{ peers: null, ports: null }] },
    },
    {
      name: 'policyTypes Ingress only drops the egress rules',
      spec: { podSelector: {}, policyTypes: ['Ingress'], egress: [{}] },
      expect: { policyTypes: ['Ingress'], egress: [] },
    },
    {
      name: 'ingress: [] denies all ingress',
      spec: { podSelector: {}, ingress: [] },
      expect: { ingress: [] },
    },
    {
      name: 'an empty rule allows all peers on all ports',
      spec: { podSelector: {}, ingress: [{}] },
      expect: { ingress: [{ peers: null, ports: null }] },
    },
    {
      name: 'a null rule (YAML `- `) is an empty rule',
      spec: { podSelector: {}, ingress: [null] },
      expect: { ingress: [{ peers: null, ports: null }] },
    },
    {
      name: 'from omitted means all peers',
      spec: { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] },
      expect: { ingress: [{ peers: null, ports: [{ kind: 'range', protocol: 'TCP', from: 80, to: 80 }] }] },
    },
    {
      name: 'from: [] means all peers',
      spec: { podSelector: {}, ingress: [{ from: [] }] },
      expect: { ingress: [{ peers: null, ports: null }] },
    },
    { name: 'to: [] means all peers', spec: { podSelector: {}, egress: [{ to: [] }] }, expect: { egress: [{ peers: null, ports: null }] } },
    {
      name: 'ports omitted means all ports',
      spec: { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] },
      expect: { ingress: [{ peers: [{ kind: 'pods', namespaces: { kind: 'own' }, pods: ALL }], ports: null }] },
    },
    {
      name: 'ports: [] means all ports',
      spec: { podSelector: {}, ingress: [{ ports: [] }] },
      expect: { ingress: [{ peers: null, ports: null }] },
    },
    {
      name: 'protocol defaults to TCP',
      spec: ingressPorts({ port: 5432 }),
      expect: { ingress: [{ peers: null, ports: [{ kind: 'range', protocol: 'TCP', from: 5432, to: 5432 }] }] },
    },
    {
      name: 'port omitted means every port of the protocol',
      spec: ingressPorts({ protocol: 'UDP' }),
      expect: { ingress: [{ peers: null, ports: [{ kind: 'all', protocol: 'UDP' }] }] },
    },
    {
      name: 'a null port entry means every TCP port',
      spec: ingressPorts(null),
      expect: { ingress: [{ peers: null, ports: [{ kind: 'all', protocol: 'TCP' }] }] },
    },
    {
      name: 'endPort makes an inclusive range',
      spec: ingressPorts({ protocol: 'SCTP', port: 32000, endPort: 32768 }),
      expect: { ingress: [{ peers: null, ports: [{ kind: 'range', protocol: 'SCTP', from: 32000, to: 32768 }] }] },
    },
    {
      name: 'endPort equal to port is a single port',
      spec: ingressPorts({ port: 80, endPort: 80 }),
      expect: { ingress: [{ peers: null, ports: [{ kind: 'range', protocol: 'TCP', from: 80, to: 80 }] }] },
    },
    {
      name: 'a named port stays a name',
      spec: ingressPorts({ port: 'metrics', protocol: 'TCP' }),
      expect: { ingress: [{ peers: null, ports: [{ kind: 'named', protocol: 'TCP', name: 'metrics' }] }] },
    },
    {
      name: "podSelector only selects pods in the policy's namespace",
      spec: ingressFrom({ podSelector: S({ role: 'frontend' }) }),
      expect: {
        ingress: [
          {
            peers: [{ kind: 'pods', namespaces: { kind: 'own' }, pods: { matchLabels: { role: 'frontend' }, matchExpressions: [] } }],
            ports: null,
          },
        ],
      },
    },
    {
      name: 'namespaceSelector only selects all pods of matching namespaces',
      spec: ingressFrom({ namespaceSelector: S({ project: 'myproject' }) }),
      expect: {
        ingress: [
          {
            peers: [
              {
                kind: 'pods',
                namespaces: { kind: 'selector', selector: { matchLabels: { project: 'myproject' }, matchExpressions: [] } },
                pods: ALL,
              },
            ],
            ports: null,
          },
        ],
      },
    },
    {
      name: 'namespaceSelector {} selects all pods of all namespaces',
      spec: ingressFrom({ namespaceSelector: {} }),
      expect: { ingress: [{ peers: [{ kind: 'pods', namespaces: { kind: 'selector', selector: ALL }, pods: ALL }], ports: null }] },
    },
    {
      name: 'podSelector and namespaceSelector in one peer are ANDed',
      spec: ingressFrom({ namespaceSelector: S({ team: 'a' }), podSelector: S({ role: 'client' }) }),
      expect: {
        ingress: [
          {
            peers: [
              {
                kind: 'pods',
                namespaces: { kind: 'selector', selector: { matchLabels: { team: 'a' }, matchExpressions: [] } },
                pods: { matchLabels: { role: 'client' }, matchExpressions: [] },
              },
            ],
            ports: null,
          },
        ],
      },
    },
    {
      name: 'ipBlock host bits are cleared',
      spec: ingressFrom({ ipBlock: { cidr: '10.0.0.1/24', except: ['10.0.0.129/25'] } }),
      expect: { ingress: [{ peers: [{ kind: 'ipBlock', cidr: '10.0.0.0/24', except: ['10.0.0.128/25'] }], ports: null }] },
    },
    {
      name: 'IPv6 ipBlock is accepted and written compactly',
      spec: ingressFrom({ ipBlock: { cidr: '2001:0db8:0000::/32', except: ['2001:db8:1::/48'] } }),
      expect: { ingress: [{ peers: [{ kind: 'ipBlock', cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] }], ports: null }] },
    },
    {
      name: 'ipBlock without except has an empty except list',
      spec: ingressFrom({ ipBlock: { cidr: '0.0.0.0/0' } }),
      expect: { ingress: [{ peers: [{ kind: 'ipBlock', cidr: '0.0.0.0/0', except: [] }], ports: null }] },
    },
    {
      name: 'matchExpressions are kept in order',
      spec: {
        podSelector: {
          matchExpressions: [
            { key: 'tier', operator: 'NotIn', values: ['cache'] },
            { key: 'app', operator: 'Exists' },
          ],
        },
      },
      expect: {
        podSelector: {
          matchLabels: {},
          matchExpressions: [
            { key: 'tier', operator: 'NotIn', values: ['cache'] },
            { key: 'app', operator: 'Exists', values: [] },
          ],
        },
      },
    },
    {
      name: 'prefixed label keys and empty label values are valid',
      spec: { podSelector: S({ 'app.kubernetes.io/name': 'web', canary: '' }) },
      expect: { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web', canary: '' }, matchExpressions: [] } },
    },
    {
      name: 'a matchLabels value written as key: (null) is the empty string',
      spec: { podSelector: S({ canary: null }) },
      expect: { podSelector: { matchLabels: { canary: '' }, matchExpressions: [] } },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const policy = decodeOne(c.spec);
      for (const [key, value] of Object.entries(c.expect)) {
        assert.deepEqual(policy[key as keyof NetworkPolicy], value, key);
      }
    });
  }

  it('the whole normalised policy of the docs example', () => {
    const policy = decodeOne({
      podSelector: S({ role: 'db' }),
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [
            { ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } },
            { namespaceSelector: S({ project: 'myproject' }) },
            { podSelector: S({ role: 'frontend' }) },
          ],
          ports: [{ protocol: 'TCP', port: 6379 }],
        },
      ],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
    });
    assert.deepEqual(policy, {
      namespace: 'prod',
      name: 'np',
      podSelector: { matchLabels: { role: 'db' }, matchExpressions: [] },
      policyTypes: ['Ingress', 'Egress'],
      policyTypesExplicit: true,
      ingress: [
        {
          peers: [
            { kind: 'ipBlock', cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] },
            {
              kind: 'pods',
              namespaces: { kind: 'selector', selector: { matchLabels: { project: 'myproject' }, matchExpressions: [] } },
              pods: ALL,
            },
            { kind: 'pods', namespaces: { kind: 'own' }, pods: { matchLabels: { role: 'frontend' }, matchExpressions: [] } },
          ],
          ports: [{ kind: 'range', protocol: 'TCP', from: 6379, to: 6379 }],
        },
      ],
      egress: [
        {
          peers: [{ kind: 'ipBlock', cidr: '10.0.0.0/24', except: [] }],
          ports: [{ kind: 'range', protocol: 'TCP', from: 5978, to: 5978 }],
        },
      ],
    });
  });
});
