// Detection of the network plugin and its settings from the objects a cluster (or a manifest) shows:
// DaemonSets, ConfigMaps, CRD groups, node annotations; `--cni` overriding them; precedence when
// several plugins show up; malformed evidence as warnings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ConfigMapEvidence, ContainerEvidence, DaemonSetEvidence, FelixConfigurationEvidence } from '../../../src/model/dataplane.ts';
import type { Node, Snapshot } from '../../../src/model/types.ts';
import { emptySnapshot } from '../../../src/model/types.ts';
import { detectDataplane } from '../../../src/engine/dataplane/detect.ts';
import { antreaConfValues, flannelBackendOf, goFlag, k3sFlag, k3sNodeArgs } from '../../../src/engine/dataplane/detect-parse.ts';
import type { DeviationCode, EvidenceKind, PluginId } from '../../../src/engine/dataplane/types.ts';

// ---- fixture builders -------------------------------------------------------------------------

function ctr(name: string, args: string[] = [], env: Record<string, string> = {}): ContainerEvidence {
  return { name, args, env };
}

function ds(name: string, containers: ContainerEvidence[] = [ctr(name)], namespace = 'kube-system'): DaemonSetEvidence {
  return { namespace, name, containers };
}

function cm(name: string, data: Record<string, string>, namespace = 'kube-system'): ConfigMapEvidence {
  return { namespace, name, data };
}

function nodeWith(name: string, annotations: Record<string, string>): Node {
  return { name, labels: {}, annotations, internalIPs: [], externalIPs: [] };
}

interface Parts {
  readonly daemonSets?: DaemonSetEvidence[];
  readonly configMaps?: ConfigMapEvidence[];
  readonly crdGroups?: string[];
  readonly felix?: FelixConfigurationEvidence[];
  readonly nodes?: Node[];
  readonly cni?: { plugin: string; settings: Record<string, string> };
}

function snap(p: Parts): Snapshot {
  return {
    ...emptySnapshot('cluster'),
    nodes: p.nodes ?? [],
    dataplane: {
      daemonSets: p.daemonSets ?? [],
      configMaps: p.configMaps ?? [],
      crdGroups: p.crdGroups ?? [],
      ...(p.felix ? { felixConfigurations: p.felix } : {}),
    },
    ...(p.cni ? { cni: p.cni } : {}),
  };
}

const netConf = (type: string) => JSON.stringify({ Network: '10.244.0.0/16', Backend: { Type: type } });
const flannelDs = ds('kube-flannel-ds', [ctr('kube-flannel', ['--ip-masq', '--kube-subnet-mgr'])], 'kube-flannel');
const flannelCfg = (type: string) => cm('kube-flannel-cfg', { 'net-conf.json': netConf(type) }, 'kube-flannel');
const calicoNode = (env: Record<string, string> = {}) => ds('calico-node', [ctr('calico-node', [], env)]);
const ciliumWith = (data: Record<string, string>): Parts => ({
  daemonSets: [ds('cilium', [ctr('cilium-agent')])],
  configMaps: [cm('cilium-config', data)],
});
const k3sNode = (name: string, args: string[]) => nodeWith(name, { 'k3s.io/node-args': JSON.stringify(args) });
const awsNode = (agentArgs: string[] | null) =>
  ds('aws-node', [ctr('aws-node'), ...(agentArgs ? [ctr('aws-eks-nodeagent', agentArgs)] : [])]);

// ---- cases -------------------------------------------------------------------------------------

interface Case {
  readonly name: string;
  readonly parts: Parts;
  readonly plugin: PluginId;
  readonly enforcement: 'enforced' | 'not-enforced' | 'unknown';
  readonly source?: 'override' | 'detected' | 'none';
  /** Settings that must be in the profile's echo (others may be too). */
  readonly settings?: Record<string, string>;
  readonly network?: { kind: string; mode: string };
  readonly deviations?: readonly DeviationCode[];
  readonly ipBlockScope?: 'all' | 'nodes-and-external' | 'external';
  /** Substrings, one per expected warning; omitted: no warning at all. */
  readonly warnings?: readonly string[];
  readonly evidence?: readonly EvidenceKind[];
}

