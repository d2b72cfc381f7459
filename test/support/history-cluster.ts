// A small shop cluster on the fake API server for history and assertion tests, and the three
// changes the must-show scenario makes in sequence: a policy change, a namespace label change and a
// rollout. Pods of Deployment `checkout` are owned by ReplicaSet `checkout-<hash>` with the
// pod-template-hash label, as the Deployment controller makes them.
import type { FakeApiServer } from './fake-apiserver.ts';

type Raw = Record<string, unknown>;

/** What the scenario writes to: the fake API server, or an in-memory cluster (test/render/history-golden.test.ts). */
export type ClusterWriter = Pick<FakeApiServer, 'add' | 'update' | 'remove'>;

export function namespaceObject(name: string, labels: Record<string, string> = {}): Raw {
  return { metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } } };
}

export function podObject(
  ns: string,
  name: string,
  ip: string,
  labels: Record<string, string>,
  owner?: { kind: string; name: string },
): Raw {
  return {
    metadata: {
      name,
      namespace: ns,
      labels,
      ...(owner
        ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, uid: `uid-${owner.name}`, controller: true }] }
        : {}),
    },
    spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx', ports: [{ name: 'https', containerPort: 8443 }] }] },
    status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], hostIP: '192.168.0.10' },
  };
}

/** A Deployment's pod: owned by ReplicaSet `<deployment>-<hash>`, labelled pod-template-hash. */
export function deploymentPod(
  ns: string,
  deployment: string,
  hash: string,
  index: number,
  ip: string,
  labels: Record<string, string>,
): Raw {
  const rs = `${deployment}-${hash}`;
  return podObject(ns, `${rs}-${index}`, ip, { ...labels, 'pod-template-hash': hash }, { kind: 'ReplicaSet', name: rs });
}

export function policyObject(ns: string, name: string, spec: Raw): Raw {
  return { metadata: { name, namespace: ns }, spec };
}

export const nodeObject = (name: string, ip: string): Raw => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  status: { addresses: [{ type: 'InternalIP', address: ip }] },
});

/** payments accepts only what a policy admits; allow-checkout admits app=checkout on `port`. */
export const allowCheckout = (port: number): Raw =>
  policyObject('shop', 'allow-checkout', {
    podSelector: { matchLabels: { app: 'payments' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'checkout' } } }], ports: [{ port, protocol: 'TCP' }] }],
  });

/** Admits app=checkout pods of namespaces labelled trusted=yes on 8443. */
export const allowTrusted = policyObject('shop', 'allow-trusted', {
  podSelector: { matchLabels: { app: 'payments' } },
  policyTypes: ['Ingress'],
  ingress: [
    {
      from: [{ namespaceSelector: { matchLabels: { trusted: 'yes' } }, podSelector: { matchLabels: { app: 'checkout' } } }],
      ports: [{ port: 8443, protocol: 'TCP' }],
    },
  ],
});

export function seedShop(fake: ClusterWriter): void {
  fake.add('namespaces', namespaceObject('shop'));
  fake.add('namespaces', namespaceObject('other'));
  fake.add('nodes', nodeObject('node-1', '192.168.0.10'));
  fake.add('pods', deploymentPod('shop', 'checkout', 'aaa', 1, '10.1.0.1', { app: 'checkout' }));
  fake.add('pods', podObject('shop', 'cart-1', '10.1.0.2', { app: 'checkout' }));
  fake.add('pods', podObject('shop', 'payments-1', '10.1.0.3', { app: 'payments' }));
  fake.add('pods', podObject('other', 'batch-1', '10.1.0.9', { app: 'batch' }));
  fake.add('networkpolicies', allowCheckout(8443));
  fake.add('networkpolicies', allowTrusted);
}

/** 1. A policy change (8443 → 9443: checkout loses payments), with unrelated changes beside it. */
export function policyChange(fake: ClusterWriter): void {
  fake.update('networkpolicies', allowCheckout(9443));
  fake.add(
    'networkpolicies',
    policyObject('other', 'batch-deny', { podSelector: { matchLabels: { app: 'batch' } }, policyTypes: ['Ingress'] }),
  );
  fake.add('pods', podObject('other', 'batch-2', '10.1.0.10', { app: 'batch' }));
}

/** 2. A label change: shop becomes trusted=yes (allow-trusted admits checkout again). */
export function labelChange(fake: ClusterWriter): void {
  fake.update('namespaces', namespaceObject('shop', { trusted: 'yes' }));
  fake.remove('pods', 'other', 'batch-2');
}

/** 3. A rollout of checkout whose new pods are labelled app=checkout-v2: nothing admits them. */
export function rollout(fake: ClusterWriter): void {
  fake.remove('pods', 'shop', 'checkout-aaa-1');
  fake.add('pods', deploymentPod('shop', 'checkout', 'bbb', 1, '10.1.0.4', { app: 'checkout-v2' }));
}
