// `netreach cni -o text`: the network plugin report (query/dataplane.ts) for a terminal. The first
// line names the plugin and how it was chosen; then enforcement and why, the network, settings,
// evidence, deviations with their sources, undocumented behaviours, node→local pods, warnings and
// advice. Empty sections are left out. No trailing newline.
//   network plugin: flannel (detected)
//   enforcement: not enforced: flannel implements no NetworkPolicy (2 NetworkPolicies not enforced)
import type { EvidenceItem } from '../engine/dataplane/types.ts';
import type { DataplaneReport } from '../query/dataplane.ts';

export function sourceText(r: DataplaneReport): string {
  return r.source === 'override' ? 'named with --cni' : r.source === 'detected' ? 'detected from cluster objects' : 'nothing recognised';
}

export function enforcementWord(r: DataplaneReport): string {
  return r.enforcement === 'enforced' ? 'enforced' : r.enforcement === 'not-enforced' ? 'not enforced' : 'unknown';
}

/** `3 NetworkPolicies are not enforced`, said when it matters. */
export function policiesText(r: DataplaneReport): string {
  const n = `${r.policies} NetworkPolic${r.policies === 1 ? 'y' : 'ies'}`;
  if (r.enforcement === 'not-enforced' && r.policies > 0)
    return `${n} in the input ${r.policies === 1 ? 'is' : 'are'} not enforced: the traffic they would restrict is not restricted`;
  return `${n} in the input`;
}

export function evidenceText(e: EvidenceItem): string {
  return e.detail.includes(e.ref) ? e.detail : `${e.detail} [${e.kind} ${e.ref}]`;
}

export function settingsText(settings: Readonly<Record<string, string>>): string[] {
  return Object.entries(settings).map(([k, v]) => `${k}: ${v === '' ? '""' : v}`);
}

function section(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : ['', `${title}:`, ...items.map((i) => `  - ${i}`)];
}

export function renderCniText(r: DataplaneReport): string {
  const lines = [
    r.source === 'none'
      ? 'network plugin: none recognised (no plugin DaemonSet, ConfigMap, CRD group or node annotation in the input; name one with --cni)'
      : `network plugin: ${r.name} (${sourceText(r)})`,
  ];
  lines.push(`enforcement: ${enforcementWord(r)}: ${r.enforcementReason}`, `policies: ${policiesText(r)}`);
  if (r.source !== 'none') lines.push(`network: ${r.network.kind}${r.network.mode ? `, ${r.network.mode}` : ''}`);
  lines.push(
    ...section('settings', settingsText(r.settings)),
    ...section('evidence', r.evidence.map(evidenceText)),
    ...(r.source === 'none'
      ? []
      : r.deviations.length === 0
        ? ['', "deviations from the Kubernetes API's meaning: none documented"]
        : [
            '',
            "deviations from the Kubernetes API's meaning:",
            ...r.deviations.flatMap((d) => [`  - ${d.message}`, `    source: ${d.source}`]),
          ]),
    ...section(
      'undocumented (answers that depend on it are "unknown")',
      r.undocumented.map((u) => `${u.protocol}: ${u.reason}`),
    ),
  );
  if (r.source !== 'none')
    lines.push(
      '',
      `node → local pods: ` +
        `${r.nodeReachesLocalPods ? 'a node reaches the pods on it whatever the policies say' : "policies apply to a node's own pods too"}`,
    );
  lines.push(...section('warnings', r.warnings), ...section('advice', r.advice), ...section('sources', r.sources));
  return lines.join('\n');
}
