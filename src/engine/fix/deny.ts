// Candidate changes that deny allowed flows, at the destination's ingress, keeping every other flow
// to it. NetworkPolicies only add allowances (the concept page: "policies are additive ... the
// effect is the union"), so a deny is written as what remains allowed:
// - destination not isolated for ingress: a new policy selecting its workload with two rules — every
//   peer on every other port, and on the denied port every peer but the source workload;
// - destination isolated: each rule that admits the flow is split into the same two parts (its other
//   ports unchanged; the denied port with the source cut out of its peers), and the policy's ingress
//   list is replaced (patch + whole object).
// "Every peer but the source": pods in other namespaces (kubernetes.io/metadata.name NotIn), pods of
// its namespace lacking one of its distinguishing labels (NotIn is true when the key is absent), and
// addresses with the source pods' IPs excepted (ipBlock also matches pod IPs in this model).
import type { LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule, Protocol } from '../../model/types.ts';
import { NAMESPACE_NAME_LABEL, PROTOCOLS } from '../../model/types.ts';
import { containsAddress, hostCidr, parseAddress, parseCidr } from '../addresses.ts';
import type { CompiledSnapshot } from '../compiled.ts';
import { matchesSelector } from '../selector.ts';
import type { DeniedPair } from './allow.ts';
import { replaceRulesPatch } from './manifest.ts';
import { freshName, workloadName } from './naming.ts';
import { portNameOn } from './rules.ts';
import { targetSelector } from './target-selector.ts';
import type { CandidateChange, PolicyChange } from './types.ts';

interface Source {
  readonly namespace: string;
  readonly selector: LabelSelector;
  readonly ips: readonly string[];
  readonly members: readonly number[];
}

const ANY: LabelSelector = { matchLabels: {}, matchExpressions: [] };
const membersOf = (c: CompiledSnapshot, group: string) => c.endpoints.flatMap((e, id) => (e.group === group ? [id] : []));

function sourceOf(c: CompiledSnapshot, group: string): Source {
  const members = membersOf(c, group);
  const namespace = c.endpoints[members[0]].pod.namespace;
  return {
    namespace,
    selector: targetSelector(c, namespace, members).selector,
    ips: members.flatMap((id) => c.endpoints[id].pod.ips),
    members,
  };
}

/** Every port but `port` of `protocol`: the other protocols whole, the protocol's two ranges. */
function otherPorts(protocol: Protocol, port: number): PolicyPort[] {
  const out: PolicyPort[] = [];
  for (const p of PROTOCOLS) {
    if (p !== protocol) out.push({ kind: 'all', protocol: p });
    else {
      if (port > 1) out.push({ kind: 'range', protocol: p, from: 1, to: port - 1 });
      if (port < 65535) out.push({ kind: 'range', protocol: p, from: port + 1, to: 65535 });
    }
  }
  return out;
}

/** A rule's ports split into those that do not reach `port` on `dst` and those that do. */
function splitPorts(
  c: CompiledSnapshot,
  ports: readonly PolicyPort[] | null,
  dst: number,
  protocol: Protocol,
  port: number,
): { other: PolicyPort[]; hit: PolicyPort[] } {
  if (ports === null) return { other: otherPorts(protocol, port), hit: [{ kind: 'range', protocol, from: port, to: port }] };
  const other: PolicyPort[] = [];
  const hit: PolicyPort[] = [];
  const single: PolicyPort = { kind: 'range', protocol, from: port, to: port };
  for (const e of ports) {
    if (e.protocol !== protocol) other.push(e);
    else if (e.kind === 'named') (portNameOn(c, dst, protocol, port) === e.name ? hit : other).push(e);
    else {
      const [from, to] = e.kind === 'all' ? [1, 65535] : [e.from, e.to];
      if (port < from || port > to) {
        other.push(e);
        continue;
      }
      if (from < port) other.push({ kind: 'range', protocol, from, to: port - 1 });
      if (port < to) other.push({ kind: 'range', protocol, from: port + 1, to });
      hit.push(single);
    }
  }
  return { other, hit };
}

function peerMatchesSource(c: CompiledSnapshot, peer: Extract<PolicyPeer, { kind: 'pods' }>, policyNs: string, s: Source): boolean {
  const ns = c.namespaces.find((n) => n.name === s.namespace);
  const inScope =
    peer.namespaces.kind === 'own' ? policyNs === s.namespace : ns !== undefined && matchesSelector(peer.namespaces.selector, ns.labels);
  return inScope && s.members.some((id) => matchesSelector(peer.pods, c.endpoints[id].pod.labels));
}

const withExpr = (s: LabelSelector, key: string, operator: 'NotIn', values: string[]): LabelSelector => ({
  ...s,
  matchExpressions: [...s.matchExpressions, { key, operator, values }],
});

