// The near miss: for a direction that denies, the rules of the isolating policies that come closest
// to admitting the connection, each with the conditions that fail (for a near miss proper, exactly
// one: a selector term, the namespace, the port, the protocol, an ipBlock's cidr or except). Only
// computed for denied directions (never on the allowed hot path), from the policies in force as
// the model holds them. Semantics follow the NetworkPolicy API reference
// (https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/):
// a peer is a podSelector (in the policy's namespace unless a namespaceSelector is given) or an
// ipBlock (cidr minus except); a rule admits when some peer and some port match; a named port is
// resolved against the destination pod's container ports.
import type { Labels, LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule, PolicyType, Protocol } from '../model/types.ts';
import { containsAddress, parseAddress, parseCidr } from './addresses.ts';
import type { CompiledSnapshot } from './compiled.ts';
import type { Resolved } from './endpoint.ts';
import type { DirectionVerdict, MissedCondition, NearMiss } from './verdict.ts';

/** How many near misses a direction lists at most. */
export const MAX_NEAR_MISSES = 3;

const valuesText = (values: readonly string[]) => `(${values.join(',')})`;

function has(labels: Labels, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

function actual(labels: Labels, key: string, whose: string): string {
  return has(labels, key) ? `${whose} has ${key}=${labels[key]}` : `${whose} has no ${key} label`;
}

/** Every term of the selector the labels fail, each as one condition. */
function selectorMisses(
  kind: 'selector-term' | 'namespace',
  selector: LabelSelector,
  labels: Labels,
  path: string,
  field: string,
  whose: string,
): MissedCondition[] {
  const out: MissedCondition[] = [];
  for (const key of Object.keys(selector.matchLabels)) {
    const want = selector.matchLabels[key];
    if (labels[key] !== want)
      out.push({ kind, path: `${path}.matchLabels.${key}`, message: `${field} wants ${key}=${want}; ${actual(labels, key, whose)}` });
  }
  selector.matchExpressions.forEach((e, i) => {
    const present = has(labels, e.key);
    const ok =
      e.operator === 'In'
        ? present && e.values.includes(labels[e.key])
        : e.operator === 'NotIn'
          ? !(present && e.values.includes(labels[e.key]))
          : e.operator === 'Exists'
            ? present
            : !present;
    if (ok) return;
    const want =
      e.operator === 'In' || e.operator === 'NotIn' ? `${e.key} ${e.operator} ${valuesText(e.values)}` : `${e.key} ${e.operator}`;
    out.push({ kind, path: `${path}.matchExpressions[${i}]`, message: `${field} wants ${want}; ${actual(labels, e.key, whose)}` });
  });
  return out;
}

function endpointNamespace(c: CompiledSnapshot, r: Extract<Resolved, { kind: 'endpoint' }>) {
  return c.namespaces[r.info.namespace];
}

function podPeerMisses(
  c: CompiledSnapshot,
  policy: NetworkPolicy,
  peer: Extract<PolicyPeer, { kind: 'pods' }>,
  other: Resolved,
  path: string,
): MissedCondition[] {
  if (other.kind !== 'endpoint')
    return [{ kind: 'peer-kind', path, message: `${other.ip} is not a pod: a podSelector/namespaceSelector peer matches pods only` }];
  const name = other.info.key;
  const ns = endpointNamespace(c, other);
  const out: MissedCondition[] = [];
  if (peer.namespaces.kind === 'own') {
    if (ns.name !== policy.namespace)
      out.push({
        kind: 'namespace',
        path: `${path}.podSelector`,
        message: `no namespaceSelector: only pods in ${policy.namespace}; ${name} is in ${ns.name}`,
      });
  } else {
    out.push(
      ...selectorMisses(
        'namespace',
        peer.namespaces.selector,
        ns.labels,
        `${path}.namespaceSelector`,
        'namespaceSelector',
        `namespace ${ns.name}`,
      ),
    );
  }
  out.push(...selectorMisses('selector-term', peer.pods, other.info.pod.labels, `${path}.podSelector`, 'podSelector', name));
  return out;
}

function ipPeerMisses(peer: Extract<PolicyPeer, { kind: 'ipBlock' }>, other: Resolved, path: string): MissedCondition[] {
  const ips = other.kind === 'endpoint' ? other.info.pod.ips : [other.ip];
  const who = other.kind === 'endpoint' ? other.info.key : other.ip;
  if (ips.length === 0)
    return [{ kind: 'peer-kind', path: `${path}.ipBlock`, message: `${who} has no IP address: an ipBlock never matches it` }];
  const cidr = parseCidr(peer.cidr);
  let best: MissedCondition | null = null;
  for (const ip of ips) {
    const address = parseAddress(ip);
    if (!address || !cidr || address.family !== cidr.family || !containsAddress(cidr, address)) {
      best ??= { kind: 'ipblock-cidr', path: `${path}.ipBlock.cidr`, message: `${ip} is outside ipBlock ${peer.cidr}` };
      continue;
    }
    const i = peer.except.findIndex((e) => {
      const range = parseCidr(e);
      return range !== null && range.family === address.family && containsAddress(range, address);
    });
    if (i < 0) return [];
    best = {
      kind: 'ipblock-except',
      path: `${path}.ipBlock.except[${i}]`,
      message: `${ip} is in ipBlock ${peer.cidr} but removed by except ${peer.except[i]}`,
    };
  }
  return best ? [best] : [];
}

function portMisses(port: PolicyPort, protocol: Protocol, number: number, dst: Resolved, path: string): MissedCondition[] {
  const out: MissedCondition[] = [];
  if (port.protocol !== protocol)
    out.push({ kind: 'protocol', path: `${path}.protocol`, message: `wants ${port.protocol}; the connection is ${protocol}` });
  if (port.kind === 'range' && (number < port.from || number > port.to)) {
    const want = port.from === port.to ? `port ${port.from}` : `ports ${port.from}-${port.to}`;
    out.push({ kind: 'port', path: `${path}.port`, message: `wants ${want}; the connection is to ${number}` });
  }
  if (port.kind === 'named') {
    const dstName = dst.kind === 'endpoint' ? dst.info.key : dst.ip;
    const container =
      dst.kind === 'endpoint' ? dst.info.pod.containerPorts.find((p) => p.name === port.name && p.protocol === port.protocol) : undefined;
    if (!container)
      out.push({
        kind: 'port',
        path: `${path}.port`,
        message: `wants the port named ${port.name}; ${dstName} has no ${port.protocol} container port of that name`,
      });
    else if (container.containerPort !== number)
      out.push({
        kind: 'port',
        path: `${path}.port`,
        message: `wants port ${port.name} (${container.containerPort} on ${dstName}); the connection is to ${number}`,
      });
  }
  return out;
}

/** The fewest failing conditions among the alternatives (a rule's peers, or its ports); [] when one
 * matches. On a tie the preferred alternative wins (for a pod, a pod peer over an ipBlock), then the first. */
function fewest(alternatives: MissedCondition[][], preferred: (a: MissedCondition[]) => boolean = () => true): MissedCondition[] {
  let best: MissedCondition[] | null = null;
  for (const a of alternatives) {
    if (best === null || a.length < best.length || (a.length === best.length && preferred(a) && !preferred(best))) best = a;
  }
  return best ?? [];
}

const IP_KINDS = new Set(['ipblock-cidr', 'ipblock-except']);
/** spec.egress[].to / spec.ingress[].from */
const PEER_FIELD: Record<PolicyType, string> = { Egress: 'to', Ingress: `from` };

function ruleMisses(
  c: CompiledSnapshot,
  policy: NetworkPolicy,
  direction: PolicyType,
  rule: PolicyRule,
  index: number,
  src: Resolved,
  dst: Resolved,
  protocol: Protocol,
  port: number,
): MissedCondition[] {
  const other = direction === 'Egress' ? dst : src;
  const base = `spec.${direction === 'Egress' ? 'egress' : 'ingress'}[${index}]`;
  const peers =
    rule.peers === null
      ? []
      : rule.peers.map((p, i) => {
          const path = `${base}.${PEER_FIELD[direction]}[${i}]`;
          return p.kind === 'pods' ? podPeerMisses(c, policy, p, other, path) : ipPeerMisses(p, other, path);
        });
  const ports = rule.ports === null ? [] : rule.ports.map((p, i) => portMisses(p, protocol, port, dst, `${base}.ports[${i}]`));
  const podPeer = (a: MissedCondition[]) => other.kind !== 'endpoint' || !a.some((f) => IP_KINDS.has(f.kind));
  return [...fewest(peers, podPeer), ...fewest(ports)];
}

/** How far a failed condition is from admitting: a term, namespace, port, protocol or except is one
 * edit; an ipBlock's cidr missing a pod's IP is further (pods are rarely meant by address); a peer of
 * the wrong kind (a podSelector for an address) is furthest. */
function distance(f: MissedCondition, otherIsPod: boolean): number {
  if (f.kind === 'peer-kind') return 3;
  if (f.kind === 'ipblock-cidr' && otherIsPod) return 2;
  return 1;
}

/** The closest rules of the direction's isolating policies (smallest distance), at most MAX_NEAR_MISSES. */
export function nearMisses(
  c: CompiledSnapshot,
  d: DirectionVerdict,
  src: Resolved,
  dst: Resolved,
  protocol: Protocol,
  port: number,
): NearMiss[] {
  const owner = d.direction === 'Egress' ? src : dst;
  if (owner.kind !== 'endpoint') return [];
  const otherIsPod = (d.direction === 'Egress' ? dst : src).kind === 'endpoint';
  const ids = d.direction === 'Egress' ? c.egressPolicies[owner.info.classId] : c.ingressPolicies[owner.info.classId];
  const found: { miss: NearMiss; distance: number }[] = [];
  for (const id of ids) {
    const { ref, policy } = c.policies[id];
    const rules = d.direction === 'Egress' ? policy.egress : policy.ingress;
    rules.forEach((rule, index) => {
      const fails = ruleMisses(c, policy, d.direction, rule, index, src, dst, protocol, port);
      // No failing condition found, yet denied: a rule of the plugin's or an implementation-defined
      // case (an ipBlock on a pod IP) decided; claim no near miss for it.
      if (fails.length === 0) return;
      const total = fails.reduce((sum, f) => sum + distance(f, otherIsPod), 0);
      found.push({ miss: { policy: ref, direction: d.direction, rule: index, fails }, distance: total });
    });
  }
  if (found.length === 0) return [];
  const least = Math.min(...found.map((m) => m.distance));
  return found
    .filter((m) => m.distance === least)
    .map((m) => m.miss)
    .sort((a, b) => (a.policy < b.policy ? -1 : a.policy > b.policy ? 1 : a.rule - b.rule))
    .slice(0, MAX_NEAR_MISSES);
}

/** The direction with its near misses when it denies an isolated, policed endpoint; as is otherwise. */
export function withNearMisses(
  c: CompiledSnapshot,
  d: DirectionVerdict,
  src: Resolved,
  dst: Resolved,
  protocol: Protocol,
  port: number,
): DirectionVerdict {
  if (d.allowed || !d.isolated || !d.policed) return d;
  const misses = nearMisses(c, d, src, dst, protocol, port);
  return misses.length > 0 ? { ...d, nearMisses: misses } : d;
}
