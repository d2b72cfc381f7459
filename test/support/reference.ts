// The reference evaluator: NetworkPolicy semantics (DESIGN.md) written as plainly as possible, so a
// reader can check it against the spec line by line. For each question it loops over every policy;
// no indexes, no classes, no caching beyond parsed CIDRs. The property tests compare the compiled
// engine against it, and the benchmark uses it as the "naive evaluator".
import ipaddr from 'ipaddr.js';
import type {
  LabelSelector,
  Labels,
  NetworkPolicy,
  Pod,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  PolicyType,
  Protocol,
  SelectorRequirement,
  Snapshot,
} from '../../src/model/types.ts';
import { PROTOCOLS } from '../../src/model/types.ts';
import type { MatrixResult, PortRanges } from '../../src/engine/verdict.ts';

/** One side of a connection: a pod of the snapshot, or an address outside it. */
export type RefEndpoint = { readonly pod: Pod } | { readonly ip: string };

const MIN_PORT = 1;
const MAX_PORT = 65535;

/** How a plugin departs from the API, written here independently of engine/dataplane/apply.ts so
 * property tests can check the engine under a profile against a plain evaluator. */
export interface RefPluginMode {
  /** false: the plugin enforces nothing. */
  readonly enforces: boolean;
  /** Which addresses ipBlock matches: all (API), node IPs + outside, outside only (Cilium). */
  readonly ipBlockScope: 'all' | 'nodes-and-external' | 'external';
  /** Every pod isolated both ways (Cilium enable-policy: always). */
  readonly isolateAll: boolean;
  /** A named port matches every port of its protocol (OVN-Kubernetes). */
  readonly namedAnyPort: boolean;
  /** endPort ignored (Weave). */
  readonly endPortIgnored: boolean;
  /** Policies naming a port by name are not applied (Weave). */
  readonly rejectNamed: boolean;
  /** A pod's connection to its own node once its egress policy admitted it: nothing more (the API),
   * dropped (Felix DefaultEndpointToHostAction Drop), or unknown (the action is not known, or Return). */
  readonly podToOwnNode: 'policy' | 'drop' | 'unknown';
}

export const REF_UPSTREAM: RefPluginMode = {
  enforces: true,
  ipBlockScope: 'all',
  isolateAll: false,
  namedAnyPort: false,
  endPortIgnored: false,
  rejectNamed: false,
  podToOwnNode: 'policy',
};

let mode: RefPluginMode = REF_UPSTREAM;

/** Runs `fn` with the reference evaluating under `m`. */
export function withRefMode<T>(m: RefPluginMode, fn: () => T): T {
  const before = mode;
  mode = m;
  try {
    return fn();
  } finally {
    mode = before;
  }
}

function hasNamedPort(policy: NetworkPolicy): boolean {
  return [...policy.ingress, ...policy.egress].some((r) => (r.ports ?? []).some((p) => p.kind === 'named'));
}

export function podKey(pod: Pod): string {
  return `${pod.namespace}/${pod.name}`;
}

// ---- label selectors -------------------------------------------------------------------------

