// Which network plugin a snapshot runs under, and with which settings: `--cni` when given, else the
// evidence (DaemonSets, ConfigMaps, CRD groups, node annotations). Pure; malformed evidence becomes a
// warning, never a throw.
//
// Precedence when several plugins show up:
//   1. k3s (its node-args annotation): its flannel and embedded controller, unless k3s runs with
//      --flannel-backend=none or --disable-network-policy and another plugin is present;
//   2. flannel + Calico (or the canal DaemonSet / canal-config) = Canal;
//   3. flannel + kube-network-policies = kube-network-policies on flannel's network;
//   4. otherwise a plugin that enforces wins over one that does not (flannel, the AWS VPC CNI without
//      its controller, kube-router with --run-firewall=false), and among several the first in ORDER,
//      with a warning. CRD groups alone count only when nothing else shows any plugin.
import type { Snapshot } from '../../model/types.ts';
import { collectEvidence } from './detect-evidence.ts';
import { resolveSettings, type Collected } from './detect-signals.ts';
import { boolOf } from './profiles/common.ts';
import { K3S_SETTINGS } from './profiles/k3s.ts';
import { pluginIdOf, profileFor, settingProblemsFor } from './profile.ts';
import type { Detection, EvidenceItem, PluginId } from './types.ts';

/** Fixed preference among plugins that all seem to run: policy-specific ones first, networking-only last. */
export const ORDER: readonly PluginId[] = [
  'k3s',
  'canal',
  'kube-network-policies',
  'cilium',
  'calico',
  'antrea',
  'ovn-kubernetes',
  'kube-router',
  'weave',
  'azure-npm',
  'aws-vpc-cni',
  'romana',
  'flannel',
];

function nameOf(id: PluginId): string {
  return profileFor(id).name;
}

function names(ids: readonly PluginId[]): string {
  return ids.map(nameOf).join(', ');
}

function byOrder(ids: Iterable<PluginId>): PluginId[] {
  return [...ids].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
}

interface Resolution {
  readonly pool: Set<PluginId>;
  /** Settings decided by combining plugins (Canal's backend from flannel, ...). */
  readonly combined: Map<PluginId, Record<string, string>>;
  readonly settingsOf: (id: PluginId) => Record<string, string>;
  readonly warnings: string[];
}

function settingsFor(r: Resolution, id: PluginId): Record<string, string> {
  return r.combined.get(id) ?? r.settingsOf(id);
}

/** Step 1: k3s, or nothing (k3s dropped from the pool) when it yields to another plugin. */
function k3sStep(r: Resolution): PluginId | undefined {
  if (!r.pool.has('k3s')) return undefined;
  const k = { ...r.settingsOf('k3s') };
  const flannelBackend = r.settingsOf('flannel').backend;
  const k3sBackends = K3S_SETTINGS['flannel-backend'].values as readonly string[];
  if (k['flannel-backend'] === undefined && flannelBackend !== undefined && k3sBackends.includes(flannelBackend))
    k['flannel-backend'] = flannelBackend;
  r.combined.set('k3s', k);
  const others = byOrder([...r.pool].filter((id) => id !== 'k3s' && id !== 'flannel'));
  if (others.length === 0) return 'k3s';
  const off = [
    ...(k['flannel-backend'] === 'none' ? ['--flannel-backend=none'] : []),
    ...(boolOf(k['disable-network-policy']) === true ? ['--disable-network-policy'] : []),
  ];
  if (off.length > 0) {
    r.warnings.push(
      `k3s runs with ${off.join(' and ')} and ${names(others)} ${others.length > 1 ? 'are' : 'is'} present: k3s yields to it`,
    );
    r.pool.delete('k3s');
    return undefined;
  }
  r.warnings.push(`k3s's embedded policy controller and ${names(others)} were both seen: answering under k3s`);
  return 'k3s';
}

