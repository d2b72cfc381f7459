// Reading settings out of what plugin objects carry: flannel's net-conf.json, antrea-agent.conf,
// command-line flags (containers, k3s's node-args annotation). Malformed input is a problem value
// (a sentence for Detection.warnings), never a throw.

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

function bad<T>(problem: string): Parsed<T> {
  return { ok: false, problem };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * flannel's Backend.Type from net-conf.json. No Backend at all is flannel's own default, udp
 * ("Backend (dictionary) ... Defaults to udp backend",
 * https://github.com/flannel-io/flannel/blob/master/Documentation/configuration.md).
 */
export function flannelBackendOf(netConf: string): Parsed<string> {
  let json: unknown;
  try {
    json = JSON.parse(netConf);
  } catch {
    return bad('net-conf.json is not valid JSON');
  }
  if (!isRecord(json)) return bad('net-conf.json is not a JSON object');
  if (json.Backend === undefined) return ok('udp');
  if (!isRecord(json.Backend)) return bad('net-conf.json Backend is not an object');
  const type = json.Backend.Type;
  if (type === undefined) return ok('udp');
  if (typeof type !== 'string' || type.trim() === '') return bad('net-conf.json Backend.Type is not a non-empty string');
  return ok(type.trim().toLowerCase());
}

/**
 * Top-level `key: value` lines of antrea-agent.conf (YAML-ish, read without a YAML library: only
 * unindented, uncommented scalar lines; a commented-out key is the default).
 */
export function antreaConfValues(text: string, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!m || !keys.includes(m[1])) continue;
    const value = m[2]
      .replace(/\s+#.*$/, '')
      .trim()
      .replace(/^(['"])(.*)\1$/, '$2');
    if (value !== '') out[m[1]] = value;
  }
  return out;
}

/** Container command + args as single tokens (`sh -c "kube-router --run-firewall=false"` split on spaces). */
export function argTokens(args: readonly string[]): string[] {
  return args.flatMap((a) => a.split(/\s+/)).filter((t) => t !== '');
}

/**
 * A Go flag's value in `args` (the last occurrence wins, as with pflag): `--name=value`, or bare
 * `--name` for a boolean (`true`). Undefined when absent.
 */
export function goFlag(args: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (const t of argTokens(args)) {
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(t);
    if (m && m[1] === name) value = m[2] ?? 'true';
  }
  return value;
}

/** k3s's `k3s.io/node-args` annotation: a JSON array of strings (`["server","--flannel-backend","none"]`). */
export function k3sNodeArgs(annotation: string): Parsed<string[]> {
  let json: unknown;
  try {
    json = JSON.parse(annotation);
  } catch {
    return bad('is not valid JSON');
  }
  if (!Array.isArray(json) || !json.every((a) => typeof a === 'string')) return bad('is not a JSON array of strings');
  return ok(json as string[]);
}

/**
 * A flag in k3s node-args, where a config-file value follows its flag as the next element
 * (`"--disable-network-policy","true"`, k3s-io/k3s#7244) and a CLI flag may carry `=value`. A boolean
 * flag followed by another flag (or nothing) is `true`.
 */
export function k3sFlag(args: readonly string[], name: string, boolean: boolean): string | undefined {
  let value: string | undefined;
  args.forEach((a, i) => {
    if (a === `--${name}`) {
      const next = args[i + 1];
      if (boolean) value = next === 'true' || next === 'false' ? next : 'true';
      else if (next !== undefined && !next.startsWith('--')) value = next;
    } else if (a.startsWith(`--${name}=`)) value = a.slice(name.length + 3);
  });
  return value;
}
