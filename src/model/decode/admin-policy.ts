// policy.networking.k8s.io/v1alpha1 AdminNetworkPolicy and BaselineAdminNetworkPolicy, strictly:
// unknown fields rejected, the CRD's limits and CEL rules checked (apis/v1alpha1/
// adminnetworkpolicy_types.go, baselineadminnetworkpolicy_types.go, shared_types.go). ANP: priority
// 0..1000, actions Allow/Deny/Pass, at most 100 rules per direction and 100 peers/ports per rule.
// BANP: a singleton named `default`, actions Allow/Deny. Ports: exactly one of portNumber
// {protocol (TCP default), port}, portRange {protocol, start < end}, namedPort.
import { PROTOCOLS, type PolicyPort } from '../types.ts';
import type { TierPolicy, TierPolicyKind, TierRule } from '../tier-policy.ts';
import type { ObjectContext } from './context.ts';
import { reportUnknownFields, ANY, list, object, type Shape } from './fields.ts';
import type { Meta } from './meta.ts';
import { LABEL_SELECTOR, OBJECT_META } from './policy-shape.ts';
import { checkPortName, checkPortNumber, readProtocol } from './ports.ts';
import { child, readEach, readEntryMapping, readInt, readMapping, readString, type Mapping } from './read.ts';
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
const SUBJECT = object({ namespaces: LABEL_SELECTOR, pods: NAMESPACED_POD });
const INGRESS_PEER = object({ namespaces: LABEL_SELECTOR, pods: NAMESPACED_POD });
const EGRESS_PEER = object({ namespaces: LABEL_SELECTOR, pods: NAMESPACED_POD, nodes: LABEL_SELECTOR, networks: ANY, domainNames: ANY });
const PORT = object({
  portNumber: object({ protocol: ANY, port: ANY }),
  portRange: object({ protocol: ANY, start: ANY, end: ANY }),
  namedPort: ANY,
});

function shapeOf(kind: TierPolicyKind): Shape {
  return object({
    apiVersion: ANY,
    kind: ANY,
    metadata: OBJECT_META,
    spec: object({
      ...(kind === 'AdminNetworkPolicy' ? { priority: ANY } : {}),
      subject: SUBJECT,
      ingress: list(object({ name: ANY, action: ANY, from: list(INGRESS_PEER), ports: list(PORT) })),
      egress: list(object({ name: ANY, action: ANY, to: list(EGRESS_PEER), ports: list(PORT) })),
    }),
    status: ANY,
  });
}

const INGRESS_FIELDS: readonly PeerField[] = ['namespaces', 'pods'];
const EGRESS_FIELDS: readonly PeerField[] = ['namespaces', 'pods', 'nodes', 'networks', 'domainNames'];

export function decodeAdminNetworkPolicy(
  ctx: ObjectContext,
  raw: Mapping,
  meta: Meta,
  kind: 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy',
): TierPolicy | undefined {
  reportUnknownFields(ctx, raw, shapeOf(kind));
  const baseline = kind === 'BaselineAdminNetworkPolicy';
  // BaselineAdminNetworkPolicy: +kubebuilder:validation:XValidation:rule="self.metadata.name == 'default'"
  if (baseline && meta.name !== '' && meta.name !== 'default') ctx.error('baseline-name', 'metadata.name', JSON.stringify(meta.name));
  const spec = readMapping(ctx, raw.spec, 'spec');
  if (!spec) {
    if (raw.spec === undefined || raw.spec === null) ctx.error('required', 'spec');
    return undefined;
  }
  const priority = baseline ? 0 : readPriority(ctx, spec.priority, 'spec.priority');
  const subject = readSubject(ctx, spec.subject, 'spec.subject');
  const actions = baseline ? ['Allow', 'Deny'] : ['Allow', 'Deny', 'Pass'];
  const ingress = readRules(ctx, spec.ingress, 'spec.ingress', 'from', INGRESS_FIELDS, actions);
  const egress = readRules(ctx, spec.egress, 'spec.egress', 'to', baseline ? EGRESS_FIELDS.slice(0, 4) : EGRESS_FIELDS, actions);
  if (ctx.failed || !subject) return undefined;
  return { kind, name: meta.name, tier: baseline ? 'Baseline' : 'Admin', priority, subject, ingress, egress };
}

function readRules(
  ctx: ObjectContext,
  value: unknown,
  path: string,
  peerKey: 'from' | 'to',
  fields: readonly PeerField[],
  actions: readonly string[],
): TierRule[] {
  readLimitedList(ctx, value, path, 0, 100);
  return (
    readEach(ctx, value, path, (entry, p): TierRule | undefined => {
      const rule = readEntryMapping(ctx, entry, p);
      if (!rule) return undefined;
      const name = readRuleName(ctx, rule.name, child(p, 'name'));
      const action = readAction(ctx, rule.action, child(p, 'action'), actions);
      const peers = readTierPeers(ctx, rule[peerKey], child(p, peerKey), fields, 100);
      const ports = readPorts(ctx, rule.ports, child(p, 'ports'));
      if (peerKey === 'to') checkEgressRule(ctx, p, action, peers, ports?.some((x) => x.kind === 'named') ?? false);
      return action && { name, action, peers, ports };
    }) ?? []
  );
}

/** `ports`: null (every port) when omitted; MinItems=1, MaxItems=100. */
function readPorts(ctx: ObjectContext, value: unknown, path: string): PolicyPort[] | null {
  if (value === undefined || value === null) return null;
  readLimitedList(ctx, value, path, 1, 100);
  return (readEach(ctx, value, path, (entry, p) => readPort(ctx, entry, p)) ?? []).flat();
}

function readPort(ctx: ObjectContext, value: unknown, path: string): PolicyPort[] | undefined {
  const raw = readEntryMapping(ctx, value, path);
  if (!raw) return undefined;
  const which = exactlyOne(ctx, raw, ['portNumber', 'portRange', 'namedPort'], path);
  if (which === 'namedPort') {
    const name = readString(ctx, raw.namedPort, child(path, 'namedPort'));
    // A named port has no protocol of its own: it matches the destination's container port of that
    // name, whatever its protocol (container port names are unique within a pod).
    const checked = name === undefined ? undefined : checkPortName(ctx, name, child(path, 'namedPort'));
    return checked === undefined ? undefined : namedOnEveryProtocol(checked);
  }
  const p = child(path, which ?? 'portNumber');
  const body = which === undefined ? undefined : readMapping(ctx, raw[which], p);
  if (!body) return undefined;
  const protocol = readProtocol(ctx, body.protocol, child(p, 'protocol'));
  if (which === 'portNumber') {
    const port = requiredPort(ctx, body.port, child(p, 'port'));
    return port === undefined ? undefined : [{ kind: 'range', protocol, from: port, to: port }];
  }
  const start = requiredPort(ctx, body.start, child(p, 'start'));
  const end = requiredPort(ctx, body.end, child(p, 'end'));
  if (start === undefined || end === undefined) return undefined;
  // PortRange: +kubebuilder:validation:XValidation:rule="self.start < self.end"
  if (start >= end) ctx.error('invalid-port-range', p, `start ${start} must be less than end ${end}`);
  return [{ kind: 'range', protocol, from: start, to: end }];
}

export function namedOnEveryProtocol(name: string): PolicyPort[] {
  return PROTOCOLS.map((protocol) => ({ kind: 'named', protocol, name }));
}

export function requiredPort(ctx: ObjectContext, value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) {
    ctx.error('required', path);
    return undefined;
  }
  const n = readInt(ctx, value, path);
  return n === undefined ? undefined : checkPortNumber(ctx, n, path);
}
