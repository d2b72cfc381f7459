// policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy, strictly (apis/v1alpha2/
// clusternetworkpolicy_types.go): spec.tier Admin | Baseline, priority 0..1000, actions Accept (read as
// Allow) / Deny / Pass, at most 25 rules per direction, 25 peers and 25 protocols per rule. Ports are
// `protocols`: exactly one of tcp/udp/sctp {destinationPort: exactly one of number, range{start<end}}
// or destinationNamedPort.
import type { PolicyPort, Protocol } from '../types.ts';
import type { PolicyTier, TierPolicy, TierRule } from '../tier-policy.ts';
import { namedOnEveryProtocol, requiredPort } from './admin-policy.ts';
import type { ObjectContext } from './context.ts';
import { reportUnknownFields, ANY, list, object } from './fields.ts';
import type { Meta } from './meta.ts';
import { LABEL_SELECTOR, OBJECT_META } from './policy-shape.ts';
import { checkPortName } from './ports.ts';
import { child, readEach, readEntryMapping, readMapping, readString, type Mapping } from './read.ts';
import {
  checkEgressRule,
  exactlyOne,
  readAction,
  readLimitedList,
  readPriority,
  readRuleName,
  readSubject,
  readTierPeers,
  type PeerField,
} from './tier-common.ts';

const NAMESPACED_POD = object({ namespaceSelector: LABEL_SELECTOR, podSelector: LABEL_SELECTOR });
const DESTINATION = object({ destinationPort: object({ number: ANY, range: object({ start: ANY, end: ANY }) }) });
const PROTOCOL = object({ tcp: DESTINATION, udp: DESTINATION, sctp: DESTINATION, destinationNamedPort: ANY });
const SHAPE = object({
  apiVersion: ANY,
  kind: ANY,
  metadata: OBJECT_META,
  spec: object({
    tier: ANY,
    priority: ANY,
    subject: object({ namespaces: LABEL_SELECTOR, pods: NAMESPACED_POD }),
    ingress: list(
      object({
        name: ANY,
        action: ANY,
        from: list(object({ namespaces: LABEL_SELECTOR, pods: NAMESPACED_POD })),
        protocols: list(PROTOCOL),
      }),
    ),
    egress: list(
      object({
        name: ANY,
        action: ANY,
        to: list(object({ namespaces: LABEL_SELECTOR, pods: NAMESPACED_POD, nodes: LABEL_SELECTOR, networks: ANY, domainNames: ANY })),
        protocols: list(PROTOCOL),
      }),
    ),
  }),
  status: ANY,
});

const TIERS: readonly PolicyTier[] = ['Admin', 'Baseline'];
const ACTIONS = ['Accept', 'Deny', 'Pass'];

export function decodeClusterNetworkPolicy(ctx: ObjectContext, raw: Mapping, meta: Meta): TierPolicy | undefined {
  reportUnknownFields(ctx, raw, SHAPE);
  const spec = readMapping(ctx, raw.spec, 'spec');
  if (!spec) {
    if (raw.spec === undefined || raw.spec === null) ctx.error('required', 'spec');
    return undefined;
  }
  const tier = readTier(ctx, spec.tier);
  const priority = readPriority(ctx, spec.priority, 'spec.priority');
  const subject = readSubject(ctx, spec.subject, 'spec.subject');
  const ingress = readRules(ctx, spec.ingress, 'spec.ingress', 'from', ['namespaces', 'pods']);
  const egress = readRules(ctx, spec.egress, 'spec.egress', 'to', ['namespaces', 'pods', 'nodes', 'networks', 'domainNames']);
  if (ctx.failed || !subject || !tier) return undefined;
  return { kind: 'ClusterNetworkPolicy', name: meta.name, tier, priority, subject, ingress, egress };
}

function readTier(ctx: ObjectContext, value: unknown): PolicyTier | undefined {
  if (value === undefined || value === null || value === '') {
    ctx.error('required', 'spec.tier');
    return undefined;
  }
  const text = readString(ctx, value, 'spec.tier');
  const tier = TIERS.find((t) => t === text);
  if (text !== undefined && !tier) ctx.error('invalid-value', 'spec.tier', `${JSON.stringify(text)} (Admin or Baseline)`);
  return tier;
}

function readRules(ctx: ObjectContext, value: unknown, path: string, peerKey: 'from' | 'to', fields: readonly PeerField[]): TierRule[] {
  readLimitedList(ctx, value, path, 0, 25);
  return (
    readEach(ctx, value, path, (entry, p): TierRule | undefined => {
      const rule = readEntryMapping(ctx, entry, p);
      if (!rule) return undefined;
      const name = readRuleName(ctx, rule.name, child(p, 'name'));
      const action = readAction(ctx, rule.action, child(p, 'action'), ACTIONS);
      const peers = readTierPeers(ctx, rule[peerKey], child(p, peerKey), fields, 25);
      const ports = readProtocols(ctx, rule.protocols, child(p, 'protocols'));
      if (peerKey === 'to') checkEgressRule(ctx, p, action, peers, ports?.some((x) => x.kind === 'named') ?? false);
      return action && { name, action, peers, ports };
    }) ?? []
  );
}

const PROTOCOL_KEYS: Readonly<Record<string, Protocol>> = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP' };

/** `protocols`: null (every port of every protocol) when omitted; MinItems=1, MaxItems=25. */
function readProtocols(ctx: ObjectContext, value: unknown, path: string): PolicyPort[] | null {
  if (value === undefined || value === null) return null;
  readLimitedList(ctx, value, path, 1, 25);
  return (readEach(ctx, value, path, (entry, p) => readProtocol(ctx, entry, p)) ?? []).flat();
}

function readProtocol(ctx: ObjectContext, value: unknown, path: string): PolicyPort[] | undefined {
  const raw = readEntryMapping(ctx, value, path);
  if (!raw) return undefined;
  const which = exactlyOne(ctx, raw, ['tcp', 'udp', 'sctp', 'destinationNamedPort'], path);
  if (which === undefined) return undefined;
  if (which === 'destinationNamedPort') {
    const name = readString(ctx, raw.destinationNamedPort, child(path, which));
    const checked = name === undefined ? undefined : checkPortName(ctx, name, child(path, which));
    return checked === undefined ? undefined : namedOnEveryProtocol(checked);
  }
  const protocol = PROTOCOL_KEYS[which];
  const p = child(path, which);
  const body = readMapping(ctx, raw[which], p);
  if (!body) return undefined;
  // ClusterNetworkPolicyProtocolTCP: MinProperties=1 — destinationPort must be given.
  const dp = child(p, 'destinationPort');
  const port = readMapping(ctx, body.destinationPort, dp);
  if (!port) {
    if (body.destinationPort === undefined || body.destinationPort === null) ctx.error('required', dp);
    return undefined;
  }
  const form = exactlyOne(ctx, port, ['number', 'range'], dp);
  if (form === 'number') {
    const n = requiredPort(ctx, port.number, child(dp, 'number'));
    return n === undefined ? undefined : [{ kind: 'range', protocol, from: n, to: n }];
  }
  if (form !== 'range') return undefined;
  const rp = child(dp, 'range');
  const range = readMapping(ctx, port.range, rp);
  if (!range) return undefined;
  const start = requiredPort(ctx, range.start, child(rp, 'start'));
  const end = requiredPort(ctx, range.end, child(rp, 'end'));
  if (start === undefined || end === undefined) return undefined;
  if (start >= end) ctx.error('invalid-port-range', rp, `start ${start} must be less than end ${end}`);
  return [{ kind: 'range', protocol, from: start, to: end }];
}
