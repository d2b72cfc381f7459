// kube-router: BGP-routed pod network (IP-in-IP across subnets by default), a network policy
// controller (iptables + ipsets) and an optional service proxy, each switched by a flag.
import type { NetworkMode, Profile } from '../types.ts';
import { effective, makeProfile, undocumentedValue, type SettingSpecs, type Settings } from './common.ts';
import { SCTP_SOURCES, sctpUndocumented } from './deviations.ts';

// Flags and defaults: https://www.kube-router.io/docs/user-guide ("--run-firewall Enables Network
// Policy -- sets up iptables to provide ingress firewall for pods. (default true)").
export const KUBE_ROUTER_SETTINGS: SettingSpecs = {
  'run-firewall': { default: 'true', values: 'bool', doc: 'the network policy controller (--run-firewall)' },
  'run-router': { default: 'true', values: 'bool', doc: 'pod routing over BGP (--run-router)' },
  // "By default, kube-router enables the option --enable-overlay which will perform overlay networking
  // based upon the --overlay-type setting (by default set to subnet)" (https://kube-router.io/docs/tunnels).
  'enable-overlay': { default: 'true', values: 'bool', doc: 'IP-in-IP between nodes (--enable-overlay)' },
  'overlay-type': { default: 'subnet', values: ['subnet', 'full'], doc: 'tunnel across subnets only, or always' },
};

const SOURCES: readonly string[] = [
  'https://www.kube-router.io/docs/user-guide',
  'https://kube-router.io/docs/tunnels',
  SCTP_SOURCES['kube-router'],
];

function networkOf(s: Settings): NetworkMode {
  if (s['run-router'] === 'false') return { kind: 'unknown', mode: 'routed by another plugin' };
  if (s['enable-overlay'] === 'false') return { kind: 'underlay', mode: 'bgp' };
  if (s['overlay-type'] === 'full') return { kind: 'overlay', mode: 'ipip' };
  return { kind: 'hybrid', mode: 'bgp+ipip-cross-subnet' };
}

export function kubeRouterProfile(settings: Settings): Profile {
  const s = effective(KUBE_ROUTER_SETTINGS, settings);
  const firewall = s['run-firewall'];
  const decided =
    firewall === 'true'
      ? {
          enforcement: 'enforced' as const,
          enforcementReason: 'kube-router enforces NetworkPolicy with its network policy controller (--run-firewall=true)',
        }
      : firewall === 'false'
        ? {
            enforcement: 'not-enforced' as const,
            enforcementReason: 'kube-router runs with --run-firewall=false: its network policy controller is off',
          }
        : { enforcement: 'unknown' as const, enforcementReason: undocumentedValue('run-firewall', firewall, 'kube-router') };
  return makeProfile({
    id: 'kube-router',
    name: 'kube-router',
    ...decided,
    network: networkOf(s),
    undocumented: [sctpUndocumented('kube-router')],
    settings: s,
    sources: SOURCES,
  });
}
