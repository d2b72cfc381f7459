// Two checkouts of a small shop: `before` has a default-deny and an allow policy for web → api on
// 8080; `after` is the same tree with the allow policy's file deleted. A whole-state comparison must
// see the deletion (web → api lost); an overlay (--proposed after/) cannot.
export type K8sObject = Record<string, unknown>;

const ns = (name: string): K8sObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const pod = (name: string, ip: string, app: string): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app } },
  spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }] }] },
  status: { phase: 'Running', podIP: ip },
});
const policy = (name: string, spec: K8sObject): K8sObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace: 'shop' },
  spec,
});

export const BEFORE_FILES: Record<string, K8sObject> = {
  '00-namespace.json': ns('shop'),
  '10-web.json': pod('web', '10.0.0.1', 'web'),
  '11-api.json': pod('api', '10.0.0.2', 'api'),
  '20-default-deny.json': policy('default-deny', { podSelector: {}, policyTypes: ['Ingress'] }),
  '30-allow-web-to-api.json': policy('allow-web-to-api', {
    podSelector: { matchLabels: { app: 'api' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080 }] }],
  }),
};
export const DELETED_FILE = '30-allow-web-to-api.json';
export const AFTER_FILES: Record<string, K8sObject> = Object.fromEntries(Object.entries(BEFORE_FILES).filter(([f]) => f !== DELETED_FILE));

export const asText = (files: Record<string, K8sObject>): Record<string, string> =>
  Object.fromEntries(Object.entries(files).map(([f, o]) => [f, `${JSON.stringify(o, null, 2)}\n`]));
