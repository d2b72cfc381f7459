// `--cni NAME[,key=value...]`: good flags normalise to a PluginId and settings; bad ones are
// EngineError('invalid-cni') naming the bad part and what would have been accepted.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCniFlag } from '../../../src/engine/dataplane/cni-flag.ts';
import { EngineError } from '../../../src/engine/errors.ts';

const GOOD: [string, string, Record<string, string>][] = [
  ['cilium', 'cilium', {}],
  ['cilium,enable-policy=always', 'cilium', { 'enable-policy': 'always' }],
  ['Cilium, enable-policy = never , policy-audit-mode=true', 'cilium', { 'enable-policy': 'never', 'policy-audit-mode': 'true' }],
  ['cilium,policy-cidr-match-mode=nodes', 'cilium', { 'policy-cidr-match-mode': 'nodes' }],
  ['cilium,policy-cidr-match-mode=', 'cilium', { 'policy-cidr-match-mode': '' }],
  ['gke-dataplane-v2', 'cilium', {}],
  ['aws,enable-network-policy-controller=true', 'aws-vpc-cni', { 'enable-network-policy-controller': 'true' }],
  ['k3s,disable-network-policy=true,flannel-backend=host-gw', 'k3s', { 'disable-network-policy': 'true', 'flannel-backend': 'host-gw' }],
  ['flannel,backend=host-gw', 'flannel', { backend: 'host-gw' }],
  ['weave-net,npc=false', 'weave', { npc: 'false' }],
  ['ovn', 'ovn-kubernetes', {}],
  ['kube-router,run-firewall=False', 'kube-router', { 'run-firewall': 'False' }],
  ['antrea,trafficEncapMode=noEncap', 'antrea', { trafficEncapMode: 'noEncap' }],
];

describe('good --cni flags', () => {
  for (const [text, plugin, settings] of GOOD) {
    it(text, () => {
      const o = parseCniFlag(text);
      assert.equal(o.plugin, plugin);
      assert.deepEqual(o.settings, settings);
    });
  }
});

/** [flag, parts the message must contain]. */
const BAD: [string, string[]][] = [
  ['', ['no plugin named', 'known plugins: flannel, calico']],
  [',enable-policy=never', ['no plugin named']],
  ['contiv', ['unknown network plugin "contiv"', 'known plugins:', 'cilium', 'kube-network-policies']],
  ['cilium,enable-policy', ['malformed setting "enable-policy"', 'expected key=value']],
  ['cilium,=never', ['malformed setting "=never"']],
  ['cilium,,', ['malformed setting ""']],
  ['cilium,enable-polcy=never', ['unknown setting "enable-polcy" for cilium', 'known: enable-policy', 'policy-audit-mode']],
  ['ovn-kubernetes,mode=x', ['unknown setting "mode" for ovn-kubernetes', 'ovn-kubernetes takes no settings']],
  ['cilium,enable-policy=sometimes', ['invalid value "sometimes" for cilium setting enable-policy', 'expected default, always, never']],
  ['cilium,policy-audit-mode=yes', ['invalid value "yes"', 'expected true or false']],
  ['flannel,backend=carrier-pigeon', ['invalid value "carrier-pigeon" for flannel setting backend', 'vxlan', 'host-gw']],
  ['cilium,enable-policy=never,enable-policy=always', ['setting "enable-policy" is given twice']],
];

describe('bad --cni flags are invalid-cni errors naming the bad part', () => {
  for (const [text, parts] of BAD) {
    it(text === '' ? '(empty)' : text, () => {
      assert.throws(
        () => parseCniFlag(text),
        (e: unknown) => {
          assert.ok(e instanceof EngineError);
          assert.equal(e.code, 'invalid-cni');
          assert.ok(e.message.startsWith('--cni: '), e.message);
          for (const p of parts) assert.ok(e.message.includes(p), `"${e.message}" includes "${p}"`);
          return true;
        },
      );
    });
  }
});
