// `netreach cni` advice: the remedy when nothing is enforced, how to write policies that mean the same
// on this plugin, and the seed's general guidance (always last).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adviceFor } from '../../../src/engine/dataplane/advice.ts';
import { profileFor } from '../../../src/engine/dataplane/profile.ts';
import type { Detection, PluginId } from '../../../src/engine/dataplane/types.ts';

function detection(id: PluginId, settings: Record<string, string> = {}): Detection {
  return { source: 'override', profile: profileFor(id, settings), evidence: [], warnings: [] };
}

const CASES: [string, Detection, string[]][] = [
  [
    'flannel: nothing restricted; pair it with a policy plugin',
    detection('flannel'),
    ['restrict nothing', 'Canal', 'kube-network-policies'],
  ],
  ['flannel udp: use vxlan', detection('flannel', { backend: 'udp' }), ['udp backend is meant for debugging only']],
  ['Cilium never: set enable-policy to default', detection('cilium', { 'enable-policy': 'never' }), ['Set enable-policy to default']],
  ['Cilium audit: turn audit mode off', detection('cilium', { 'policy-audit-mode': 'true' }), ['Turn policy-audit-mode off']],
  ['Cilium default: select pods with selectors, not ipBlock', detection('cilium'), ['not ipBlock', 'SCTP']],
  ['AWS without the controller: the ConfigMap switch', detection('aws-vpc-cni'), ['enable-network-policy-controller: "true"']],
  ['AWS with the controller: the Service port', detection('aws-vpc-cni', { 'enable-network-policy-controller': 'true' }), ['Service port']],
  ['k3s disabled: drop the flag', detection('k3s', { 'disable-network-policy': 'true' }), ['Drop --disable-network-policy']],
  ['Weave without npc: run weave-npc', detection('weave', { npc: 'false' }), ['weave-npc']],
  ['Weave: endPort and named ports', detection('weave'), ['endPort is ignored', 'named port is rejected']],
  ['OVN-Kubernetes: port numbers', detection('ovn-kubernetes'), ['write port numbers']],
  ['Romana: move on', detection('romana'), ['move to a policy-capable plugin']],
  [
    'unknown: name the plugin with --cni',
    { source: 'none', profile: profileFor('unknown'), evidence: [], warnings: [] },
    ['No network plugin was recognised', '--cni NAME'],
  ],
];

describe('advice for the detected plugin', () => {
  for (const [name, d, parts] of CASES) {
    it(name, () => {
      const text = adviceFor(d).join('\n');
      for (const p of parts) assert.ok(text.includes(p), `advice includes "${p}":\n${text}`);
    });
  }
  it('the seed guidance closes every answer: flannel VXLAN, Calico / host-gw on one L2 segment, NetworkPolicy', () => {
    for (const id of ['calico', 'flannel', 'unknown'] as const) {
      const a = adviceFor(detection(id));
      const last = a.slice(-3).join('\n');
      assert.ok(last.includes("flannel's VXLAN backend is the most portable overlay"));
      assert.ok(last.includes('share one L2 segment, Calico'));
      assert.ok(last.includes('host-gw'));
      assert.ok(last.includes('NetworkPolicy for flow control'));
    }
  });
  it('a conformant enforcing plugin gets the general guidance only', () => {
    assert.equal(adviceFor(detection('calico')).length, 3);
  });
});
