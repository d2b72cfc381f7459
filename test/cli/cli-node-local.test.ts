// Issue 17's repro through the CLI (in process): a namespace under an egress+ingress default-deny, a
// hostNetwork pod on the same node. A pod's egress to its own node is DENIED by the deciding policy;
// the reverse (node -> pod) is ALLOWED with the API's ingress exemption named; with
// `--cni calico,endpoint-to-host-action=...` Felix's action shows; `lint` flags the node-local DNS cache.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runCli, tempTree } from './cli-harness.ts';

const CLUSTER = `apiVersion: v1
kind: Namespace
metadata: {name: a}
---
apiVersion: v1
kind: Node
metadata: {name: n1}
status: {addresses: [{type: InternalIP, address: 192.168.0.10}]}
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: a, labels: {app: p}}
spec: {nodeName: n1, containers: [{name: c, image: x}]}
status: {phase: Running, hostIP: 192.168.0.10, podIP: 10.0.0.5}
---
apiVersion: v1
kind: Pod
metadata: {name: h, namespace: a, labels: {app: node-exporter}}
spec: {nodeName: n1, hostNetwork: true, containers: [{name: c, image: x, ports: [{containerPort: 9100, name: metrics}]}]}
status: {phase: Running, hostIP: 192.168.0.10, podIP: 192.168.0.10}
---
apiVersion: v1
kind: Pod
metadata: {name: node-local-dns-x, namespace: kube-system, labels: {k8s-app: node-local-dns}}
spec:
  nodeName: n1
  hostNetwork: true
  containers: [{name: c, image: x, ports: [{containerPort: 53, protocol: UDP, name: dns}, {containerPort: 53, name: dns-tcp}]}]
status: {phase: Running, hostIP: 192.168.0.10, podIP: 192.168.0.10}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: a}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: to-node, namespace: a}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{to: [{ipBlock: {cidr: 192.168.0.10/32}}], ports: [{port: 8125, protocol: UDP}]}]
`;

const tree = tempTree({ 'c.yaml': CLUSTER });
after(() => tree.remove());
const file = tree.path('c.yaml');

interface Case {
  readonly name: string;
  readonly argv: string[];
  readonly first: RegExp;
  readonly says: RegExp;
}

const CASES: Case[] = [
  {
    name: 'pod -> hostNetwork pod on its node: DENIED by a/deny-all (no node-local override)',
    argv: ['--from', 'a/p', '--to', 'a/h', '--port', '9100'],
    first: /^DENIED {2}a\/p -> a\/h {2}TCP\/9100$/,
    says: /isolated for egress by a\/deny-all, a\/to-node and no rule admits TCP\/9100/,
  },
  {
    name: 'pod -> its node IP: DENIED by the same policies',
    argv: ['--from', 'a/p', '--to', '192.168.0.10', '--port', '9100'],
    first: /^DENIED /,
    says: /isolated for egress by a\/deny-all/,
  },
  {
    name: 'hostNetwork pod -> pod on its node: ALLOWED, decided by node-local, the ingress exemption named',
    argv: ['--from', 'a/h', '--to', 'a/p', '--port', '8080'],
    first: /^ALLOWED {2}a\/h -> a\/p {2}TCP\/8080 {2}\(decided by node-local\)$/,
    says: /exempts the pod's node from ingress isolation/,
  },
  {
    name: 'Calico Drop: the policy admits UDP/8125 to the node, Felix drops it',
    argv: ['--from', 'a/p', '--to', 'a/h', '--port', '8125', '--protocol', 'UDP', '--cni', 'calico,endpoint-to-host-action=Drop'],
    first: /^DENIED /,
    says: /DefaultEndpointToHostAction is Drop/,
  },
  {
    name: 'Calico, action not known: UNKNOWN where the policy admits it',
    argv: ['--from', 'a/p', '--to', 'a/h', '--port', '8125', '--protocol', 'UDP', '--cni', 'calico'],
    first: /^UNKNOWN /,
    says: /DefaultEndpointToHostAction is not known/,
  },
];

describe('cli: node-local traffic by direction (issue 17 repro)', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const r = await runCli(['check', '-f', file, ...c.argv]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout.split('\n')[0], c.first, r.stdout);
      assert.match(r.stdout, c.says);
    });
  }

  it('lint warns that the egress default-deny leaves the node-local DNS cache unreachable', async () => {
    const r = await runCli(['lint', '-f', file]);
    assert.match(
      r.stdout + r.stderr,
      /NetworkPolicy a\/deny-all: spec\.egress: isolates a\/p for egress \(with a\/to-node\), and it cannot reach the node-local DNS cache on its node \(kube-system\/node-local-dns-x, or 169\.254\.20\.10\) on 53\/UDP and 53\/TCP/,
    );
  });
});
