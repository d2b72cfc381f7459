// Cilium (also GKE Dataplane V2, which runs it as the `anetd` DaemonSet). ipBlock only ever matches
// addresses outside the cluster (and node IPs with policy-cidr-match-mode: nodes); the enforcement mode
// and audit mode decide whether anything is enforced at all.
import type { Deviation, NetworkMode, Profile, Undocumented } from '../types.ts';
import { effective, makeProfile, undocumentedValue, type SettingSpecs, type Settings } from './common.ts';
import { SCTP_SOURCES, deviation, sctpUndocumented } from './deviations.ts';

export const CILIUM_SETTINGS: SettingSpecs = {
  // "default ... This is the default behavior for policy enforcement" (https://docs.cilium.io/en/stable/security/policy/intro/).
  'enable-policy': { default: 'default', values: ['default', 'always', 'never'], doc: 'policy enforcement mode' },
  // Audit mode logs verdicts and drops nothing (https://docs.cilium.io/en/stable/security/policy-creation/).
  'policy-audit-mode': { default: 'false', values: 'bool', doc: 'log policy verdicts instead of enforcing them' },
  // "" (CIDR selectors match outside the cluster only) or `nodes`; newer releases add `pods`
  // (cilium/cilium#28421, #47227). A list is written `nodes,pods` in cilium-config.
  'policy-cidr-match-mode': { default: '', values: ['', 'nodes', 'pods', 'nodes,pods'], doc: 'in-cluster entities ipBlock may match' },
  // Cilium 1.14 replaced `tunnel` with routing-mode + tunnel-protocol; encapsulation (VXLAN) is the
  // default "when no configuration is provided" (https://docs.cilium.io/en/stable/network/concepts/routing/).
  'routing-mode': { default: 'tunnel', values: ['tunnel', 'native'], doc: 'tunnel (encapsulation) or native routing' },
  'tunnel-protocol': { default: 'vxlan', values: ['vxlan', 'geneve'], doc: 'encapsulation in tunnel mode' },
  // Legacy (before 1.14, removed in 1.15, cilium/cilium#29053): `disabled` meant native routing.
  tunnel: { values: ['vxlan', 'geneve', 'disabled'], doc: 'legacy: vxlan, geneve or disabled (native routing)' },
  // SCTP support is beta and off by default (https://docs.cilium.io/en/stable/configuration/sctp/).
  'enable-sctp': { default: 'false', values: 'bool', doc: 'SCTP support (beta)' },
};

const SOURCES: readonly string[] = [
  'https://docs.cilium.io/en/stable/security/policy/intro/',
  'https://docs.cilium.io/en/stable/security/policy/caveats/',
  'https://docs.cilium.io/en/stable/security/policy/language/#selecting-nodes-with-cidr-ipblock',
  'https://docs.cilium.io/en/stable/security/policy/language/#entities-based',
  'https://github.com/cilium/cilium/issues/16308',
  'https://docs.cilium.io/en/stable/security/policy-creation/',
  'https://docs.cilium.io/en/stable/network/concepts/routing/',
  'https://docs.cilium.io/en/stable/operations/performance/scalability/identity-relevant-labels/',
  'https://cloud.google.com/kubernetes-engine/docs/concepts/dataplane-v2',
];

function routingOf(given: Settings): { routing: string; protocol: string } {
  const legacy = given.tunnel;
  const routing = given['routing-mode'] ?? (legacy === 'disabled' ? 'native' : 'tunnel');
  const protocol = given['tunnel-protocol'] ?? (legacy === 'vxlan' || legacy === 'geneve' ? legacy : 'vxlan');
  return { routing, protocol };
}

function networkOf(routing: string, protocol: string): NetworkMode {
  if (routing === 'native') return { kind: 'underlay', mode: 'native-routing' };
  if (routing === 'tunnel') return { kind: 'overlay', mode: protocol };
  return { kind: 'unknown', mode: routing };
}

function enforcementOf(s: Settings): Pick<Profile, 'enforcement' | 'enforcementReason'> {
  const mode = s['enable-policy'];
  const audit = s['policy-audit-mode'];
  if (!['default', 'always', 'never'].includes(mode))
    return { enforcement: 'unknown', enforcementReason: undocumentedValue('enable-policy', mode, 'Cilium') };
  if (mode === 'never')
    return { enforcement: 'not-enforced', enforcementReason: 'Cilium runs with enable-policy: never, which enforces no policy on any pod' };
  if (audit === 'true')
    return {
      enforcement: 'not-enforced',
      enforcementReason: 'Cilium runs with policy-audit-mode: "true": policy verdicts are logged, nothing is dropped',
    };
  if (audit !== 'false') return { enforcement: 'unknown', enforcementReason: undocumentedValue('policy-audit-mode', audit, 'Cilium') };
  if (mode === 'always')
    return {
      enforcement: 'enforced',
      enforcementReason: 'Cilium enforces NetworkPolicy with enable-policy: always: every pod is isolated, selected or not',
    };
  return {
    enforcement: 'enforced',
    enforcementReason: 'Cilium enforces NetworkPolicy (enable-policy: default), with its own ipBlock meaning',
  };
}

export function ciliumProfile(settings: Settings): Profile {
  const { routing, protocol } = routingOf(settings);
  const s: Record<string, string> = { ...effective(CILIUM_SETTINGS, settings), 'routing-mode': routing, 'tunnel-protocol': protocol };
  const cidrModes = s['policy-cidr-match-mode'].split(/[\s,]+/).filter((m) => m !== '');
  const matchesPods = cidrModes.includes('pods');
  const deviations: Deviation[] = [];
  // With `pods` in the match mode, ipBlock matches pods as the API says (node IPs only with `nodes`
  // too; a pods-only mode is treated as `all`, the Profile's scopes cannot say "pods but not nodes").
  if (!matchesPods) deviations.push(deviation('ipblock-ignores-cluster'));
  if (s['enable-policy'] === 'always') deviations.push(deviation('isolates-unselected'));
  deviations.push(deviation('identity-label-filter'));
  const undocumented: Undocumented[] = s['enable-sctp'] === 'true' ? [] : [sctpUndocumented('cilium')];
  return makeProfile({
    id: 'cilium',
    name: 'Cilium',
    ...enforcementOf(s),
    network: networkOf(routing, protocol),
    deviations,
    undocumented,
    ipBlockScope: matchesPods ? 'all' : cidrModes.includes('nodes') ? 'nodes-and-external' : 'external',
    // A pod's traffic to its own node is egress to Cilium's `host` entity, policed like any egress
    // ("Entities ... includes connectivity to the local host serving the endpoints", policy language;
    // CIDR rules do not match the host: cilium/cilium#16308). A CiliumNetworkPolicy admits it with
    // `toEntities: host`; a NetworkPolicy ipBlock only under policy-cidr-match-mode: nodes.
    podToOwnNode: {
      action: 'policy',
      reason:
        `Cilium polices a pod's traffic to its own node as egress to the host entity (a CiliumNetworkPolicy needs toEntities: host; ` +
        `a NetworkPolicy ipBlock matches the node IP ${cidrModes.includes('nodes') ? 'with' : 'only with'} policy-cidr-match-mode: nodes)`,
    },
    settings: s,
    sources: [...SOURCES, SCTP_SOURCES.cilium],
  });
}
