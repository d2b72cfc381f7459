// Loading a snapshot from manifest files: read, decode, compile. Used by the CLI (and later by
// `serve --manifests` and the demo cluster).
import { compile, type CompiledSnapshot } from '../engine/index.ts';
import { type Diagnostic, InputError, hasErrors } from '../model/diagnostics.ts';
import { type FieldSpeller, requestField } from '../model/fields.ts';
import { decodeObjects } from '../model/decode.ts';
import type { CniOverride } from '../model/dataplane.ts';
import type { Snapshot, SnapshotSource } from '../model/types.ts';
import { type ManifestRead, readManifests } from '../ingest/manifests.ts';
import { type Origins, originsOf } from './origins.ts';

/** The snapshot with the user's plugin override (the CLI's `--cni`) set: compile() applies it over detection. */
export function withCni(snapshot: Snapshot, cni: CniOverride | undefined): Snapshot {
  return cni ? { ...snapshot, cni } : snapshot;
}

export interface LoadedSnapshot {
  readonly snapshot: Snapshot;
  readonly compiled: CompiledSnapshot;
  readonly diagnostics: readonly Diagnostic[];
  readonly skippedKinds: Readonly<Record<string, number>>;
  /** Where each object was read from (findings point there: lint's file:line). */
  readonly origins?: Origins;
}

export interface LoadOptions {
  readonly strict?: boolean;
  readonly source?: SnapshotSource;
  readonly stdin?: NodeJS.ReadableStream;
  /** `--cni`: the network plugin to answer under, overriding what the manifests show. */
  readonly cni?: CniOverride;
  /** How the door spells `strict` in the error (model/fields.ts; default: `strict`). */
  readonly field?: FieldSpeller;
}

export async function loadManifests(paths: readonly string[], options: LoadOptions = {}): Promise<LoadedSnapshot> {
  if (paths.length === 0) throw new InputError('no input: pass manifests with -f PATH (a file, a directory, or - for stdin)');
  return loadRead(await readManifests(paths, options.stdin), paths, options);
}

/** Decodes and compiles manifests already read (from files, or from git at a revision). */
export function loadRead(read: ManifestRead, paths: readonly string[], options: LoadOptions = {}): LoadedSnapshot {
  const decoded = decodeObjects(read.objects, { source: options.source ?? 'manifests', strict: options.strict });
  const diagnostics = [...read.diagnostics, ...decoded.diagnostics];
  if (read.files === 0 && !diagnostics.some((d) => d.code === 'file-not-found' || d.code === 'absent-at-ref')) {
    diagnostics.unshift({
      severity: 'warning',
      code: 'no-manifests',
      message: `no .yaml, .yml or .json file found in ${paths.join(', ')}`,
    });
  }
  const fatal = diagnostics.filter((d) => d.code === 'file-not-found');
  if (fatal.length > 0 || (options.strict && hasErrors(diagnostics))) {
    throw new InputError(
      options.strict ? `input has errors (${(options.field ?? requestField)('strict')})` : 'input cannot be read',
      diagnostics,
    );
  }
  const snapshot = withCni(decoded.snapshot, options.cni);
  return { snapshot, compiled: compile(snapshot), diagnostics, skippedKinds: decoded.skippedKinds, origins: originsOf(read.objects) };
}
