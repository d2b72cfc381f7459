// The NetworkPolicies of a synthetic cluster (see generate.ts): per namespace a default deny and a
// monitoring allowance, in half the namespaces an egress lockdown with DNS and HTTPS exits, and per
// app the allow rules a team would write (by app/tier labels, named ports, matchExpressions,
// ipBlocks with except, endPort ranges, cross-namespace peers). About 1.8 policies per app, so
// about pods/10 in all.
import type {
  LabelSelector,
  NetworkPolicy,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  PolicyType,
  Protocol,
  SelectorOperator,
  SelectorRequirement,
} from '../src/model/types.ts';
import { NAMESPACE_NAME_LABEL } from '../src/model/types.ts';

export type Rng = () => number;
export type Tier = 'frontend' | 'backend' | 'db' | 'cache' | 'worker';

export interface TeamNamespace {
  readonly name: string;
  readonly team: string;
  readonly env: 'prod' | 'staging' | 'dev';
  /** Egress default-deny, with DNS, same-app and HTTPS-out exceptions. */
  readonly egressLocked: boolean;
}

export interface App {
  readonly namespace: string;
  readonly team: string;
  readonly name: string;
  readonly tier: Tier;
  readonly replicas: number;
  readonly grpc: boolean;
  readonly httpPort: number;
}

export interface PolicyInput {
  readonly rng: Rng;
  readonly teams: readonly TeamNamespace[];
  readonly apps: readonly App[];
  /** Pod IPs 10.0.0.1 .. podIP(podIPCount) are in use: legacy ipBlocks slice that range. */
  readonly podIPCount: number;
}

// Small constructors: the normalised model spelled out is too verbose to read policies in.
const sel = (matchLabels: Record<string, string> = {}, matchExpressions: SelectorRequirement[] = []): LabelSelector => ({
  matchLabels,
  matchExpressions,
});
const expr = (key: string, operator: SelectorOperator, values: string[] = []): SelectorRequirement => ({ key, operator, values });
const pods = (podSel: LabelSelector, nsSel?: LabelSelector): PolicyPeer => ({
  kind: 'pods',
  namespaces: nsSel ? { kind: 'selector', selector: nsSel } : { kind: 'own' },
  pods: podSel,
});
const ipBlock = (cidr: string, except: string[] = []): PolicyPeer => ({ kind: 'ipBlock', cidr, except });
const port = (from: number, to = from, protocol: Protocol = 'TCP'): PolicyPort => ({ kind: 'range', protocol, from, to });
const named = (name: string, protocol: Protocol = 'TCP'): PolicyPort => ({ kind: 'named', protocol, name });
const rule = (peers: PolicyPeer[] | null, ports: PolicyPort[] | null): PolicyRule => ({ peers, ports });

function policy(namespace: string, name: string, podSelector: LabelSelector, ingress?: PolicyRule[], egress?: PolicyRule[]): NetworkPolicy {
  const policyTypes: PolicyType[] = [];
  if (ingress) policyTypes.push('Ingress');
  if (egress) policyTypes.push('Egress');
  return { namespace, name, podSelector, policyTypes, policyTypesExplicit: true, ingress: ingress ?? [], egress: egress ?? [] };
}

const KUBE_DNS = pods(sel({ 'k8s-app': 'kube-dns' }), sel({ [NAMESPACE_NAME_LABEL]: 'kube-system' }));
const PROMETHEUS = pods(sel({ app: 'prometheus' }), sel({ team: 'platform' }));
const INTERNET_NOT_CLUSTER = ipBlock('0.0.0.0/0', ['10.0.0.0/8', '192.168.0.0/16']);

function systemPolicies(): NetworkPolicy[] {
  return [
    policy('kube-system', 'default-deny-ingress', sel(), []),
    policy('kube-system', 'allow-dns', sel({ 'k8s-app': 'kube-dns' }), [
      rule([pods(sel(), sel())], [port(53, 53, 'UDP'), port(53)]),
      rule([PROMETHEUS], [port(9153)]),
    ]),
  ];
}

function namespacePolicies(t: TeamNamespace): NetworkPolicy[] {
  const out = [
    policy(t.name, 'default-deny-ingress', sel(), []),
    policy(t.name, 'allow-monitoring', sel(), [rule([PROMETHEUS], [port(9090)])]),
  ];
  if (!t.egressLocked) return out;
  return out.concat([
    policy(t.name, 'default-deny-egress', sel(), undefined, []),
    policy(t.name, 'allow-dns-egress', sel(), undefined, [rule([KUBE_DNS], [port(53, 53, 'UDP'), port(53)])]),
    policy(t.name, 'allow-https-egress', sel({}, [expr('tier', 'In', ['frontend', 'backend', 'worker'])]), undefined, [
      rule([INTERNET_NOT_CLUSTER], [port(443)]),
    ]),
  ]);
}

