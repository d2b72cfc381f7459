// One log line about the network plugin a served snapshot is answered under, written when it
// changes (not for every snapshot the watcher debounces): which plugin, how it was chosen, and
// whether NetworkPolicy is enforced at all. An operator reading the log learns at once that a
// flannel cluster's "allowed" means "nothing is restricted".
import type { CompiledSnapshot } from '../engine/compiled.ts';
import type { EvidenceItem } from '../engine/dataplane/types.ts';

function evidenceText(e: EvidenceItem): string {
  switch (e.kind) {
    case 'DaemonSet':
    case 'ConfigMap':
    case 'CustomResourceDefinition':
    case 'FelixConfiguration':
      return `${e.ref} ${e.kind}`;
    case 'Container':
      return `container ${e.ref}`;
    case 'NodeAnnotation':
      return `node annotation ${e.ref}`;
    case 'Override':
      return '--cni';
    default:
      e.kind satisfies never;
      return e.ref;
  }
}

function chosenBy(c: CompiledSnapshot): string {
  const { detection } = c.dataplane;
  switch (detection.source) {
    case 'override':
      return 'named with --cni';
    case 'detected': {
      const first = detection.evidence[0];
      return first ? `detected from ${evidenceText(first)}` : 'detected';
    }
    case 'none':
      return 'none recognised';
    default:
      detection.source satisfies never;
      return detection.source;
  }
}

function enforcementText(c: CompiledSnapshot): string {
  const { profile } = c.dataplane;
  switch (profile.enforcement) {
    case 'enforced':
      return 'NetworkPolicy enforced';
    case 'not-enforced':
      return `NetworkPolicy NOT enforced (${profile.enforcementReason})`;
    case 'unknown':
      return `enforcement depends on the plugin (${profile.enforcementReason})`;
    default:
      profile.enforcement satisfies never;
      return profile.enforcement;
  }
}

/** `network plugin: Cilium (detected from kube-system/cilium DaemonSet); NetworkPolicy enforced`. */
export function dataplaneLogLine(c: CompiledSnapshot): string {
  if (c.dataplane.detection.source === 'none') {
    return (
      "network plugin: none recognised; answers follow the Kubernetes API's meaning and enforcement " +
      "depends on the cluster's plugin (name it with --cni)"
    );
  }
  return `network plugin: ${c.dataplane.profile.name} (${chosenBy(c)}); ${enforcementText(c)}`;
}

/** Calls `log` with the line for each compiled snapshot whose line differs from the last one logged. */
export function dataplaneLogger(log: (line: string) => void): (c: CompiledSnapshot) => void {
  let last: string | undefined;
  return (c) => {
    const line = dataplaneLogLine(c);
    if (line === last) return;
    last = line;
    log(`netreach: ${line}`);
  };
}