const CASES: Case[] = [
  // flannel alone enforces nothing.
  {
    name: 'a flannel cluster with no policy controller: flannel, not enforced',
    parts: { daemonSets: [flannelDs], configMaps: [flannelCfg('vxlan')] },
    plugin: 'flannel',
    enforcement: 'not-enforced',
    settings: { backend: 'vxlan' },
    network: { kind: 'overlay', mode: 'vxlan' },
    evidence: ['DaemonSet', 'ConfigMap'],
  },
  {
    name: 'flannel host-gw from net-conf.json: an underlay',
    parts: { daemonSets: [flannelDs], configMaps: [flannelCfg('host-gw')] },
    plugin: 'flannel',
    enforcement: 'not-enforced',
    settings: { backend: 'host-gw' },
    network: { kind: 'underlay', mode: 'host-gw' },
  },
  {
    name: 'flannel udp backend',
    parts: { daemonSets: [flannelDs], configMaps: [flannelCfg('udp')] },
    plugin: 'flannel',
    enforcement: 'not-enforced',
    network: { kind: 'overlay', mode: 'udp' },
  },
  {
    name: 'flannel from its node annotation only',
    parts: { nodes: [nodeWith('n1', { 'flannel.alpha.coreos.com/backend-type': 'host-gw' })] },
    plugin: 'flannel',
    enforcement: 'not-enforced',
    settings: { backend: 'host-gw' },
    evidence: ['NodeAnnotation'],
  },
  {
    name: "flannel net-conf.json without Backend: flannel's own default, udp",
    parts: { daemonSets: [flannelDs], configMaps: [cm('kube-flannel-cfg', { 'net-conf.json': '{"Network":"10.244.0.0/16"}' })] },
    plugin: 'flannel',
    enforcement: 'not-enforced',
    settings: { backend: 'udp' },
  },
  // Canal.
  {
    name: 'Canal from its DaemonSet and canal-config',
    parts: {
      daemonSets: [ds('canal', [ctr('calico-node'), ctr('kube-flannel')])],
      configMaps: [cm('canal-config', { 'net-conf.json': netConf('vxlan') })],
    },
    plugin: 'canal',
    enforcement: 'enforced',
    settings: { backend: 'vxlan' },
    network: { kind: 'overlay', mode: 'vxlan' },
    deviations: [],
  },
  {
    name: "flannel + Calico = Canal, on flannel's backend",
    parts: { daemonSets: [flannelDs, calicoNode()], configMaps: [flannelCfg('host-gw')], crdGroups: ['crd.projectcalico.org'] },
    plugin: 'canal',
    enforcement: 'enforced',
    settings: { backend: 'host-gw' },
    network: { kind: 'underlay', mode: 'host-gw' },
  },
  // kube-network-policies.
  {
    name: "flannel + the kube-network-policies container: kube-network-policies on flannel's network",
    parts: {
      daemonSets: [ds('kube-flannel-ds', [ctr('kube-flannel'), ctr('kube-network-policies')], 'kube-flannel')],
      configMaps: [flannelCfg('host-gw')],
    },
    plugin: 'kube-network-policies',
    enforcement: 'enforced',
    settings: { 'flannel-backend': 'host-gw' },
    network: { kind: 'underlay', mode: 'host-gw' },
    evidence: ['DaemonSet', 'Container', 'ConfigMap'],
  },
  {
    name: 'flannel + a kube-network-policies DaemonSet, flannel backend unknown: vxlan',
    parts: { daemonSets: [flannelDs, ds('kube-network-policies')] },
    plugin: 'kube-network-policies',
    enforcement: 'enforced',
    settings: { 'flannel-backend': 'vxlan' },
  },
  {
    name: 'kube-network-policies alone: its network is unknown',
    parts: { daemonSets: [ds('kube-network-policies')] },
    plugin: 'kube-network-policies',
    enforcement: 'enforced',
    network: { kind: 'unknown', mode: 'unknown' },
  },
  // Calico.
  {
    name: 'Calico IPIP from CALICO_IPV4POOL_IPIP',
    parts: { daemonSets: [calicoNode({ CALICO_IPV4POOL_IPIP: 'Always', CALICO_IPV4POOL_VXLAN: 'Never' })] },
    plugin: 'calico',
    enforcement: 'enforced',
    settings: { encapsulation: 'ipip', dataplane: 'iptables' },
    network: { kind: 'overlay', mode: 'ipip' },
  },
  {
    name: 'Calico VXLAN CrossSubnet: hybrid',
    parts: { daemonSets: [calicoNode({ CALICO_IPV4POOL_IPIP: 'Never', CALICO_IPV4POOL_VXLAN: 'CrossSubnet' })] },
    plugin: 'calico',
    enforcement: 'enforced',
    settings: { encapsulation: 'vxlan-cross-subnet' },
    network: { kind: 'hybrid', mode: 'vxlan-cross-subnet' },
  },
  // Felix DefaultEndpointToHostAction from the calico-node container's env (any case), as evidence.
  {
    name: 'Calico FELIX_DEFAULTENDPOINTTOHOSTACTION=ACCEPT: endpoint-to-host-action Accept, no deviation',
    parts: { daemonSets: [calicoNode({ FELIX_DEFAULTENDPOINTTOHOSTACTION: 'ACCEPT' })] },
    plugin: 'calico',
    enforcement: 'enforced',
    settings: { 'endpoint-to-host-action': 'Accept' },
    deviations: [],
  },
  {
    name: 'Calico FELIX_DEFAULTENDPOINTTOHOSTACTION=DROP: the endpoint-to-host-drop deviation',
    parts: { daemonSets: [calicoNode({ FELIX_DEFAULTENDPOINTTOHOSTACTION: 'DROP' })] },
    plugin: 'calico',
    enforcement: 'enforced',
    settings: { 'endpoint-to-host-action': 'Drop' },
    deviations: ['endpoint-to-host-drop'],
  },
  {
    name: 'Calico FelixConfiguration default spec.defaultEndpointToHostAction: Accept',
    parts: { daemonSets: [calicoNode()], felix: [{ name: 'default', defaultEndpointToHostAction: 'Accept' }] },
    plugin: 'calico',
    enforcement: 'enforced',
    settings: { 'endpoint-to-host-action': 'Accept' },
    evidence: ['DaemonSet', 'FelixConfiguration'],
  },
  {
    name: 'Calico: the calico-node env wins over FelixConfiguration default (Felix reads env first), with a warning',
    parts: {
      daemonSets: [calicoNode({ FELIX_DEFAULTENDPOINTTOHOSTACTION: 'DROP' })],
      felix: [{ name: 'default', defaultEndpointToHostAction: 'Accept' }],
    },
    plugin: 'calico',
    enforcement: 'enforced',
    settings: { 'endpoint-to-host-action': 'Drop' },
    deviations: ['endpoint-to-host-drop'],
    warnings: ['endpoint-to-host-action: DaemonSet kube-system/calico-node says "Drop" but FelixConfiguration default says "Accept"'],
  },
  {
    name: 'Calico: a node.<name> FelixConfiguration is per node: warned, not applied',
    parts: { daemonSets: [calicoNode()], felix: [{ name: 'node.n1', defaultEndpointToHostAction: 'Drop' }] },
    plugin: 'calico',
    enforcement: 'enforced',
    deviations: [],
    warnings: ['FelixConfiguration node.n1 sets defaultEndpointToHostAction: Drop for that node only'],
  },
  {
    name: 'Canal: FelixConfiguration default reaches Canal too',
    parts: {
      daemonSets: [ds('canal', [ctr('calico-node'), ctr('kube-flannel')])],
      felix: [{ name: 'default', defaultEndpointToHostAction: 'Return' }],
    },
    plugin: 'canal',
    enforcement: 'enforced',
    settings: { 'endpoint-to-host-action': 'Return' },
  },
  {
    name: 'Canal: FELIX_DEFAULTENDPOINTTOHOSTACTION=Return on its calico-node container',
    parts: { daemonSets: [ds('canal', [ctr('calico-node', [], { FELIX_DEFAULTENDPOINTTOHOSTACTION: 'Return' }), ctr('kube-flannel')])] },
    plugin: 'canal',
    enforcement: 'enforced',
    settings: { 'endpoint-to-host-action': 'Return' },
    deviations: [],
  },
  {
    name: 'Calico BGP without encapsulation, eBPF dataplane',
    parts: { daemonSets: [calicoNode({ CALICO_IPV4POOL_IPIP: 'Never', FELIX_BPFENABLED: 'true' })] },
    plugin: 'calico',
    enforcement: 'enforced',
    settings: { encapsulation: 'none', dataplane: 'ebpf' },
    network: { kind: 'underlay', mode: 'bgp' },
  },
  {
    name: 'Calico from the IPv4IPIPTunnelAddr node annotation: IPIP',
    parts: { nodes: [nodeWith('n1', { 'projectcalico.org/IPv4IPIPTunnelAddr': '10.244.1.0' })] },
    plugin: 'calico',
    enforcement: 'enforced',
    settings: { encapsulation: 'ipip' },
  },
  {
    name: 'Calico CrossSubnet env and an IPIP tunnel address agree (no warning)',
    parts: {
      daemonSets: [calicoNode({ CALICO_IPV4POOL_IPIP: 'CrossSubnet' })],
      nodes: [nodeWith('n1', { 'projectcalico.org/IPv4IPIPTunnelAddr': '10.244.1.0' })],
    },
    plugin: 'calico',
    enforcement: 'enforced',
    settings: { encapsulation: 'ipip-cross-subnet' },
  },
  // Cilium.
  {
    name: 'Cilium defaults: enforced, ipBlock ignores the cluster, VXLAN tunnel',
    parts: ciliumWith({}),
    plugin: 'cilium',
    enforcement: 'enforced',
    settings: { 'enable-policy': 'default', 'routing-mode': 'tunnel', 'tunnel-protocol': 'vxlan' },
    network: { kind: 'overlay', mode: 'vxlan' },
    deviations: ['ipblock-ignores-cluster', 'identity-label-filter'],
    ipBlockScope: 'external',
  },
  {
    name: 'Cilium with enable-policy: never: not enforced',
    parts: ciliumWith({ 'enable-policy': 'never' }),
    plugin: 'cilium',
    enforcement: 'not-enforced',
    deviations: [],
  },
  {
    name: 'Cilium with policy-audit-mode: "true": not enforced',
    parts: ciliumWith({ 'policy-audit-mode': 'true' }),
    plugin: 'cilium',
    enforcement: 'not-enforced',
    settings: { 'policy-audit-mode': 'true' },
  },
  {
    name: 'Cilium with enable-policy: always: unselected pods isolated',
    parts: ciliumWith({ 'enable-policy': 'always' }),
    plugin: 'cilium',
    enforcement: 'enforced',
    deviations: ['ipblock-ignores-cluster', 'isolates-unselected', 'identity-label-filter'],
  },
  {
    name: 'Cilium with policy-cidr-match-mode: nodes: node IPs can be matched',
    parts: ciliumWith({ 'policy-cidr-match-mode': 'nodes' }),
    plugin: 'cilium',
    enforcement: 'enforced',
    deviations: ['ipblock-ignores-cluster', 'identity-label-filter'],
    ipBlockScope: 'nodes-and-external',
  },
  {
    name: 'Cilium native routing and Geneve',
    parts: ciliumWith({ 'routing-mode': 'native', 'tunnel-protocol': 'geneve' }),
    plugin: 'cilium',
    enforcement: 'enforced',
    network: { kind: 'underlay', mode: 'native-routing' },
  },
  {
    name: 'Cilium legacy tunnel: disabled means native routing',
    parts: ciliumWith({ tunnel: 'disabled' }),
    plugin: 'cilium',
    enforcement: 'enforced',
    settings: { 'routing-mode': 'native', tunnel: 'disabled' },
    network: { kind: 'underlay', mode: 'native-routing' },
  },
  {
    name: 'Cilium legacy tunnel: geneve',
    parts: ciliumWith({ tunnel: 'geneve' }),
    plugin: 'cilium',
    enforcement: 'enforced',
    network: { kind: 'overlay', mode: 'geneve' },
  },
  {
    name: 'GKE Dataplane V2 (anetd) is Cilium',
    parts: { daemonSets: [ds('anetd', [ctr('cilium-agent')])] },
    plugin: 'cilium',
    enforcement: 'enforced',
    deviations: ['ipblock-ignores-cluster', 'identity-label-filter'],
  },
  {
    name: 'Cilium from its CRD group alone (nothing else shows a plugin)',
    parts: { crdGroups: ['cilium.io'] },
    plugin: 'cilium',
    enforcement: 'enforced',
    evidence: ['CustomResourceDefinition'],
  },
  {
    name: 'Cilium from cilium-config: an undocumented enable-policy value is unknown, with a warning',
    parts: ciliumWith({ 'enable-policy': 'sometimes' }),
    plugin: 'cilium',
    enforcement: 'unknown',
    warnings: ['invalid value "sometimes" for cilium setting enable-policy'],
  },
  // kube-router.
  {
    name: 'kube-router default: its firewall enforces',
    parts: { daemonSets: [ds('kube-router', [ctr('kube-router', ['--run-router=true', '--run-firewall=true'])])] },
    plugin: 'kube-router',
    enforcement: 'enforced',
    network: { kind: 'hybrid', mode: 'bgp+ipip-cross-subnet' },
  },
  {
    name: 'kube-router --run-firewall=false: not enforced',
    parts: { daemonSets: [ds('kube-router', [ctr('kube-router', ['--run-firewall=false', '--enable-overlay=false'])])] },
    plugin: 'kube-router',
    enforcement: 'not-enforced',
    settings: { 'run-firewall': 'false' },
    network: { kind: 'underlay', mode: 'bgp' },
  },
  // Weave Net.
  {
    name: 'Weave Net with weave-npc: enforced, with its deviations',
    parts: { daemonSets: [ds('weave-net', [ctr('weave'), ctr('weave-npc')])] },
    plugin: 'weave',
    enforcement: 'enforced',
    settings: { npc: 'true' },
    deviations: ['endport-ignored', 'named-port-policy-rejected'],
    evidence: ['DaemonSet', 'Container'],
  },
  {
    name: 'Weave Net without weave-npc: not enforced',
    parts: { daemonSets: [ds('weave-net', [ctr('weave', [], { WEAVE_NO_FASTDP: '1' })])] },
    plugin: 'weave',
    enforcement: 'not-enforced',
    settings: { npc: 'false', fastdp: 'false' },
    network: { kind: 'overlay', mode: 'sleeve' },
    deviations: [],
  },
  // Romana, Antrea, OVN-Kubernetes, Azure NPM.
  { name: 'Romana: v1 policies not enforced', parts: { daemonSets: [ds('romana-agent')] }, plugin: 'romana', enforcement: 'not-enforced' },
  {
    name: 'Antrea from antrea-config: noEncap (commented keys ignored)',
    parts: {
      daemonSets: [ds('antrea-agent')],
      configMaps: [
        cm('antrea-config', {
          'antrea-agent.conf': '# tunnelType: vxlan\ntrafficEncapMode: "noEncap"  # routed\nfeatureGates:\n  trafficEncapMode: encap\n',
        }),
      ],
      crdGroups: ['crd.antrea.io'],
    },
    plugin: 'antrea',
    enforcement: 'enforced',
    settings: { trafficEncapMode: 'noEncap', tunnelType: 'geneve' },
    network: { kind: 'underlay', mode: 'noEncap' },
  },
  {
    name: 'Antrea default: Geneve overlay',
    parts: { daemonSets: [ds('antrea-agent')] },
    plugin: 'antrea',
    enforcement: 'enforced',
    network: { kind: 'overlay', mode: 'geneve' },
  },
  {
    name: 'OVN-Kubernetes: named ports admit every port',
    parts: { daemonSets: [ds('ovnkube-node', [ctr('ovnkube-controller')], 'ovn-kubernetes')], crdGroups: ['k8s.ovn.org'] },
    plugin: 'ovn-kubernetes',
    enforcement: 'enforced',
    deviations: ['named-port-any-port'],
    network: { kind: 'overlay', mode: 'geneve' },
  },
  { name: 'Azure NPM', parts: { daemonSets: [ds('azure-npm')] }, plugin: 'azure-npm', enforcement: 'enforced', deviations: [] },
  // AWS VPC CNI.
  {
    name: 'AWS VPC CNI without the controller switch: not enforced',
    parts: {
      daemonSets: [awsNode(null)],
      configMaps: [cm('amazon-vpc-cni', { 'enable-windows-ipam': 'false' })],
      crdGroups: ['networking.k8s.aws'],
    },
    plugin: 'aws-vpc-cni',
    enforcement: 'not-enforced',
    network: { kind: 'underlay', mode: 'eni' },
    deviations: [],
  },
  {
    name: 'AWS VPC CNI with enable-network-policy-controller: "true": enforced, egress before DNAT',
    parts: {
      daemonSets: [awsNode(['--enable-network-policy=true'])],
      configMaps: [cm('amazon-vpc-cni', { 'enable-network-policy-controller': 'true' })],
    },
    plugin: 'aws-vpc-cni',
    enforcement: 'enforced',
    deviations: ['egress-before-service-dnat'],
  },
  {
    name: "AWS VPC CNI: the node agent's --enable-network-policy=true counts when the ConfigMap does not say",
    parts: { daemonSets: [awsNode(['--enable-network-policy=true'])] },
    plugin: 'aws-vpc-cni',
    enforcement: 'enforced',
  },
  {
    name: 'AWS VPC CNI: the ConfigMap\'s "false" wins over the node agent, with a warning',
    parts: {
      daemonSets: [awsNode(['--enable-network-policy=true'])],
      configMaps: [cm('amazon-vpc-cni', { 'enable-network-policy-controller': 'false' })],
    },
    plugin: 'aws-vpc-cni',
    enforcement: 'not-enforced',
    warnings: ['says "false" but DaemonSet kube-system/aws-node container aws-eks-nodeagent says "true"'],
  },
  // k3s.
  {
    name: 'k3s: its embedded controller enforces, flannel vxlan',
    parts: {
      nodes: [
        k3sNode('n1', ['server']),
        nodeWith('n2', { 'k3s.io/node-args': '["agent"]', 'flannel.alpha.coreos.com/backend-type': 'vxlan' }),
      ],
    },
    plugin: 'k3s',
    enforcement: 'enforced',
    settings: { 'disable-network-policy': 'false', 'flannel-backend': 'vxlan' },
    network: { kind: 'overlay', mode: 'vxlan' },
  },
  {
    name: 'k3s with --disable-network-policy (config-file form): not enforced',
    parts: { nodes: [k3sNode('n1', ['server', '--disable-network-policy', 'true'])] },
    plugin: 'k3s',
    enforcement: 'not-enforced',
    settings: { 'disable-network-policy': 'true' },
  },
  {
    name: 'k3s with a bare --disable-network-policy: not enforced',
    parts: { nodes: [k3sNode('n1', ['server', '--disable-network-policy', '--flannel-backend=host-gw'])] },
    plugin: 'k3s',
    enforcement: 'not-enforced',
    settings: { 'flannel-backend': 'host-gw' },
    network: { kind: 'underlay', mode: 'host-gw' },
  },
  {
    name: 'k3s --flannel-backend none --disable-network-policy with Cilium: Cilium',
    parts: {
      daemonSets: [ds('cilium')],
      nodes: [k3sNode('n1', ['server', '--flannel-backend', 'none', '--disable-network-policy', 'true'])],
    },
    plugin: 'cilium',
    enforcement: 'enforced',
    warnings: ['k3s runs with --flannel-backend=none and --disable-network-policy and Cilium is present'],
  },
  {
    name: 'k3s default with Calico also seen: k3s, with a warning',
    parts: { daemonSets: [calicoNode()], nodes: [k3sNode('n1', ['server'])] },
    plugin: 'k3s',
    enforcement: 'enforced',
    warnings: ["k3s's embedded policy controller and Calico were both seen"],
  },
  // Precedence between unrelated plugins.
  {
    name: 'a policy-capable plugin wins over flannel (no warning)',
    parts: { daemonSets: [flannelDs, ds('cilium')] },
    plugin: 'cilium',
    enforcement: 'enforced',
  },
  {
    name: 'Calico policy on the AWS VPC CNI (controller off): Calico, no warning',
    parts: { daemonSets: [awsNode(null), calicoNode()] },
    plugin: 'calico',
    enforcement: 'enforced',
  },
  {
    name: 'two unrelated policy plugins: the first in the fixed order, with a warning',
    parts: { daemonSets: [calicoNode(), ds('cilium')] },
    plugin: 'cilium',
    enforcement: 'enforced',
    warnings: ['Cilium, Calico may enforce NetworkPolicy: answering under Cilium'],
  },
  {
    name: 'leftover CRDs of another plugin are ignored, with a warning',
    parts: { daemonSets: [ds('cilium')], crdGroups: ['cilium.io', 'crd.projectcalico.org'] },
    plugin: 'cilium',
    enforcement: 'enforced',
    warnings: ["Calico's CustomResourceDefinitions are installed but nothing else shows Calico running"],
  },
  // Override, nothing, malformed evidence.
  {
    name: '--cni wins over the evidence',
    parts: { daemonSets: [ds('cilium')], cni: { plugin: 'calico', settings: {} } },
    plugin: 'calico',
    enforcement: 'enforced',
    source: 'override',
    evidence: ['Override'],
    warnings: ['--cni overrides what the cluster objects show (Cilium)'],
  },
  {
    name: '--cni with settings and an alias',
    parts: { cni: { plugin: 'aws', settings: { 'enable-network-policy-controller': 'true' } } },
    plugin: 'aws-vpc-cni',
    enforcement: 'enforced',
    source: 'override',
    deviations: ['egress-before-service-dnat'],
    evidence: ['Override'],
  },
  {
    name: '--cni flannel on a cluster with nothing: flannel, not enforced',
    parts: { cni: { plugin: 'flannel', settings: { backend: 'host-gw' } } },
    plugin: 'flannel',
    enforcement: 'not-enforced',
    source: 'override',
    network: { kind: 'underlay', mode: 'host-gw' },
  },
  { name: 'no evidence at all: unknown, source none', parts: {}, plugin: 'unknown', enforcement: 'unknown', source: 'none', evidence: [] },
  {
    name: 'unrelated CRD groups are not evidence',
    parts: { crdGroups: ['cert-manager.io'] },
    plugin: 'unknown',
    enforcement: 'unknown',
    source: 'none',
    evidence: [],
  },
  {
    name: 'malformed net-conf.json: a warning, flannel still detected',
    parts: { daemonSets: [flannelDs], configMaps: [cm('kube-flannel-cfg', { 'net-conf.json': '{"Backend": {' }, 'kube-flannel')] },
    plugin: 'flannel',
    enforcement: 'not-enforced',
    settings: { backend: 'vxlan' },
    warnings: ['ConfigMap kube-flannel/kube-flannel-cfg: net-conf.json is not valid JSON'],
  },
  {
    name: 'malformed k3s node-args: a warning, k3s with its defaults',
    parts: { nodes: [nodeWith('n1', { 'k3s.io/node-args': 'server --disable-network-policy' })] },
    plugin: 'k3s',
    enforcement: 'enforced',
    warnings: ['node n1: k3s.io/node-args is not valid JSON'],
  },
  {
    name: 'net-conf.json and a node annotation disagree: the ConfigMap wins, with a warning',
    parts: {
      daemonSets: [flannelDs],
      configMaps: [flannelCfg('vxlan')],
      nodes: [nodeWith('n1', { 'flannel.alpha.coreos.com/backend-type': 'host-gw' })],
    },
    plugin: 'flannel',
    enforcement: 'not-enforced',
    settings: { backend: 'vxlan' },
    warnings: ['flannel backend: ConfigMap kube-flannel/kube-flannel-cfg says "vxlan" but node n1'],
  },
];