function requirementMatches(req: SelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  switch (req.operator) {
    case 'In':
      return has && req.values.includes(labels[req.key]);
    case 'NotIn':
      return !has || !req.values.includes(labels[req.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default: {
      const never: never = req.operator;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
}

export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (!Object.prototype.hasOwnProperty.call(labels, key) || labels[key] !== value) return false;
  }
  return selector.matchExpressions.every((req) => requirementMatches(req, labels));
}

// ---- addresses -------------------------------------------------------------------------------

const cidrCache = new Map<string, [ipaddr.IPv4 | ipaddr.IPv6, number]>();

function parseCidr(cidr: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  let parsed = cidrCache.get(cidr);
  if (!parsed) {
    parsed = ipaddr.parseCIDR(cidr);
    cidrCache.set(cidr, parsed);
  }
  return parsed;
}

/** IPv4 and IPv6 never contain each other. */
export function ipInCidr(ip: string, cidr: string): boolean {
  const addr = ipaddr.parse(ip);
  const range = parseCidr(cidr);
  if (addr.kind() !== range[0].kind()) return false;
  return addr.match(range);
}

function ipInBlock(ip: string, cidr: string, except: readonly string[]): boolean {
  return ipInCidr(ip, cidr) && !except.some((e) => ipInCidr(ip, e));
}

// ---- peers and ports -------------------------------------------------------------------------

function nodeNameOfIp(s: Snapshot, ip: string): string | undefined {
  const node = s.nodes.find((n) => n.internalIPs.includes(ip));
  if (node) return node.name;
  return s.pods.find((p) => p.nodeName !== undefined && (p.hostIP === ip || (p.hostNetwork && p.ips.includes(ip))))?.nodeName;
}

function isNodeIp(s: Snapshot, ip: string): boolean {
  return nodeNameOfIp(s, ip) !== undefined;
}

function namespaceLabels(s: Snapshot, name: string): Labels {
  const ns = s.namespaces.find((n) => n.name === name);
  // A namespace implied by a pod but not listed still carries its name label.
  return ns ? ns.labels : { 'kubernetes.io/metadata.name': name };
}

/** Does `peer` (of a policy in `policyNamespace`) match the endpoint on the other side? */
function peerMatches(s: Snapshot, policyNamespace: string, peer: PolicyPeer, other: RefEndpoint): boolean {
  switch (peer.kind) {
    case 'pods': {
      if (!('pod' in other)) return false; // an address is never a pod peer
      const pod = other.pod;
      if (pod.hostNetwork) return false; // hostNetwork pods are never pod peers
      const inScope =
        peer.namespaces.kind === 'own'
          ? pod.namespace === policyNamespace
          : selectorMatches(peer.namespaces.selector, namespaceLabels(s, pod.namespace));
      return inScope && selectorMatches(peer.pods, pod.labels);
    }
    case 'ipBlock': {
      if ('pod' in other && mode.ipBlockScope !== 'all' && !(other.pod.hostNetwork && mode.ipBlockScope === 'nodes-and-external'))
        return false;
      if (!('pod' in other) && mode.ipBlockScope === 'external' && isNodeIp(s, other.ip)) return false;
      const ips = 'pod' in other ? other.pod.ips : [other.ip];
      return ips.some((ip) => ipInBlock(ip, peer.cidr, peer.except));
    }
    default: {
      const never: never = peer;
      throw new Error(`unknown peer ${JSON.stringify(never)}`);
    }
  }
}

/** Named ports are resolved against the destination; an address has no named ports. */
function portMatches(rulePort: PolicyPort, destination: RefEndpoint, port: number, protocol: Protocol): boolean {
  if (rulePort.protocol !== protocol) return false;
  switch (rulePort.kind) {
    case 'all':
      return true;
    case 'range':
      return rulePort.from <= port && port <= (mode.endPortIgnored ? rulePort.from : rulePort.to);
    case 'named':
      if (mode.namedAnyPort) return true; // the rule is read as "every port of the protocol", whoever the peer is
      if (!('pod' in destination)) return false;
      return destination.pod.containerPorts.some(
        (cp) => cp.name === rulePort.name && cp.protocol === protocol && cp.containerPort === port,
      );
    default: {
      const never: never = rulePort;
      throw new Error(`unknown port ${JSON.stringify(never)}`);
    }
  }
}

function ruleMatches(
  s: Snapshot,
  policy: NetworkPolicy,
  rule: PolicyRule,
  peer: RefEndpoint,
  destination: RefEndpoint,
  port: number,
  protocol: Protocol,
): boolean {
  const peerOk = rule.peers === null || rule.peers.some((p) => peerMatches(s, policy.namespace, p, peer));
  const portOk = rule.ports === null || rule.ports.some((p) => portMatches(p, destination, port, protocol));
  return peerOk && portOk;
}

// ---- one direction at one endpoint -----------------------------------------------------------

/**
 * Is traffic allowed in `direction` at `self` (the source for Egress, the destination for Ingress),
 * with `peer` on the other side? Addresses and hostNetwork pods are not policed.
 */
export function refDirectionAllowed(
  s: Snapshot,
  direction: PolicyType,
  self: RefEndpoint,
  peer: RefEndpoint,
  port: number,
  protocol: Protocol,
): boolean {
  if (!('pod' in self)) return true;
  const pod = self.pod;
  if (pod.hostNetwork || !mode.enforces) return true;
  const destination = direction === 'Egress' ? peer : self;
  let isolated = mode.isolateAll;
  for (const policy of s.policies) {
    if (mode.rejectNamed && hasNamedPort(policy)) continue;
    if (policy.namespace !== pod.namespace) continue;
    if (!policy.policyTypes.includes(direction)) continue;
    if (!selectorMatches(policy.podSelector, pod.labels)) continue;
    isolated = true;
    const rules = direction === 'Egress' ? policy.egress : policy.ingress;
    for (const rule of rules) {
      if (ruleMatches(s, policy, rule, peer, destination, port, protocol)) return true;
    }
  }
  return !isolated;
}

// ---- public API ------------------------------------------------------------------------------

function samePod(a: Pod, b: Pod): boolean {
  return a.namespace === b.namespace && a.name === b.name;
}

export type RefVerdict = 'allowed' | 'denied' | 'unknown';

/** The node an endpoint is on: a pod's node, or the node owning an address. */
export function nodeOfEndpoint(s: Snapshot, e: RefEndpoint): string | undefined {
  return 'pod' in e ? e.pod.nodeName : nodeNameOfIp(s, e.ip);
}

/** Speaks with its node's address: a hostNetwork pod, or a node's own address. */
export function speaksAsNode(s: Snapshot, e: RefEndpoint): boolean {
  return 'pod' in e ? e.pod.hostNetwork : nodeNameOfIp(s, e.ip) !== undefined;
}

/** A pod NetworkPolicy can select. */
export function selectable(e: RefEndpoint): boolean {
  return 'pod' in e && !e.pod.hostNetwork;
}

export function refVerdict(s: Snapshot, from: RefEndpoint, to: RefEndpoint, port: number, protocol: Protocol): RefVerdict {
  if ('pod' in from && 'pod' in to && samePod(from.pod, to.pod)) return 'allowed'; // self traffic
  const node = nodeOfEndpoint(s, from);
  const sameNode = node !== undefined && node === nodeOfEndpoint(s, to);
  // "the only allowed connections into the pod are those from the pod's node and those allowed by the
  // ingress list": the node (or a hostNetwork pod on it) reaches its pods; its own egress is not policed.
  if (sameNode && selectable(to) && speaksAsNode(s, from)) return 'allowed';
  const byPolicy =
    refDirectionAllowed(s, 'Egress', from, to, port, protocol) && refDirectionAllowed(s, 'Ingress', to, from, port, protocol);
  if (!byPolicy) return 'denied';
  // A pod to its own node: no exemption, its egress policy decided; then the plugin's host rule.
  if (sameNode && selectable(from) && speaksAsNode(s, to) && mode.podToOwnNode !== 'policy') {
    return mode.podToOwnNode === 'drop' ? 'denied' : 'unknown';
  }
  return 'allowed';
}

/** true only for a confident `allowed` (unknown is never read as yes). */
export function refAllowed(s: Snapshot, from: RefEndpoint, to: RefEndpoint, port: number, protocol: Protocol): boolean {
  return refVerdict(s, from, to, port, protocol) === 'allowed';
}

/** Every port where the answer may change for traffic towards `to`: rule edges and named ports. */
function boundaries(s: Snapshot, to: RefEndpoint, protocol: Protocol): number[] {
  const starts = new Set<number>([MIN_PORT]);
  for (const policy of s.policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const p of rule.ports ?? []) {
        if (p.protocol === protocol && p.kind === 'range') {
          starts.add(p.from);
          starts.add(p.to + 1);
        }
      }
    }
  }
  if ('pod' in to) {
    for (const cp of to.pod.containerPorts) {
      starts.add(cp.containerPort);
      starts.add(cp.containerPort + 1);
    }
  }
  return [...starts].filter((p) => p >= MIN_PORT && p <= MAX_PORT).sort((x, y) => x - y);
}

