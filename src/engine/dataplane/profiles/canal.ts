// Canal: flannel builds the pod network, Calico's Felix enforces NetworkPolicy on it.
// https://docs.tigera.io/calico/latest/getting-started/kubernetes/flannel/install-for-flannel
import type { Profile } from '../types.ts';
import { CALICO_SOURCES } from './calico.ts';
import { effective, makeProfile, type SettingSpecs, type Settings } from './common.ts';
import { deviation } from './deviations.ts';
import { ENDPOINT_TO_HOST_SETTING, FELIX_CONFIG_SOURCE, felixPodToOwnNode } from './felix.ts';
import { FLANNEL_SETTINGS, FLANNEL_SOURCES, flannelNetwork } from './flannel.ts';

export const CANAL_SETTINGS: SettingSpecs = {
  // canal-config net-conf.json Backend.Type; the Canal manifest ships vxlan.
  backend: FLANNEL_SETTINGS.backend,
  // Canal's policy is Felix's: the same setting, on the canal DaemonSet's calico-node container.
  'endpoint-to-host-action': ENDPOINT_TO_HOST_SETTING,
};

export function canalProfile(settings: Settings): Profile {
  const s = effective(CANAL_SETTINGS, settings);
  return makeProfile({
    id: 'canal',
    name: 'Canal',
    enforcement: 'enforced',
    enforcementReason: 'Canal enforces NetworkPolicy with Calico on a flannel network, as the API defines it',
    network: flannelNetwork(s.backend),
    podToOwnNode: felixPodToOwnNode('Canal', s['endpoint-to-host-action']),
    deviations: s['endpoint-to-host-action'] === 'Drop' ? [deviation('endpoint-to-host-drop')] : [],
    settings: s,
    sources: [
      'https://docs.tigera.io/calico/latest/getting-started/kubernetes/flannel/install-for-flannel',
      ...CALICO_SOURCES.slice(0, 1),
      FLANNEL_SOURCES[0],
      FELIX_CONFIG_SOURCE,
    ],
  });
}