/** Who may call this app, by tier. */
function ingressRules(app: App, ctx: PolicyInput): PolicyRule[] {
  switch (app.tier) {
    case 'frontend':
      return [rule([ipBlock('0.0.0.0/0', ['169.254.0.0/16'])], [named('http'), port(8443)])];
    case 'backend': {
      const rules = [rule([pods(sel({ tier: 'frontend' }))], [named('http'), port(8080)])];
      if (app.grpc) rules.push(rule([pods(sel({ tier: 'backend' }))], [port(9000)]));
      return rules;
    }
    case 'db':
      return [rule([pods(sel({ team: app.team }, [expr('tier', 'In', ['backend', 'worker'])]))], [port(5432)])];
    case 'cache':
      return [rule([pods(sel({}, [expr('tier', 'NotIn', ['db']), expr('app', 'Exists')]))], [port(6379)])];
    case 'worker':
      return ctx.rng() < 0.5 ? [rule([ipBlock('192.168.0.0/16')], [port(30000, 32767)])] : [rule([legacySubnet(ctx)], [named('http')])];
    default: {
      const never: never = app.tier;
      return never;
    }
  }
}

/** A /20 of the pod range minus one /24: old policies written against subnets slice the pods. */
function legacySubnet(ctx: PolicyInput): PolicyPeer {
  const n = 1 + Math.floor(ctx.rng() * Math.max(1, ctx.podIPCount));
  const a = (n >>> 16) & 255;
  const b = (n >>> 8) & 255;
  return ipBlock(`10.${a}.${b & 0xf0}.0/20`, [`10.${a}.${b}.0/24`]);
}

/** Where this app may connect, for apps in egress-locked namespaces. */
function egressRules(app: App, ctx: PolicyInput): PolicyRule[] | null {
  switch (app.tier) {
    case 'frontend':
      return [rule([pods(sel({ tier: 'backend' }))], [named('http'), named('grpc')])];
    case 'backend':
      return [rule([pods(sel({}, [expr('tier', 'In', ['db', 'cache'])]))], [port(5432), port(6379)])];
    case 'worker': {
      const other = pick(ctx.rng, ctx.teams);
      return [
        rule([pods(sel({ tier: 'backend' }), sel({ team: other.team, env: other.env }))], [named('http')]),
        rule([pods(sel({}, [expr('tier', 'Exists')]))], [port(5432), port(6379)]),
      ];
    }
    case 'db':
    case 'cache':
      return null;
    default: {
      const never: never = app.tier;
      return never;
    }
  }
}

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)];
}

/** Some backends serve other teams: a cross-namespace peer by team and environment. */
function crossNamespacePolicy(app: App, ctx: PolicyInput): NetworkPolicy {
  const other = pick(ctx.rng, ctx.teams);
  const peer = pods(sel({}, [expr('tier', 'In', ['frontend', 'worker'])]), sel({ team: other.team }, [expr('env', 'NotIn', ['dev'])]));
  return policy(app.namespace, `allow-${app.name}-from-${other.team}`, sel({ app: app.name }), [rule([peer], [named('http')])]);
}

function appPolicies(app: App, t: TeamNamespace, ctx: PolicyInput): NetworkPolicy[] {
  const target = sel({ app: app.name });
  const out = [policy(app.namespace, `allow-${app.name}-ingress`, target, ingressRules(app, ctx))];
  if (app.tier === 'backend' && ctx.rng() < 0.3) out.push(crossNamespacePolicy(app, ctx));
  const egress = t.egressLocked ? egressRules(app, ctx) : null;
  if (egress) out.push(policy(app.namespace, `allow-${app.name}-egress`, target, undefined, egress));
  return out;
}

export function generatePolicies(ctx: PolicyInput): NetworkPolicy[] {
  const byName = new Map(ctx.teams.map((t) => [t.name, t]));
  const out = systemPolicies();
  for (const t of ctx.teams) out.push(...namespacePolicies(t));
  for (const app of ctx.apps) {
    const t = byName.get(app.namespace);
    if (t) out.push(...appPolicies(app, t, ctx));
  }
  return out;
}
