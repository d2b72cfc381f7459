// Each plugin profile under its settings: whether v1 NetworkPolicy is enforced (and why), the
// deviations and undocumented behaviours in force, the ipBlock scope and the network; plus what every
// profile must carry (sources, node-local reachability, echoed settings) and the plugin names.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KNOWN_SETTINGS, pluginIdOf, profileFor, settingProblemsFor } from '../../../src/engine/dataplane/profile.ts';
import { ALL_DEVIATIONS } from '../../../src/engine/dataplane/profiles/deviations.ts';
import { PLUGIN_IDS, type DeviationCode, type PluginId, type Profile } from '../../../src/engine/dataplane/types.ts';

interface Case {
  readonly name: string;
  readonly id: PluginId;
  readonly settings?: Record<string, string>;
  readonly enforcement: Profile['enforcement'];
  /** A substring of the reason (the setting that decided it, when one did). */
  readonly reason?: string;
  readonly deviations?: readonly DeviationCode[];
  readonly undocumented?: readonly string[];
  readonly ipBlockScope?: Profile['ipBlockScope'];
  readonly network?: Profile['network'];
}

const CASES: Case[] = [
  {
    name: 'flannel enforces nothing and says what to pair it with',
    id: 'flannel',
    enforcement: 'not-enforced',
    reason: 'pair it with Calico (Canal), kube-network-policies',
    deviations: [],
    network: { kind: 'overlay', mode: 'vxlan' },
  },
  {
    name: 'flannel host-gw is an underlay',
    id: 'flannel',
    settings: { backend: 'host-gw' },
    enforcement: 'not-enforced',
    network: { kind: 'underlay', mode: 'host-gw' },
  },
  {
    name: 'flannel wireguard is an overlay',
    id: 'flannel',
    settings: { backend: 'wireguard' },
    enforcement: 'not-enforced',
    network: { kind: 'overlay', mode: 'wireguard' },
  },
  {
    name: 'Calico is conformant (IPIP by default)',
    id: 'calico',
    enforcement: 'enforced',
    deviations: [],
    undocumented: [],
    ipBlockScope: 'all',
    network: { kind: 'overlay', mode: 'ipip' },
  },
  {
    name: 'Calico BGP without encapsulation, eBPF',
    id: 'calico',
    settings: { encapsulation: 'none', dataplane: 'ebpf' },
    enforcement: 'enforced',
    reason: 'ebpf dataplane',
    deviations: [],
    network: { kind: 'underlay', mode: 'bgp' },
  },
  {
    name: 'Calico VXLAN',
    id: 'calico',
    settings: { encapsulation: 'vxlan' },
    enforcement: 'enforced',
    network: { kind: 'overlay', mode: 'vxlan' },
  },
  {
    name: "Canal is conformant on flannel's network",
    id: 'canal',
    settings: { backend: 'host-gw' },
    enforcement: 'enforced',
    deviations: [],
    network: { kind: 'underlay', mode: 'host-gw' },
  },
  {
    name: 'Cilium default: ipBlock ignores the cluster, SCTP undocumented',
    id: 'cilium',
    enforcement: 'enforced',
    reason: 'enable-policy: default',
    deviations: ['ipblock-ignores-cluster', 'identity-label-filter'],
    undocumented: ['SCTP'],
    ipBlockScope: 'external',
    network: { kind: 'overlay', mode: 'vxlan' },
  },
  {
    name: 'Cilium policy-cidr-match-mode: nodes: nodes and outside',
    id: 'cilium',
    settings: { 'policy-cidr-match-mode': 'nodes' },
    enforcement: 'enforced',
    deviations: ['ipblock-ignores-cluster', 'identity-label-filter'],
    ipBlockScope: 'nodes-and-external',
  },
  {
    name: "Cilium policy-cidr-match-mode with pods: the API's ipBlock meaning",
    id: 'cilium',
    settings: { 'policy-cidr-match-mode': 'nodes,pods' },
    enforcement: 'enforced',
    deviations: ['identity-label-filter'],
    ipBlockScope: 'all',
  },
  {
    name: 'Cilium enable-policy: never: not enforced',
    id: 'cilium',
    settings: { 'enable-policy': 'never' },
    enforcement: 'not-enforced',
    reason: 'enable-policy: never',
    deviations: [],
    undocumented: [],
  },
  {
    name: 'Cilium policy-audit-mode: "true": not enforced',
    id: 'cilium',
    settings: { 'policy-audit-mode': 'true' },
    enforcement: 'not-enforced',
    reason: 'policy-audit-mode: "true"',
    deviations: [],
  },
  {
    name: 'Cilium policy-audit-mode in Go spelling True: not enforced',
    id: 'cilium',
    settings: { 'policy-audit-mode': 'True' },
    enforcement: 'not-enforced',
  },
  {
    name: 'Cilium enable-policy: always: isolates unselected pods',
    id: 'cilium',
    settings: { 'enable-policy': 'always' },
    enforcement: 'enforced',
    reason: 'enable-policy: always',
    deviations: ['ipblock-ignores-cluster', 'isolates-unselected', 'identity-label-filter'],
  },
  {
    name: 'Cilium enable-sctp: "true": SCTP answered',
    id: 'cilium',
    settings: { 'enable-sctp': 'true' },
    enforcement: 'enforced',
    undocumented: [],
  },
  {
    name: 'Cilium native routing',
    id: 'cilium',
    settings: { 'routing-mode': 'native' },
    enforcement: 'enforced',
    network: { kind: 'underlay', mode: 'native-routing' },
  },
  {
    name: 'Cilium legacy tunnel: disabled is native routing',
    id: 'cilium',
    settings: { tunnel: 'disabled' },
    enforcement: 'enforced',
    network: { kind: 'underlay', mode: 'native-routing' },
  },
  {
    name: 'Cilium tunnel-protocol geneve',
    id: 'cilium',
    settings: { 'tunnel-protocol': 'geneve' },
    enforcement: 'enforced',
    network: { kind: 'overlay', mode: 'geneve' },
  },
  {
    name: 'Cilium undocumented enable-policy value: unknown, naming the setting',
    id: 'cilium',
    settings: { 'enable-policy': 'sometimes' },
    enforcement: 'unknown',
    reason: 'enable-policy: sometimes',
  },
  {
    name: 'kube-router enforces by default; SCTP undocumented',
    id: 'kube-router',
    enforcement: 'enforced',
    reason: '--run-firewall=true',
    deviations: [],
    undocumented: ['SCTP'],
    network: { kind: 'hybrid', mode: 'bgp+ipip-cross-subnet' },
  },
  {
    name: 'kube-router --run-firewall=false: not enforced',
    id: 'kube-router',
    settings: { 'run-firewall': 'false' },
    enforcement: 'not-enforced',
    reason: '--run-firewall=false',
    undocumented: [],
  },
  {
    name: 'kube-router full overlay',
    id: 'kube-router',
    settings: { 'overlay-type': 'full' },
    enforcement: 'enforced',
    network: { kind: 'overlay', mode: 'ipip' },
  },
  {
    name: 'Weave Net with npc: endPort ignored, named-port policies rejected, SCTP undocumented',
    id: 'weave',
    enforcement: 'enforced',
    deviations: ['endport-ignored', 'named-port-policy-rejected'],
    undocumented: ['SCTP'],
    network: { kind: 'overlay', mode: 'fastdp' },
  },
  {
    name: 'Weave Net npc: "false": not enforced, nothing deviates',
    id: 'weave',
    settings: { npc: 'false' },
    enforcement: 'not-enforced',
    reason: 'npc: "false"',
    deviations: [],
    undocumented: [],
  },
  { name: 'Romana: v1 NetworkPolicy not enforced (v1beta1 only)', id: 'romana', enforcement: 'not-enforced', reason: 'extensions/v1beta1' },
  {
    name: 'Antrea is conformant (Geneve)',
    id: 'antrea',
    enforcement: 'enforced',
    deviations: [],
    network: { kind: 'overlay', mode: 'geneve' },
  },
  {
    name: 'Antrea hybrid',
    id: 'antrea',
    settings: { trafficEncapMode: 'hybrid', tunnelType: 'vxlan' },
    enforcement: 'enforced',
    network: { kind: 'hybrid', mode: 'vxlan-cross-subnet' },
  },
  {
    name: 'OVN-Kubernetes: named port admits any port; Geneve overlay',
    id: 'ovn-kubernetes',
    enforcement: 'enforced',
    deviations: ['named-port-any-port'],
    network: { kind: 'overlay', mode: 'geneve' },
  },
  {
    name: 'AWS VPC CNI off by default',
    id: 'aws-vpc-cni',
    enforcement: 'not-enforced',
    reason: 'enable-network-policy-controller',
    deviations: [],
    network: { kind: 'underlay', mode: 'eni' },
  },
  {
    name: 'AWS VPC CNI with the controller: egress before Service DNAT',
    id: 'aws-vpc-cni',
    settings: { 'enable-network-policy-controller': 'true' },
    enforcement: 'enforced',
    reason: 'enable-network-policy-controller: "true"',
    deviations: ['egress-before-service-dnat'],
  },
  { name: 'Azure NPM is conformant', id: 'azure-npm', enforcement: 'enforced', deviations: [], undocumented: [] },
  {
    name: 'k3s enforces with its embedded controller',
    id: 'k3s',
    enforcement: 'enforced',
    deviations: [],
    undocumented: ['SCTP'],
    network: { kind: 'overlay', mode: 'vxlan' },
  },
  {
    name: 'k3s --disable-network-policy: not enforced',
    id: 'k3s',
    settings: { 'disable-network-policy': 'true' },
    enforcement: 'not-enforced',
    reason: '--disable-network-policy',
  },
  {
    name: 'k3s --flannel-backend=none: network unknown',
    id: 'k3s',
    settings: { 'flannel-backend': 'none' },
    enforcement: 'enforced',
    network: { kind: 'unknown', mode: 'flannel disabled (--flannel-backend=none)' },
  },
  {
    name: 'kube-network-policies is conformant',
    id: 'kube-network-policies',
    settings: { 'flannel-backend': 'vxlan' },
    enforcement: 'enforced',
    deviations: [],
    network: { kind: 'overlay', mode: 'vxlan' },
  },
  {
    name: "unknown: the API's meaning, enforcement depends on the plugin",
    id: 'unknown',
    enforcement: 'unknown',
    reason: "enforcement depends on the cluster's network plugin",
    deviations: [],
    ipBlockScope: 'all',
  },
];

