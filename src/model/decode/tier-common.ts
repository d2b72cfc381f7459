// What AdminNetworkPolicy, BaselineAdminNetworkPolicy (v1alpha1) and ClusterNetworkPolicy (v1alpha2)
// share: subject, peers, priority, action and list limits, validated as the CRDs' OpenAPI schema and
// CEL rules do (kubernetes-sigs/network-policy-api apis/v1alpha1/{adminnetworkpolicy,shared}_types.go,
// apis/v1alpha2/clusternetworkpolicy_types.go). Field paths follow the written object.
import type { LabelSelector } from '../types.ts';
import type { TierAction, TierPeer, TierSubject } from '../tier-policy.ts';
import type { ObjectContext } from './context.ts';
import { parseCidr } from './ip.ts';
import {
  child,
  item,
  readEach,
  readEntryMapping,
  readInt,
  readList,
  readMapping,
  readString,
  readStringList,
  type Mapping,
} from './read.ts';
import { EMPTY_SELECTOR, readSelector } from './selector.ts';

const present = (raw: Mapping, key: string): boolean => raw[key] !== undefined && raw[key] !== null;

/** MaxProperties=1 / MinProperties=1: exactly one of `keys`; returns it (undefined after an error). */
export function exactlyOne(ctx: ObjectContext, raw: Mapping, keys: readonly string[], path: string): string | undefined {
  const given = keys.filter((k) => present(raw, k));
  if (given.length !== 1) {
    ctx.error('exactly-one-field', path, keys.join(', '));
    return undefined;
  }
  return given[0];
}

/** A list with MinItems/MaxItems; undefined when absent. */
export function readLimitedList(
  ctx: ObjectContext,
  value: unknown,
  path: string,
  min: number,
  max: number,
): readonly unknown[] | undefined {
  const list = readList(ctx, value, path);
  if (list === undefined) return undefined;
  if (list.length > max) ctx.error('too-many-items', path, `${list.length}, at most ${max} allowed`);
  if (list.length < min) ctx.error('too-few-items', path, `${min} item${min === 1 ? '' : 's'}`);
  return list;
}

/** spec.priority: required, 0..1000 (+kubebuilder:validation:Minimum=0, Maximum=1000). */
export function readPriority(ctx: ObjectContext, value: unknown, path: string): number {
  if (value === undefined || value === null) {
    ctx.error('required', path);
    return 0;
  }
  const n = readInt(ctx, value, path);
  if (n !== undefined && (n < 0 || n > 1000)) ctx.error('invalid-priority', path, String(n));
  return n ?? 0;
}

/** `action`: one of the written spellings, normalised (Accept → Allow). */
export function readAction(ctx: ObjectContext, value: unknown, path: string, allowed: readonly string[]): TierAction | undefined {
  if (value === undefined || value === null || value === '') {
    ctx.error('required', path);
    return undefined;
  }
  const text = readString(ctx, value, path);
  if (text === undefined) return undefined;
  if (!allowed.includes(text)) {
    ctx.error('invalid-action', path, `${JSON.stringify(text)} (one of ${allowed.join(', ')})`);
    return undefined;
  }
  return text === 'Accept' ? 'Allow' : (text as TierAction);
}

/** Rule `name`: optional, at most 100 characters. */
export function readRuleName(ctx: ObjectContext, value: unknown, path: string): string {
  const name = readString(ctx, value, path) ?? '';
  if (name.length > 100) ctx.error('invalid-value', path, `a rule name has at most 100 characters (${name.length})`);
  return name;
}

function selectorOrAll(ctx: ObjectContext, value: unknown, path: string): LabelSelector {
  return readSelector(ctx, value, path) ?? EMPTY_SELECTOR;
}

/** NamespacedPod: `namespaceSelector` (empty: all namespaces) and the required `podSelector`. */
function readNamespacedPod(
  ctx: ObjectContext,
  value: unknown,
  path: string,
): { namespaces: LabelSelector; pods: LabelSelector } | undefined {
  const raw = readMapping(ctx, value, path);
  if (!raw) return undefined;
  if (!present(raw, 'podSelector')) ctx.error('required', child(path, 'podSelector'));
  return {
    namespaces: selectorOrAll(ctx, raw.namespaceSelector, child(path, 'namespaceSelector')),
    pods: selectorOrAll(ctx, raw.podSelector, child(path, 'podSelector')),
  };
}

