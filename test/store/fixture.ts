// Shared fixtures for store tests: a temp directory per test file, and a small snapshot that uses
// every collection of the model (so round trips cover every kind).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { Pod, Snapshot } from '../../src/model/types.ts';
import { ipBlock, node, ns, nsPeer, pod, podPeer, policy, rule, sel, expr, tcp, cport } from '../support/build.ts';

/** A fresh directory removed when the test file ends; `dbPath()` names a new database in it. */
export function tempDir(): { dir: string; dbPath: (name?: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'netreach-store-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  return { dir, dbPath: (name) => join(dir, name ?? `db-${++n}`, 'netreach.db') };
}

export const webPod = (labels: Record<string, string> = { app: 'web', tier: 'frontend' }): Pod =>
  pod('shop', 'web-1', labels, { ip: ['10.1.0.5', 'fd00::5'], node: 'n1', ports: [cport('http', 8080)] });

export function richSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    source: 'cluster',
    namespaces: [ns('shop', { team: 'a' }), ns('db')],
    pods: [webPod(), pod('shop', 'api-1', { app: 'api' }, { ip: '10.1.0.6' }), pod('db', 'pg-0', { app: 'pg' }, { ip: '10.2.0.7' })],
    workloads: [
      {
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        labels: { app: 'web' },
        selector: sel({ app: 'web' }),
        containerPorts: [cport('http', 8080)],
        hostNetwork: false,
        replicas: 2,
        ownerReferences: [],
      },
    ],
    services: [
      {
        namespace: 'shop',
        name: 'web',
        labels: {},
        type: 'ClusterIP',
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10'],
        selector: { app: 'web' },
        ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'http' }],
        externalTrafficPolicy: 'Cluster',
        externalIPs: [],
        loadBalancerSourceRanges: [],
        loadBalancerIPs: [],
      },
    ],
    endpointSlices: [
      {
        namespace: 'shop',
        name: 'web-abc',
        serviceName: 'web',
        addressType: 'IPv4',
        endpoints: [{ addresses: ['10.1.0.5'], ready: null, targetRef: { kind: 'Pod', namespace: 'shop', name: 'web-1' } }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ],
    nodes: [node('n1', ['192.168.0.1'])],
    policies: [
      policy('shop', 'web-ingress', {
        podSelector: sel({ app: 'web' }),
        ingress: [rule([podPeer(sel({ app: 'api' })), nsPeer(sel({ team: 'a' }), sel({}, expr('role', 'Exists')))], [tcp(8080)])],
      }),
      policy('shop', 'egress-out', {
        podSelector: sel({}, expr('tier', 'In', ['frontend', 'backend'])),
        egress: [rule([ipBlock('10.0.0.0/8', ['10.2.0.0/16']), ipBlock('fd00::/64', ['fd00::5/128'])])],
      }),
      policy('db', 'pg', { podSelector: sel({ app: 'pg' }), ingress: [rule([ipBlock('0.0.0.0/0')])] }),
    ],
    notAnalysable: [{ ref: { kind: 'Pod', namespace: 'shop', name: 'pending-1' }, reason: 'phase Pending' }],
    ...overrides,
  };
}
