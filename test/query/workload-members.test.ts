// The endpoints a workload or namespace spelling stands for (query/paths/workload.ts), as flow
// assertions and history resolve them: a pod's controller chain (ownerReferences), a ReplicaSet
// whose object is absent read as its Deployment by the pod-template-hash naming convention
// (history/identity.ts), and a namespace's endpoints in key order. Each spelling is resolved from a
// per-snapshot index; these cases pin the answers it must keep.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compile } from '../../src/engine/index.ts';
import type { OwnerReference, Pod } from '../../src/model/types.ts';
import { parseEndpointSpec } from '../../src/query/endpoint-spec.ts';
import { memberEndpoints } from '../../src/query/history/flow.ts';
import { ns, pod, snapshot } from '../support/build.ts';

const owned = (namespace: string, name: string, hash: string | undefined, ...refs: OwnerReference[]): Pod => ({
  ...pod(namespace, name, hash ? { 'pod-template-hash': hash } : {}, { ip: `10.0.${namespace.length}.${name.length}` }),
  ownerReferences: refs,
});
const rs = (name: string): OwnerReference => ({ kind: 'ReplicaSet', name, controller: true });

const c = compile(
  snapshot({
    namespaces: [ns('a'), ns('b')],
    pods: [
      owned('a', 'web-7d4b9-x1', '7d4b9', rs('web-7d4b9')),
      owned('a', 'web-7d4b9-x2', '7d4b9', rs('web-7d4b9')),
      owned('a', 'web-5f6c1-y1', '5f6c1', rs('web-5f6c1')),
      // The hash label does not end the ReplicaSet's name: no Deployment by convention.
      owned('a', 'odd-1', 'zzz', rs('odd-abc')),
      owned('a', 'db-0', undefined, { kind: 'StatefulSet', name: 'db', controller: true }),
      // Not the controller: not its workload.
      owned('a', 'side-1', undefined, { kind: 'StatefulSet', name: 'db', controller: false }),
      owned('b', 'web-7d4b9-z1', '7d4b9', rs('web-7d4b9')),
      owned('b', 'bare', undefined),
    ],
  }),
);

const keys = (spelling: string) => memberEndpoints(c, parseEndpointSpec(spelling)).map((i) => c.endpoints[i]!.key);

describe('workload and namespace members', () => {
  const CASES: [string, string[]][] = [
    ['deploy:a/web', ['a/web-5f6c1-y1', 'a/web-7d4b9-x1', 'a/web-7d4b9-x2']],
    ['rs:a/web-7d4b9', ['a/web-7d4b9-x1', 'a/web-7d4b9-x2']],
    ['deploy:b/web', ['b/web-7d4b9-z1']],
    ['rs:a/odd-abc', ['a/odd-1']],
    ['sts:a/db', ['a/db-0']],
    ['ns:a', ['a/db-0', 'a/odd-1', 'a/side-1', 'a/web-5f6c1-y1', 'a/web-7d4b9-x1', 'a/web-7d4b9-x2']],
    ['ns:b', ['b/bare', 'b/web-7d4b9-z1']],
  ];
  for (const [spelling, expected] of CASES) it(`${spelling} → ${expected.length} pod(s)`, () => assert.deepEqual(keys(spelling), expected));

  it('deploy:a/odd is not in the snapshot (no Deployment by convention when the hash does not end the name)', () => {
    assert.throws(() => keys('deploy:a/odd'), /no deploy:a\/odd in the snapshot/);
  });
});
