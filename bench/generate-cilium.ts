// Cilium policies for the benchmark's `+cilium` sizes: 500 CiliumNetworkPolicies and 20
// CiliumClusterwideNetworkPolicies over the generated cluster (bench/generate.ts), written as raw
// objects and read by the real decoder, shaped like what teams write on Cilium: per app, ingress from
// the app's frontends on its named port and from monitoring on metrics, egress to DNS (kube-dns),
// to world on 443 and to the backends of its namespace, a deny of one external network; cluster-wide,
// per team, a deny of ingress from the other env's namespaces on a port range and of world on
// admin ports. Deterministic for a seed.
import { decodeObjects } from '../src/model/decode.ts';
import type { CiliumPolicy } from '../src/model/cilium-policy.ts';
import type { Snapshot } from '../src/model/types.ts';
import { makeRng, randomInt } from './generate.ts';

const NS = 'k8s:io.kubernetes.pod.namespace';

/** The raw CNP / CCNP objects. */
export function ciliumObjects(s: Snapshot, cnps: number, ccnps: number, seed: number): Record<string, unknown>[] {
  const rng = makeRng(seed ^ 0xc111);
  const apps = [
    ...new Set(s.pods.filter((p) => p.labels.app && p.labels.team !== 'platform').map((p) => `${p.namespace}/${p.labels.app}`)),
  ].sort();
  const teams = [...new Set(s.namespaces.map((n) => n.labels.team).filter((t): t is string => t !== undefined && t !== 'platform'))].sort();
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < cnps && apps.length > 0; i++) {
    const [namespace, app] = apps[i % apps.length].split('/');
    out.push({
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: `${app}-${i}`, namespace },
      spec: {
        endpointSelector: { matchLabels: { app } },
        ingress: [
          { fromEndpoints: [{ matchLabels: { tier: 'frontend' } }], toPorts: [{ ports: [{ port: 'http', protocol: 'TCP' }] }] },
          { fromEndpoints: [{ matchLabels: { [NS]: 'monitoring' } }], toPorts: [{ ports: [{ port: '9090', protocol: 'TCP' }] }] },
        ],
        egress: [
          {
            toEndpoints: [{ matchLabels: { [NS]: 'kube-system', 'k8s-app': 'kube-dns' } }],
            toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }],
          },
          { toEntities: ['world'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
          { toEndpoints: [{ matchLabels: { tier: rng() < 0.5 ? 'backend' : 'db' } }] },
        ],
        egressDeny: [{ toCIDRSet: [{ cidr: `198.51.${i % 250}.0/24`, except: [] }] }],
      },
    });
  }
  for (let i = 0; i < ccnps; i++) {
    const team = teams[i % Math.max(1, teams.length)] ?? 'team-0';
    const from = randomInt(rng, 1000, 9000);
    out.push({
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumClusterwideNetworkPolicy',
      metadata: { name: `guard-${String(i).padStart(2, '0')}` },
      spec: {
        endpointSelector: { matchLabels: { team } },
        ingressDeny: [
          {
            fromEndpoints: [{ matchLabels: { 'io.cilium.k8s.namespace.labels.env': i % 2 === 0 ? 'dev' : 'prod' } }],
            toPorts: [{ ports: [{ port: String(from), endPort: from + randomInt(rng, 10, 500), protocol: 'TCP' }] }],
          },
          { fromEntities: ['world'], toPorts: [{ ports: [{ port: '22', protocol: 'TCP' }] }] },
        ],
        enableDefaultDeny: { ingress: false, egress: false },
      },
    });
  }
  return out;
}

/** The snapshot with the Cilium policies decoded, on Cilium. */
export function withCiliumPolicies(s: Snapshot, cnps: number, ccnps: number, seed: number): Snapshot {
  const decoded = decodeObjects(
    ciliumObjects(s, cnps, ccnps, seed).map((object) => ({ object })),
    { source: 'manifests' },
  );
  const errors = decoded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`generated Cilium policies do not decode: ${JSON.stringify(errors.slice(0, 3))}`);
  const ciliumPolicies: CiliumPolicy[] = [...(decoded.snapshot.ciliumPolicies ?? [])];
  return { ...s, ciliumPolicies, cni: { plugin: 'cilium', settings: {} } };
}
