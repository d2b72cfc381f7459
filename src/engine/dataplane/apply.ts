// Applying a plugin profile: the policies the plugin actually enforces, derived from the policies as
// written. Each deviation that can be expressed as a rewrite is one here (the ipBlock scope is a
// compile option, see rules.ts; egress before Service DNAT is a path rule, see query/paths). The
// result is memoised per policy object so an incremental compile keeps unchanged policies identical.
import type { LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule } from '../../model/types.ts';
import { filteredKeys, selectorOnIdentity } from '../cilium/identity.ts';
import type { DeviationCode, Profile } from './types.ts';

/** One change the plugin profile made to what the API says (apply.ts). */
export interface AppliedDeviation {
  readonly code: DeviationCode;
  /** `ns/name` of the policy it changed (a synthetic policy for `isolates-unselected`). */
  readonly policy: string;
  /** What changed: `rule ingress#0 port "http" → every TCP port`. */
  readonly detail: string;
}

export interface Applied {
  /** The policies in force, sorted as given; synthetic ones appended. */
  readonly policies: readonly NetworkPolicy[];
  readonly applied: readonly AppliedDeviation[];
}

interface Rewrite {
  readonly policy: NetworkPolicy | null;
  readonly applied: readonly AppliedDeviation[];
}

/** Name of the synthetic per-namespace policy standing for Cilium's `enable-policy: always`. */
export const ALWAYS_POLICY_NAME = '(enable-policy=always)';

const memo = new Map<string, WeakMap<NetworkPolicy, Rewrite>>();

function has(profile: Profile, code: DeviationCode): boolean {
  return profile.deviations.some((d) => d.code === code);
}

/** The rewriting deviations in force, as a memo key (profiles with the same key rewrite alike). */
function rewriteKey(profile: Profile): string {
  const codes: DeviationCode[] = ['named-port-any-port', 'endport-ignored', 'named-port-policy-rejected', 'identity-label-filter'];
  return codes.filter((c) => has(profile, c)).join(',');
}

function portsOf(rule: PolicyRule): readonly PolicyPort[] {
  return rule.ports ?? [];
}

/** `items` mapped by `f`: the same array when `f` returned every item itself, so an unchanged policy
 * stays identical (the memo and incremental compiles compare by identity). */
function mapKeeping<T>(items: readonly T[], f: (item: T, i: number) => T): readonly T[] {
  let out: T[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const next = f(items[i], i);
    if (next !== items[i]) (out ??= items.slice())[i] = next;
  }
  return out ?? items;
}

/** A pod selector as Cilium's identities see it (identity-label-filter), noting a change. */
function onIdentity(s: LabelSelector, where: string, ref: string, out: AppliedDeviation[]): LabelSelector {
  const next = selectorOnIdentity(s);
  if (next !== s)
    out.push({ code: 'identity-label-filter', policy: ref, detail: `${where} selects on ${filteredKeys(s).join(', ')}, in no identity` });
  return next;
}

function filterPeers(rules: readonly PolicyRule[], direction: string, ref: string, out: AppliedDeviation[]): readonly PolicyRule[] {
  return mapKeeping(rules, (rule, i) => {
    if (rule.peers === null) return rule;
    const peers = mapKeeping(rule.peers, (peer, j): PolicyPeer => {
      if (peer.kind !== 'pods') return peer;
      const pods = onIdentity(peer.pods, `${direction}[${i}] peer ${j} podSelector`, ref, out);
      return pods === peer.pods ? peer : { ...peer, pods };
    });
    return peers === rule.peers ? rule : { ...rule, peers };
  });
}

function rewriteRules(
  rules: readonly PolicyRule[],
  direction: string,
  ref: string,
  profile: Profile,
  out: AppliedDeviation[],
): readonly PolicyRule[] {
  const anyPort = has(profile, 'named-port-any-port');
  const noEndPort = has(profile, 'endport-ignored');
  return mapKeeping(rules, (rule, i) => {
    if (rule.ports === null) return rule;
    const ports = mapKeeping(rule.ports, (p): PolicyPort => {
      if (anyPort && p.kind === 'named') {
        out.push({
          code: 'named-port-any-port',
          policy: ref,
          detail: `${direction}[${i}] port "${p.name}" admits every ${p.protocol} port`,
        });
        return { kind: 'all', protocol: p.protocol };
      }
      if (noEndPort && p.kind === 'range' && p.to > p.from) {
        out.push({
          code: 'endport-ignored',
          policy: ref,
          detail: `${direction}[${i}] ports ${p.from}-${p.to} admit ${p.protocol}/${p.from} only`,
        });
        return { ...p, to: p.from };
      }
      return p;
    });
    return ports === rule.ports ? rule : { ...rule, ports };
  });
}

