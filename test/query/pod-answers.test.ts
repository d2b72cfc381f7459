// Pod policies, exposure, snapshot diff and matrix namespace filters on small clusters.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compile } from '../../src/engine/index.ts';
import { matrixQuery } from '../../src/query/queries.ts';
import { exposureQuery } from '../../src/query/exposure.ts';
import { loadManifestText } from '../../src/query/manifest-text.ts';
import { filterMatrix } from '../../src/query/matrix-view.ts';
import { podPolicies } from '../../src/query/pod-policies.ts';
import { diffSnapshots } from '../../src/query/snapshot-diff.ts';
import { podYaml } from '../cli/cli-harness.ts';

function cluster(...docs: string[]) {
  return loadManifestText(docs.join('\n---\n'), { file: 'test.yaml', source: 'manifests' });
}

const WEB = podYaml('shop', 'web', '10.0.0.1', { app: 'web' }, '{name: http, containerPort: 8080}');
const API = podYaml('shop', 'api', '10.0.0.2', { app: 'api' });
const OPS = podYaml('ops', 'tool', '10.0.1.1', { app: 'tool' });

function policy(name: string, spec: string): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: shop}\nspec: ${spec}`;
}

const WEB_FROM_API = policy(
  'web-from-api',
  '{podSelector: {matchLabels: {app: web}}, ingress: [{from: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: 8080}]}]}',
);
const WEB_FROM_LB = policy(
  'web-from-lb',
  '{podSelector: {matchLabels: {app: web}}, ingress: [{from: [{ipBlock: {cidr: 192.0.2.0/24}}], ports: [{port: http}]}]}',
);
const API_EGRESS = policy(
  'api-egress',
  '{podSelector: {matchLabels: {app: api}}, policyTypes: [Egress], egress: [{to: [{podSelector: {}}]}]}',
);

describe('podPolicies', () => {
  test('selecting policies per direction and the rules that admit the pod as a peer', () => {
    const { compiled } = cluster(WEB, API, OPS, WEB_FROM_API, API_EGRESS);
    assert.deepEqual(podPolicies(compiled, 'shop/web'), {
      pod: 'shop/web',
      isolated: { ingress: true, egress: false },
      selectedBy: { ingress: ['shop/web-from-api'], egress: [] },
      peerOf: [
        {
          policy: 'shop/api-egress',
          direction: 'Egress',
          rule: 0,
          via: 'pod-selector',
          ports: { TCP: [[1, 65535]], UDP: [[1, 65535]], SCTP: [[1, 65535]] },
          namedPorts: [],
        },
      ],
    });
    const api = podPolicies(compiled, 'shop/api')!;
    assert.deepEqual(api.selectedBy, { ingress: [], egress: ['shop/api-egress'] });
    // `to: [{podSelector: {}}]` admits api itself as well.
    assert.deepEqual(
      api.peerOf.map((r) => [r.policy, r.direction, r.via]),
      [
        ['shop/api-egress', 'Egress', 'pod-selector'],
        ['shop/web-from-api', 'Ingress', 'pod-selector'],
      ],
    );
    assert.deepEqual(api.peerOf[1].ports, { TCP: [[8080, 8080]] });
  });

  test('an unknown pod is undefined', () => {
    assert.equal(podPolicies(cluster(WEB).compiled, 'shop/nope'), undefined);
  });
});

describe('exposureQuery', () => {
  test('an ipBlock rule exposes its pod to that range on its ports; unisolated pods on every port', () => {
    const r = exposureQuery(cluster(WEB, API, WEB_FROM_LB).compiled);
    const web = r.pods.find((p) => p.pod === 'shop/web');
    assert.deepEqual(web?.from, [{ cidrs: ['192.0.2.0/24'], ports: { TCP: [[8080, 8080]] } }]);
    const api = r.pods.find((p) => p.pod === 'shop/api');
    assert.deepEqual(api?.from, [{ cidrs: ['0.0.0.0/0', '::/0'], ports: { TCP: [[1, 65535]], UDP: [[1, 65535]], SCTP: [[1, 65535]] } }]);
  });

  test('a pod isolated with no outside rule is not listed; the namespace filter applies', () => {
    const r = exposureQuery(cluster(WEB, API, OPS, WEB_FROM_API).compiled, 'shop');
    assert.deepEqual(
      r.pods.map((p) => p.pod),
      ['shop/api'],
    );
  });
});

describe('diffSnapshots', () => {
  test('added, changed and removed objects, sorted by kind, namespace, name', () => {
    const before = cluster(WEB, API, WEB_FROM_API).snapshot;
    const after = cluster(WEB.replace('10.0.0.1', '10.0.0.9'), OPS, WEB_FROM_API).snapshot;
    assert.deepEqual(diffSnapshots(before, after), [
      { kind: 'Namespace', name: 'ops', change: 'added' },
      { kind: 'Pod', namespace: 'ops', name: 'tool', change: 'added' },
      { kind: 'Pod', namespace: 'shop', name: 'api', change: 'removed' },
      { kind: 'Pod', namespace: 'shop', name: 'web', change: 'changed' },
    ]);
    assert.deepEqual(diffSnapshots(before, before), []);
  });
});

describe('filterMatrix', () => {
  test('keeps rows and columns of the namespaces, cells unchanged', () => {
    const { snapshot } = cluster(WEB, API, OPS, WEB_FROM_API);
    const m = matrixQuery(compile(snapshot), 8080, 'TCP');
    const shop = filterMatrix(m, ['shop']);
    assert.deepEqual(shop.pods, ['shop/api', 'shop/web']);
    assert.deepEqual(shop.rows, [m.rows[1].slice(1, 3), m.rows[2].slice(1, 3)]);
    assert.equal(filterMatrix(m, undefined), m);
  });
});
