// One ingress / ingressDeny / egress / egressDeny rule of a Cilium policy, checked as the agent's
// IngressRule.sanitize / EgressRule.sanitize do (pkg/policy/api/rule_validation.go): at most one L3
// kind per rule ("Combining FromEndpoints and FromCIDR is not supported yet"), toServices not with
// toPorts, known entities only (pkg/policy/api/entity.go EntitySelectorMapping), CIDRs parseable
// (fromCIDR also a bare address), a CIDRSet `cidr` in prefix form with every `except` inside it.
// An empty list counts as absent (the agent tests len()). What netreach does not model is returned
// as `notModelled` reasons: the object is then kept as an unmodelled policy (verdicts unknown).
import { CILIUM_ENTITIES, CILIUM_LABELS, type CiliumEntity, type CiliumPeer, type CiliumRule } from '../cilium-policy.ts';
import type { ObjectContext } from './context.ts';
import { readCiliumSelector, injectPeerNamespace, selectorKeyList } from './cilium-selector.ts';
import { readRulePorts } from './cilium-ports.ts';
import { parseCidr, parseIP } from './ip.ts';
import { child, item, readEach, readList, readMapping, readString } from './read.ts';

export type Section = 'ingress' | 'ingressDeny' | 'egress' | 'egressDeny';

const L3_INGRESS = ['fromEndpoints', 'fromCIDR', 'fromCIDRSet', 'fromEntities', 'fromNodes', 'fromGroups'] as const;
const L3_EGRESS = ['toCIDR', 'toCIDRSet', 'toEndpoints', 'toEntities', 'toServices', 'toFQDNs', 'toGroups', 'toNodes'] as const;

export interface RuleScope {
  /** The policy's namespace (absent: CCNP). */
  readonly namespace: string | undefined;
  /** Reasons the object cannot be modelled (filled in). */
  readonly notModelled: string[];
}

function readCidr(ctx: ObjectContext, value: unknown, path: string, bare: boolean): string | undefined {
  const text = readString(ctx, value, path);
  if (text === undefined || text === '') {
    ctx.error('invalid-cilium-rule', path, 'IP must be specified');
    return undefined;
  }
  const cidr = parseCidr(text);
  if (cidr) return cidr.text;
  const ip = bare ? parseIP(text) : undefined;
  if (ip) return `${ip.toString()}/${ip.kind() === 'ipv4' ? 32 : 128}`;
  ctx.error('invalid-cilium-rule', path, `unable to parse CIDR ${JSON.stringify(text)}`);
  return undefined;
}

function readCidrRule(ctx: ObjectContext, value: unknown, path: string): CiliumPeer | undefined {
  const raw = readMapping(ctx, value, path) ?? {};
  if (raw.cidrGroupRef !== undefined || raw.cidrGroupSelector !== undefined) {
    // A CiliumCIDRGroup: its CIDRs are not in the snapshot, and CIDR rules never match endpoints.
    return { kind: 'outside-unknown', what: `CiliumCIDRGroup ${JSON.stringify(raw.cidrGroupRef ?? raw.cidrGroupSelector)}` };
  }
  const cidr = readCidr(ctx, raw.cidr, child(path, 'cidr'), false);
  const base = cidr ? parseCidr(cidr) : undefined;
  const except: string[] = [];
  readEach(ctx, raw.except, child(path, 'except'), (e, p) => {
    const text = readString(ctx, e, p);
    const x = text !== undefined ? parseCidr(text) : undefined;
    if (!x) return void ctx.error('invalid-cilium-rule', p, `unable to parse except CIDR ${JSON.stringify(e)}`);
    const inside =
      base && base.address.kind() === x.address.kind() && x.prefix >= base.prefix && x.address.match(base.address as never, base.prefix);
    if (base && !inside) ctx.error('invalid-cilium-rule', p, `allow CIDR prefix ${cidr} does not contain exclude CIDR prefix ${text}`);
    except.push(x.text);
  });
  return cidr ? { kind: 'cidr', cidr, except } : undefined;
}

function readEntities(ctx: ObjectContext, value: unknown, path: string): CiliumPeer[] {
  return (
    readEach(ctx, value, path, (e, p) => {
      const name = readString(ctx, e, p);
      if (name === undefined || !(CILIUM_ENTITIES as readonly string[]).includes(name)) {
        ctx.error('invalid-cilium-rule', p, `unsupported entity: ${String(name)}`);
        return undefined;
      }
      return { kind: 'entity', entity: name as CiliumEntity } as CiliumPeer;
    }) ?? []
  );
}

function readEndpoints(ctx: ObjectContext, value: unknown, path: string, scope: RuleScope): CiliumPeer[] {
  return (
    readEach(ctx, value, path, (e, p) => {
      const s = readCiliumSelector(ctx, e ?? {}, p);
      if (!s) return undefined;
      if (selectorKeyList(s).includes(CILIUM_LABELS.serviceAccount)) scope.notModelled.push(`${p} selects by service account`);
      return { kind: 'endpoints', selector: injectPeerNamespace(s, scope.namespace) } as CiliumPeer;
    }) ?? []
  );
}

