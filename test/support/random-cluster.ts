// Deterministic random clusters for property tests: normalised `Snapshot` values built directly (no
// YAML), small vocabularies so that selectors, ipBlocks and named ports actually hit. Every form a
// normalised policy can take appears with reasonable probability.
import type {
  ContainerPort,
  LabelSelector,
  Labels,
  Namespace,
  NetworkPolicy,
  Node,
  Pod,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  PolicyType,
  Protocol,
  SelectorOperator,
  SelectorRequirement,
  Snapshot,
} from '../../src/model/types.ts';
import { NAMESPACE_NAME_LABEL, PROTOCOLS, emptySnapshot } from '../../src/model/types.ts';

/** mulberry32: tiny, fast, deterministic; good enough to pick test cases. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [lo, hi], inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
  /** A random subset keeping the input order, of size in [min, max]. */
  subset<T>(items: readonly T[], min: number, max: number): T[] {
    const n = Math.min(items.length, this.int(min, max));
    const pool = [...items];
    const chosen = new Set<T>();
    while (chosen.size < n) chosen.add(pool.splice(this.int(0, pool.length - 1), 1)[0]);
    return items.filter((x) => chosen.has(x));
  }
}

// ---- vocabularies ----------------------------------------------------------------------------

const NAMESPACE_NAMES = ['alpha', 'beta', 'gamma', 'delta'];
const NAMESPACE_LABELS: Record<string, string[]> = { team: ['red', 'blue'], env: ['prod', 'dev'] };
const POD_LABELS: Record<string, string[]> = {
  app: ['web', 'db', 'cache'],
  tier: ['front', 'back'],
  env: ['prod', 'dev'],
};
const NODES: readonly Node[] = [
  { name: 'node-1', labels: {}, annotations: {}, internalIPs: ['172.16.0.1'], externalIPs: [] },
  { name: 'node-2', labels: {}, annotations: {}, internalIPs: ['172.16.0.2'], externalIPs: [] },
  // Dual-stack: its hostNetwork pods carry both addresses.
  { name: 'node-3', labels: {}, annotations: {}, internalIPs: ['172.16.1.3', 'fd00:16::3'], externalIPs: [] },
];
const POD_SUBNETS = ['10.0.1', '10.0.2', '192.168.5'];
const PORT_NUMBERS = [53, 80, 443, 5353, 8000, 8080, 9090, 9100];

/** Host parts 1..200 are used for pods; external addresses use the rest. */
const IP_BLOCKS: readonly { cidr: string; excepts: string[][] }[] = [
  { cidr: '10.0.0.0/16', excepts: [[], ['10.0.1.0/24'], ['10.0.2.0/26', '10.0.1.128/25']] },
  { cidr: '10.0.1.0/24', excepts: [[], ['10.0.1.0/28']] },
  { cidr: '192.168.5.0/25', excepts: [[], ['192.168.5.64/26']] },
  { cidr: '0.0.0.0/0', excepts: [[], ['10.0.0.0/8'], ['172.16.0.0/30']] },
  { cidr: '172.16.0.0/30', excepts: [[]] },
  // One node's address, and every node but one: node-local egress lives or dies by these.
  { cidr: '172.16.0.1/32', excepts: [[]] },
  { cidr: '172.16.0.0/16', excepts: [[], ['172.16.0.2/32'], ['172.16.1.0/24']] },
  { cidr: 'fd00:16::/64', excepts: [[], ['fd00:16::3/128']] },
  { cidr: 'fd00::/64', excepts: [[], ['fd00::/120']] },
  { cidr: 'fd00::/120', excepts: [[], ['fd00::/124']] },
  { cidr: '::/0', excepts: [[], ['fd00::/16']] },
];

/** Addresses outside every pod and node, some inside ipBlocks or their excepts. */
export const EXTERNAL_IPS_V4 = ['10.0.1.250', '10.0.2.210', '10.0.3.7', '192.168.5.230', '8.8.8.8', '172.16.0.3'];
export const EXTERNAL_IPS_V6 = ['fd00::fe', 'fd00::5:1', 'fd00:1::1', '2001:db8::1'];

// ---- labels and selectors --------------------------------------------------------------------

function randomLabels(rng: Rng, vocabulary: Record<string, string[]>, p: number): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, values] of Object.entries(vocabulary)) {
    if (rng.chance(p)) labels[key] = rng.pick(values);
  }
  return labels;
}

const OPERATORS: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

function randomRequirement(rng: Rng, vocabulary: Record<string, string[]>): SelectorRequirement {
  const key = rng.pick(Object.keys(vocabulary));
  const operator = rng.pick(OPERATORS);
  if (operator === 'Exists' || operator === 'DoesNotExist') return { key, operator, values: [] };
  // Occasionally a value nobody carries, so In can select nothing and NotIn everything.
  const values = rng.subset([...vocabulary[key], 'other'], 1, 2);
  return { key, operator, values };
}

