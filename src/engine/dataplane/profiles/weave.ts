// Weave Net: an overlay (fast datapath, falling back to "sleeve"); NetworkPolicy is enforced by the
// weave-npc container of the weave-net DaemonSet, when it runs.
import type { Profile } from '../types.ts';
import { effective, makeProfile, undocumentedValue, type SettingSpecs, type Settings } from './common.ts';
import { SCTP_SOURCES, deviation, sctpUndocumented } from './deviations.ts';

export const WEAVE_SETTINGS: SettingSpecs = {
  // The weave-net DaemonSet ships the weave-npc container; without it nothing is enforced
  // (https://github.com/weaveworks/weave/blob/master/site/kubernetes/kube-addon.md#network-policy).
  npc: { default: 'true', values: 'bool', doc: 'the weave-npc policy controller runs' },
  // Fast datapath unless WEAVE_NO_FASTDP is set; sleeve otherwise
  // (https://github.com/weaveworks/weave/blob/master/site/concepts/fastdp-how-it-works.md).
  fastdp: { default: 'true', values: 'bool', doc: 'fast datapath (false: sleeve)' },
};

const SOURCES: readonly string[] = [
  'https://github.com/weaveworks/weave/blob/master/site/kubernetes/kube-addon.md',
  'https://github.com/weaveworks/weave/blob/master/site/concepts/fastdp-how-it-works.md',
  SCTP_SOURCES.weave,
];

export function weaveProfile(settings: Settings): Profile {
  const s = effective(WEAVE_SETTINGS, settings);
  const npc = s.npc;
  const decided =
    npc === 'true'
      ? {
          enforcement: 'enforced' as const,
          enforcementReason: 'Weave Net enforces NetworkPolicy with its weave-npc container, with its own limits',
        }
      : npc === 'false'
        ? {
            enforcement: 'not-enforced' as const,
            enforcementReason: 'Weave Net runs without its weave-npc container (npc: "false"), so nothing enforces NetworkPolicy',
          }
        : { enforcement: 'unknown' as const, enforcementReason: undocumentedValue('npc', npc, 'Weave Net') };
  return makeProfile({
    id: 'weave',
    name: 'Weave Net',
    ...decided,
    network: { kind: 'overlay', mode: s.fastdp === 'false' ? 'sleeve' : 'fastdp' },
    deviations: [deviation('endport-ignored'), deviation('named-port-policy-rejected')],
    undocumented: [sctpUndocumented('weave')],
    settings: s,
    sources: SOURCES,
  });
}
