import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { readManifests } from '../../src/ingest/manifests.ts';
import { decodeObjects } from '../../src/model/decode.ts';

const EXAMPLE = fileURLToPath(new URL('../../examples/broken-policy.yaml', import.meta.url));

describe('examples/broken-policy.yaml (the docs policy with the classic mistakes)', () => {
  it('reports exactly the three unknown fields, and loads no policy', async () => {
    const read = await readManifests([EXAMPLE]);
    assert.deepEqual(read.diagnostics, []);
    const { diagnostics, snapshot } = decodeObjects(read.objects, { source: 'manifests' });
    assert.deepEqual(
      diagnostics.map((d) => ({ severity: d.severity, code: d.code, path: d.path, ref: d.ref, file: d.file })),
      ['spec.podSelector.matchLabel', 'spec.podSelector.policyType', 'spec.ingress[0].egress'].map((path) => ({
        severity: 'error',
        code: 'unknown-field',
        path,
        ref: { kind: 'NetworkPolicy', namespace: 'default', name: 'test-network-policy' },
        file: EXAMPLE,
      })),
    );
    assert.deepEqual(
      diagnostics.map((d) => d.line),
      [16, 18, 36],
      'each diagnostic points at the line of its field',
    );
    assert.equal(snapshot.policies.length, 0);
  });

  it('the hints name where each field belongs', async () => {
    const read = await readManifests([EXAMPLE]);
    const messages = decodeObjects(read.objects, { source: 'manifests' }).diagnostics.map((d) => d.message);
    assert.match(messages[0], /matchLabels/);
    assert.match(messages[1], /policyTypes.*spec/);
    assert.match(messages[2], /egress.*spec/);
  });
});