/** Allowed ports per protocol: canonical, sorted, merged inclusive ranges; empty protocols omitted. */
export function refPorts(s: Snapshot, from: RefEndpoint, to: RefEndpoint): PortRanges {
  const result: PortRanges = {};
  for (const protocol of PROTOCOLS) {
    const starts = boundaries(s, to, protocol);
    const ranges: [number, number][] = [];
    for (let i = 0; i < starts.length; i++) {
      const lo = starts[i];
      const hi = i + 1 < starts.length ? starts[i + 1] - 1 : MAX_PORT;
      // A port set cannot say unknown: an unknown plugin rule leaves what the policies admit.
      if (refVerdict(s, from, to, lo, protocol) === 'denied') continue;
      const last = ranges[ranges.length - 1];
      if (last && last[1] + 1 === lo) last[1] = hi;
      else ranges.push([lo, hi]);
    }
    if (ranges.length > 0) result[protocol] = ranges;
  }
  return result;
}

/** Pods sorted by key with plain string comparison (not localeCompare), as the engine does. */
export function sortedPods(s: Snapshot): Pod[] {
  return [...s.pods].sort((x, y) => {
    const a = podKey(x);
    const b = podKey(y);
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

const CELL: Record<RefVerdict, string> = { allowed: '1', denied: '0', unknown: '?' };

export function refMatrix(s: Snapshot, port: number, protocol: Protocol): MatrixResult {
  const pods = sortedPods(s);
  const rows = pods.map((a) => pods.map((b) => CELL[refVerdict(s, { pod: a }, { pod: b }, port, protocol)]).join(''));
  return { port, protocol, pods: pods.map(podKey), rows };
}
