// Where each object was read from (file and line, from ingest), so findings about an object point at
// its source: `lint` (text, JSON, SARIF, GitHub annotations) says file:line. Kept beside the snapshot,
// not in it: the engine's values stay what the API defines. Field-level lines (`spec.ingress[0]`)
// are kept for NetworkPolicies only (they hold the YAML document; pods can be 150k).
import type { SourcedObject } from '../model/decode.ts';
import type { Diagnostic } from '../model/diagnostics.ts';
import type { ObjectRef } from '../model/types.ts';

export interface Origin {
  readonly file?: string;
  readonly line?: number;
  readonly lineOf?: (path: string) => number | undefined;
}

export type Origins = ReadonlyMap<string, Origin>;

const keyOf = (kind: string, namespace: string | undefined, name: string) => `${kind}|${namespace ?? ''}|${name}`;

function metadataOf(object: unknown): { kind?: string; namespace?: string; name?: string } {
  if (typeof object !== 'object' || object === null) return {};
  const o = object as { kind?: unknown; metadata?: { namespace?: unknown; name?: unknown } };
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { kind: str(o.kind), namespace: str(o.metadata?.namespace), name: str(o.metadata?.name) };
}

export function originsOf(objects: readonly SourcedObject[]): Origins {
  const out = new Map<string, Origin>();
  for (const o of objects) {
    const m = metadataOf(o.object);
    if (!m.kind || !m.name || o.file === undefined) continue;
    const key = keyOf(m.kind, m.namespace, m.name);
    if (out.has(key)) continue; // a duplicate is reported by decode; the first one is the one kept
    out.set(key, {
      file: o.file,
      ...(o.line !== undefined ? { line: o.line } : {}),
      ...(m.kind === 'NetworkPolicy' && o.lineOf ? { lineOf: o.lineOf } : {}),
    });
  }
  return out;
}

function find(origins: Origins, ref: ObjectRef): Origin | undefined {
  return (
    origins.get(keyOf(ref.kind, ref.namespace, ref.name)) ??
    (ref.namespace === 'default' ? origins.get(keyOf(ref.kind, undefined, ref.name)) : undefined)
  );
}

/** The diagnostic with file and line filled from its object's origin, when it has none. */
export function locate(d: Diagnostic, origins: Origins | undefined): Diagnostic {
  if (!origins || d.file !== undefined || !d.ref) return d;
  const o = find(origins, d.ref);
  if (!o?.file) return d;
  const line = (d.path && o.lineOf?.(d.path)) || o.line;
  return { ...d, file: o.file, ...(line !== undefined ? { line } : {}) };
}
