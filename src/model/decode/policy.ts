// NetworkPolicy (networking.k8s.io/v1), normalised once: effective policyTypes, only the rules of
// effective types, peers and ports with their defaults applied. Unknown fields are rejected anywhere.
import type { NetworkPolicy, PolicyRule, PolicyType } from '../types.ts';
import type { ObjectContext } from './context.ts';
import { reportUnknownFields } from './fields.ts';
import type { Meta } from './meta.ts';
import { readPeers } from './peer.ts';
import { NETWORK_POLICY_FIELD_HOMES, NETWORK_POLICY_SHAPE } from './policy-shape.ts';
import { readPolicyPorts } from './policy-port.ts';
import { child, readEach, readEntryMapping, readMapping, readStringList, type Mapping } from './read.ts';
import { EMPTY_SELECTOR, readSelector } from './selector.ts';

const POLICY_TYPES: readonly PolicyType[] = ['Ingress', 'Egress'];

export function decodeNetworkPolicy(ctx: ObjectContext, raw: Mapping, meta: Meta): NetworkPolicy | undefined {
  reportUnknownFields(ctx, raw, NETWORK_POLICY_SHAPE, NETWORK_POLICY_FIELD_HOMES);
  const spec = readMapping(ctx, raw.spec, 'spec') ?? {};
  const podSelector = readPodSelector(ctx, spec);
  const written = readPolicyTypes(ctx, spec.policyTypes, 'spec.policyTypes');
  const ingress = readRules(ctx, spec.ingress, 'spec.ingress', 'from');
  const egress = readRules(ctx, spec.egress, 'spec.egress', 'to');
  if (ctx.failed) return undefined;

  // The API server's defaulting: omitted (or empty) policyTypes is Ingress, plus Egress iff spec.egress
  // has at least one rule; `egress: []` does not count.
  const explicit = written !== undefined && written.length > 0;
  const policyTypes: PolicyType[] = explicit ? written : egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  return {
    namespace: meta.namespace ?? 'default',
    name: meta.name,
    podSelector,
    policyTypes,
    policyTypesExplicit: explicit,
    ingress: policyTypes.includes('Ingress') ? ingress : [],
    egress: policyTypes.includes('Egress') ? egress : [],
  };
}

function readPodSelector(ctx: ObjectContext, spec: Mapping) {
  if (spec.podSelector === undefined || spec.podSelector === null) {
    // The API server decodes a missing podSelector as {}: the policy selects every pod.
    ctx.warn('missing-pod-selector', 'spec.podSelector');
    return EMPTY_SELECTOR;
  }
  return readSelector(ctx, spec.podSelector, 'spec.podSelector') ?? EMPTY_SELECTOR;
}

/** As written, deduplicated and sorted Ingress, Egress; undefined when omitted. */
function readPolicyTypes(ctx: ObjectContext, value: unknown, path: string): PolicyType[] | undefined {
  const written = readStringList(ctx, value, path);
  if (written === undefined) return undefined;
  if (written.length > POLICY_TYPES.length) {
    ctx.error('invalid-policy-type', path, 'may not list more than two policyTypes');
  }
  written.forEach((text, i) => {
    if (!POLICY_TYPES.some((t) => t === text)) {
      ctx.error('invalid-policy-type', `${path}[${i}]`, `${JSON.stringify(text)} is not a policy type (Ingress, Egress)`);
    }
  });
  return POLICY_TYPES.filter((t) => written.includes(t));
}

function readRules(ctx: ObjectContext, value: unknown, path: string, peerKey: 'from' | 'to'): PolicyRule[] {
  return (
    readEach(ctx, value, path, (entry, p): PolicyRule | undefined => {
      const rule = readEntryMapping(ctx, entry, p);
      if (!rule) return undefined;
      return {
        peers: readPeers(ctx, rule[peerKey], child(p, peerKey)),
        ports: readPolicyPorts(ctx, rule.ports, child(p, 'ports')),
      };
    }) ?? []
  );
}
