// cilium.io/v2 CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy, strictly: unknown fields
// rejected (pkg/policy/api rule.go, ingress.go, egress.go, l4.go, cidr.go: the deny rules have no
// toFQDNs and their toPorts no L7 `rules`), `spec` and/or `specs` (pkg/k8s/apis/cilium.io/v2
// cnp_types.go: "at least one of spec or specs"), each rule with exactly one of endpointSelector /
// nodeSelector (Rule.Sanitize), default-deny per direction filled in as Rule.Sanitize does: on iff the
// direction has a rule, allow or deny, unless enableDefaultDeny says otherwise. Any agent validation
// error: the agent imports nothing from the object, so neither does netreach. A rule using what
// netreach does not model (host policies, toNodes, service-account selection, mutual
// authentication) keeps the whole object as an unmodelled policy: its verdicts are unknown.
import { ciliumPolicyName, CILIUM_LABELS, type CiliumPolicy, type CiliumPolicyKind } from '../cilium-policy.ts';
import type { UnmodelledPolicy } from '../tier-policy.ts';
import type { ObjectContext } from './context.ts';
import { readCiliumRules, type RuleScope } from './cilium-rule.ts';
import { injectSubjectNamespace, readCiliumSelector, selectorKeyList } from './cilium-selector.ts';
import { reportUnknownFields, ANY, MAP, list, object, type Shape } from './fields.ts';
import type { Meta } from './meta.ts';
import { OBJECT_META } from './policy-shape.ts';
import { child, item, readBool, readList, readMapping, type Mapping } from './read.ts';

const SELECTOR = object({ matchLabels: MAP, matchExpressions: list(object({ key: ANY, operator: ANY, values: ANY })) });
const CIDR_RULE = object({ cidr: ANY, cidrGroupRef: ANY, cidrGroupSelector: ANY, except: ANY });
const PORT_PROTOCOL = object({ port: ANY, endPort: ANY, protocol: ANY });
const ICMP = object({ fields: list(object({ family: ANY, type: ANY })) });
const PORT_RULE = object({
  ports: list(PORT_PROTOCOL),
  rules: ANY,
  terminatingTLS: ANY,
  originatingTLS: ANY,
  serverNames: ANY,
  listener: ANY,
});
const PORT_DENY_RULE = object({ ports: list(PORT_PROTOCOL) });
const COMMON_IN = {
  fromEndpoints: list(SELECTOR),
  fromRequires: list(SELECTOR),
  fromCIDR: ANY,
  fromCIDRSet: list(CIDR_RULE),
  fromEntities: ANY,
  fromGroups: ANY,
  fromNodes: list(SELECTOR),
  icmps: list(ICMP),
};
const COMMON_OUT = {
  toEndpoints: list(SELECTOR),
  toRequires: list(SELECTOR),
  toCIDR: ANY,
  toCIDRSet: list(CIDR_RULE),
  toEntities: ANY,
  toServices: list(
    object({
      k8sService: object({ serviceName: ANY, namespace: ANY }),
      k8sServiceSelector: object({ selector: SELECTOR, namespace: ANY }),
    }),
  ),
  toGroups: ANY,
  toNodes: list(SELECTOR),
  icmps: list(ICMP),
};
const RULE = object({
  endpointSelector: SELECTOR,
  nodeSelector: SELECTOR,
  ingress: list(object({ ...COMMON_IN, toPorts: list(PORT_RULE), authentication: ANY })),
  ingressDeny: list(object({ ...COMMON_IN, toPorts: list(PORT_DENY_RULE) })),
  egress: list(object({ ...COMMON_OUT, toPorts: list(PORT_RULE), toFQDNs: ANY, authentication: ANY })),
  egressDeny: list(object({ ...COMMON_OUT, toPorts: list(PORT_DENY_RULE) })),
  enableDefaultDeny: object({ ingress: ANY, egress: ANY }),
  labels: ANY,
  description: ANY,
  log: ANY,
});
const SHAPE: Shape = object({ apiVersion: ANY, kind: ANY, metadata: OBJECT_META, spec: RULE, specs: list(RULE), status: ANY });

export type CiliumDecoded =
  { readonly kind: 'policies'; readonly value: CiliumPolicy[] } | { readonly kind: 'unmodelled'; readonly value: UnmodelledPolicy };

