// A ClusterSource wired to a FakeApiServer with short timings, the snapshots it produced, bounded
// polling, and builders for raw objects as a real cluster holds them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterSource, type ClusterSourceOptions } from '../../../src/ingest/cluster/cluster-source.ts';
import type { Diagnostic } from '../../../src/model/diagnostics.ts';
import type { Snapshot } from '../../../src/model/types.ts';
import { FakeApiServer, writeKubeconfig } from '../../support/fake-apiserver.ts';

export type SourceEvent = Parameters<NonNullable<ClusterSourceOptions['onEvent']>>[0];

export interface Harness {
  readonly fake: FakeApiServer;
  readonly source: ClusterSource;
  readonly snapshots: Snapshot[];
  readonly diagnostics: Diagnostic[][];
  readonly events: SourceEvent[];
  latest(): Snapshot | undefined;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly debounceMs?: number;
  readonly token?: string;
  readonly kubeconfigToken?: string;
  /** Fill the fake before the source starts. */
  readonly seed?: (fake: FakeApiServer) => void;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await FakeApiServer.start(options.token !== undefined ? { token: options.token } : {});
  options.seed?.(fake);
  const dir = await mkdtemp(join(tmpdir(), 'netreach-cluster-'));
  const kubeConfig = new KubeConfig();
  const token = options.kubeconfigToken ?? options.token;
  kubeConfig.loadFromFile(await writeKubeconfig(join(dir, 'config'), fake.url, token !== undefined ? { token } : {}));
  const snapshots: Snapshot[] = [];
  const diagnostics: Diagnostic[][] = [];
  const events: SourceEvent[] = [];
  const source = new ClusterSource({
    kubeConfig,
    debounceMs: options.debounceMs ?? 20,
    backoff: { initialMs: 10, maxMs: 80 },
    onSnapshot: (snapshot, d) => {
      snapshots.push(snapshot);
      diagnostics.push(d);
    },
    onEvent: (e) => events.push(e),
  });
  source.start();
  return {
    fake,
    source,
    snapshots,
    diagnostics,
    events,
    latest: () => snapshots.at(-1),
    close: async () => {
      await source.stop();
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Watches a cluster without plugin namespaces holds open: the six analysed resources, the CRDs and
 * Calico's FelixConfigurations (namespaced plugin targets start only in plugin namespaces that exist).
 */
export const CORE_WATCHES = 8;

/** Polls `check` until it returns true; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** `ns/name` of the snapshot's pods, sorted. */
export const podNames = (s: Snapshot | undefined): string[] => (s?.pods ?? []).map((p) => `${p.namespace}/${p.name}`).sort();

export type Raw = Record<string, unknown>;

export const namespace = (name: string, labels: Record<string, string> = {}): Raw => ({ metadata: { name, labels } });

export function pod(ns: string, name: string, ip: string, labels: Record<string, string> = {}, phase = 'Running'): Raw {
  return {
    metadata: { name, namespace: ns, labels, managedFields: [{ manager: 'kubelet', operation: 'Update' }] },
    spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] },
    status: { phase, podIP: ip, podIPs: [{ ip }], hostIP: '192.168.0.10' },
  };
}

export const node = (name: string, ip: string): Raw => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  status: { addresses: [{ type: 'InternalIP', address: ip }] },
});

export const service = (ns: string, name: string, selector: Record<string, string>): Raw => ({
  metadata: { name, namespace: ns },
  spec: {
    type: 'ClusterIP',
    clusterIP: '10.96.0.10',
    clusterIPs: ['10.96.0.10'],
    selector,
    ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }],
  },
});

export const endpointSlice = (ns: string, service: string, ip: string): Raw => ({
  metadata: { name: `${service}-abc`, namespace: ns, labels: { 'kubernetes.io/service-name': service } },
  addressType: 'IPv4',
  endpoints: [{ addresses: [ip], conditions: { ready: true }, targetRef: { kind: 'Pod', namespace: ns, name: 'web-1' } }],
  ports: [{ name: '', port: 8080, protocol: 'TCP' }],
});

/** A policy whose peers are ipBlocks with `except`: the fields client-node's typed models rename. */
export const ipBlockPolicy = (ns: string, name: string, except: string[]): Raw => ({
  metadata: { name, namespace: ns },
  spec: {
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except } }], ports: [{ port: 8080 }] }],
    egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }],
  },
});

/** A small cluster: one of each resource. */
export function seedSmallCluster(fake: FakeApiServer): void {
  fake.add('namespaces', namespace('prod'));
  fake.add('nodes', node('node-1', '192.168.0.10'));
  fake.add('pods', pod('prod', 'web-1', '10.1.0.1', { app: 'web' }));
  fake.add('services', service('prod', 'web', { app: 'web' }));
  fake.add('endpointslices', endpointSlice('prod', 'web', '10.1.0.1'));
  fake.add('networkpolicies', ipBlockPolicy('prod', 'web-ipblocks', ['10.2.0.0/16']));
}