describe('each profile under its settings', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const p = profileFor(c.id, c.settings);
      assert.equal(p.id, c.id);
      assert.equal(p.enforcement, c.enforcement, p.enforcementReason);
      if (c.reason) assert.ok(p.enforcementReason.includes(c.reason), `"${p.enforcementReason}" names "${c.reason}"`);
      if (c.deviations)
        assert.deepEqual(
          p.deviations.map((d) => d.code),
          c.deviations,
        );
      if (c.undocumented)
        assert.deepEqual(
          p.undocumented.map((u) => u.protocol),
          c.undocumented,
        );
      if (c.ipBlockScope) assert.equal(p.ipBlockScope, c.ipBlockScope);
      if (c.network) assert.deepEqual(p.network, c.network);
    });
  }
});

describe('what every profile carries', () => {
  for (const id of PLUGIN_IDS) {
    it(`${id}: sources, a reason, node-local reachability, echoed settings`, () => {
      const p = profileFor(id);
      assert.ok(p.sources.length > 0);
      for (const s of p.sources) assert.match(s, /^https:\/\//);
      assert.equal(p.nodeReachesLocalPods, true);
      assert.ok(p.enforcementReason.length > 0);
      assert.ok(p.name.length > 0);
      // Every known setting with a default is echoed; nothing else is.
      for (const key of Object.keys(p.settings)) assert.ok(KNOWN_SETTINGS[id].includes(key), `${key} is known`);
      assert.deepEqual(settingProblemsFor(id, p.settings), [], 'the echoed settings are valid');
    });
  }
  it('every deviation has a one-sentence message and a source URL', () => {
    for (const d of ALL_DEVIATIONS) {
      assert.ok(d.message.length > 20 && !d.message.includes('\n'), d.code);
      assert.match(d.source, /^https:\/\//, d.code);
    }
  });
  it("a deviation's source is among its profile's sources", () => {
    const withAll: [PluginId, Record<string, string>][] = [
      ['cilium', { 'enable-policy': 'always' }],
      ['weave', {}],
      ['ovn-kubernetes', {}],
      ['aws-vpc-cni', { 'enable-network-policy-controller': 'true' }],
    ];
    for (const [id, settings] of withAll) {
      const p = profileFor(id, settings);
      for (const d of p.deviations) assert.ok(p.sources.includes(d.source), `${id} cites ${d.source}`);
    }
  });
  it('a plugin that enforces nothing has no deviation or undocumented behaviour in force', () => {
    const off: [PluginId, Record<string, string>][] = [
      ['flannel', {}],
      ['cilium', { 'enable-policy': 'never' }],
      ['weave', { npc: 'false' }],
      ['aws-vpc-cni', {}],
      ['k3s', { 'disable-network-policy': 'true' }],
      ['romana', {}],
    ];
    for (const [id, settings] of off) {
      const p = profileFor(id, settings);
      assert.equal(p.enforcement, 'not-enforced', id);
      assert.deepEqual([p.deviations, p.undocumented, p.ipBlockScope], [[], [], 'all'], id);
    }
  });
  it('settings echo defaults filled in, booleans normalised, unknown keys dropped', () => {
    const p = profileFor('cilium', { 'policy-audit-mode': 'FALSE', bogus: 'x' });
    assert.deepEqual(p.settings, {
      'enable-policy': 'default',
      'enable-sctp': 'false',
      'policy-audit-mode': 'false',
      'policy-cidr-match-mode': '',
      'routing-mode': 'tunnel',
      'tunnel-protocol': 'vxlan',
    });
  });
});

describe('plugin names and aliases', () => {
  const names: [string, PluginId | undefined][] = [
    ['cilium', 'cilium'],
    ['Cilium', 'cilium'],
    ['gke-dataplane-v2', 'cilium'],
    ['anetd', 'cilium'],
    ['aws', 'aws-vpc-cni'],
    ['amazon_vpc_cni', 'aws-vpc-cni'],
    ['ovn', 'ovn-kubernetes'],
    ['ovn-k', 'ovn-kubernetes'],
    ['weave-net', 'weave'],
    ['kube-network-policy', 'kube-network-policies'],
    ['azure', 'azure-npm'],
    ['  k3s ', 'k3s'],
    ['unknown', 'unknown'],
    ['contiv', undefined],
    ['', undefined],
  ];
  for (const [name, id] of names) it(`"${name}" → ${id}`, () => assert.equal(pluginIdOf(name), id));
  it('every plugin id names itself', () => {
    for (const id of PLUGIN_IDS) assert.equal(pluginIdOf(id), id);
  });
});
