// Real-world manifests the API server would reject but that still load in lenient mode with a
// warning (and are errors with --strict): the analysis keeps the object, not just the diagnostic.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decode, errors, object, pod, warnings, type Raw } from '../fixtures/k8s.ts';

const portless = {
  spec: {
    containers: [
      {
        name: 'c',
        ports: [
          { name: 'udps', containerport: 3535, protocol: 'UDP' },
          { name: 'http', containerPort: 80 },
        ],
      },
    ],
  },
};
const kindless = { ownerReferences: [{ name: 'internal-security', controller: true }] };
const deployment = object('apps/v1', 'Deployment', {
  spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, ...portless } },
});

describe('lenient decoding of rejected-but-common input', () => {
  const cases: { name: string; raw: Raw; warning: string }[] = [
    {
      name: 'a container port without containerPort (typo `containerport`)',
      raw: pod(portless),
      warning: 'container-port-missing spec.containers[0].ports[0].containerPort',
    },
    {
      name: 'a workload template port without containerPort',
      raw: deployment,
      warning: 'container-port-missing spec.template.spec.containers[0].ports[0].containerPort',
    },
    {
      name: 'an ownerReference without kind',
      raw: pod({}, kindless),
      warning: 'owner-reference-without-kind metadata.ownerReferences[0].kind',
    },
  ];
  for (const c of cases) {
    it(`lenient: ${c.name} is a warning and the object loads`, () => {
      const { snapshot, diagnostics } = decode([c.raw]);
      assert.deepEqual(errors(diagnostics), []);
      assert.deepEqual(warnings(diagnostics), [c.warning]);
      assert.equal(snapshot.pods.length + snapshot.workloads.length, 1);
    });
    it(`strict: ${c.name} is an error and the object is left out`, () => {
      const { snapshot, diagnostics } = decode([c.raw], { strict: true });
      assert.deepEqual(errors(diagnostics), [c.warning]);
      assert.equal(snapshot.pods.length + snapshot.workloads.length, 0);
    });
  }

  it('the port without a number is dropped, the others are kept', () => {
    const { snapshot } = decode([pod(portless)]);
    assert.deepEqual(snapshot.pods[0].containerPorts, [{ name: 'http', containerPort: 80, protocol: 'TCP' }]);
  });

  it('an ownerReference without kind keeps its name with an empty kind', () => {
    const { snapshot } = decode([pod({}, kindless)]);
    assert.deepEqual(snapshot.pods[0].ownerReferences, [{ kind: '', name: 'internal-security', controller: true }]);
  });
});
