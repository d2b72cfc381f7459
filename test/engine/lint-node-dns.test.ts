// lint: an egress default-deny that leaves a node-local DNS cache unreachable (lint-node-dns.ts). The
// cache is a hostNetwork pod on the pod's node (node-local-dns in kube-system, port 53) or the
// link-local address 169.254.20.10; the API does not exempt a pod's egress to its node.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/engine/index.ts';
import { LINK_LOCAL_DNS, lintNodeLocalDns } from '../../src/engine/lint-node-dns.ts';
import type { CniOverride } from '../../src/model/dataplane.ts';
import type { NetworkPolicy, Pod } from '../../src/model/types.ts';
import { cport, ipBlock, node, ns, nsPeer, pod, policy, rule, sel, snapshot, tcp, udp } from '../support/build.ts';

const N1 = '192.168.0.10';
const N2 = '192.168.0.11';
const DNS_PORTS = [cport('dns', 53, 'UDP'), cport('dns-tcp', 53, 'TCP')];
const cache = (
  name: string,
  nodeName: string,
  ip: string,
  labels: Record<string, string> = { 'k8s-app': 'node-local-dns' },
  ports = DNS_PORTS,
): Pod => pod('kube-system', name, labels, { ip, node: nodeName, hostNetwork: true, ports });
const app = pod('app', 'a', { app: 'a' }, { ip: '10.0.0.1', node: 'n1' });
const denyOut = policy('app', 'deny-out', { policyTypes: ['Egress'] });
const allowCoreDns = policy('app', 'allow-coredns', {
  policyTypes: ['Egress'],
  egress: [rule([nsPeer(sel({ 'kubernetes.io/metadata.name': 'kube-system' }), sel({ 'k8s-app': 'kube-dns' }))], [udp(53), tcp(53)])],
});
const allowTo = (cidr: string, ports = [udp(53), tcp(53)]): NetworkPolicy =>
  policy('app', 'allow-node-dns', { policyTypes: ['Egress'], egress: [rule([ipBlock(cidr)], ports)] });

interface Case {
  readonly name: string;
  readonly policies: NetworkPolicy[];
  readonly caches?: Pod[];
  readonly cni?: CniOverride;
  /** Expected warnings: [policy name, message fragment]. */
  readonly warnings: readonly [string, RegExp][];
}

const CASES: Case[] = [
  { name: 'no node-local cache in the snapshot: nothing to warn about', policies: [denyOut], caches: [], warnings: [] },
  { name: 'no egress isolation: nothing to warn about', policies: [], warnings: [] },
  {
    name: 'egress default-deny admitting only CoreDNS: the node-local cache is unreachable on both protocols',
    policies: [denyOut, allowCoreDns],
    warnings: [
      [
        'allow-coredns',
        /isolates app\/a for egress \(with app\/deny-out\), and it cannot reach the node-local DNS cache on its node \(kube-system\/node-local-dns-1, or 169\.254\.20\.10\) on 53\/UDP and 53\/TCP/u,
      ],
    ],
  },
  { name: 'an ipBlock on the node address admits the cache: no warning', policies: [denyOut, allowTo(`${N1}/32`)], warnings: [] },
  {
    name: `an ipBlock on ${LINK_LOCAL_DNS}/32 admits the link-local address: no warning`,
    policies: [denyOut, allowTo(`${LINK_LOCAL_DNS}/32`)],
    warnings: [],
  },
  {
    name: 'UDP only admitted: warns for 53/TCP',
    policies: [denyOut, allowTo(`${N1}/32`, [udp(53)])],
    warnings: [['allow-node-dns', /on 53\/TCP: /u]],
  },
  {
    name: 'the cache on another node does not count: the pod talks to its own node',
    policies: [denyOut, allowTo(`${N2}/32`)],
    caches: [cache('node-local-dns-2', 'n2', N2), cache('node-local-dns-1', 'n1', N1)],
    warnings: [['allow-node-dns', /node-local-dns-1/u]],
  },
  {
    name: 'a hostNetwork pod serving 53 counts as a cache whatever its labels',
    policies: [denyOut],
    caches: [cache('dnsmasq', 'n1', N1, { app: 'dnsmasq' })],
    warnings: [['deny-out', /kube-system\/dnsmasq/u]],
  },
  {
    name: 'a hostNetwork pod not serving 53 and not labelled is not a cache',
    policies: [denyOut],
    caches: [cache('exporter', 'n1', N1, { app: 'node-exporter' }, [cport('metrics', 9100)])],
    warnings: [],
  },
  {
    name: 'Calico with the endpoint-to-host action unknown: may not reach, and says why',
    policies: [denyOut, allowTo(`${N1}/32`)],
    cni: { plugin: 'calico', settings: {} },
    warnings: [['allow-node-dns', /may not reach .*DefaultEndpointToHostAction is not known/u]],
  },
  {
    name: 'Calico Accept: the ipBlock suffices',
    policies: [denyOut, allowTo(`${N1}/32`)],
    cni: { plugin: 'calico', settings: { 'endpoint-to-host-action': 'Accept' } },
    warnings: [],
  },
];

describe('lint: egress default-deny and a node-local DNS cache', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const s = snapshot({
        namespaces: [ns('app'), ns('kube-system')],
        nodes: [node('n1', [N1]), node('n2', [N2])],
        pods: [app, ...(c.caches ?? [cache('node-local-dns-1', 'n1', N1)])],
        policies: c.policies,
      });
      const found = lintNodeLocalDns(compile(c.cni ? { ...s, cni: c.cni } : s));
      assert.equal(found.length, c.warnings.length, found.map((d) => d.message).join('\n'));
      c.warnings.forEach(([name, re], i) => {
        assert.equal(found[i].code, 'egress-blocks-node-local-dns');
        assert.equal(found[i].ref?.name, name);
        assert.match(found[i].message, re);
      });
    });
  }
});