/** spec.subject: exactly one of namespaces, pods. */
export function readSubject(ctx: ObjectContext, value: unknown, path: string): TierSubject | undefined {
  if (value === undefined || value === null) {
    ctx.error('required', path);
    return undefined;
  }
  const raw = readMapping(ctx, value, path);
  if (!raw) return undefined;
  const which = exactlyOne(ctx, raw, ['namespaces', 'pods'], path);
  if (which === 'namespaces') return { kind: 'namespaces', namespaces: selectorOrAll(ctx, raw.namespaces, child(path, 'namespaces')) };
  if (which === 'pods') {
    const pod = readNamespacedPod(ctx, raw.pods, child(path, 'pods'));
    return pod && { kind: 'pods', ...pod };
  }
  return undefined;
}

// DomainName pattern of apis/v1alpha2 (and v1alpha1): exact names or a `*.` prefix wildcard.
const DOMAIN_NAME = /^(\*\.)?([a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.?$/;

export type PeerField = 'namespaces' | 'pods' | 'nodes' | 'networks' | 'domainNames';

/** One peer: exactly one of `fields` (ingress: namespaces, pods; egress adds nodes, networks, domainNames). */
function readPeer(ctx: ObjectContext, value: unknown, path: string, fields: readonly PeerField[]): TierPeer | undefined {
  const raw = readEntryMapping(ctx, value, path);
  if (!raw) return undefined;
  const which = exactlyOne(ctx, raw, fields, path) as PeerField | undefined;
  const p = which && child(path, which);
  switch (which) {
    case undefined:
      return undefined;
    case 'namespaces':
      return { kind: 'namespaces', namespaces: selectorOrAll(ctx, raw.namespaces, p!) };
    case 'pods': {
      const pod = readNamespacedPod(ctx, raw.pods, p!);
      return pod && { kind: 'pods', ...pod };
    }
    case 'nodes':
      return { kind: 'nodes', nodes: selectorOrAll(ctx, raw.nodes, p!) };
    case 'networks': {
      readLimitedList(ctx, raw.networks, p!, 1, 25);
      const cidrs: string[] = [];
      (readStringList(ctx, raw.networks, p!) ?? []).forEach((text, i) => {
        const cidr = parseCidr(text);
        if (!cidr) ctx.error('invalid-cidr', item(p!, i), JSON.stringify(text));
        else cidrs.push(cidr.text);
      });
      return { kind: 'networks', cidrs };
    }
    case 'domainNames': {
      readLimitedList(ctx, raw.domainNames, p!, 1, 25);
      const names = readStringList(ctx, raw.domainNames, p!) ?? [];
      names.forEach((n, i) => DOMAIN_NAME.test(n) || ctx.error('invalid-domain-name', item(p!, i), JSON.stringify(n)));
      return { kind: 'domainNames', names };
    }
    default: {
      const unreachable: never = which;
      throw new Error(`unknown peer field ${String(unreachable)}`);
    }
  }
}

/** `from` / `to`: required, MinItems=1, at most `max`. */
export function readTierPeers(ctx: ObjectContext, value: unknown, path: string, fields: readonly PeerField[], max: number): TierPeer[] {
  if (value === undefined || value === null) {
    ctx.error('required', path);
    return [];
  }
  readLimitedList(ctx, value, path, 1, max);
  return readEach(ctx, value, path, (entry, p) => readPeer(ctx, entry, p, fields)) ?? [];
}

/** CEL rules shared by both versions on an egress rule: no named port towards nodes/networks/domainNames
 * (they have no named ports), and domainNames only in an Allow/Accept rule. */
export function checkEgressRule(
  ctx: ObjectContext,
  path: string,
  action: TierAction | undefined,
  peers: readonly TierPeer[],
  hasNamedPort: boolean,
): void {
  const external = peers.some((p) => p.kind === 'nodes' || p.kind === 'networks' || p.kind === 'domainNames');
  if (external && hasNamedPort)
    ctx.error('invalid-tier-rule', path, 'networks/nodes/domainNames peers cannot be used with named ports (they have none)');
  if (action !== undefined && action !== 'Allow' && peers.some((p) => p.kind === 'domainNames')) {
    ctx.error('invalid-tier-rule', path, 'domainNames peers are only supported in Allow/Accept rules');
  }
}
