// Synthetic clusters for `npm run bench`: a normalised Snapshot with a realistic shape (team
// namespaces, Deployments of 1–39 replicas, a kube-dns, a hostNetwork node exporter, about
// pods/10 NetworkPolicies). Built directly as model values, not YAML, so generating 150k pods costs
// seconds, not minutes. Deterministic for a seed: the same seed gives the same snapshot, byte for byte.
import { mulberry32 } from '../test/support/random-cluster.ts';
import type { ContainerPort, Labels, Namespace, NetworkPolicy, Node, Pod, PolicyPort, PolicyRule, Snapshot } from '../src/model/types.ts';
import { NAMESPACE_NAME_LABEL } from '../src/model/types.ts';
import { generatePolicies, type App, type Rng, type TeamNamespace, type Tier } from './generate-policies.ts';

export interface GenerateOptions {
  readonly pods: number;
  readonly seed?: number;
}

const ENVS = ['prod', 'staging', 'dev'] as const;
/** Cumulative weights: most apps are backends and workers, a few are databases and caches. */
const TIER_WEIGHTS: readonly [Tier, number][] = [
  ['frontend', 0.2],
  ['backend', 0.55],
  ['db', 0.65],
  ['cache', 0.75],
  ['worker', 1],
];
const TIERS: readonly Tier[] = TIER_WEIGHTS.map(([t]) => t);
const HASH_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** The property tests' mulberry32: small, fast and good enough for shaping test data. */
export function makeRng(seed: number): Rng {
  return mulberry32(seed);
}

export function randomInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

function templateHash(rng: Rng): string {
  let h = '';
  for (let i = 0; i < 10; i++) h += HASH_ALPHABET[Math.floor(rng() * HASH_ALPHABET.length)];
  return h;
}

