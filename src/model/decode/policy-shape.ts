// The shape of a networking.k8s.io/v1 NetworkPolicy, for the unknown-field walker. Every field the
// API server knows is here; anything else is rejected by its strict field validation.
import { ANY, MAP, list, object, type Shape } from './fields.ts';

export const LABEL_SELECTOR = object({
  matchLabels: MAP,
  matchExpressions: list(object({ key: ANY, operator: ANY, values: ANY })),
});

const PEER = object({
  podSelector: LABEL_SELECTOR,
  namespaceSelector: LABEL_SELECTOR,
  ipBlock: object({ cidr: ANY, except: ANY }),
});

const PORT = object({ protocol: ANY, port: ANY, endPort: ANY });

const OWNER_REFERENCE = object({
  apiVersion: ANY,
  kind: ANY,
  name: ANY,
  uid: ANY,
  controller: ANY,
  blockOwnerDeletion: ANY,
});

export const OBJECT_META = object({
  name: ANY,
  generateName: ANY,
  namespace: ANY,
  selfLink: ANY,
  uid: ANY,
  resourceVersion: ANY,
  generation: ANY,
  creationTimestamp: ANY,
  deletionTimestamp: ANY,
  deletionGracePeriodSeconds: ANY,
  labels: MAP,
  annotations: MAP,
  ownerReferences: list(OWNER_REFERENCE),
  finalizers: ANY,
  managedFields: ANY,
});

export const NETWORK_POLICY_SHAPE: Shape = object({
  apiVersion: ANY,
  kind: ANY,
  metadata: OBJECT_META,
  spec: object({
    podSelector: LABEL_SELECTOR,
    policyTypes: ANY,
    ingress: list(object({ from: list(PEER), ports: list(PORT) })),
    egress: list(object({ to: list(PEER), ports: list(PORT) })),
  }),
  // Older servers return `status: {}`; its content is not ours to judge.
  status: ANY,
});

/** Where fields that turn up in the wrong place belong, for "did you mean" hints. */
export const NETWORK_POLICY_FIELD_HOMES: Readonly<Record<string, string>> = {
  podSelector: 'spec or a peer',
  policyTypes: 'spec',
  ingress: 'spec',
  egress: 'spec',
  from: 'an ingress rule',
  to: 'an egress rule',
  ports: 'an ingress or egress rule',
  namespaceSelector: 'a peer',
  ipBlock: 'a peer',
  matchLabels: 'a label selector',
  matchExpressions: 'a label selector',
};
