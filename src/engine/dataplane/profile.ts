// The profile of a plugin under given settings, the settings each plugin understands, and the names
// a user may give a plugin (`--cni aws`, `--cni gke-dataplane-v2`).
import type { PluginId, Profile } from './types.ts';
import { PLUGIN_IDS } from './types.ts';
import { ANTREA_SETTINGS, antreaProfile } from './profiles/antrea.ts';
import { AWS_VPC_CNI_SETTINGS, awsVpcCniProfile } from './profiles/aws-vpc-cni.ts';
import { azureNpmProfile } from './profiles/azure-npm.ts';
import { CALICO_SETTINGS, calicoProfile } from './profiles/calico.ts';
import { CANAL_SETTINGS, canalProfile } from './profiles/canal.ts';
import { CILIUM_SETTINGS, ciliumProfile } from './profiles/cilium.ts';
import { settingProblems, type SettingSpecs, type Settings } from './profiles/common.ts';
import { FLANNEL_SETTINGS, flannelProfile } from './profiles/flannel.ts';
import { K3S_SETTINGS, k3sProfile } from './profiles/k3s.ts';
import { KUBE_NETWORK_POLICIES_SETTINGS, kubeNetworkPoliciesProfile } from './profiles/kube-network-policies.ts';
import { KUBE_ROUTER_SETTINGS, kubeRouterProfile } from './profiles/kube-router.ts';
import { ovnKubernetesProfile } from './profiles/ovn-kubernetes.ts';
import { romanaProfile } from './profiles/romana.ts';
import { unknownProfile } from './profiles/unknown.ts';
import { WEAVE_SETTINGS, weaveProfile } from './profiles/weave.ts';

interface PluginEntry {
  readonly build: (settings: Settings) => Profile;
  readonly settings: SettingSpecs;
}

const NONE: SettingSpecs = {};

const PLUGINS: Record<PluginId, PluginEntry> = {
  flannel: { build: flannelProfile, settings: FLANNEL_SETTINGS },
  calico: { build: calicoProfile, settings: CALICO_SETTINGS },
  canal: { build: canalProfile, settings: CANAL_SETTINGS },
  cilium: { build: ciliumProfile, settings: CILIUM_SETTINGS },
  'kube-router': { build: kubeRouterProfile, settings: KUBE_ROUTER_SETTINGS },
  weave: { build: weaveProfile, settings: WEAVE_SETTINGS },
  romana: { build: romanaProfile, settings: NONE },
  antrea: { build: antreaProfile, settings: ANTREA_SETTINGS },
  'ovn-kubernetes': { build: ovnKubernetesProfile, settings: NONE },
  'aws-vpc-cni': { build: awsVpcCniProfile, settings: AWS_VPC_CNI_SETTINGS },
  'azure-npm': { build: azureNpmProfile, settings: NONE },
  k3s: { build: k3sProfile, settings: K3S_SETTINGS },
  'kube-network-policies': { build: kubeNetworkPoliciesProfile, settings: KUBE_NETWORK_POLICIES_SETTINGS },
  unknown: { build: unknownProfile, settings: NONE },
};

/** The profile of `id` under `settings` (unknown keys ignored, defaults filled in, echoed in `settings`). */
export function profileFor(id: PluginId, settings: Readonly<Record<string, string>> = {}): Profile {
  return PLUGINS[id].build(settings);
}

/** The setting keys each plugin understands (`--cni NAME,key=value`). */
export const KNOWN_SETTINGS: Record<PluginId, readonly string[]> = knownSettings();

function knownSettings(): Record<PluginId, readonly string[]> {
  const out = {} as Record<PluginId, readonly string[]>;
  for (const id of PLUGIN_IDS) out[id] = Object.keys(PLUGINS[id].settings);
  return out;
}

/** Each setting's default, documented values and one-line description (for help texts). */
export function settingSpecs(id: PluginId): SettingSpecs {
  return PLUGINS[id].settings;
}

/** Unknown keys and undocumented values in `settings` for `id`, one sentence each (empty: all good). */
export function settingProblemsFor(id: PluginId, settings: Readonly<Record<string, string>>): string[] {
  return settingProblems(id, PLUGINS[id].settings, settings);
}

/** Other names people use for a plugin (lower case; `_` and spaces read as `-`). */
const ALIASES: Readonly<Record<string, PluginId>> = {
  'kube-flannel': 'flannel',
  'calico-node': 'calico',
  'project-calico': 'calico',
  'gke-dataplane-v2': 'cilium',
  'dataplane-v2': 'cilium',
  dpv2: 'cilium',
  anetd: 'cilium',
  kuberouter: 'kube-router',
  'weave-net': 'weave',
  weavenet: 'weave',
  ovn: 'ovn-kubernetes',
  'ovn-k': 'ovn-kubernetes',
  'ovn-k8s': 'ovn-kubernetes',
  ovnkube: 'ovn-kubernetes',
  aws: 'aws-vpc-cni',
  'amazon-vpc-cni': 'aws-vpc-cni',
  'vpc-cni': 'aws-vpc-cni',
  'aws-node': 'aws-vpc-cni',
  azure: 'azure-npm',
  'kube-network-policy': 'kube-network-policies',
  'network-policies': 'kube-network-policies',
};

/** The PluginId a name stands for (its id or an alias, any case), or undefined. */
export function pluginIdOf(name: string): PluginId | undefined {
  const key = name
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, '-');
  if ((PLUGIN_IDS as readonly string[]).includes(key)) return key as PluginId;
  return ALIASES[key];
}
