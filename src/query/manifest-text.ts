// Manifests given as text (a request body): YAML streams, a JSON List or a single object, decoded
// like files are. The file name only labels diagnostics.
import { compile } from '../engine/index.ts';
import type { CniOverride } from '../model/dataplane.ts';
import type { Diagnostic } from '../model/diagnostics.ts';
import { decodeObjects } from '../model/decode.ts';
import type { Snapshot, SnapshotSource } from '../model/types.ts';
import type { TextLimits } from '../ingest/limits.ts';
import { parseManifestText } from '../ingest/yaml.ts';
import { type LoadedSnapshot, withCni } from './manifests.ts';
import { type Origins, originsOf } from './origins.ts';

export interface TextOptions {
  readonly file: string;
  readonly source: SnapshotSource;
  readonly strict?: boolean;
  /** The network plugin to answer under, overriding what the manifests show. */
  readonly cni?: CniOverride;
  /** Bounds for text from the network (request bodies); see ingest/limits.ts. */
  readonly limits?: TextLimits;
  /** An object without kind or apiVersion is an error, not a skipped object (impact, uploads). */
  readonly requireIdentity?: boolean;
}

/** Without kind an object cannot be placed, without apiVersion it is not what the API server takes. */
const IDENTITY_CODES: ReadonlySet<string> = new Set(['missing-kind', 'missing-api-version']);

export interface DecodedText {
  readonly snapshot: Snapshot;
  readonly diagnostics: readonly Diagnostic[];
  readonly skippedKinds: Readonly<Record<string, number>>;
  /** Objects found in the text (before decoding), List items counted one by one. */
  readonly objects: number;
  readonly origins: Origins;
}

export function decodeManifestText(text: string, options: TextOptions): DecodedText {
  const parsed = parseManifestText(text, options.file, options.limits);
  const decoded = decodeObjects(parsed.objects, { source: options.source, strict: options.strict });
  let diagnostics: Diagnostic[] = [...parsed.diagnostics, ...decoded.diagnostics];
  if (options.requireIdentity)
    diagnostics = diagnostics.map((d) => (IDENTITY_CODES.has(d.code) && d.severity !== 'error' ? { ...d, severity: 'error' } : d));
  return {
    snapshot: withCni(decoded.snapshot, options.cni),
    diagnostics,
    skippedKinds: decoded.skippedKinds,
    objects: parsed.objects.length,
    origins: originsOf(parsed.objects),
  };
}

/** Decoded and compiled, like loadManifests does for files. */
export function loadManifestText(text: string, options: TextOptions): LoadedSnapshot {
  const d = decodeManifestText(text, options);
  return {
    snapshot: d.snapshot,
    compiled: compile(d.snapshot),
    diagnostics: d.diagnostics,
    skippedKinds: d.skippedKinds,
    origins: d.origins,
  };
}
