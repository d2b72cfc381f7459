// deploy/networkpolicy.yaml, checked by netreach itself: `netreach connections -f deploy/` shows
// netreach reachable only on REST and gRPC, and reaching out only to the API server ports and
// (once a cluster DNS is in the input) DNS. Any other pod is out of reach both ways.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { REPO_ROOT, runCli, tempTree } from '../cli/cli-harness.ts';

type Side = { workload?: string; cidrs?: string[] };
type Connection = { from: Side; to: Side; ports: Record<string, [number, number][]> };
const name = (s: Side) => s.workload ?? s.cidrs!.join(',');
const DEPLOY = `${REPO_ROOT}deploy`;

const COREDNS = `apiVersion: v1
kind: Namespace
metadata: { name: kube-system }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: coredns, namespace: kube-system }
spec:
  selector: { matchLabels: { k8s-app: kube-dns } }
  template:
    metadata: { labels: { k8s-app: kube-dns } }
    spec:
      containers: [{ name: coredns, image: coredns, ports: [{ containerPort: 53, protocol: UDP }, { containerPort: 53, protocol: TCP }] }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: other, namespace: default }
spec:
  selector: { matchLabels: { app: other } }
  template:
    metadata: { labels: { app: other } }
    spec: { containers: [{ name: c, image: x, ports: [{ containerPort: 80 }] }] }
`;

async function connections(...paths: string[]): Promise<string[]> {
  const r = await runCli(['connections', ...paths.flatMap((p) => ['-f', p]), '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout).connections as Connection[])
    .filter((c) => name(c.from).includes('netreach') || name(c.to).includes('netreach'))
    .map(
      (c) =>
        `${name(c.from)} => ${name(c.to)} : ${Object.entries(c.ports)
          .map(([p, rs]) => `${p} ${rs.map(([a, b]) => (a === b ? a : `${a}-${b}`)).join(',')}`)
          .join('; ')}`,
    );
}

describe('deploy/networkpolicy.yaml (netreach checks its own policy)', () => {
  it("the policy selects the netreach Deployment's pods", () => {
    const text = readFileSync(`${DEPLOY}/networkpolicy.yaml`, 'utf8');
    assert.match(text, /app\.kubernetes\.io\/name: netreach/);
  });
  it('deploy/ alone: ingress only on 8080 and 9090, egress only to 443 and 6443', async () => {
    assert.deepEqual(await connections(DEPLOY), [
      '0.0.0.0/0,::/0 => deploy:netreach/netreach : TCP 8080,9090',
      'deploy:netreach/netreach => 0.0.0.0/0,::/0 : TCP 443,6443',
    ]);
  });
  it('with a cluster DNS and another workload: netreach reaches DNS only; the other workload reaches it only on its ports', async () => {
    const t = tempTree({ 'cluster.yaml': COREDNS });
    try {
      const flows = await connections(DEPLOY, t.dir);
      assert.deepEqual(flows.sort(), [
        '0.0.0.0/0,::/0 => deploy:netreach/netreach : TCP 8080,9090',
        'deploy:default/other => deploy:netreach/netreach : TCP 8080,9090',
        'deploy:kube-system/coredns => deploy:netreach/netreach : TCP 8080,9090',
        'deploy:netreach/netreach => 0.0.0.0/0,::/0 : TCP 443,6443',
        'deploy:netreach/netreach => deploy:kube-system/coredns : TCP 53; UDP 53',
      ]);
    } finally {
      t.remove();
    }
  });
});
