// Index rows derived from one stored object. They are written once, when the object is first
// stored, and keyed by its id: an object unchanged across snapshots is indexed once, and queries
// reach a snapshot's rows by joining through snapshot_objects.
import type Database from 'better-sqlite3';
import type { LabelSelector, Labels, NetworkPolicy, Pod, PolicyPeer } from '../model/types.ts';
import type { TierPolicy } from '../model/tier-policy.ts';
import { addressKey, rangeKey, type Family } from './address-key.ts';
import type { ObjectValue } from './objects.ts';

export interface SelectorLabel {
  readonly key: string;
  /** null: the selector names the key only (Exists / DoesNotExist). */
  readonly value: string | null;
}

export interface CidrRow {
  readonly block: number;
  readonly family: Family;
  readonly lo: string;
  readonly hi: string;
  readonly cidr: string;
  readonly isExcept: boolean;
}

function objectLabels(object: ObjectValue): Labels {
  switch (object.kind) {
    // Policies, slices, unanalysable objects and plugin evidence are not endpoints: no label, selector,
    // CIDR or IP index may ever find them.
    case 'NetworkPolicy':
    case 'EndpointSlice':
    case 'NotAnalysable':
    case 'PluginDaemonSet':
    case 'PluginConfigMap':
    case 'CrdGroups':
    case 'PluginFelixConfiguration':
    case 'CniOverride':
    case 'TierPolicy':
    case 'UnmodelledPolicy':
      return {};
    default:
      return object.value.labels;
  }
}

function selectorLabels(selector: LabelSelector, out: Map<string, SelectorLabel>): void {
  const add = (key: string, value: string | null): void => {
    out.set(JSON.stringify([key, value]), { key, value });
  };
  for (const [key, value] of Object.entries(selector.matchLabels)) add(key, value);
  for (const req of selector.matchExpressions) {
    if (req.values.length === 0) add(req.key, null);
    for (const value of req.values) add(req.key, value);
  }
}

/** Every label key/value named by the policy's podSelector and its pod peers' pod and namespace selectors. */
export function policySelectorLabels(policy: NetworkPolicy): SelectorLabel[] {
  const out = new Map<string, SelectorLabel>();
  selectorLabels(policy.podSelector, out);
  for (const rule of [...policy.ingress, ...policy.egress]) {
    for (const peer of rule.peers ?? []) {
      if (peer.kind !== 'pods') continue;
      selectorLabels(peer.pods, out);
      if (peer.namespaces.kind === 'selector') selectorLabels(peer.namespaces.selector, out);
    }
  }
  return [...out.values()];
}

/** One row per ipBlock cidr and per except, numbered by block; unparsable CIDRs are skipped. */
export function policyCidrs(policy: NetworkPolicy): CidrRow[] {
  const rows: CidrRow[] = [];
  let block = 0;
  for (const rule of [...policy.ingress, ...policy.egress]) {
    for (const peer of rule.peers ?? []) {
      if (peer.kind !== 'ipBlock') continue;
      const entries: [string, boolean][] = [[peer.cidr, false], ...peer.except.map((e): [string, boolean] => [e, true])];
      for (const [cidr, isExcept] of entries) {
        const range = rangeKey(cidr);
        if (range) rows.push({ block, ...range, cidr, isExcept });
      }
      block++;
    }
  }
  return rows;
}

function podAddresses(pod: Pod): { family: Family; key: string }[] {
  const seen = new Map<string, { family: Family; key: string }>();
  for (const ip of pod.ips) {
    const k = addressKey(ip);
    if (k) seen.set(`${k.family}/${k.key}`, k);
  }
  return [...seen.values()];
}

const ALL_LABELS: LabelSelector = { matchLabels: {}, matchExpressions: [] };

/** The selectors and CIDRs of a tier policy in the shape policySelectorLabels/policyCidrs read: the
 * subject's selectors, pod/namespace peers, and `networks` as ipBlocks (nodes and domainNames name no
 * label or CIDR of a policy's own). */
export function tierIndexView(p: TierPolicy): NetworkPolicy {
  const peers: PolicyPeer[] = [{ kind: 'pods', namespaces: { kind: 'selector', selector: p.subject.namespaces }, pods: ALL_LABELS }];
  for (const rule of [...p.ingress, ...p.egress]) {
    for (const peer of rule.peers) {
      if (peer.kind === 'namespaces')
        peers.push({ kind: 'pods', namespaces: { kind: 'selector', selector: peer.namespaces }, pods: ALL_LABELS });
      else if (peer.kind === 'pods')
        peers.push({ kind: 'pods', namespaces: { kind: 'selector', selector: peer.namespaces }, pods: peer.pods });
      else if (peer.kind === 'networks') for (const cidr of peer.cidrs) peers.push({ kind: 'ipBlock', cidr, except: [] });
    }
  }
  const podSelector = p.subject.kind === 'pods' ? p.subject.pods : ALL_LABELS;
  return {
    namespace: '',
    name: p.name,
    podSelector,
    policyTypes: ['Ingress'],
    policyTypesExplicit: true,
    ingress: [{ peers, ports: null }],
    egress: [],
  };
}

/** Prepared inserts for one connection; `write` adds every index row of a newly stored object. */
export class IndexWriter {
  private readonly label: Database.Statement;
  private readonly selector: Database.Statement;
  private readonly cidr: Database.Statement;
  private readonly ip: Database.Statement;

  constructor(db: Database.Database) {
    this.label = db.prepare('INSERT INTO object_labels (object_id, key, value) VALUES (?, ?, ?)');
    this.selector = db.prepare('INSERT INTO policy_selector_labels (object_id, key, value) VALUES (?, ?, ?)');
    this.cidr = db.prepare('INSERT INTO policy_cidrs (object_id, block, family, lo, hi, cidr, is_except) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.ip = db.prepare('INSERT INTO pod_ips (object_id, family, addr) VALUES (?, ?, ?)');
  }

  write(objectId: number | bigint, object: ObjectValue): void {
    for (const [key, value] of Object.entries(objectLabels(object))) this.label.run(objectId, key, value);
    if (object.kind === 'NetworkPolicy' || object.kind === 'TierPolicy') {
      // A tier policy is indexed through its NetworkPolicy-shaped view (subject and peers' selectors, networks' CIDRs).
      const policy = object.kind === 'TierPolicy' ? tierIndexView(object.value) : object.value;
      for (const l of policySelectorLabels(policy)) this.selector.run(objectId, l.key, l.value);
      for (const c of policyCidrs(policy)) {
        this.cidr.run(objectId, c.block, c.family, c.lo, c.hi, c.cidr, c.isExcept ? 1 : 0);
      }
    }
    if (object.kind === 'Pod') {
      for (const a of podAddresses(object.value)) this.ip.run(objectId, a.family, a.key);
    }
  }
}