/** Steps 2 and 3: Canal, and kube-network-policies on flannel. */
function combineStep(r: Resolution): void {
  const flannel = r.pool.has('flannel');
  if (r.pool.has('canal') || (flannel && r.pool.has('calico'))) {
    const backend = r.settingsOf('canal').backend ?? r.settingsOf('flannel').backend;
    // Felix's DefaultEndpointToHostAction: from the canal DaemonSet, else a calico-node DaemonSet beside flannel.
    const toHost = r.settingsOf('canal')['endpoint-to-host-action'] ?? r.settingsOf('calico')['endpoint-to-host-action'];
    r.combined.set('canal', {
      ...(backend !== undefined ? { backend } : {}),
      ...(toHost !== undefined ? { 'endpoint-to-host-action': toHost } : {}),
    });
    r.pool.delete('flannel');
    r.pool.delete('calico');
    r.pool.add('canal');
  } else if (flannel && r.pool.has('kube-network-policies')) {
    // flannel seen without its backend: kube-flannel.yml's vxlan.
    r.combined.set('kube-network-policies', { 'flannel-backend': r.settingsOf('flannel').backend ?? 'vxlan' });
    r.pool.delete('flannel');
  }
}

/** Step 4: an enforcing plugin first, then ORDER. */
function pickStep(r: Resolution): PluginId {
  const candidates = byOrder(r.pool);
  const enforcing = candidates.filter((id) => profileFor(id, settingsFor(r, id)).enforcement !== 'not-enforced');
  const winner = enforcing[0] ?? candidates[0];
  const rivals = enforcing.length > 0 ? enforcing : candidates;
  if (rivals.length > 1) {
    const verb = enforcing.length > 0 ? 'may enforce NetworkPolicy' : 'were seen, none enforcing NetworkPolicy';
    r.warnings.push(
      `${names(rivals)} ${verb}: answering under ${nameOf(winner)} (the first in netreach's fixed order: ${ORDER.join(', ')})`,
    );
  }
  return winner;
}

function fromEvidence(c: Collected): Detection {
  const warnings = [...c.warnings];
  const strong = [...c.signals].filter(([, s]) => s.strong).map(([id]) => id);
  const pool = new Set<PluginId>(strong.length > 0 ? strong : c.signals.keys());
  if (strong.length > 0) {
    for (const [id, s] of c.signals)
      if (!s.strong)
        warnings.push(`${nameOf(id)}'s CustomResourceDefinitions are installed but nothing else shows ${nameOf(id)} running: ignored`);
  }
  if (pool.size === 0) return { source: 'none', profile: profileFor('unknown'), evidence: c.evidence, warnings };
  const memo = new Map<PluginId, Record<string, string>>();
  const settingsOf = (id: PluginId) => {
    let s = memo.get(id);
    if (!s) memo.set(id, (s = resolveSettings(id, c.signals.get(id), warnings)));
    return s;
  };
  const r: Resolution = { pool, combined: new Map(), settingsOf, warnings };
  let id = k3sStep(r);
  if (id === undefined) {
    combineStep(r);
    id = pickStep(r);
  }
  const settings = settingsFor(r, id);
  for (const problem of settingProblemsFor(id, settings)) warnings.push(`detected ${problem}`);
  return { source: 'detected', profile: profileFor(id, settings), evidence: c.evidence, warnings };
}

function overrideOf(snapshot: Snapshot, detected: Detection): Detection {
  const cni = snapshot.cni!;
  const warnings: string[] = [];
  const id = pluginIdOf(cni.plugin);
  const pairs = Object.entries(cni.settings).map(([k, v]) => `${k}=${v}`);
  const evidence: EvidenceItem[] = [{ kind: 'Override', ref: '--cni', detail: `--cni ${[cni.plugin, ...pairs].join(',')}` }];
  if (id === undefined) warnings.push(`--cni names no known network plugin ("${cni.plugin}"): answering with no plugin profile`);
  else for (const problem of settingProblemsFor(id, cni.settings)) warnings.push(`--cni: ${problem}`);
  if (detected.source === 'detected' && detected.profile.id !== id) {
    warnings.push(`--cni overrides what the cluster objects show (${detected.profile.name})`);
  }
  return { source: 'override', profile: profileFor(id ?? 'unknown', cni.settings), evidence, warnings };
}

/** The plugin the snapshot is answered under: `--cni` (snapshot.cni) wins; else detected; else none. */
export function detectDataplane(snapshot: Snapshot): Detection {
  const detected = fromEvidence(collectEvidence(snapshot));
  return snapshot.cni ? overrideOf(snapshot, detected) : detected;
}
