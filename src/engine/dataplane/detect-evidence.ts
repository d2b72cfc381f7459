// Collecting what the snapshot shows about network plugins from DaemonSets, ConfigMaps and CRD
// groups (node annotations: detect-nodes.ts): per plugin, evidence items and setting values. Nothing
// here picks the plugin (detect.ts does).
import type { ConfigMapEvidence, ContainerEvidence, DaemonSetEvidence, FelixConfigurationEvidence } from '../../model/dataplane.ts';
import { PLUGIN_CRD_GROUPS } from '../../model/dataplane.ts';
import type { Snapshot } from '../../model/types.ts';
import { collectNodes } from './detect-nodes.ts';
import { antreaConfValues, flannelBackendOf, goFlag } from './detect-parse.ts';
import { PRIORITY, emptyCollected, offer, signalOf, type Collected } from './detect-signals.ts';
import { KNOWN_SETTINGS } from './profile.ts';
import { endpointToHostValue } from './profiles/felix.ts';
import type { PluginId } from './types.ts';

const DAEMONSET_PLUGINS: Readonly<Record<string, PluginId>> = {
  'kube-flannel-ds': 'flannel',
  'kube-flannel': 'flannel',
  'calico-node': 'calico',
  canal: 'canal',
  cilium: 'cilium',
  anetd: 'cilium',
  'kube-router': 'kube-router',
  'weave-net': 'weave',
  'romana-agent': 'romana',
  'antrea-agent': 'antrea',
  'ovnkube-node': 'ovn-kubernetes',
  'aws-node': 'aws-vpc-cni',
  'azure-npm': 'azure-npm',
  'kube-network-policies': 'kube-network-policies',
};

const CRD_PLUGINS: Readonly<Record<string, PluginId>> = {
  'cilium.io': 'cilium',
  'crd.projectcalico.org': 'calico',
  'crd.antrea.io': 'antrea',
  'k8s.ovn.org': 'ovn-kubernetes',
  'networking.k8s.aws': 'aws-vpc-cni',
};

/**
 * CALICO_IPV4POOL_IPIP / _VXLAN (Always, CrossSubnet, Never) as the calico `encapsulation` setting
 * (https://docs.tigera.io/calico/latest/reference/configure-calico-node: the default pool's modes).
 */
function calicoEncapsulation(env: Readonly<Record<string, string>>): string | undefined {
  const mode = (v: string | undefined) => (v ?? '').trim().toLowerCase();
  const ipip = mode(env.CALICO_IPV4POOL_IPIP);
  const vxlan = mode(env.CALICO_IPV4POOL_VXLAN);
  if (vxlan === 'always') return 'vxlan';
  if (vxlan === 'crosssubnet') return 'vxlan-cross-subnet';
  if (ipip === 'always') return 'ipip';
  if (ipip === 'crosssubnet') return 'ipip-cross-subnet';
  if ((ipip === 'never' || ipip === 'off') && (vxlan === 'never' || vxlan === '')) return 'none';
  return undefined;
}

