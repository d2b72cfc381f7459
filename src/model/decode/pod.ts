// Pods: labels, addresses, phase, node and container ports. Whether a pod can be analysed depends
// on the source: a live pod that has finished or has no IP yet is listed as not analysable.
import type { Pod, SnapshotSource } from '../types.ts';
import { readIP } from './addresses.ts';
import type { ObjectContext } from './context.ts';
import type { Meta } from './meta.ts';
import { readPodSpec } from './podspec.ts';
import { child, readEach, readEntryMapping, readMapping, readString, type Mapping } from './read.ts';

export function decodePod(ctx: ObjectContext, raw: Mapping, meta: Meta): Pod | undefined {
  const spec = readPodSpec(ctx, raw.spec, 'spec');
  const status = readMapping(ctx, raw.status, 'status') ?? {};
  const podIP = readIP(ctx, status.podIP, 'status.podIP');
  const podIPs = readPodIPs(ctx, status.podIPs, 'status.podIPs');
  const hostIP = readIP(ctx, status.hostIP, 'status.hostIP');
  const phase = readString(ctx, status.phase, 'status.phase');
  if (ctx.failed) return undefined;

  let ips = podIPs.length > 0 ? podIPs : podIP ? [podIP] : [];
  // A hostNetwork pod speaks with its node's address; the API reports it as hostIP.
  if (spec.hostNetwork && ips.length === 0 && hostIP) ips = [hostIP];
  return {
    namespace: meta.namespace ?? 'default',
    name: meta.name,
    labels: meta.labels,
    ips,
    hostNetwork: spec.hostNetwork,
    ...(spec.nodeName ? { nodeName: spec.nodeName } : {}),
    ...(hostIP ? { hostIP } : {}),
    ...(phase ? { phase } : {}),
    containerPorts: spec.containerPorts,
    ownerReferences: meta.ownerReferences,
  };
}

function readPodIPs(ctx: ObjectContext, value: unknown, path: string): string[] {
  const ips = readEach(ctx, value, path, (entry, p) => {
    const podIP = readEntryMapping(ctx, entry, p);
    return podIP ? readIP(ctx, podIP.ip, child(p, 'ip')) : undefined;
  });
  return [...new Set(ips ?? [])];
}

/**
 * Why a pod cannot take part in the analysis, or undefined when it can. Only live pods are judged:
 * in manifests, demos and uploads every pod is analysable (one without an IP matches no ipBlock).
 */
export function notAnalysableReason(pod: Pod, source: SnapshotSource): string | undefined {
  switch (source) {
    case 'cluster':
      if (pod.phase === 'Succeeded' || pod.phase === 'Failed') return `pod is ${pod.phase}`;
      if (pod.ips.length === 0) return 'pod has no IP yet';
      return undefined;
    case 'manifests':
    case 'demo':
    case 'upload':
      return undefined;
    default: {
      const unreachable: never = source;
      return unreachable;
    }
  }
}
