// Candidate changes that admit denied flows. Each denied side is one "unit": ingress at the
// destination workload (peer: the source workload) or egress at the source workload (peer: the
// destination workload), for one protocol and port. A connection needs both sides (NetworkPolicy
// concept page: "both the egress policy on the source pod and the ingress policy on the destination
// pod need to allow the connection"), so a candidate fixes every unit at once. Strategies:
// - new-policy: one new NetworkPolicy per unit, selecting the unit's pods by their distinguishing
//   labels, of that policy type only (it can isolate nothing that was not isolated already when it
//   selects exactly pods that were isolated; the proof checks it);
// - add-rule: the rule appended to the tightest policy that already isolates the unit's pods;
// - each again with the numeric port instead of a name (plugins that read named ports differently).
import type { NetworkPolicy, PolicyRule, PolicyType, Protocol } from '../../model/types.ts';
import type { CompiledSnapshot } from '../compiled.ts';
import { matchesSelector } from '../selector.ts';
import type { DirectionVerdict } from '../verdict.ts';
import { PEER_FIELD, appendRulePatch } from './manifest.ts';
import { freshName, workloadName } from './naming.ts';
import { exactPort, peerText, podPeer, portNameOn, portText, singleRule } from './rules.ts';
import { targetSelector } from './target-selector.ts';
import type { CandidateChange, FlowPair, PolicyChange, Strategy } from './types.ts';

export interface DeniedPair {
  readonly pair: FlowPair;
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
}

interface Unit {
  readonly direction: PolicyType;
  /** The workload the policy selects, and the one its rule admits. */
  readonly ownGroup: string;
  readonly peerGroup: string;
  readonly protocol: Protocol;
  readonly port: number;
  readonly portName?: string;
  /** Policies (as written) that isolate every pair's owner on this side. */
  readonly isolatedBy: readonly string[];
}

const groupOf = (c: CompiledSnapshot, id: number) => c.endpoints[id].group;
const namespaceOfGroup = (group: string) => group.slice(group.indexOf(':') + 1, group.indexOf('/'));
const workloadMembers = (c: CompiledSnapshot, group: string) => c.endpoints.flatMap((e, id) => (e.group === group ? [id] : []));

/** Endpoints of each group the units name: a workload's pods; for `svc:` the pods of every backend's workload. */
type Members = ReadonlyMap<string, readonly number[]>;

function membersOfGroups(c: CompiledSnapshot, denied: readonly DeniedPair[]): Members {
  const out = new Map<string, Set<number>>();
  const add = (group: string, workload: string) => {
    const set = out.get(group) ?? new Set<number>();
    for (const id of workloadMembers(c, workload)) set.add(id);
    out.set(group, set);
  };
  for (const { pair } of denied) {
    add(groupOf(c, pair.src), groupOf(c, pair.src));
    add(pair.dstGroup ?? groupOf(c, pair.dst), groupOf(c, pair.dst));
  }
  return new Map([...out].map(([g, ids]) => [g, [...ids].sort((a, b) => a - b)]));
}

function unitsOf(c: CompiledSnapshot, denied: readonly DeniedPair[]): Unit[] {
  const units = new Map<string, { unit: Omit<Unit, 'isolatedBy'>; isolatedBy: string[] | null }>();
  for (const d of denied) {
    const { src, dst, protocol, port } = d.pair;
    const portName = d.pair.portName ?? portNameOn(c, dst, protocol, port);
    for (const side of [d.egress, d.ingress]) {
      if (side.allowed) continue;
      const dstGroup = d.pair.dstGroup ?? groupOf(c, dst);
      const [ownGroup, peerGroup] = side.direction === 'Ingress' ? [dstGroup, groupOf(c, src)] : [groupOf(c, src), dstGroup];
      const key = `${side.direction}|${ownGroup}|${peerGroup}|${protocol}|${portName ?? port}`;
      const u = units.get(key) ?? {
        unit: { direction: side.direction, ownGroup, peerGroup, protocol, port, ...(portName !== undefined ? { portName } : {}) },
        isolatedBy: null,
      };
      u.isolatedBy = u.isolatedBy === null ? [...side.isolatedBy] : u.isolatedBy.filter((r) => side.isolatedBy.includes(r));
      units.set(key, u);
    }
  }
  const written = new Set(c.snapshot.policies.map((p) => `${p.namespace}/${p.name}`));
  return [...units.values()].map(({ unit, isolatedBy }) => ({ ...unit, isolatedBy: (isolatedBy ?? []).filter((r) => written.has(r)) }));
}

function ruleFor(c: CompiledSnapshot, m: Members, u: Unit, numeric: boolean): { rule: PolicyRule; text: string } {
  const peerNs = namespaceOfGroup(u.peerGroup);
  const ownNs = namespaceOfGroup(u.ownGroup);
  const peer = podPeer(peerNs, ownNs, targetSelector(c, peerNs, m.get(u.peerGroup) ?? []).selector);
  const port = exactPort(u.protocol, u.port, numeric ? undefined : u.portName);
  const verb = PEER_FIELD[u.direction];
  return { rule: singleRule(peer, port), text: `${u.direction.toLowerCase()} ${verb} ${peerText(peer)} on ${portText(port)}` };
}