function daemonSetSettings(c: Collected, plugin: PluginId, ds: DaemonSetEvidence, from: string): void {
  const containers: readonly ContainerEvidence[] = ds.containers;
  const p = PRIORITY.container;
  switch (plugin) {
    case 'calico': {
      const node = containers.find((x) => x.name === 'calico-node') ?? containers[0];
      if (!node) return;
      offer(c, 'calico', 'encapsulation', calicoEncapsulation(node.env), from, p);
      // FELIX_BPFENABLED / FELIX_NFTABLESMODE: https://docs.tigera.io/calico/latest/reference/felix/configuration
      const bpf = (node.env.FELIX_BPFENABLED ?? '').toLowerCase() === 'true';
      const nft = (node.env.FELIX_NFTABLESMODE ?? '').toLowerCase() === 'enabled';
      offer(c, 'calico', 'dataplane', bpf ? 'ebpf' : nft ? 'nftables' : undefined, from, p);
      offer(c, 'calico', 'endpoint-to-host-action', endpointToHostValue(node.env.FELIX_DEFAULTENDPOINTTOHOSTACTION), from, p);
      return;
    }
    case 'canal': {
      // Canal's Felix runs in the DaemonSet's calico-node container.
      const node = containers.find((x) => x.name === 'calico-node');
      if (node) offer(c, 'canal', 'endpoint-to-host-action', endpointToHostValue(node.env.FELIX_DEFAULTENDPOINTTOHOSTACTION), from, p);
      return;
    }
    case 'kube-router': {
      const args = containers.flatMap((x) => x.args);
      for (const key of KNOWN_SETTINGS['kube-router']) offer(c, 'kube-router', key, goFlag(args, key), from, p);
      return;
    }
    case 'weave': {
      // The weave-npc container is the policy controller; its absence is the switch being off.
      const npc = containers.some((x) => x.name === 'weave-npc');
      offer(c, 'weave', 'npc', npc ? 'true' : 'false', from, p);
      const noFastdp = containers.some((x) => (x.env.WEAVE_NO_FASTDP ?? '') !== '');
      if (noFastdp) offer(c, 'weave', 'fastdp', 'false', from, p);
      c.evidence.push({
        kind: 'Container',
        ref: `${ds.namespace}/${ds.name}: weave-npc`,
        detail: npc ? 'weave-npc container (policy controller) present' : 'no weave-npc container: no policy controller',
      });
      return;
    }
    case 'aws-vpc-cni': {
      // The node agent's switch (`aws-eks-nodeagent --enable-network-policy=true`, set from the same
      // Helm / EKS add-on value `enableNetworkPolicy` as the ConfigMap key, aws/aws-network-policy-agent#180);
      // on self-managed clusters the controller runs apart and the ConfigMap key may be absent. The
      // amazon-vpc-cni ConfigMap (higher priority) decides when it says.
      const agent = containers.find((x) => x.name === 'aws-eks-nodeagent');
      if (!agent) return;
      const on = goFlag(agent.args, 'enable-network-policy');
      offer(c, 'aws-vpc-cni', 'enable-network-policy-controller', on, `${from} container aws-eks-nodeagent`, p);
      c.evidence.push({
        kind: 'Container',
        ref: `${ds.namespace}/${ds.name}: aws-eks-nodeagent`,
        detail: `aws-eks-nodeagent --enable-network-policy=${on ?? '(not set)'}`,
      });
      return;
    }
    default:
      return;
  }
}

function collectDaemonSet(c: Collected, ds: DaemonSetEvidence): void {
  const ref = `${ds.namespace}/${ds.name}`;
  const plugin = DAEMONSET_PLUGINS[ds.name];
  if (plugin) {
    signalOf(c, plugin, true);
    const gke = ds.name === 'anetd' ? ' (GKE Dataplane V2, Cilium)' : '';
    c.evidence.push({ kind: 'DaemonSet', ref, detail: `DaemonSet ${ref}${gke}` });
    daemonSetSettings(c, plugin, ds, `DaemonSet ${ref}`);
  }
  if (ds.name !== 'kube-network-policies' && ds.containers.some((x) => x.name === 'kube-network-policies')) {
    signalOf(c, 'kube-network-policies', true);
    c.evidence.push({
      kind: 'Container',
      ref: `${ref}: kube-network-policies`,
      detail: `kube-network-policies container in DaemonSet ${ref}`,
    });
  }
}

