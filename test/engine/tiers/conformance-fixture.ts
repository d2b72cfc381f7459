// The network-policy-api conformance suite's cluster (kubernetes-sigs/network-policy-api
// conformance/base/manifests.yaml): four house namespaces (label conformance-house) with two
// StatefulSet pods each, and the hogwarts-staff pods the pod-selector tests use. Policies are given
// as raw objects and decoded by the real decoder, in the field shape of the released v1alpha1 CRDs.
import assert from 'node:assert/strict';
import { decodeObjects } from '../../../src/model/decode.ts';
import type { Pod, Protocol, Snapshot } from '../../../src/model/types.ts';
import { emptySnapshot } from '../../../src/model/types.ts';
import { check, compile } from '../../../src/engine/index.ts';
import type { VerdictWord } from '../../../src/engine/verdict.ts';
import { ns, pod } from '../../support/build.ts';

const HOUSES: Record<string, string> = {
  gryffindor: 'harry-potter',
  slytherin: 'draco-malfoy',
  hufflepuff: 'cedric-diggory',
  ravenclaw: 'luna-lovegood',
};
export const NS = (house: string) => `network-policy-conformance-${house}`;

function baseSnapshot(): Snapshot {
  const namespaces = [...Object.keys(HOUSES).map((h) => ns(NS(h), { 'conformance-house': h })), ns(NS('hogwarts-staff'))];
  const pods: Pod[] = [];
  let ip = 10;
  for (const [house, name] of Object.entries(HOUSES)) {
    for (const i of [0, 1])
      pods.push(
        pod(
          NS(house),
          `${name}-${i}`,
          { 'conformance-house': house, 'statefulset.kubernetes.io/pod-name': `${name}-${i}` },
          { ip: `10.244.0.${ip++}` },
        ),
      );
  }
  for (const name of ['professor-dumbledore-0', 'professor-quirrell-0'])
    pods.push(pod(NS('hogwarts-staff'), name, { 'statefulset.kubernetes.io/pod-name': name }, { ip: `10.244.0.${ip++}` }));
  return { ...emptySnapshot('manifests'), namespaces, pods };
}

/** The base cluster plus `objects` (ANP, BANP, NetworkPolicy), decoded with no diagnostics. */
export function conformanceCluster(objects: readonly unknown[]): Snapshot {
  const decoded = decodeObjects(
    objects.map((object) => ({ object })),
    { source: 'manifests' },
  );
  assert.deepEqual(
    decoded.diagnostics.filter((d) => d.code !== 'implicit-namespace'),
    [],
  );
  return {
    ...baseSnapshot(),
    policies: decoded.snapshot.policies,
    ...(decoded.snapshot.tierPolicies ? { tierPolicies: decoded.snapshot.tierPolicies } : {}),
  };
}

export interface Poke {
  /** `house/pod` or `ns/pod` under network-policy-conformance-. */
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol?: Protocol;
  readonly want: VerdictWord;
}

const key = (spec: string) => {
  const [house, name] = spec.split('/');
  return `${NS(house)}/${name}`;
};

/** kubernetes.PokeServer, offline: every poke's verdict, with the reasons when one differs. */
export function assertPokes(s: Snapshot, pokes: readonly Poke[]): void {
  const c = compile(s);
  for (const p of pokes) {
    const v = check(c, { kind: 'endpoint', key: key(p.from) }, { kind: 'endpoint', key: key(p.to) }, p.port, p.protocol ?? 'TCP');
    assert.equal(
      v.verdict,
      p.want,
      `${p.from} -> ${p.to} ${p.protocol ?? 'TCP'}/${p.port}: ${v.verdict} (egress: ${v.egress.reason}; ingress: ${v.ingress.reason})`,
    );
  }
}

const houseSelector = (house: string) => ({ matchLabels: { 'conformance-house': house } });
const nameSelector = (house: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': NS(house) } });

export const peers = {
  namespace: (house: string) => ({ namespaces: nameSelector(house) }),
  house: (house: string) => ({ namespaces: houseSelector(house) }),
  housePods: (house: string) => ({ pods: { namespaceSelector: houseSelector(house), podSelector: houseSelector(house) } }),
  staff: (podName: string) => ({
    pods: {
      namespaceSelector: nameSelector('hogwarts-staff'),
      podSelector: { matchLabels: { 'statefulset.kubernetes.io/pod-name': podName } },
    },
  }),
};

export const tcp = (port: number) => [{ portNumber: { protocol: 'TCP', port } }];