function rewrite(policy: NetworkPolicy, profile: Profile): Rewrite {
  const ref = `${policy.namespace}/${policy.name}`;
  const applied: AppliedDeviation[] = [];
  if (has(profile, 'named-port-policy-rejected')) {
    const named = [...policy.ingress, ...policy.egress].some((r) => portsOf(r).some((p) => p.kind === 'named'));
    if (named)
      return {
        policy: null,
        applied: [
          {
            code: 'named-port-policy-rejected',
            policy: ref,
            detail: 'the policy names a port by name: the plugin rejects it and applies none of it',
          },
        ],
      };
  }
  const identity = has(profile, 'identity-label-filter');
  const podSelector = identity ? onIdentity(policy.podSelector, 'podSelector', ref, applied) : policy.podSelector;
  let ingress = rewriteRules(policy.ingress, 'ingress', ref, profile, applied);
  let egress = rewriteRules(policy.egress, 'egress', ref, profile, applied);
  if (identity) {
    ingress = filterPeers(ingress, 'ingress', ref, applied);
    egress = filterPeers(egress, 'egress', ref, applied);
  }
  if (podSelector === policy.podSelector && ingress === policy.ingress && egress === policy.egress) return { policy, applied };
  return { policy: { ...policy, podSelector, ingress, egress }, applied };
}

function rewriteMemo(policy: NetworkPolicy, profile: Profile): Rewrite {
  const key = rewriteKey(profile);
  if (key === '') return { policy, applied: [] };
  let cache = memo.get(key);
  if (!cache) memo.set(key, (cache = new WeakMap()));
  let hit = cache.get(policy);
  if (!hit) cache.set(policy, (hit = rewrite(policy, profile)));
  return hit;
}

/** One policy per namespace that isolates every pod both ways and admits nothing. */
function alwaysPolicy(namespace: string): NetworkPolicy {
  return {
    namespace,
    name: ALWAYS_POLICY_NAME,
    podSelector: { matchLabels: {}, matchExpressions: [] },
    policyTypes: ['Ingress', 'Egress'],
    policyTypesExplicit: true,
    ingress: [],
    egress: [],
  };
}

const alwaysPolicies = new Map<string, NetworkPolicy>();

function alwaysPolicyOf(namespace: string): NetworkPolicy {
  let p = alwaysPolicies.get(namespace);
  if (!p) alwaysPolicies.set(namespace, (p = alwaysPolicy(namespace)));
  return p;
}

/** The policies `profile` enforces, out of `policies` as written; `namespaces`: every namespace name. */
export function applyProfile(policies: readonly NetworkPolicy[], namespaces: readonly string[], profile: Profile): Applied {
  if (profile.enforcement === 'not-enforced') return { policies: [], applied: [] };
  const applied: AppliedDeviation[] = [];
  const out: NetworkPolicy[] = [];
  for (const p of policies) {
    const r = rewriteMemo(p, profile);
    for (const a of r.applied) applied.push(a);
    if (r.policy) out.push(r.policy);
  }
  if (has(profile, 'isolates-unselected')) {
    for (const ns of namespaces) {
      out.push(alwaysPolicyOf(ns));
      applied.push({
        code: 'isolates-unselected',
        policy: `${ns}/${ALWAYS_POLICY_NAME}`,
        detail: `every pod of ${ns} is isolated both ways, selected by a policy or not`,
      });
    }
  }
  if (has(profile, 'ipblock-ignores-cluster')) {
    for (const p of policies) {
      const blocks = [...p.ingress, ...p.egress].some((r) => (r.peers ?? []).some((peer) => peer.kind === 'ipBlock'));
      if (blocks)
        applied.push({ code: 'ipblock-ignores-cluster', policy: `${p.namespace}/${p.name}`, detail: 'its ipBlock peers match no pod IP' });
    }
  }
  return { policies: out, applied };
}
