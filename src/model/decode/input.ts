// What decoding takes: raw objects with where they were read, and the options (model/decode.ts).
import type { SnapshotSource } from '../types.ts';

export interface SourcedObject {
  readonly object: unknown;
  readonly file?: string;
  readonly line?: number;
  /** The line of a field path inside the object (`spec.ingress[0].from`), when the reader knows it. */
  readonly lineOf?: (path: string) => number | undefined;
}

export interface DecodeOptions {
  readonly source: SnapshotSource;
  /** Warnings where we are more lenient than the API server (invalid names, ...) become errors. */
  readonly strict?: boolean;
}