function collectConfigMap(c: Collected, cm: ConfigMapEvidence): void {
  const ref = `${cm.namespace}/${cm.name}`;
  const from = `ConfigMap ${ref}`;
  const p = PRIORITY.configMap;
  const read: string[] = [];
  const take = (plugin: PluginId, key: string, value: string | undefined) => {
    if (value === undefined) return;
    offer(c, plugin, key, value, from, p);
    read.push(`${key}: ${value}`);
  };
  const flannelLike = (plugin: PluginId) => {
    signalOf(c, plugin, true);
    const netConf = cm.data['net-conf.json'];
    if (netConf === undefined) return;
    const backend = flannelBackendOf(netConf);
    if (backend.ok) take(plugin, 'backend', backend.value);
    else c.warnings.push(`${from}: ${backend.problem}; its flannel backend is ignored`);
  };
  switch (cm.name) {
    case 'kube-flannel-cfg':
      flannelLike('flannel');
      break;
    case 'canal-config':
      flannelLike('canal');
      break;
    case 'calico-config':
      signalOf(c, 'calico', true);
      // calico_backend: bird (BGP), vxlan (VXLAN without BGP) or none (policy only).
      if (cm.data.calico_backend?.trim() === 'vxlan') take('calico', 'encapsulation', 'vxlan');
      break;
    case 'cilium-config':
      signalOf(c, 'cilium', true);
      for (const key of KNOWN_SETTINGS.cilium) {
        const v = cm.data[key];
        take(
          'cilium',
          key,
          key === 'policy-cidr-match-mode' && v !== undefined ? [...new Set(v.split(/[\s,]+/).filter(Boolean))].sort().join(',') : v,
        );
      }
      break;
    case 'antrea-config': {
      signalOf(c, 'antrea', true);
      const conf = antreaConfValues(cm.data['antrea-agent.conf'] ?? '', KNOWN_SETTINGS.antrea);
      for (const key of KNOWN_SETTINGS.antrea) take('antrea', key, conf[key]);
      break;
    }
    case 'amazon-vpc-cni':
      signalOf(c, 'aws-vpc-cni', true);
      take('aws-vpc-cni', 'enable-network-policy-controller', cm.data['enable-network-policy-controller']);
      break;
    default:
      return;
  }
  c.evidence.push({ kind: 'ConfigMap', ref, detail: read.length > 0 ? `${from}: ${read.join(', ')}` : from });
}

/**
 * FelixConfiguration `default`: Felix's DefaultEndpointToHostAction below the calico-node env (Felix
 * reads its env first, then `node.<name>`, then `default`), for the Felix-based plugin something else
 * showed (Calico, or Canal). A `node.<name>` value holds for one node only: warned, not applied. A
 * FelixConfiguration points at no plugin by itself (its CRD group already is the weak signal).
 */
function collectFelixConfiguration(c: Collected, f: FelixConfigurationEvidence): void {
  const value = endpointToHostValue(f.defaultEndpointToHostAction);
  const from = `FelixConfiguration ${f.name}`;
  c.evidence.push({ kind: 'FelixConfiguration', ref: f.name, detail: value ? `${from}: defaultEndpointToHostAction: ${value}` : from });
  if (value === undefined) return;
  if (f.name !== 'default') {
    c.warnings.push(`${from} sets defaultEndpointToHostAction: ${value} for that node only; answers use the cluster-wide value`);
    return;
  }
  for (const plugin of ['calico', 'canal'] as const) {
    const signal = c.signals.get(plugin);
    if (!signal) continue;
    const list = signal.candidates.get('endpoint-to-host-action') ?? [];
    list.push({ value, from, priority: PRIORITY.datastore });
    signal.candidates.set('endpoint-to-host-action', list);
  }
}

/** Everything the snapshot shows about network plugins, in the order it is weighed. */
export function collectEvidence(snapshot: Snapshot): Collected {
  const c = emptyCollected();
  const ev = snapshot.dataplane;
  for (const ds of ev?.daemonSets ?? []) collectDaemonSet(c, ds);
  for (const cm of ev?.configMaps ?? []) collectConfigMap(c, cm);
  for (const group of ev?.crdGroups ?? []) {
    const plugin = CRD_PLUGINS[group];
    if (!plugin || !PLUGIN_CRD_GROUPS.includes(group)) continue;
    signalOf(c, plugin, false);
    c.evidence.push({ kind: 'CustomResourceDefinition', ref: group, detail: `CustomResourceDefinitions in API group ${group}` });
  }
  for (const f of ev?.felixConfigurations ?? []) collectFelixConfiguration(c, f);
  collectNodes(c, snapshot.nodes);
  return c;
}