function readFqdns(ctx: ObjectContext, value: unknown, path: string): CiliumPeer[] {
  return (
    readEach(ctx, value, path, (e, p) => {
      const raw = readMapping(ctx, e, p) ?? {};
      const name = readString(ctx, raw.matchName, child(p, 'matchName')) ?? '';
      const pattern = readString(ctx, raw.matchPattern, child(p, 'matchPattern')) ?? '';
      if (name === '' && pattern === '') ctx.error('invalid-cilium-rule', p, 'one of matchName or matchPattern is required');
      return { kind: 'outside-unknown', what: `toFQDNs ${name || pattern}` } as CiliumPeer;
    }) ?? []
  );
}

/** toServices entries (pkg/policy/api/service.go): k8sServiceSelector wins over k8sService, as in
 * rule_translate.go serviceMatches; an entry with neither matches no Service. */
function readServices(ctx: ObjectContext, value: unknown, path: string): CiliumPeer[] {
  return (
    readEach(ctx, value, path, (e, p) => {
      const raw = readMapping(ctx, e, p) ?? {};
      const ns = (m: Readonly<Record<string, unknown>>, q: string) => {
        const text = m.namespace === undefined || m.namespace === null ? '' : (readString(ctx, m.namespace, child(q, 'namespace')) ?? '');
        return text !== '' ? { namespace: text } : {};
      };
      if (raw.k8sServiceSelector !== undefined && raw.k8sServiceSelector !== null) {
        const q = child(p, 'k8sServiceSelector');
        const m = readMapping(ctx, raw.k8sServiceSelector, q) ?? {};
        const selector = readCiliumSelector(ctx, m.selector ?? {}, child(q, 'selector'));
        return selector ? ({ kind: 'service', selector, ...ns(m, q) } as CiliumPeer) : undefined;
      }
      if (raw.k8sService !== undefined && raw.k8sService !== null) {
        const q = child(p, 'k8sService');
        const m = readMapping(ctx, raw.k8sService, q) ?? {};
        const name = readString(ctx, m.serviceName ?? '', child(q, 'serviceName')) ?? '';
        return { kind: 'service', name, ...ns(m, q) } as CiliumPeer;
      }
      return undefined;
    }) ?? []
  );
}

function readPeers(
  ctx: ObjectContext,
  raw: Readonly<Record<string, unknown>>,
  path: string,
  field: string,
  scope: RuleScope,
): CiliumPeer[] {
  const p = child(path, field);
  switch (field) {
    case 'fromEndpoints':
    case 'toEndpoints':
      return readEndpoints(ctx, raw[field], p, scope);
    case 'fromEntities':
    case 'toEntities':
      return readEntities(ctx, raw[field], p);
    case 'fromCIDR':
    case 'toCIDR':
      return (readEach(ctx, raw[field], p, (e, q) => readCidr(ctx, e, q, true)) ?? []).map((cidr) => ({ kind: 'cidr', cidr, except: [] }));
    case 'fromCIDRSet':
    case 'toCIDRSet':
      return readEach(ctx, raw[field], p, (e, q) => readCidrRule(ctx, e, q)) ?? [];
    case 'toFQDNs':
      return readFqdns(ctx, raw[field], p);
    case 'toServices':
      return readServices(ctx, raw[field], p);
    case 'fromGroups':
    case 'toGroups':
      return [{ kind: 'outside-unknown', what: `${field} (cloud provider groups)` }];
    default:
      // fromNodes, toNodes.
      scope.notModelled.push(`${p} is not modelled`);
      return [];
  }
}

export function readCiliumRule(
  ctx: ObjectContext,
  value: unknown,
  path: string,
  section: Section,
  index: number,
  scope: RuleScope,
): CiliumRule | undefined {
  const raw = readMapping(ctx, value, path) ?? {};
  const ingress = section === 'ingress' || section === 'ingressDeny';
  const l3 = (ingress ? L3_INGRESS : L3_EGRESS).filter((f) => (readList(ctx, raw[f], child(path, f)) ?? []).length > 0);
  if (l3.length > 1) ctx.error('invalid-cilium-rule', child(path, l3[1]), `Combining ${cap(l3[0])} and ${cap(l3[1])} is not supported yet`);
  if (l3.includes('toServices') && (readList(ctx, raw.toPorts, child(path, 'toPorts')) ?? []).length > 0) {
    ctx.error('invalid-cilium-rule', child(path, 'toPorts'), 'Combining ToServices and ToPorts is not supported yet');
  }
  for (const f of ['fromRequires', 'toRequires', 'authentication'] as const) {
    if (raw[f] !== undefined && raw[f] !== null) scope.notModelled.push(`${child(path, f)} is not modelled`);
  }
  const peers = l3.length === 0 ? null : readPeers(ctx, raw, path, l3[0], scope);
  const { ports, l7, hasL4 } = readRulePorts(ctx, raw, path, ingress, section.endsWith('Deny'));
  return { index, peers, ports, hasL4, l7 };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A section's rules, in order. */
export function readCiliumRules(ctx: ObjectContext, value: unknown, path: string, section: Section, scope: RuleScope): CiliumRule[] {
  const list = readList(ctx, value, path) ?? [];
  const out: CiliumRule[] = [];
  list.forEach((entry, i) => {
    const r = readCiliumRule(ctx, entry, item(path, i), section, i, scope);
    if (r) out.push(r);
  });
  return out;
}
