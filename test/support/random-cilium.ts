// Random CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy objects, as users write them (raw
// manifests, decoded by the real decoder), on top of the random NetworkPolicy clusters: allow and
// deny sections, `ingress: [{}]`, enableDefaultDeny, fromEndpoints/toEndpoints (with and without a
// namespace), the entities all / world / cluster, CIDR sets with except, toPorts by number, range
// (endPort), protocol ANY and by name; some pods carry pod-template-hash (in no identity).
import type { Snapshot } from '../../src/model/types.ts';
import { decodeObjects } from '../../src/model/decode.ts';
import { Rng, randomSnapshot } from './random-cluster.ts';

export type Raw = Record<string, unknown>;

export interface RandomCilium {
  readonly snapshot: Snapshot;
  /** The Cilium objects as written (what the reference evaluator reads). */
  readonly objects: readonly Raw[];
}

const APP = ['web', 'db', 'cache'];
const TIER = ['front', 'back'];
const CIDRS: readonly { cidr: string; except: string[][] }[] = [
  { cidr: '0.0.0.0/0', except: [[], ['10.0.0.0/8']] },
  { cidr: '10.0.0.0/16', except: [[], ['10.0.1.0/24']] },
  { cidr: '8.8.8.0/24', except: [[]] },
  { cidr: '172.16.0.0/16', except: [[]] },
  { cidr: '::/0', except: [[], ['fd00::/16']] },
];

function selector(rng: Rng, namespaces: readonly string[], peer: boolean): Raw {
  const matchLabels: Record<string, string> = {};
  if (rng.chance(0.5)) matchLabels.app = rng.pick(APP);
  if (rng.chance(0.25)) matchLabels.tier = rng.pick(TIER);
  if (rng.chance(0.08)) matchLabels['pod-template-hash'] = 'h1';
  if (peer && rng.chance(0.25)) matchLabels['k8s:io.kubernetes.pod.namespace'] = rng.pick(namespaces);
  if (peer && rng.chance(0.1)) matchLabels['io.cilium.k8s.namespace.labels.team'] = rng.pick(['red', 'blue']);
  return { matchLabels };
}

function ports(rng: Rng): Raw[] {
  return Array.from({ length: rng.int(1, 2) }, () => {
    const protocol = rng.pick(['TCP', 'TCP', 'UDP', 'ANY', undefined]);
    const form = rng.int(0, 2);
    const port =
      form === 0
        ? { port: String(rng.pick([53, 80, 443, 8080, 9090])) }
        : form === 1
          ? (({ from }) => ({ port: String(from), endPort: from + rng.pick([100, 1200]) }))({ from: rng.pick([80, 1000, 8000]) })
          : { port: rng.pick(['http', 'metrics', 'dns']) };
    return { ...port, ...(protocol !== undefined ? { protocol } : {}) };
  });
}

function rule(rng: Rng, ingress: boolean, namespaces: readonly string[]): Raw {
  const form = rng.int(0, 5);
  const dir = ingress ? 'from' : 'to';
  const r: Raw = {};
  if (form === 0) return r; // `{}`: admits nothing
  if (form === 1 || form === 2) r[`${dir}Endpoints`] = Array.from({ length: rng.int(1, 2) }, () => selector(rng, namespaces, true));
  if (form === 3) r[`${dir}Entities`] = rng.subset(['all', 'world', 'cluster'], 1, 2);
  if (form === 4) {
    const c = rng.pick(CIDRS);
    r[`${dir}CIDRSet`] = [{ cidr: c.cidr, except: rng.pick(c.except) }];
  }
  // form 5: toPorts only (every peer).
  if (form === 5 || rng.chance(0.5)) r.toPorts = [{ ports: ports(rng) }];
  return r;
}

function spec(rng: Rng, namespaces: readonly string[]): Raw {
  const s: Raw = { endpointSelector: rng.chance(0.2) ? {} : selector(rng, namespaces, false) };
  for (const section of ['ingress', 'ingressDeny', 'egress', 'egressDeny'] as const) {
    const deny = section.endsWith('Deny');
    if (!rng.chance(deny ? 0.3 : 0.5)) continue;
    s[section] = Array.from({ length: rng.int(1, 2) }, () => rule(rng, section.startsWith('ingress'), namespaces));
  }
  if (rng.chance(0.2)) s.enableDefaultDeny = { [rng.pick(['ingress', 'egress'])]: rng.chance(0.5) };
  return s;
}

export function randomCiliumCluster(seed: number): RandomCilium {
  const base = randomSnapshot(seed);
  const rng = new Rng(seed * 104729 + 7);
  const namespaces = base.namespaces.map((n) => n.name);
  const pods = base.pods.map((p) => (rng.chance(0.25) ? { ...p, labels: { ...p.labels, 'pod-template-hash': 'h1' } } : p));
  const objects: Raw[] = [];
  const cnps = rng.int(1, 4);
  for (let i = 0; i < cnps; i++)
    objects.push({
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: `cnp-${i}`, namespace: rng.pick(namespaces) },
      spec: spec(rng, namespaces),
    });
  if (rng.chance(0.5))
    objects.push({
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumClusterwideNetworkPolicy',
      metadata: { name: 'ccnp' },
      spec: spec(rng, namespaces),
    });
  const decoded = decodeObjects(
    objects.map((object) => ({ object })),
    { source: 'manifests' },
  );
  const errors = decoded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`seed ${seed}: ${JSON.stringify(errors)}`);
  return {
    snapshot: { ...base, pods, ciliumPolicies: decoded.snapshot.ciliumPolicies ?? [], cni: { plugin: 'cilium', settings: {} } },
    objects,
  };
}
