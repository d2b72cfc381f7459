// flannel: pod networking only. It enforces no NetworkPolicy; Canal (Calico), kube-network-policies
// or k3s's embedded controller add enforcement on top of it.
import type { NetworkMode, Profile } from '../types.ts';
import { effective, makeProfile, type SettingSpecs, type Settings } from './common.ts';

// Backend types: https://github.com/flannel-io/flannel/blob/master/Documentation/backends.md
// ("VXLAN is the recommended choice ... host-gw ... Requires direct layer2 connectivity between hosts
// ... UDP is suggested for debugging only"; the cloud backends program the provider's route tables).
const BACKENDS: Readonly<Record<string, NetworkMode>> = {
  vxlan: { kind: 'overlay', mode: 'vxlan' },
  udp: { kind: 'overlay', mode: 'udp' },
  'host-gw': { kind: 'underlay', mode: 'host-gw' },
  wireguard: { kind: 'overlay', mode: 'wireguard' },
  // k3s's name for flannel's WireGuard backend (https://docs.k3s.io/networking/basic-network-options).
  'wireguard-native': { kind: 'overlay', mode: 'wireguard' },
  ipip: { kind: 'overlay', mode: 'ipip' },
  ipsec: { kind: 'overlay', mode: 'ipsec' },
  'aws-vpc': { kind: 'underlay', mode: 'aws-vpc' },
  gce: { kind: 'underlay', mode: 'gce' },
  'ali-vpc': { kind: 'underlay', mode: 'ali-vpc' },
  'tencent-vpc': { kind: 'underlay', mode: 'tencent-vpc' },
  // `extension` runs user-supplied commands, `alloc` only allocates subnets: the network is not flannel's to say.
  extension: { kind: 'unknown', mode: 'extension' },
  alloc: { kind: 'unknown', mode: 'alloc' },
};

export const FLANNEL_SOURCES: readonly string[] = [
  'https://github.com/flannel-io/flannel/blob/master/Documentation/backends.md',
  // "Flannel ... does not support network policy; pair it with Canal" (flannel-io/flannel#558).
  'https://github.com/flannel-io/flannel/issues/558',
];

export const FLANNEL_SETTINGS: SettingSpecs = {
  // kube-flannel.yml ships Backend.Type vxlan, the recommended backend.
  backend: {
    default: 'vxlan',
    values: Object.keys(BACKENDS).filter((b) => b !== 'wireguard-native'),
    doc: 'flannel backend (net-conf.json Backend.Type)',
  },
};

/** The pod network flannel builds with this backend. */
export function flannelNetwork(backend: string): NetworkMode {
  return BACKENDS[backend] ?? { kind: 'unknown', mode: backend === '' ? 'unknown' : backend };
}

export function flannelProfile(settings: Settings): Profile {
  const s = effective(FLANNEL_SETTINGS, settings);
  return makeProfile({
    id: 'flannel',
    name: 'flannel',
    enforcement: 'not-enforced',
    enforcementReason: "flannel enforces no NetworkPolicy; pair it with Calico (Canal), kube-network-policies or k3s's controller",
    network: flannelNetwork(s.backend),
    settings: s,
    sources: FLANNEL_SOURCES,
  });
}
