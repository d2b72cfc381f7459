// k3s: flannel for the pod network plus an embedded network policy controller (kube-router's), both
// on unless the server runs with --flannel-backend=none / --disable-network-policy.
import type { Profile } from '../types.ts';
import { effective, makeProfile, undocumentedValue, type SettingSpecs, type Settings } from './common.ts';
import { SCTP_SOURCES, sctpUndocumented } from './deviations.ts';
import { flannelNetwork } from './flannel.ts';

// https://docs.k3s.io/networking/basic-network-options: "The default backend for Flannel is vxlan";
// `none` disables flannel; ipsec is deprecated; `wireguard` is the pre-1.26 name of wireguard-native.
export const K3S_SETTINGS: SettingSpecs = {
  'disable-network-policy': { default: 'false', values: 'bool', doc: 'turn the embedded policy controller off (--disable-network-policy)' },
  'flannel-backend': {
    default: 'vxlan',
    values: ['vxlan', 'host-gw', 'wireguard-native', 'wireguard', 'ipsec', 'none'],
    doc: 'flannel backend (--flannel-backend)',
  },
};

const SOURCES: readonly string[] = [
  // "Network Policy Controller: K3s includes an embedded network policy controller. The underlying
  // implementation is kube-router's netpol controller library".
  'https://docs.k3s.io/networking/networking-services',
  'https://docs.k3s.io/networking/basic-network-options',
  // "k3s by default uses kube-router's network policy controller implementation for its NetworkPolicy enforcement".
  'https://www.kube-router.io/docs/user-guide',
  SCTP_SOURCES['kube-router'],
];

export function k3sProfile(settings: Settings): Profile {
  const s = effective(K3S_SETTINGS, settings);
  const disabled = s['disable-network-policy'];
  const decided =
    disabled === 'false'
      ? { enforcement: 'enforced' as const, enforcementReason: "k3s enforces NetworkPolicy with its embedded controller (kube-router's)" }
      : disabled === 'true'
        ? {
            enforcement: 'not-enforced' as const,
            enforcementReason: 'k3s runs with --disable-network-policy: its embedded policy controller is off',
          }
        : { enforcement: 'unknown' as const, enforcementReason: undocumentedValue('disable-network-policy', disabled, 'k3s') };
  const backend = s['flannel-backend'];
  return makeProfile({
    id: 'k3s',
    name: 'k3s',
    ...decided,
    network: backend === 'none' ? { kind: 'unknown', mode: 'flannel disabled (--flannel-backend=none)' } : flannelNetwork(backend),
    undocumented: [sctpUndocumented('kube-router')],
    settings: s,
    sources: SOURCES,
  });
}
