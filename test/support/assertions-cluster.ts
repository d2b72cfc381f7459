// Three assertions about a shop → payments cluster, one of which fails until `allowMetrics` is
// applied: as manifests (for `netreach assert`) and as raw objects (for the fake API server).
import type { FakeApiServer } from './fake-apiserver.ts';
import { namespaceObject, podObject, policyObject } from './history-cluster.ts';

export const ASSERTIONS_YAML = `
- name: checkout-to-payments
  from: shop/checkout-1
  to: payments/api-1
  port: 8443
  expect: allowed
- name: payments-isolated
  isolated: ns:payments
- name: checkout-scrapes-payments
  from: shop/checkout-1
  to: payments/api-1
  port: 9090
  expect: allowed
`;

const defaultDeny = policyObject('payments', 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
const fromShop = (name: string, port: number) =>
  policyObject('payments', name, {
    podSelector: { matchLabels: { app: 'api' } },
    policyTypes: ['Ingress'],
    ingress: [
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
            podSelector: { matchLabels: { app: 'checkout' } },
          },
        ],
        ports: [{ port, protocol: 'TCP' }],
      },
    ],
  });
const allowCheckout = fromShop('allow-checkout', 8443);
/** The fix: admits checkout on the metrics port. */
export const allowMetrics = fromShop('allow-metrics', 9090);

const objects = () => ({
  namespaces: [namespaceObject('shop'), namespaceObject('payments')],
  pods: [podObject('shop', 'checkout-1', '10.1.0.1', { app: 'checkout' }), podObject('payments', 'api-1', '10.2.0.1', { app: 'api' })],
  networkpolicies: [defaultDeny, allowCheckout],
});

/** The cluster as one manifest file (a List), with the fix or without. */
export function clusterManifest(fixed = false): string {
  const o = objects();
  const kinds = {
    namespaces: ['v1', 'Namespace'],
    pods: ['v1', 'Pod'],
    networkpolicies: ['networking.k8s.io/v1', 'NetworkPolicy'],
  } as const;
  const items = Object.entries(o).flatMap(([resource, list]) =>
    list.map((x) => ({ apiVersion: kinds[resource as keyof typeof kinds][0], kind: kinds[resource as keyof typeof kinds][1], ...x })),
  );
  if (fixed) items.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', ...allowMetrics });
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2);
}

export function seedAssertionsCluster(fake: FakeApiServer): void {
  const o = objects();
  for (const n of o.namespaces) fake.add('namespaces', n);
  for (const p of o.pods) fake.add('pods', p);
  for (const p of o.networkpolicies) fake.add('networkpolicies', p);
}