function newPolicyName(u: Unit, numeric: boolean): string {
  const own = workloadName(u.ownGroup);
  const peerNs = namespaceOfGroup(u.peerGroup);
  const peer = peerNs === namespaceOfGroup(u.ownGroup) ? workloadName(u.peerGroup) : `${peerNs}-${workloadName(u.peerGroup)}`;
  const port = !numeric && u.portName !== undefined ? u.portName : `${u.protocol}-${u.port}`;
  return u.direction === 'Ingress' ? `allow-${peer}-to-${own}-${port}` : `allow-${own}-egress-to-${peer}-${port}`;
}

function newPolicy(c: CompiledSnapshot, m: Members, u: Unit, numeric: boolean, taken: Set<string>): PolicyChange {
  const ns = namespaceOfGroup(u.ownGroup);
  const { rule, text } = ruleFor(c, m, u, numeric);
  const policy: NetworkPolicy = {
    namespace: ns,
    name: freshName(c, ns, newPolicyName(u, numeric), taken),
    podSelector: targetSelector(c, ns, m.get(u.ownGroup) ?? []).selector,
    policyTypes: [u.direction],
    policyTypesExplicit: true,
    ingress: u.direction === 'Ingress' ? [rule] : [],
    egress: u.direction === 'Egress' ? [rule] : [],
  };
  return { action: 'create', directions: [u.direction], policy, patch: [], explain: [`${u.ownGroup}: ${text}`] };
}

/** The isolating policy that selects the fewest endpoints (ties: by name): adding to it opens the least. */
function tightest(c: CompiledSnapshot, refs: readonly string[]): NetworkPolicy | undefined {
  const size = (p: NetworkPolicy) =>
    c.endpoints.filter((e) => e.pod.namespace === p.namespace && !e.pod.hostNetwork && matchesSelector(p.podSelector, e.pod.labels)).length;
  const policies = c.snapshot.policies.filter((p) => refs.includes(`${p.namespace}/${p.name}`));
  return policies.map((p) => ({ p, n: size(p) })).sort((a, b) => a.n - b.n || (a.p.name < b.p.name ? -1 : 1))[0]?.p;
}

function addRules(c: CompiledSnapshot, m: Members, units: readonly Unit[], numeric: boolean, taken: Set<string>): PolicyChange[] {
  const modified = new Map<string, { policy: NetworkPolicy; base: NetworkPolicy; change: PolicyChange }>();
  const out: PolicyChange[] = [];
  for (const u of units) {
    const base = tightest(c, u.isolatedBy);
    if (base === undefined) {
      out.push(newPolicy(c, m, u, numeric, taken));
      continue;
    }
    const ref = `${base.namespace}/${base.name}`;
    const prev = modified.get(ref);
    const current = prev?.policy ?? base;
    const { rule, text } = ruleFor(c, m, u, numeric);
    const field = u.direction === 'Ingress' ? 'ingress' : 'egress';
    const policy: NetworkPolicy = { ...current, [field]: [...current[field], rule] };
    const patch = [...(prev?.change.patch ?? []), ...appendRulePatch(current, u.direction, rule)];
    const directions = [...new Set([...(prev?.change.directions ?? []), u.direction])];
    const explain = [...(prev?.change.explain ?? []), `${u.ownGroup}: ${text}`];
    modified.set(ref, { policy, base, change: { action: 'modify', directions, policy, patch, explain } });
  }
  return [...out, ...[...modified.values()].map((m) => m.change)];
}

function summaryOf(strategy: Strategy, changes: readonly PolicyChange[]): string {
  const created = changes.filter((ch) => ch.action === 'create').map((ch) => `${ch.policy.namespace}/${ch.policy.name}`);
  const modified = changes.filter((ch) => ch.action === 'modify').map((ch) => `${ch.policy.namespace}/${ch.policy.name}`);
  const parts = [
    ...(created.length ? [`create ${created.join(', ')}`] : []),
    ...(modified.length ? [`add a rule to ${modified.join(', ')}`] : []),
  ];
  const numeric = strategy.endsWith('numeric-port') ? ' (numeric port)' : '';
  return `${parts.join('; ')}${numeric}`;
}

/** Every candidate for the denied pairs, in the engine's preference order (the proof re-ranks). */
export function allowCandidates(c: CompiledSnapshot, denied: readonly DeniedPair[]): CandidateChange[] {
  const units = unitsOf(c, denied);
  const m = membersOfGroups(c, denied);
  if (units.length === 0) return [];
  const named = units.some((u) => u.portName !== undefined);
  const out: CandidateChange[] = [];
  const seen = new Set<string>();
  const push = (strategy: Strategy, changes: PolicyChange[]) => {
    const key = JSON.stringify(changes.map((ch) => [ch.action, ch.policy]));
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ strategy, summary: summaryOf(strategy, changes), changes });
  };
  for (const numeric of named ? [false, true] : [false]) {
    const taken = new Set<string>();
    push(
      numeric ? 'new-policy-numeric-port' : 'new-policy',
      units.map((u) => newPolicy(c, m, u, numeric, taken)),
    );
    push(numeric ? 'add-rule-numeric-port' : 'add-rule', addRules(c, m, units, numeric, new Set<string>()));
  }
  return out;
}
