// No plugin recognised: answers follow the API's meaning and say that enforcement depends on the plugin.
import type { Profile } from '../types.ts';
import { makeProfile, type Settings } from './common.ts';

export function unknownProfile(_settings: Settings): Profile {
  return makeProfile({
    id: 'unknown',
    name: 'unknown',
    enforcement: 'unknown',
    enforcementReason:
      "no network plugin recognised: answers follow the Kubernetes API's meaning; enforcement depends on the cluster's network plugin",
    network: { kind: 'unknown', mode: 'unknown' },
    settings: {},
    // "Your cluster must use a network plugin that supports NetworkPolicy enforcement."
    sources: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/'],
  });
}
