// check's one unknown path (engine/check.ts evaluate → Evaluated.unknown → pluginFields): a tier's
// unknown and the plugin's are causes of the same list; the node ingress exemption (the API: "the only
// allowed connections into the pod are those from the pod's node and those allowed by the ingress
// list") decides the ingress direction, so a tier's `unknown` does not stay on it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, compile } from '../../../src/engine/index.ts';
import type { EndpointQuery } from '../../../src/engine/verdict.ts';
import { emptySnapshot, type Snapshot } from '../../../src/model/types.ts';
import { node, ns, pod } from '../../support/build.ts';

function cluster(): Snapshot {
  const a = { ...pod('shop', 'a', { app: 'a' }, { ip: '10.0.0.2', node: 'n1' }), hostIP: '192.168.0.1' };
  const b = { ...pod('shop', 'b', { app: 'b' }, { ip: '10.0.0.3', node: 'n1' }), hostIP: '192.168.0.1' };
  return {
    ...emptySnapshot('manifests'),
    namespaces: [ns('shop')],
    nodes: [node('n1', ['192.168.0.1'])],
    pods: [a, b],
    unmodelled: [{ kind: 'CiliumNetworkPolicy', group: 'cilium.io', namespace: 'shop', name: 'block' }],
  };
}

const cases: { name: string; from: EndpointQuery; want: 'allowed' | 'unknown'; ingressUnknown: boolean }[] = [
  {
    name: 'pod to pod under an unmodelled namespaced kind: unknown naming it',
    from: { kind: 'endpoint', key: 'shop/a' },
    want: 'unknown',
    ingressUnknown: true,
  },
  {
    name: 'the node to its own pod: the exemption decides ingress, no unknown flag left',
    from: { kind: 'ip', ip: '192.168.0.1' },
    want: 'allowed',
    ingressUnknown: false,
  },
];

describe('check: one unknown path', () => {
  const c = compile(cluster());
  for (const t of cases) {
    it(t.name, () => {
      const v = check(c, t.from, { kind: 'endpoint', key: 'shop/b' }, 80, 'TCP');
      assert.equal(v.verdict, t.want, v.ingress.reason);
      assert.equal(v.ingress.unknown === true, t.ingressUnknown);
      assert.equal(v.ingress.unknownReason !== undefined, t.ingressUnknown);
      if (t.want === 'unknown') {
        assert.match(v.unknownReason ?? '', /CiliumNetworkPolicy/);
        // A tier's cause is not the plugin's: no plugin-undocumented note claims it.
        assert.equal(
          v.notes.some((n) => n.code === 'plugin-undocumented'),
          false,
        );
      } else {
        assert.equal(v.unknownReason, undefined);
        assert.equal(v.ingress.allowed, true);
      }
    });
  }
});