/** The peer without the source workload (a union of peers that together match the rest). */
function peerWithout(c: CompiledSnapshot, peer: PolicyPeer, policyNs: string, s: Source): PolicyPeer[] {
  if (peer.kind === 'ipBlock') {
    const block = parseCidr(peer.cidr);
    const hits = s.ips.filter((ip) => {
      const a = parseAddress(ip);
      return (
        block !== null &&
        a !== null &&
        containsAddress(block, a) &&
        !peer.except.some((x) => {
          const e = parseCidr(x);
          return e !== null && containsAddress(e, a);
        })
      );
    });
    return hits.length === 0 ? [peer] : [{ ...peer, except: [...peer.except, ...hits.map(hostCidr)] }];
  }
  if (!peerMatchesSource(c, peer, policyNs, s)) return [peer];
  const out: PolicyPeer[] = [];
  if (peer.namespaces.kind === 'selector')
    out.push({
      ...peer,
      namespaces: { kind: 'selector', selector: withExpr(peer.namespaces.selector, NAMESPACE_NAME_LABEL, 'NotIn', [s.namespace]) },
    });
  for (const [k, v] of Object.entries(s.selector.matchLabels)) out.push({ ...peer, pods: withExpr(peer.pods, k, 'NotIn', [v]) });
  return out;
}

const EVERY_PEER: PolicyPeer[] = [
  { kind: 'pods', namespaces: { kind: 'selector', selector: ANY }, pods: ANY },
  { kind: 'ipBlock', cidr: '0.0.0.0/0', except: [] },
  { kind: 'ipBlock', cidr: '::/0', except: [] },
];

/** `rule` split so that it no longer admits the source on `port` at `dst`, and admits all else it did. */
function splitRule(
  c: CompiledSnapshot,
  rule: PolicyRule,
  policyNs: string,
  dst: number,
  protocol: Protocol,
  port: number,
  s: Source,
): PolicyRule[] {
  const { other, hit } = splitPorts(c, rule.ports, dst, protocol, port);
  if (hit.length === 0) return [rule];
  const peers = (rule.peers ?? EVERY_PEER).flatMap((p) => peerWithout(c, p, policyNs, s));
  const out: PolicyRule[] = [];
  if (other.length > 0) out.push({ peers: rule.peers, ports: other });
  if (peers.length > 0) out.push({ peers, ports: hit });
  return out;
}

export function denyCandidates(c: CompiledSnapshot, allowed: readonly DeniedPair[]): CandidateChange[] {
  const changes = new Map<string, PolicyChange>();
  const taken = new Set<string>();
  for (const { pair, ingress } of allowed) {
    const dstGroup = c.endpoints[pair.dst].group;
    const s = sourceOf(c, c.endpoints[pair.src].group);
    const ns = c.endpoints[pair.dst].pod.namespace;
    const what = `${pair.protocol}/${pair.port} from ${c.endpoints[pair.src].group}`;
    if (!ingress.isolated) {
      const key = `new|${dstGroup}`;
      const prev = changes.get(key)?.policy;
      const base: NetworkPolicy = prev ?? {
        namespace: ns,
        name: freshName(
          c,
          ns,
          `deny-${s.namespace === ns ? '' : `${s.namespace}-`}${workloadName(c.endpoints[pair.src].group)}` +
            `-to-${workloadName(dstGroup)}-${pair.protocol}-${pair.port}`,
          taken,
        ),
        podSelector: targetSelector(c, ns, membersOf(c, dstGroup)).selector,
        policyTypes: ['Ingress'],
        policyTypesExplicit: true,
        ingress: [{ peers: null, ports: null }],
        egress: [],
      };
      const policy = { ...base, ingress: base.ingress.flatMap((r) => splitRule(c, r, ns, pair.dst, pair.protocol, pair.port, s)) };
      changes.set(key, {
        action: 'create',
        directions: ['Ingress'],
        policy,
        patch: [],
        explain: [`${dstGroup}: ingress isolated, admitting every peer on every port but ${what}`],
      });
      continue;
    }
    for (const ref of new Set(ingress.allowedBy.map((r) => r.policy))) {
      const key = `mod|${ref}`;
      const current = changes.get(key)?.policy ?? c.snapshot.policies.find((p) => `${p.namespace}/${p.name}` === ref);
      if (current === undefined) continue;
      const policy = {
        ...current,
        ingress: current.ingress.flatMap((r) => splitRule(c, r, current.namespace, pair.dst, pair.protocol, pair.port, s)),
      };
      const explain = [
        ...(changes.get(key)?.explain ?? []),
        `${ref}: the rules admitting ${what} no longer admit it; everything else they admitted stays`,
      ];
      changes.set(key, { action: 'modify', directions: ['Ingress'], policy, patch: replaceRulesPatch(policy, 'Ingress'), explain });
    }
  }
  const list = [...changes.values()];
  if (list.length === 0) return [];
  const strategy = list.every((ch) => ch.action === 'create') ? 'deny-new-policy' : 'deny-narrow-rules';
  const summary = list
    .map((ch) => `${ch.action === 'create' ? 'create' : 'narrow the ingress rules of'} ${ch.policy.namespace}/${ch.policy.name}`)
    .join('; ');
  return [{ strategy, summary, changes: list }];
}