describe('detection picks the plugin and its settings from the evidence', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const d = detectDataplane(snap(c.parts));
      assert.equal(d.profile.id, c.plugin);
      assert.equal(d.profile.enforcement, c.enforcement, d.profile.enforcementReason);
      assert.equal(d.source, c.source ?? (c.plugin === 'unknown' ? 'none' : 'detected'));
      for (const [k, v] of Object.entries(c.settings ?? {})) assert.equal(d.profile.settings[k], v, `setting ${k}`);
      if (c.network) assert.deepEqual(d.profile.network, c.network);
      if (c.deviations)
        assert.deepEqual(
          d.profile.deviations.map((x) => x.code),
          c.deviations,
        );
      if (c.ipBlockScope) assert.equal(d.profile.ipBlockScope, c.ipBlockScope);
      if (c.evidence)
        assert.deepEqual(
          d.evidence.map((e) => e.kind),
          c.evidence,
        );
      const expected = c.warnings ?? [];
      assert.equal(d.warnings.length, expected.length, `warnings: ${JSON.stringify(d.warnings)}`);
      expected.forEach((w, i) => assert.ok(d.warnings[i].includes(w), `"${d.warnings[i]}" includes "${w}"`));
    });
  }
});

describe('detection evidence says what was weighed', () => {
  it('the same annotation on many nodes is one evidence item naming the first node', () => {
    const nodes = ['n3', 'n1', 'n2'].map((n) => nodeWith(n, { 'flannel.alpha.coreos.com/backend-type': 'vxlan' }));
    const d = detectDataplane(snap({ nodes }));
    assert.deepEqual(d.evidence, [
      { kind: 'NodeAnnotation', ref: 'n1 (+2 more): flannel.alpha.coreos.com/backend-type', detail: 'flannel backend vxlan' },
    ]);
  });
  it('a ConfigMap item lists the settings read from it', () => {
    const d = detectDataplane(snap(ciliumWith({ 'enable-policy': 'never', unrelated: 'x' })));
    assert.deepEqual(d.evidence[1], {
      kind: 'ConfigMap',
      ref: 'kube-system/cilium-config',
      detail: 'ConfigMap kube-system/cilium-config: enable-policy: never',
    });
  });
  it('GKE Dataplane V2 is named in the DaemonSet item', () => {
    const d = detectDataplane(snap({ daemonSets: [ds('anetd')] }));
    assert.equal(d.evidence[0].detail, 'DaemonSet kube-system/anetd (GKE Dataplane V2, Cilium)');
  });
  it('the override item spells the flag', () => {
    const d = detectDataplane(snap({ cni: { plugin: 'cilium', settings: { 'enable-policy': 'always' } } }));
    assert.deepEqual(d.evidence, [{ kind: 'Override', ref: '--cni', detail: '--cni cilium,enable-policy=always' }]);
  });
  it('k3s node-args evidence shows the network flags', () => {
    const d = detectDataplane(snap({ nodes: [k3sNode('n1', ['server', '--disable-network-policy', 'true'])] }));
    assert.equal(d.evidence[0].detail, 'k3s server --disable-network-policy=true');
  });
  it('a snapshot without dataplane evidence still reads node annotations', () => {
    const s: Snapshot = { ...emptySnapshot('cluster'), nodes: [k3sNode('n1', ['server'])] };
    assert.equal(detectDataplane(s).profile.id, 'k3s');
  });
  it('an override naming no known plugin answers with no profile and says so', () => {
    const d = detectDataplane(snap({ cni: { plugin: 'contiv', settings: {} } }));
    assert.equal(d.source, 'override');
    assert.equal(d.profile.id, 'unknown');
    assert.ok(d.warnings[0].includes('no known network plugin ("contiv")'));
  });
});

