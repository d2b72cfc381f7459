// What every profile shares: the settings a plugin understands (with defaults and documented values),
// the effective settings a profile echoes, and the facts that hold for every plugin.
import type { Deviation, NetworkMode, PluginId, PodToOwnNode, Profile, Undocumented } from '../types.ts';

export type Settings = Readonly<Record<string, string>>;

export interface SettingSpec {
  /** Filled in when the setting is not given; absent: echoed only when given (e.g. Cilium's legacy `tunnel`). */
  readonly default?: string;
  /** `bool`: Go's strconv.ParseBool spellings, normalised to `true`/`false`; a list: the values the plugin documents. */
  readonly values?: 'bool' | readonly string[];
  /** One line for `--cni` help and error messages. */
  readonly doc: string;
}

export type SettingSpecs = Readonly<Record<string, SettingSpec>>;

// Go's strconv.ParseBool accepts exactly these (https://pkg.go.dev/strconv#ParseBool); the plugins
// that read these settings (Cilium, kube-router, the AWS controller, k3s) are Go programs.
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** `true`/`false` for a Go boolean spelling, undefined otherwise. */
export function boolOf(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  return TRUE.has(v) ? true : FALSE.has(v) ? false : undefined;
}

/** The value as the profile echoes it, or undefined when the plugin does not document it. */
export function normaliseValue(spec: SettingSpec, value: string): string | undefined {
  if (spec.values === undefined) return value;
  if (spec.values === 'bool') {
    const b = boolOf(value);
    return b === undefined ? undefined : String(b);
  }
  return spec.values.includes(value) ? value : undefined;
}

/** Known settings only, defaults filled in, booleans normalised (an undocumented value is kept as given). */
export function effective(specs: SettingSpecs, given: Settings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(specs).sort()) {
    const spec = specs[key];
    const value = given[key];
    if (value !== undefined) out[key] = normaliseValue(spec, value) ?? value;
    else if (spec.default !== undefined) out[key] = spec.default;
  }
  return out;
}

/** Problems with `settings` against `specs`: unknown keys and undocumented values, one sentence each. */
export function settingProblems(name: string, specs: SettingSpecs, settings: Settings): string[] {
  const known = Object.keys(specs);
  const problems: string[] = [];
  for (const key of Object.keys(settings).sort()) {
    const spec = specs[key];
    if (!spec) {
      const list = known.length > 0 ? `known: ${known.join(', ')}` : `${name} takes no settings`;
      problems.push(`unknown setting "${key}" for ${name} (${list})`);
    } else if (normaliseValue(spec, settings[key]) === undefined) {
      const expected = spec.values === 'bool' ? 'true or false' : (spec.values ?? []).map((v) => (v === '' ? '""' : v)).join(', ');
      problems.push(`invalid value "${settings[key]}" for ${name} setting ${key} (expected ${expected})`);
    }
  }
  return problems;
}

// "When a pod is isolated for ingress, the only allowed connections into the pod are those from the
// pod's node and those allowed by the ingress list of policies applied to the pod for ingress"; there is
// no such sentence for egress ("the only allowed connections from the pod are those allowed by the
// egress list") — https://kubernetes.io/docs/concepts/services-networking/network-policies/
export const NODE_LOCAL_SOURCE = 'https://kubernetes.io/docs/concepts/services-networking/network-policies/';

/** The API's meaning: a pod's egress to its own node is decided by its egress policy alone. */
export const POD_TO_OWN_NODE_BY_POLICY: PodToOwnNode = {
  action: 'policy',
  reason: "the Kubernetes API exempts only ingress from a pod's own node: its egress to the node is decided by its egress policy",
};

export interface ProfileParts {
  readonly id: PluginId;
  readonly name: string;
  readonly enforcement: Profile['enforcement'];
  readonly enforcementReason: string;
  readonly network: NetworkMode;
  readonly deviations?: readonly Deviation[];
  readonly undocumented?: readonly Undocumented[];
  readonly ipBlockScope?: Profile['ipBlockScope'];
  /** Default: the API's meaning (POD_TO_OWN_NODE_BY_POLICY). */
  readonly podToOwnNode?: PodToOwnNode;
  readonly settings: Settings;
  readonly sources: readonly string[];
}

/**
 * A profile from its parts. When the plugin enforces nothing, no deviation or undocumented behaviour
 * is in force (nothing is filtered, so nothing can deviate) and ipBlock scope is moot: `all`.
 */
export function makeProfile(p: ProfileParts): Profile {
  const enforced = p.enforcement !== 'not-enforced';
  const deviations = enforced ? (p.deviations ?? []) : [];
  const sources = [...new Set([...p.sources, ...deviations.map((d) => d.source), NODE_LOCAL_SOURCE])];
  return {
    id: p.id,
    name: p.name,
    enforcement: p.enforcement,
    enforcementReason: p.enforcementReason,
    network: p.network,
    deviations,
    undocumented: enforced ? (p.undocumented ?? []) : [],
    ipBlockScope: enforced ? (p.ipBlockScope ?? 'all') : 'all',
    // Every plugin profiled here lets a node reach the pods on it (NODE_LOCAL_SOURCE).
    nodeReachesLocalPods: true,
    podToOwnNode: enforced ? (p.podToOwnNode ?? POD_TO_OWN_NODE_BY_POLICY) : POD_TO_OWN_NODE_BY_POLICY,
    settings: p.settings,
    sources,
  };
}

/** The profile for a setting value the plugin does not document: enforcement unknown, said why. */
export function undocumentedValue(key: string, value: string, name: string): string {
  return `${key}: ${value} is not a value ${name} documents, so whether NetworkPolicy is enforced is unknown`;
}
