// Typed readers over raw JSON values. A wrong type is an 'invalid-type' error at its path and the
// reader returns undefined, so decoders never crash on a string where a list belongs.
// null counts as absent, as it does for the API server.
import type { ObjectContext } from './context.ts';
import { describeType } from './messages.ts';

export type Mapping = Readonly<Record<string, unknown>>;

export function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `spec.podSelector`; keys such as label keys with dots or slashes become `labels["app.kubernetes.io/name"]`. */
export function child(path: string, key: string): string {
  if (!PLAIN_KEY.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}

export function item(path: string, index: number): string {
  return `${path}[${index}]`;
}

function wrongType(ctx: ObjectContext, path: string, expected: string, value: unknown): undefined {
  ctx.error('invalid-type', path, `expected ${expected}, got ${describeType(value)}`);
  return undefined;
}

export function readMapping(ctx: ObjectContext, value: unknown, path: string): Mapping | undefined {
  if (value === undefined || value === null) return undefined;
  return isMapping(value) ? value : wrongType(ctx, path, 'a mapping', value);
}

/**
 * A list entry that must be a mapping. A null entry (`- ` with nothing after it in YAML) is the zero
 * value to the API server, an empty object: `ingress: [null]` allows everything, like `ingress: [{}]`.
 */
export function readEntryMapping(ctx: ObjectContext, value: unknown, path: string): Mapping | undefined {
  return value === null || value === undefined ? {} : readMapping(ctx, value, path);
}

export function readList(ctx: ObjectContext, value: unknown, path: string): readonly unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value : wrongType(ctx, path, 'a list', value);
}

export function readString(ctx: ObjectContext, value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : wrongType(ctx, path, 'a string', value);
}

export function readBool(ctx: ObjectContext, value: unknown, path: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'boolean' ? value : wrongType(ctx, path, 'a boolean', value);
}

export function readInt(ctx: ObjectContext, value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'number' && Number.isInteger(value) ? value : wrongType(ctx, path, 'an integer', value);
}

/** An IntOrString (ports, targetPorts): an integer or a string. */
export function readIntOrString(ctx: ObjectContext, value: unknown, path: string): number | string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))) return value;
  return wrongType(ctx, path, 'an integer or a string', value);
}

/** Each of a list's entries read with `readEntry`; entries of the wrong type are left out. */
export function readEach<T>(
  ctx: ObjectContext,
  value: unknown,
  path: string,
  readEntry: (entry: unknown, path: string) => T | undefined,
): T[] | undefined {
  const list = readList(ctx, value, path);
  if (list === undefined) return undefined;
  const out: T[] = [];
  list.forEach((entry, i) => {
    const decoded = readEntry(entry, item(path, i));
    if (decoded !== undefined) out.push(decoded);
  });
  return out;
}

export function readStringList(ctx: ObjectContext, value: unknown, path: string): string[] | undefined {
  return readEach(ctx, value, path, (entry, p) => {
    if (entry === null || entry === undefined) return wrongType(ctx, p, 'a string', entry);
    return readString(ctx, entry, p);
  });
}

/** A map of strings (labels, annotations, matchLabels, Service selectors). */
export function readStringMap(ctx: ObjectContext, value: unknown, path: string): Record<string, string> | undefined {
  const map = readMapping(ctx, value, path);
  if (map === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const key of Object.keys(map).sort()) {
    const v = map[key];
    // `key:` with no value is null, which the API server reads as "".
    if (typeof v === 'string' || v === null) out[key] = v ?? '';
    else wrongType(ctx, child(path, key), 'a string (quote it in YAML)', v);
  }
  return out;
}
