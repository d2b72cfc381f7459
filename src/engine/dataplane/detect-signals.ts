// What detection collects per plugin: whether something strong pointed at it, and the setting values
// read for it with where they came from and how much each source counts (a ConfigMap is the
// configuration; a container flag or env var next; a node annotation is a hint).
import type { EvidenceItem, PluginId } from './types.ts';

// datastore: a Calico FelixConfiguration, read by Felix after its env (profiles/felix.ts).
export const PRIORITY = { annotation: 1, datastore: 1.5, container: 2, configMap: 3 } as const;

export interface Candidate {
  readonly value: string;
  /** Where it was read, for conflict warnings: `ConfigMap kube-system/cilium-config`. */
  readonly from: string;
  readonly priority: number;
}

export interface Signal {
  /** A DaemonSet, container, ConfigMap or node annotation (CRDs alone are weak: they outlive uninstalls). */
  strong: boolean;
  readonly candidates: Map<string, Candidate[]>;
}

export interface Collected {
  readonly signals: Map<PluginId, Signal>;
  /** In the order it was weighed. */
  readonly evidence: EvidenceItem[];
  readonly warnings: string[];
}

export function emptyCollected(): Collected {
  return { signals: new Map(), evidence: [], warnings: [] };
}

export function signalOf(c: Collected, plugin: PluginId, strong: boolean): Signal {
  let s = c.signals.get(plugin);
  if (!s) c.signals.set(plugin, (s = { strong, candidates: new Map() }));
  s.strong ||= strong;
  return s;
}

/** Record a value read for `plugin`'s setting `key` (nothing when `value` is undefined). */
export function offer(c: Collected, plugin: PluginId, key: string, value: string | undefined, from: string, priority: number): void {
  if (value === undefined) return;
  const s = signalOf(c, plugin, true);
  const list = s.candidates.get(key) ?? [];
  list.push({ value, from, priority });
  s.candidates.set(key, list);
}

/** Record a hint only when nothing else gave `key` (e.g. an IPIP tunnel address next to CALICO_IPV4POOL_IPIP). */
export function offerIfAbsent(c: Collected, plugin: PluginId, key: string, value: string, from: string): void {
  if (!signalOf(c, plugin, true).candidates.has(key)) offer(c, plugin, key, value, from, PRIORITY.annotation);
}

/**
 * The settings a signal gives: per key the highest-priority value (the first read among equals); a
 * different value from another source is a warning, never an error.
 */
export function resolveSettings(plugin: PluginId, s: Signal | undefined, warnings: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!s) return out;
  for (const [key, list] of [...s.candidates].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const best = [...list].sort((x, y) => y.priority - x.priority)[0];
    out[key] = best.value;
    const other = list.find((x) => x.value !== best.value);
    if (other)
      warnings.push(`${plugin} ${key}: ${best.from} says "${best.value}" but ${other.from} says "${other.value}"; using "${best.value}"`);
  }
  return out;
}
