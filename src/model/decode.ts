// Strict decoding of raw Kubernetes objects into the normalised Snapshot. Pure: no I/O, no clock.
// Problems are returned as diagnostics (code, object ref, field path, file/line); an object with an
// error is left out and the rest still load. Kinds we do not analyse are counted, never errors.
import type { Diagnostic } from './diagnostics.ts';
import type { Snapshot } from './types.ts';
import { SnapshotCollector } from './decode/collect.ts';
import { flattenObject } from './decode/list.ts';
import type { DecodeOptions, SourcedObject } from './decode/input.ts';
import { decodeOne } from './decode/object.ts';

export type { DecodeOptions, SourcedObject } from './decode/input.ts';

export interface DecodeResult {
  readonly snapshot: Snapshot;
  readonly diagnostics: Diagnostic[];
  /** Objects of kinds we do not analyse, by kind (`Kind.group` for a CRD that reuses one of our kinds). */
  readonly skippedKinds: Record<string, number>;
}

export function decodeObjects(objects: readonly SourcedObject[], options: DecodeOptions): DecodeResult {
  const diagnostics: Diagnostic[] = [];
  const skippedKinds: Record<string, number> = {};
  const collector = new SnapshotCollector(options.source, diagnostics);
  for (const source of objects) {
    for (const object of flattenObject(source, diagnostics)) {
      decodeOne(object, options, { collector, diagnostics, skippedKinds });
    }
  }
  return { snapshot: collector.finish(), diagnostics, skippedKinds };
}
