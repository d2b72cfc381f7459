// Romana: a routed (no overlay) pod network whose policy agent only understands the Kubernetes 1.7
// era extensions/v1beta1 NetworkPolicy (namespace isolation annotation), long removed from the API.
import type { Profile } from '../types.ts';
import { makeProfile, type Settings } from './common.ts';

const SOURCES: readonly string[] = [
  // "Romana v2.0.2 still only supports the v1.7 style API" (romana/romana#184, 2018; no later release).
  'https://github.com/romana/romana/issues/184',
  'https://github.com/romana/romana',
];

export function romanaProfile(_settings: Settings): Profile {
  return makeProfile({
    id: 'romana',
    name: 'Romana',
    enforcement: 'not-enforced',
    enforcementReason:
      'Romana only knows the long-removed extensions/v1beta1 NetworkPolicy API (Kubernetes 1.7): ' +
      'networking.k8s.io/v1 policies are not enforced',
    // "Romana ... Layer 3 networking ... without an overlay": routes to pod subnets.
    network: { kind: 'underlay', mode: 'routed' },
    settings: {},
    sources: SOURCES,
  });
}