function readRule(
  ctx: ObjectContext,
  kind: CiliumPolicyKind,
  meta: Meta,
  value: unknown,
  path: string,
  scope: RuleScope,
): CiliumPolicy | undefined {
  const raw = readMapping(ctx, value, path);
  if (!raw) return undefined;
  const hasEndpoint = raw.endpointSelector !== undefined && raw.endpointSelector !== null;
  const hasNode = raw.nodeSelector !== undefined && raw.nodeSelector !== null;
  if (hasEndpoint === hasNode) {
    const why = hasNode
      ? 'rule cannot have both EndpointSelector and NodeSelector'
      : 'rule must have one of EndpointSelector or NodeSelector';
    ctx.error('invalid-cilium-rule', path, why);
  }
  if (hasNode) scope.notModelled.push(`${child(path, 'nodeSelector')} (a host policy) is not modelled`);
  const selector = hasEndpoint ? readCiliumSelector(ctx, raw.endpointSelector, child(path, 'endpointSelector')) : undefined;
  if (selector && selectorKeyList(selector).includes(CILIUM_LABELS.serviceAccount))
    scope.notModelled.push(`${child(path, 'endpointSelector')} selects by service account`);
  const ingress = readCiliumRules(ctx, raw.ingress, child(path, 'ingress'), 'ingress', scope);
  const ingressDeny = readCiliumRules(ctx, raw.ingressDeny, child(path, 'ingressDeny'), 'ingressDeny', scope);
  const egress = readCiliumRules(ctx, raw.egress, child(path, 'egress'), 'egress', scope);
  const egressDeny = readCiliumRules(ctx, raw.egressDeny, child(path, 'egressDeny'), 'egressDeny', scope);
  const dd = readMapping(ctx, raw.enableDefaultDeny, child(path, 'enableDefaultDeny')) ?? {};
  const ddIngress = readBool(ctx, dd.ingress, child(child(path, 'enableDefaultDeny'), 'ingress'));
  const ddEgress = readBool(ctx, dd.egress, child(child(path, 'enableDefaultDeny'), 'egress'));
  if (!selector) return undefined;
  return {
    kind,
    ...(meta.namespace !== undefined ? { namespace: meta.namespace } : {}),
    name: meta.name,
    path,
    subject: injectSubjectNamespace(selector, meta.namespace),
    ingress,
    ingressDeny,
    egress,
    egressDeny,
    defaultDeny: {
      ingress: ddIngress ?? (ingress.length > 0 || ingressDeny.length > 0),
      egress: ddEgress ?? (egress.length > 0 || egressDeny.length > 0),
    },
  };
}

export function decodeCiliumPolicy(ctx: ObjectContext, raw: Mapping, meta: Meta, kind: CiliumPolicyKind): CiliumDecoded | undefined {
  reportUnknownFields(ctx, raw, SHAPE);
  const scope: RuleScope = { namespace: kind === 'CiliumNetworkPolicy' ? meta.namespace : undefined, notModelled: [] };
  const out: CiliumPolicy[] = [];
  if (raw.spec !== undefined && raw.spec !== null) {
    const p = readRule(ctx, kind, meta, raw.spec, 'spec', scope);
    if (p) out.push(p);
  }
  const specs = readList(ctx, raw.specs, 'specs') ?? [];
  specs.forEach((s, i) => {
    const p = readRule(ctx, kind, meta, s, item('specs', i), scope);
    if (p) out.push(p);
  });
  if ((raw.spec === undefined || raw.spec === null) && specs.length === 0)
    ctx.error('required', 'spec', 'a CiliumNetworkPolicy needs spec or specs');
  if (ctx.failed) return undefined;
  if (scope.notModelled.length > 0) {
    for (const why of scope.notModelled) ctx.warn('cilium-not-modelled', '', why);
    const ns = kind === 'CiliumNetworkPolicy' && meta.namespace !== undefined ? { namespace: meta.namespace } : {};
    return { kind: 'unmodelled', value: { kind, group: 'cilium.io', ...ns, name: meta.name } };
  }
  return { kind: 'policies', value: out };
}

export { ciliumPolicyName };
