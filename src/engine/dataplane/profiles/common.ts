// What every profile shares: the settings a plugin understands (with defaults and documented values),
// the effective settings a profile echoes, and the facts that hold for every plugin.
import type { Deviation, NetworkMode, PluginId, Profile, Undocumented } from '../types.ts';

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

// "traffic to and from the node where a Pod is running is always allowed, regardless of the IP
// address of the Pod or the node" — https://kubernetes.io/docs/concepts/services-networking/network-policies/
export const NODE_LOCAL_SOURCE = 'https://kubernetes.io/docs/concepts/services-networking/network-policies/';

export interface ProfileParts {
  readonly id: PluginId;
  readonly name: string;
  readonly enforcement: Profile['enforcement'];
  readonly enforcementReason: string;
  readonly network: NetworkMode;
  readonly deviations?: readonly Deviation[];
  readonly undocumented?: readonly Undocumented[];
  readonly ipBlockScope?: Profile['ipBlockScope'];
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
    settings: p.settings,
    sources,
  };
}

/** The profile for a setting value the plugin does not document: enforcement unknown, said why. */
export function undocumentedValue(key: string, value: string, name: string): string {
  return `${key}: ${value} is not a value ${name} documents, so whether NetworkPolicy is enforced is unknown`;
}
