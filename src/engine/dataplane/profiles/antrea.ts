// Antrea: Open vSwitch dataplane; encapsulated (Geneve by default), unencapsulated, hybrid, or policy
// only on top of another plugin's network. Enforces v1 NetworkPolicy as the API means it.
import type { NetworkMode, Profile } from '../types.ts';
import { effective, makeProfile, type SettingSpecs, type Settings } from './common.ts';

// Keys as written in antrea-config's antrea-agent.conf (build/charts/antrea/conf/antrea-agent.conf):
// trafficEncapMode "encap" (default), "noEncap", "hybrid", "networkPolicyOnly"; tunnelType "geneve"
// (default), "vxlan", "gre", "stt".
export const ANTREA_SETTINGS: SettingSpecs = {
  trafficEncapMode: { default: 'encap', values: ['encap', 'noEncap', 'hybrid', 'networkPolicyOnly'], doc: 'traffic encapsulation mode' },
  tunnelType: { default: 'geneve', values: ['geneve', 'vxlan', 'gre', 'stt'], doc: 'tunnel protocol in encap / hybrid mode' },
};

const SOURCES: readonly string[] = [
  'https://github.com/antrea-io/antrea/blob/main/build/charts/antrea/conf/antrea-agent.conf',
  'https://github.com/antrea-io/antrea/blob/main/docs/noencap-hybrid-modes.md',
  'https://github.com/antrea-io/antrea/blob/main/docs/design/policy-only.md',
];

function networkOf(mode: string, tunnel: string): NetworkMode {
  switch (mode) {
    case 'encap':
      return { kind: 'overlay', mode: tunnel };
    case 'noEncap':
      return { kind: 'underlay', mode: 'noEncap' };
    case 'hybrid':
      // "inter-Node Pod traffic is only encapsulated if Nodes are not on the same subnet" (v0.4.0 notes).
      return { kind: 'hybrid', mode: `${tunnel}-cross-subnet` };
    case 'networkPolicyOnly':
      return { kind: 'unknown', mode: "another plugin's network (networkPolicyOnly)" };
    default:
      return { kind: 'unknown', mode };
  }
}

export function antreaProfile(settings: Settings): Profile {
  const s = effective(ANTREA_SETTINGS, settings);
  return makeProfile({
    id: 'antrea',
    name: 'Antrea',
    enforcement: 'enforced',
    enforcementReason: 'Antrea enforces NetworkPolicy as the API defines it',
    network: networkOf(s.trafficEncapMode, s.tunnelType),
    settings: s,
    sources: SOURCES,
  });
}
