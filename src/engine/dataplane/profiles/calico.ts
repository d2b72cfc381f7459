// Calico: BGP routing, optionally encapsulated (IP-in-IP or VXLAN, always or across subnets only);
// iptables, nftables or eBPF dataplane. Enforces v1 NetworkPolicy as the API means it.
import type { NetworkMode, Profile } from '../types.ts';
import { effective, makeProfile, type SettingSpecs, type Settings } from './common.ts';
import { deviation } from './deviations.ts';
import { ENDPOINT_TO_HOST_SETTING, FELIX_CONFIG_SOURCE, felixPodToOwnNode } from './felix.ts';

// Encapsulation modes: https://docs.tigera.io/calico/latest/networking/configuring/vxlan-ipip
// (ipipMode / vxlanMode Always or CrossSubnet; neither: unencapsulated BGP routes).
const ENCAPSULATION: Readonly<Record<string, NetworkMode>> = {
  ipip: { kind: 'overlay', mode: 'ipip' },
  'ipip-cross-subnet': { kind: 'hybrid', mode: 'ipip-cross-subnet' },
  vxlan: { kind: 'overlay', mode: 'vxlan' },
  'vxlan-cross-subnet': { kind: 'hybrid', mode: 'vxlan-cross-subnet' },
  none: { kind: 'underlay', mode: 'bgp' },
};

export const CALICO_SETTINGS: SettingSpecs = {
  // The calico.yaml manifest sets CALICO_IPV4POOL_IPIP "Always" and CALICO_IPV4POOL_VXLAN "Never".
  encapsulation: { default: 'ipip', values: Object.keys(ENCAPSULATION), doc: 'IP pool encapsulation (CALICO_IPV4POOL_IPIP / _VXLAN)' },
  // FELIX_BPFENABLED switches to eBPF (https://docs.tigera.io/calico/latest/operations/ebpf/enabling-ebpf);
  // the nftables dataplane is FELIX_NFTABLESMODE. Policy semantics are the same in all three.
  dataplane: { default: 'iptables', values: ['iptables', 'nftables', 'ebpf'], doc: 'Felix dataplane' },
  // No default: unseen means unknown (profiles/felix.ts).
  'endpoint-to-host-action': ENDPOINT_TO_HOST_SETTING,
};

export const CALICO_SOURCES: readonly string[] = [
  'https://docs.tigera.io/calico/latest/network-policy/get-started/kubernetes-policy/kubernetes-network-policy',
  'https://docs.tigera.io/calico/latest/networking/configuring/vxlan-ipip',
  'https://docs.tigera.io/calico/latest/operations/ebpf/enabling-ebpf',
  FELIX_CONFIG_SOURCE,
];

export function calicoNetwork(encapsulation: string): NetworkMode {
  return ENCAPSULATION[encapsulation] ?? { kind: 'unknown', mode: encapsulation };
}

export function calicoProfile(settings: Settings): Profile {
  const s = effective(CALICO_SETTINGS, settings);
  return makeProfile({
    id: 'calico',
    name: 'Calico',
    enforcement: 'enforced',
    enforcementReason: `Calico enforces NetworkPolicy as the API defines it (${s.dataplane} dataplane)`,
    network: calicoNetwork(s.encapsulation),
    podToOwnNode: felixPodToOwnNode('Calico', s['endpoint-to-host-action']),
    deviations: s['endpoint-to-host-action'] === 'Drop' ? [deviation('endpoint-to-host-drop')] : [],
    settings: s,
    sources: CALICO_SOURCES,
  });
}