/** The n-th address of 10.0.0.0/8 (n >= 1): pod IPs are allocated in order, like an IPAM would. */
export function podIP(n: number): string {
  return `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function nodeIP(n: number): string {
  return `192.168.${(n >>> 8) & 255}.${n & 255}`;
}

function makeNodes(count: number): Node[] {
  const nodes: Node[] = [];
  for (let i = 1; i <= count; i++) {
    const name = `node-${i}`;
    nodes.push({
      name,
      labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': `zone-${'abc'[i % 3]}` },
      annotations: {},
      internalIPs: [nodeIP(i)],
      externalIPs: [],
    });
  }
  return nodes;
}

function makeTeamNamespaces(count: number): TeamNamespace[] {
  const out: TeamNamespace[] = [];
  for (let i = 0; i < count; i++) {
    const team = `team-${Math.floor(i / ENVS.length)}`;
    const env = ENVS[i % ENVS.length];
    out.push({ name: `${team}-${env}`, team, env, egressLocked: i % 2 === 0 });
  }
  return out;
}

function namespaceObjects(teams: readonly TeamNamespace[]): Namespace[] {
  const ns = (name: string, labels: Labels): Namespace => ({ name, labels: { ...labels, [NAMESPACE_NAME_LABEL]: name } });
  return [
    ns('kube-system', {}),
    ns('monitoring', { team: 'platform', env: 'prod' }),
    ...teams.map((t) => ns(t.name, { team: t.team, env: t.env })),
  ];
}

function tierPorts(app: App): ContainerPort[] {
  const metrics: ContainerPort = { name: 'metrics', containerPort: 9090, protocol: 'TCP' };
  const http: ContainerPort = { name: 'http', containerPort: app.httpPort, protocol: 'TCP' };
  switch (app.tier) {
    case 'frontend':
      return [http, metrics];
    case 'backend':
      return app.grpc ? [http, { name: 'grpc', containerPort: 9000, protocol: 'TCP' }, metrics] : [http, metrics];
    case 'db':
      return [{ name: 'postgres', containerPort: 5432, protocol: 'TCP' }, metrics];
    case 'cache':
      return [{ name: 'redis', containerPort: 6379, protocol: 'TCP' }, metrics];
    case 'worker':
      return [http, metrics];
    default: {
      const never: never = app.tier;
      return never;
    }
  }
}

function pickTier(rng: Rng, index: number): Tier {
  // The first apps cycle through every tier so that even small clusters have them all.
  if (index < TIERS.length) return TIERS[index];
  const r = rng();
  return TIER_WEIGHTS.find(([, w]) => r < w)?.[0] ?? 'worker';
}

/** Mutable state of the pod allocation: the next pod IP and the pods made so far. */
interface PodSink {
  readonly pods: Pod[];
  readonly nodes: readonly Node[];
  nextIP: number;
}

function addDeployment(
  sink: PodSink,
  rng: Rng,
  namespace: string,
  name: string,
  labels: Labels,
  ports: ContainerPort[],
  replicas: number,
): void {
  const hash = templateHash(rng);
  const podLabels = { ...labels, 'pod-template-hash': hash };
  const owner = [{ kind: 'ReplicaSet', name: `${name}-${hash}`, controller: true }];
  for (let i = 0; i < replicas; i++) {
    const node = sink.nodes[Math.floor(rng() * sink.nodes.length)];
    sink.pods.push({
      namespace,
      name: `${name}-${hash}-${i}`,
      labels: podLabels,
      ips: [podIP(sink.nextIP++)],
      hostNetwork: false,
      nodeName: node.name,
      hostIP: node.internalIPs[0],
      phase: 'Running',
      containerPorts: ports,
      ownerReferences: owner,
    });
  }
}

/** A DaemonSet-like node exporter: hostNetwork, so each pod speaks with its node's IP. */
function addNodeExporter(sink: PodSink, count: number): void {
  const labels = { app: 'node-exporter', team: 'platform', 'controller-revision-hash': '7d9c6f5b8' };
  const ports: ContainerPort[] = [{ name: 'metrics', containerPort: 9100, protocol: 'TCP' }];
  for (let i = 0; i < count; i++) {
    const node = sink.nodes[i];
    sink.pods.push({
      namespace: 'monitoring',
      name: `node-exporter-${node.name}`,
      labels,
      ips: [node.internalIPs[0]],
      hostNetwork: true,
      nodeName: node.name,
      hostIP: node.internalIPs[0],
      phase: 'Running',
      containerPorts: ports,
      ownerReferences: [{ kind: 'DaemonSet', name: 'node-exporter', controller: true }],
    });
  }
}

function addSystemPods(sink: PodSink, rng: Rng, budget: number): number {
  const dns = Math.min(2, budget);
  const dnsPorts: ContainerPort[] = [
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
    { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
    { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
  ];
  if (dns > 0) addDeployment(sink, rng, 'kube-system', 'coredns', { 'k8s-app': 'kube-dns', app: 'kube-dns' }, dnsPorts, dns);
  const prometheus = Math.min(2, budget - dns);
  const promPorts: ContainerPort[] = [{ name: 'web', containerPort: 9090, protocol: 'TCP' }];
  if (prometheus > 0) addDeployment(sink, rng, 'monitoring', 'prometheus', { app: 'prometheus', team: 'platform' }, promPorts, prometheus);
  return dns + prometheus;
}

function addTeamApps(sink: PodSink, rng: Rng, teams: readonly TeamNamespace[], budget: number): App[] {
  const apps: App[] = [];
  for (let left = budget; left > 0;) {
    const ns = teams[Math.floor(rng() * teams.length)];
    const tier = pickTier(rng, apps.length);
    const app: App = {
      namespace: ns.name,
      team: ns.team,
      name: `${tier}-${apps.length}`,
      tier,
      replicas: Math.min(left, randomInt(rng, 1, 39)),
      grpc: tier === 'backend' && rng() < 0.5,
      // Some services listen on 8000: a named port `http` then means different numbers on different pods.
      httpPort: rng() < 0.1 ? 8000 : 8080,
    };
    addDeployment(sink, rng, ns.name, app.name, { app: app.name, tier, team: ns.team }, tierPorts(app), app.replicas);
    apps.push(app);
    left -= app.replicas;
  }
  return apps;
}

export function generateCluster(options: GenerateOptions): Snapshot {
  const total = Math.max(0, Math.floor(options.pods));
  const rng = makeRng(options.seed ?? 1);
  const nodes = makeNodes(Math.max(1, Math.ceil(total / 30)));
  const teams = makeTeamNamespaces(Math.max(1, Math.round(total / 300)));
  const sink: PodSink = { pods: [], nodes, nextIP: 1 };
  const hostNetwork = total >= 100 ? Math.min(nodes.length, Math.round(total / 100)) : 0;
  addNodeExporter(sink, hostNetwork);
  const system = addSystemPods(sink, rng, total - hostNetwork);
  const apps = addTeamApps(sink, rng, teams, total - hostNetwork - system);
  const policies = generatePolicies({ rng, teams, apps, podIPCount: sink.nextIP - 1 });
  return {
    source: 'cluster',
    namespaces: namespaceObjects(teams),
    pods: sink.pods,
    workloads: [],
    services: [],
    endpointSlices: [],
    nodes,
    policies,
    notAnalysable: [],
  };
}

function shiftPort(p: PolicyPort): PolicyPort {
  switch (p.kind) {
    case 'all':
      return { kind: 'range', protocol: p.protocol, from: 8081, to: 8081 };
    case 'range':
      return { ...p, from: Math.min(65535, p.from + 1), to: Math.min(65535, p.to + 1) };
    case 'named':
      return { kind: 'range', protocol: p.protocol, from: 8081, to: 8081 };
    default: {
      const never: never = p;
      return never;
    }
  }
}

/** Even seeds move the first rule's ports by one; odd seeds narrow its peers to workers. */
function changeRule(rule: PolicyRule, seed: number): PolicyRule {
  if (seed % 2 === 0) return { ...rule, ports: (rule.ports ?? []).map(shiftPort) };
  const workers = { matchLabels: { tier: 'worker' }, matchExpressions: [] };
  return { ...rule, peers: [{ kind: 'pods', namespaces: { kind: 'own' }, pods: workers }] };
}

/**
 * A copy of `s` with one allow policy's first ingress rule changed (its ports, or its peers),
 * for measuring incremental compile and impact. Deterministic for a seed.
 */
export function changeOnePolicy(s: Snapshot, seed: number): Snapshot {
  const candidates: number[] = [];
  s.policies.forEach((p, i) => {
    if (p.name.startsWith('allow-') && p.ingress.length > 0 && p.ingress[0].ports !== null) candidates.push(i);
  });
  if (candidates.length === 0) return s;
  const index = candidates[Math.floor(makeRng(seed)() * candidates.length)];
  const before = s.policies[index];
  const after: NetworkPolicy = { ...before, ingress: [changeRule(before.ingress[0], seed), ...before.ingress.slice(1)] };
  const policies = s.policies.slice();
  policies[index] = after;
  return { ...s, policies };
}
