// toPorts and icmps of a Cilium rule, checked as the agent's PortRule.sanitize and
// PortProtocol.sanitize do (pkg/policy/api/rule_validation.go): `port` required, an IANA service
// name (lower-cased) or a number 0..65535 (0 = every port), at most 40 ports per PortRule; protocol
// TCP, UDP, SCTP, ICMP, ICMPv6, VRRP, IGMP or ANY (case-insensitive, empty = ANY; pkg/policy/api/l4.go
// ParseL4Proto); ANY matches TCP, UDP and SCTP. L7 rules only over TCP (DNS also UDP), never with port
// 0, one L7 type per port rule, DNS only on egress and with an explicit port. `icmps` never with toPorts.
// Protocols other than TCP/UDP/SCTP admit nothing netreach can ask about (no ICMP questions yet).
import { PROTOCOLS, type PolicyPort, type Protocol } from '../types.ts';
import type { ObjectContext } from './context.ts';
import { child, item, readEach, readInt, readList, readMapping, readString } from './read.ts';

const MAX_PORTS = 40;
const MAX_ICMP_FIELDS = 40;
const L4_PROTOCOLS = ['TCP', 'UDP', 'SCTP', 'ICMP', 'ICMPV6', 'VRRP', 'IGMP', 'ANY'];
const L7_KINDS = ['http', 'kafka', 'dns', 'l7proto'] as const;

/** pkg/iana/svcname.go IsSvcName: 1-15 letters, digits, hyphens; a letter; no hyphen at an end or twice. */
export function isSvcName(s: string): boolean {
  return /^[a-zA-Z0-9-]{1,15}$/.test(s) && /[a-zA-Z]/.test(s) && !s.startsWith('-') && !s.endsWith('-') && !s.includes('--');
}

export interface DecodedPorts {
  /** null: no toPorts (every port); else what the port rules admit over TCP/UDP/SCTP. */
  readonly ports: PolicyPort[] | null;
  readonly l7: string[];
}

function protocolsOf(ctx: ObjectContext, value: unknown, path: string): Protocol[] | undefined {
  const text = (readString(ctx, value, path) ?? '').toUpperCase();
  if (text !== '' && !L4_PROTOCOLS.includes(text)) {
    ctx.error('invalid-cilium-rule', path, `invalid protocol ${JSON.stringify(value)}`);
    return undefined;
  }
  if (text === '' || text === 'ANY') return [...PROTOCOLS];
  return (PROTOCOLS as readonly string[]).includes(text) ? [text as Protocol] : [];
}

function readPortProtocol(
  ctx: ObjectContext,
  value: unknown,
  path: string,
  dns: boolean,
  out: PolicyPort[],
): { zero: boolean; tcpOnly: boolean } {
  const raw = readMapping(ctx, value, path) ?? {};
  const port = readString(ctx, raw.port, child(path, 'port'));
  const protocols = protocolsOf(ctx, raw.protocol, child(path, 'protocol')) ?? [];
  const endPort = readInt(ctx, raw.endPort, child(path, 'endPort'));
  const tcpOnly = protocols.length === 1 && protocols[0] === 'TCP';
  if (port === undefined || port === '') {
    ctx.error('invalid-cilium-rule', child(path, 'port'), 'Port must be specified');
    return { zero: false, tcpOnly };
  }
  if (isSvcName(port)) {
    for (const protocol of protocols) out.push({ kind: 'named', protocol, name: port.toLowerCase() });
    return { zero: false, tcpOnly };
  }
  if (!/^\d+$/.test(port) || Number(port) > 65535) {
    ctx.error('invalid-cilium-rule', child(path, 'port'), `Unable to parse port ${JSON.stringify(port)}`);
    return { zero: false, tcpOnly };
  }
  const from = Number(port);
  if (dns && endPort !== undefined && endPort > from)
    ctx.error('invalid-cilium-rule', child(path, 'endPort'), 'DNS rules do not support port ranges');
  for (const protocol of protocols) {
    if (from === 0) out.push({ kind: 'all', protocol });
    else out.push({ kind: 'range', protocol, from, to: endPort !== undefined && endPort > from ? Math.min(endPort, 65535) : from });
  }
  return { zero: from === 0, tcpOnly };
}