describe('settings are read from flags and files', () => {
  const flagCases: [string, string[], string, boolean, string | undefined][] = [
    ['config-file form: the value follows', ['server', '--disable-network-policy', 'true'], 'disable-network-policy', true, 'true'],
    ['config-file form: false', ['server', '--disable-network-policy', 'false'], 'disable-network-policy', true, 'false'],
    [
      'bare boolean before another flag',
      ['server', '--disable-network-policy', '--flannel-backend', 'none'],
      'disable-network-policy',
      true,
      'true',
    ],
    ['bare boolean at the end', ['server', '--disable-network-policy'], 'disable-network-policy', true, 'true'],
    ['CLI form with =', ['server', '--flannel-backend=host-gw'], 'flannel-backend', false, 'host-gw'],
    ['value as next element', ['server', '--flannel-backend', 'wireguard-native'], 'flannel-backend', false, 'wireguard-native'],
    ['absent', ['agent'], 'flannel-backend', false, undefined],
  ];
  for (const [name, args, flag, boolean, expected] of flagCases) {
    it(`k3s node-args: ${name}`, () => assert.equal(k3sFlag(args, flag, boolean), expected));
  }
  it('k3s node-args must be a JSON array of strings', () => {
    assert.deepEqual(k3sNodeArgs('["server"]'), { ok: true, value: ['server'] });
    assert.equal(k3sNodeArgs('{"a":1}').ok, false);
    assert.equal(k3sNodeArgs('[1]').ok, false);
  });
  it('Go flags: =value, bare boolean, last wins, split command strings', () => {
    assert.equal(goFlag(['--run-firewall=false'], 'run-firewall'), 'false');
    assert.equal(goFlag(['--run-firewall'], 'run-firewall'), 'true');
    assert.equal(goFlag(['--run-firewall=false', '--run-firewall=true'], 'run-firewall'), 'true');
    assert.equal(goFlag(['/bin/sh', '-c', 'kube-router --run-firewall=false --run-router'], 'run-firewall'), 'false');
    assert.equal(goFlag(['--run-router'], 'run-firewall'), undefined);
  });
  it('flannel net-conf.json Backend.Type', () => {
    assert.deepEqual(flannelBackendOf(netConf('VXLAN')), { ok: true, value: 'vxlan' });
    assert.deepEqual(flannelBackendOf('{"Network":"10.0.0.0/8"}'), { ok: true, value: 'udp' });
    assert.equal(flannelBackendOf('[]').ok, false);
    assert.equal(flannelBackendOf('{"Backend": {"Type": 7}}').ok, false);
  });
  it('antrea-agent.conf: unindented, uncommented keys only', () => {
    const text = "trafficEncapMode: hybrid\n#tunnelType: gre\nnested:\n  tunnelType: stt\ntunnelType: 'vxlan' # comment\n";
    assert.deepEqual(antreaConfValues(text, ['trafficEncapMode', 'tunnelType']), { trafficEncapMode: 'hybrid', tunnelType: 'vxlan' });
  });
});