export function randomSelector(rng: Rng, vocabulary: Record<string, string[]>): LabelSelector {
  const form = rng.int(0, 3); // 0 empty, 1 matchLabels, 2 matchExpressions, 3 both
  const matchLabels = form === 1 || form === 3 ? randomLabels(rng, vocabulary, 0.4) : {};
  const matchExpressions: SelectorRequirement[] = [];
  if (form >= 2) {
    const n = rng.int(1, 2);
    for (let i = 0; i < n; i++) matchExpressions.push(randomRequirement(rng, vocabulary));
  }
  return { matchLabels, matchExpressions };
}

// ---- namespaces and pods ---------------------------------------------------------------------

function randomNamespaces(rng: Rng): Namespace[] {
  return NAMESPACE_NAMES.slice(0, rng.int(2, 4)).map((name) => ({
    name,
    labels: { ...randomLabels(rng, NAMESPACE_LABELS, 0.6), [NAMESPACE_NAME_LABEL]: name },
  }));
}

function randomContainerPorts(rng: Rng): ContainerPort[] {
  const ports: ContainerPort[] = [];
  if (rng.chance(0.6)) ports.push({ name: 'http', containerPort: rng.pick([80, 8000, 8080]), protocol: 'TCP' });
  if (rng.chance(0.4)) {
    ports.push({ name: 'metrics', containerPort: rng.pick([9090, 9100, 8080]), protocol: rng.pick(['TCP', 'SCTP']) });
  }
  if (rng.chance(0.3)) ports.push({ name: 'dns', containerPort: rng.pick([53, 5353]), protocol: rng.pick(['UDP', 'TCP']) });
  if (rng.chance(0.2)) ports.push({ containerPort: rng.pick(PORT_NUMBERS), protocol: rng.pick(PROTOCOLS) });
  return ports;
}

interface IpAllocator {
  v4: number;
  v6: number;
}

function randomPod(rng: Rng, index: number, namespaces: readonly Namespace[], alloc: IpAllocator): Pod {
  const base = {
    namespace: rng.pick(namespaces).name,
    name: `pod-${index}`,
    labels: randomLabels(rng, POD_LABELS, 0.6),
    containerPorts: randomContainerPorts(rng),
    ownerReferences: [],
  };
  if (rng.chance(0.18)) {
    const node = rng.pick(NODES);
    return { ...base, hostNetwork: true, nodeName: node.name, hostIP: node.internalIPs[0], ips: [...node.internalIPs], phase: 'Running' };
  }
  const ips: string[] = [];
  const shape = rng.float();
  if (shape < 0.6) ips.push(`${rng.pick(POD_SUBNETS)}.${++alloc.v4}`);
  else if (shape < 0.72) ips.push(`fd00::${(++alloc.v6).toString(16)}`);
  else if (shape < 0.82) ips.push(`${rng.pick(POD_SUBNETS)}.${++alloc.v4}`, `fd00::${(++alloc.v6).toString(16)}`);
  // else: no IP (a pod not scheduled yet, or a template in manifest input)
  const node = ips.length > 0 || rng.chance(0.3) ? rng.pick(NODES) : undefined;
  return {
    ...base,
    hostNetwork: false,
    ips,
    ...(node ? { nodeName: node.name, hostIP: node.internalIPs[0] } : {}),
    phase: ips.length > 0 ? 'Running' : 'Pending',
  };
}

// ---- policies --------------------------------------------------------------------------------

function randomPeer(rng: Rng): PolicyPeer {
  const form = rng.int(0, 4);
  if (form === 0) {
    const block = rng.pick(IP_BLOCKS);
    return { kind: 'ipBlock', cidr: block.cidr, except: rng.pick(block.excepts) };
  }
  const nsSelector = (): LabelSelector => randomSelector(rng, { ...NAMESPACE_LABELS, [NAMESPACE_NAME_LABEL]: NAMESPACE_NAMES });
  switch (form) {
    case 1: // podSelector only: the policy's namespace
    case 2:
      return { kind: 'pods', namespaces: { kind: 'own' }, pods: randomSelector(rng, POD_LABELS) };
    case 3: // namespaceSelector only: every pod of matching namespaces
      return { kind: 'pods', namespaces: { kind: 'selector', selector: nsSelector() }, pods: { matchLabels: {}, matchExpressions: [] } };
    default: // both, ANDed
      return { kind: 'pods', namespaces: { kind: 'selector', selector: nsSelector() }, pods: randomSelector(rng, POD_LABELS) };
  }
}

