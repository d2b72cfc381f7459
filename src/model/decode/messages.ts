// Every diagnostic code the decoder and the manifest reader emit, and the text humans read for it.
// Tests assert on codes; only this module knows the wording.

export type DecodeCode =
  // reading files
  | 'file-not-found'
  | 'read-error'
  | 'syntax-error'
  // object envelope
  | 'invalid-object'
  | 'missing-kind'
  | 'missing-api-version'
  | 'unsupported-api-version'
  | 'duplicate-object'
  | 'implicit-namespace'
  | 'owner-reference-without-kind'
  // fields
  | 'unknown-field'
  | 'required'
  | 'invalid-type'
  | 'invalid-value'
  | 'invalid-name'
  | 'invalid-label'
  | 'invalid-ip'
  | 'container-port-missing'
  | 'invalid-cidr'
  // NetworkPolicy
  | 'missing-pod-selector'
  | 'empty-peer'
  | 'peer-ipblock-exclusive'
  | 'except-outside-cidr'
  | 'invalid-protocol'
  | 'port-out-of-range'
  | 'invalid-port-name'
  | 'invalid-end-port'
  | 'invalid-policy-type'
  | 'invalid-selector-operator'
  | 'invalid-selector-values'
  // AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy (network-policy-api CRD validation)
  | 'exactly-one-field'
  | 'too-many-items'
  | 'too-few-items'
  | 'invalid-priority'
  | 'invalid-action'
  | 'invalid-port-range'
  | 'invalid-domain-name'
  | 'invalid-tier-rule'
  | 'baseline-name'
  // CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy (the agent's pkg/policy/api/rule_validation.go)
  | 'invalid-cilium-rule'
  | 'cilium-not-modelled';

/**
 * Warnings where we are more lenient than the API server (it would reject the object, we load it).
 * In strict mode they become errors, so a strict run fails exactly where `kubectl apply` would.
 */
export const ESCALATED_WHEN_STRICT: ReadonlySet<DecodeCode> = new Set<DecodeCode>([
  'invalid-name',
  'invalid-label',
  'missing-kind',
  'missing-api-version',
  'unsupported-api-version',
  'owner-reference-without-kind',
  'container-port-missing',
]);

type Template = (detail: string) => string;

const MESSAGES: Record<DecodeCode, Template> = {
  'file-not-found': () => 'no such file or directory',
  'read-error': (d) => `cannot read: ${d}`,
  'syntax-error': (d) => `syntax error: ${d}`,
  'invalid-object': (d) => `not a Kubernetes object: expected a mapping, got ${d}`,
  'missing-kind': () => 'object has no kind; skipped',
  'missing-api-version': (d) => `object has no apiVersion; read as ${d}`,
  'unsupported-api-version': (d) => `apiVersion ${d} is not supported (use networking.k8s.io/v1); skipped`,
  'duplicate-object': (d) => `defined more than once; the later definition wins${d ? ` (${d})` : ''}`,
  'implicit-namespace': () => 'namespace is used but not declared; assumed with no labels but kubernetes.io/metadata.name',
  'owner-reference-without-kind': () =>
    "ownerReference has no kind (the API server rejects it); its pods are grouped under the owner's name as pod:NAMESPACE/NAME",
  'container-port-missing': () => 'container port has no containerPort (the API server rejects it); the port is ignored',
  'unknown-field': (d) => `unknown field${d ? ` ${d}` : ''}`,
  required: (d) => `required value${d ? `: ${d}` : ''}`,
  'invalid-type': (d) => `invalid type: ${d}`,
  'invalid-value': (d) => `unsupported value: ${d}`,
  'invalid-name': (d) => `invalid name: ${d}`,
  'invalid-label': (d) => `invalid label: ${d}`,
  'invalid-ip': (d) => `${d} is not a valid IP address`,
  'invalid-cidr': (d) => `${d} is not a valid CIDR (expected e.g. 10.0.0.0/16 or 2001:db8::/64)`,
  'missing-pod-selector': () => 'spec.podSelector is missing; read as {} (selects every pod in the namespace)',
  'empty-peer': () => 'a peer must set at least one of podSelector, namespaceSelector, ipBlock',
  'peer-ipblock-exclusive': () => 'ipBlock may not be combined with podSelector or namespaceSelector in one peer (use two peers)',
  'except-outside-cidr': (d) => `${d} must be a strict subset of cidr`,
  'invalid-protocol': (d) => `${d} is not a protocol (TCP, UDP or SCTP, upper case)`,
  'port-out-of-range': (d) => `${d} is not a port number (1-65535)`,
  'invalid-port-name': (d) =>
    `invalid port name ${d}: a port name has at most 15 of a-z, 0-9 and "-", at least one letter, no leading, trailing or double "-"`,
  'invalid-end-port': (d) => `invalid endPort: ${d}`,
  'invalid-policy-type': (d) => `invalid policyTypes: ${d}`,
  'invalid-selector-operator': (d) => `${d} is not a selector operator (In, NotIn, Exists, DoesNotExist)`,
  'invalid-selector-values': (d) => `values ${d}`,
  'exactly-one-field': (d) => `exactly one of ${d} must be set`,
  'too-many-items': (d) => `too many items: ${d}`,
  'too-few-items': (d) => `must have at least ${d}`,
  'invalid-priority': (d) => `${d} is not a priority (an integer 0-1000)`,
  'invalid-action': (d) => `unsupported action ${d}`,
  'invalid-port-range': (d) => `invalid port range: ${d}`,
  'invalid-domain-name': (d) => `${d} is not a domain name (e.g. kubernetes.io or *.kubernetes.io)`,
  'invalid-tier-rule': (d) => d,
  'invalid-cilium-rule': (d) => `the Cilium agent rejects this rule (it imports nothing from the object): ${d}`,
  'cilium-not-modelled': (d) => `${d}: netreach does not model this yet, so the verdicts the object may change are unknown`,
  'baseline-name': (d) => `a BaselineAdminNetworkPolicy must be named "default" (it is a singleton), not ${d}`,
};

export function message(code: DecodeCode, detail = ''): string {
  return MESSAGES[code](detail);
}

export function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a timestamp';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}