function readL7(ctx: ObjectContext, value: unknown, path: string, ingress: boolean, hasPorts: boolean): string[] {
  const rules = readMapping(ctx, value, path);
  if (!rules) return [];
  const kinds = L7_KINDS.filter((k) =>
    k === 'l7proto'
      ? typeof rules.l7proto === 'string' && rules.l7proto !== ''
      : (readList(ctx, rules[k], child(path, k)) ?? []).length > 0,
  );
  if (rules.l7 !== undefined && rules.l7 !== null && !kinds.includes('l7proto'))
    ctx.error('invalid-cilium-rule', child(path, 'l7'), "'l7' may only be specified when a 'l7proto' is also specified");
  if (kinds.length > 1) ctx.error('invalid-cilium-rule', path, 'multiple L7 protocol rule types specified in single rule');
  if (kinds.includes('dns') && ingress) ctx.error('invalid-cilium-rule', child(path, 'dns'), 'DNS rules are not allowed on ingress');
  if (kinds.includes('dns') && !hasPorts) ctx.error('invalid-cilium-rule', child(path, 'dns'), 'Port 53 must be specified for DNS rules');
  return kinds;
}

/** One PortRule (`toPorts[i]`): its ports and L7 kinds. Deny rules have no `rules` (PortDenyRule). */
function readPortRule(ctx: ObjectContext, value: unknown, path: string, ingress: boolean, deny: boolean, out: PolicyPort[]): string[] {
  const found = readMapping(ctx, value, path) ?? {};
  // A deny rule's `rules` is already an unknown field (PortDenyRule has none): not read again.
  const raw = deny ? { ports: found.ports } : found;
  const list = readList(ctx, raw.ports, child(path, 'ports')) ?? [];
  if (list.length > MAX_PORTS) ctx.error('invalid-cilium-rule', child(path, 'ports'), `too many ports, the max is ${MAX_PORTS}`);
  const rulesRaw = readMapping(ctx, raw.rules, child(path, 'rules'));
  const dns = (readList(ctx, rulesRaw?.dns, child(child(path, 'rules'), 'dns')) ?? []).length > 0;
  const l7 = readL7(ctx, raw.rules, child(path, 'rules'), ingress, list.length > 0);
  let zero = false;
  list.forEach((p, i) => {
    const r = readPortProtocol(ctx, p, item(child(path, 'ports'), i), dns, out);
    zero ||= r.zero;
    if (l7.length > 0 && !dns && !r.tcpOnly)
      ctx.error('invalid-cilium-rule', item(child(path, 'ports'), i), 'L7 rules can only apply to TCP except for DNS rules');
  });
  if (l7.length > 0 && zero) ctx.error('invalid-cilium-rule', child(path, 'ports'), 'L7 rules can not be used when a port is 0');
  // A PortRule without ports applies to every port (pkg/policy/l4.go: no ports = wildcard port 0/ANY).
  if (list.length === 0) for (const protocol of PROTOCOLS) out.push({ kind: 'all', protocol });
  return l7;
}

/** toPorts and icmps of one rule. */
export function readRulePorts(
  ctx: ObjectContext,
  raw: Readonly<Record<string, unknown>>,
  path: string,
  ingress: boolean,
  deny: boolean,
): DecodedPorts & { hasL4: boolean } {
  const toPorts = readList(ctx, raw.toPorts, child(path, 'toPorts'));
  const icmps = readList(ctx, raw.icmps, child(path, 'icmps'));
  if ((toPorts?.length ?? 0) > 0 && (icmps?.length ?? 0) > 0) {
    ctx.error(
      'invalid-cilium-rule',
      child(path, 'icmps'),
      'The ICMPs block may only be present without ToPorts. Define a separate rule to use ToPorts.',
    );
  }
  readEach(ctx, raw.icmps, child(path, 'icmps'), (entry, p) => {
    const fields = readList(ctx, readMapping(ctx, entry, p)?.fields, child(p, 'fields')) ?? [];
    if (fields.length > MAX_ICMP_FIELDS)
      ctx.error('invalid-cilium-rule', child(p, 'fields'), `too many types, the max is ${MAX_ICMP_FIELDS}`);
    fields.forEach((f, i) => {
      const family = readString(
        ctx,
        readMapping(ctx, f, item(child(p, 'fields'), i))?.family,
        child(item(child(p, 'fields'), i), 'family'),
      );
      if (family !== undefined && family !== '' && family !== 'IPv4' && family !== 'IPv6')
        ctx.error('invalid-cilium-rule', child(item(child(p, 'fields'), i), 'family'), `wrong family: ${family}`);
    });
    return true;
  });
  if ((toPorts?.length ?? 0) === 0) {
    // icmps only: admits ICMP, never TCP/UDP/SCTP; neither: every port.
    return (icmps?.length ?? 0) > 0 ? { ports: [], l7: [], hasL4: true } : { ports: null, l7: [], hasL4: false };
  }
  const ports: PolicyPort[] = [];
  const l7 = new Set<string>();
  toPorts!.forEach((entry, i) => {
    for (const k of readPortRule(ctx, entry, item(child(path, 'toPorts'), i), ingress, deny, ports)) l7.add(k);
  });
  return { ports, l7: [...l7], hasL4: true };
}