function randomPort(rng: Rng): PolicyPort {
  const protocol: Protocol = rng.chance(0.6) ? 'TCP' : rng.pick(PROTOCOLS);
  const form = rng.int(0, 5);
  if (form === 0) return { kind: 'all', protocol };
  if (form <= 2) {
    const from = rng.chance(0.8) ? rng.pick(PORT_NUMBERS) : rng.int(1, 65535);
    return { kind: 'range', protocol, from, to: from };
  }
  if (form === 3) {
    const from = rng.chance(0.7) ? rng.pick(PORT_NUMBERS) : rng.int(1, 65000);
    const to = rng.chance(0.1) ? 65535 : Math.min(65535, from + rng.int(0, 1200));
    return { kind: 'range', protocol, from, to };
  }
  return { kind: 'named', protocol, name: rng.pick(['http', 'metrics', 'dns', 'dns', 'grpc']) };
}

function randomRule(rng: Rng): PolicyRule {
  const peers = rng.chance(0.25) ? null : Array.from({ length: rng.int(1, 3) }, () => randomPeer(rng));
  const ports = rng.chance(0.3) ? null : Array.from({ length: rng.int(1, 3) }, () => randomPort(rng));
  return { peers, ports };
}

/** 0 rules (deny all) is common enough to matter. */
function randomRules(rng: Rng): PolicyRule[] {
  const n = rng.pick([0, 1, 1, 2, 3]);
  return Array.from({ length: n }, () => randomRule(rng));
}

export function randomPolicy(rng: Rng, name: string, namespaces: readonly Namespace[]): NetworkPolicy {
  const namespace = rng.pick(namespaces).name;
  const podSelector = randomSelector(rng, POD_LABELS);
  const explicit = rng.chance(0.5);
  let ingress = randomRules(rng);
  let egress = rng.chance(0.7) ? randomRules(rng) : [];
  let policyTypes: PolicyType[];
  if (explicit) {
    policyTypes = rng.pick<PolicyType[]>([['Ingress'], ['Egress'], ['Ingress', 'Egress']]);
  } else {
    // Implied: Ingress always, Egress iff spec.egress has a rule.
    policyTypes = egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
  // Normalised: rules of a type the policy does not have are dropped.
  if (!policyTypes.includes('Ingress')) ingress = [];
  if (!policyTypes.includes('Egress')) egress = [];
  return { namespace, name, podSelector, policyTypes, policyTypesExplicit: explicit, ingress, egress };
}

// ---- the snapshot ----------------------------------------------------------------------------

export function randomSnapshot(seed: number): Snapshot {
  const rng = new Rng(seed);
  const namespaces = randomNamespaces(rng);
  const alloc: IpAllocator = { v4: 0, v6: 0 };
  const pods = Array.from({ length: rng.int(3, 12) }, (_, i) => randomPod(rng, i, namespaces, alloc));
  const policies = Array.from({ length: rng.int(1, 6) }, (_, i) => randomPolicy(rng, `pol-${i}`, namespaces));
  // Sometimes no Node objects: node addresses are then known only from pods (hostIP, hostNetwork IPs).
  const nodes = rng.chance(0.2) ? [] : [...NODES];
  return { ...emptySnapshot('manifests'), namespaces, pods, nodes, policies };
}

/** A pod that fits `snapshot` and collides with none of its pods' names or addresses. */
export function randomExtraPod(rng: Rng, snapshot: Snapshot): Pod {
  const used = snapshot.pods.flatMap((p) => p.ips).filter((ip) => !ip.startsWith('172.16.'));
  const alloc: IpAllocator = { v4: 100 + used.length, v6: 100 + used.length };
  const names = new Set(snapshot.pods.map((p) => p.name));
  let index = 1000;
  while (names.has(`pod-${index}`)) index++;
  return randomPod(rng, index, snapshot.namespaces, alloc);
}

export function randomPodLabels(rng: Rng): Labels {
  return randomLabels(rng, POD_LABELS, 0.6);
}

/** Every node address of the random clusters (a node-local destination or source on some pod's node). */
export const NODE_IPS: readonly string[] = NODES.flatMap((n) => n.internalIPs);

/** External addresses (v4 and v6) for this snapshot: never a pod's or node's address. */
export function externalIps(rng: Rng, snapshot: Snapshot): string[] {
  const taken = new Set(snapshot.pods.flatMap((p) => p.ips));
  const free = (ips: string[]) => ips.filter((ip) => !taken.has(ip));
  return [rng.pick(free(EXTERNAL_IPS_V4)), rng.pick(free(EXTERNAL_IPS_V6))];
}
