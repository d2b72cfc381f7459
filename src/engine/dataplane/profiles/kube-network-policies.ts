// kube-network-policies (kubernetes-sigs): a NetworkPolicy enforcer alone (nftables + nfqueue), run
// beside a network plugin that enforces nothing, often flannel (kind, Talos).
import type { Profile } from '../types.ts';
import { effective, makeProfile, type SettingSpecs, type Settings } from './common.ts';
import { FLANNEL_SETTINGS, flannelNetwork } from './flannel.ts';

const FLANNEL_BACKENDS = FLANNEL_SETTINGS.backend.values as readonly string[];

export const KUBE_NETWORK_POLICIES_SETTINGS: SettingSpecs = {
  // The pod network is someone else's: flannel's backend when it runs beside flannel, else unknown.
  'flannel-backend': {
    default: '',
    values: ['', ...FLANNEL_BACKENDS],
    doc: 'backend of the flannel network it runs beside ("" when not flannel)',
  },
};

const SOURCES: readonly string[] = [
  'https://github.com/kubernetes-sigs/kube-network-policies',
  // Talos: "kubeNetworkPoliciesEnabled: Deploys kube-network-policies along with Flannel".
  'https://docs.siderolabs.com/talos/v1.14/reference/configuration/kubernetes/kubeflannelcniconfig',
];

export function kubeNetworkPoliciesProfile(settings: Settings): Profile {
  const s = effective(KUBE_NETWORK_POLICIES_SETTINGS, settings);
  const backend = s['flannel-backend'];
  return makeProfile({
    id: 'kube-network-policies',
    name: 'kube-network-policies',
    enforcement: 'enforced',
    enforcementReason: 'kube-network-policies enforces NetworkPolicy as the API defines it',
    network: backend === '' ? { kind: 'unknown', mode: 'unknown' } : flannelNetwork(backend),
    settings: s,
    sources: SOURCES,
  });
}
