// Bounds on manifest text, checked before the expensive step they protect:
// - nesting depth of flow collections (`[[[[…` / `{"a":{"a":…`), scanned on the raw text before any
//   parser builds a tree of it (Kubernetes objects nest a few dozen levels at most: a CRD's
//   openAPIV3Schema is the deepest common case);
// - YAML size: the YAML parser keeps a node per scalar (about 2 KB of heap per `- {}` line measured
//   on Node 20), ten times JSON.parse's cost, so YAML bodies get their own, smaller byte limit;
// - objects: a List's items are counted right after JSON.parse (cheap) and before they are decoded.
// Alias bombs are bounded by the yaml package's maxAliasCount (yaml.ts).
import { InputError } from '../model/diagnostics.ts';

export interface TextLimits {
  /** Most objects in one text (List items counted one by one). */
  readonly maxObjects?: number;
  /** Largest YAML text in bytes (JSON is bounded by the transport's body limit). */
  readonly maxYamlBytes?: number;
  /** Deepest nesting of `[`/`{`. */
  readonly maxDepth?: number;
}

export const DEFAULT_MAX_OBJECTS = 200_000;
export const DEFAULT_MAX_YAML_BYTES = 8 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 128;

/** More input than the limits allow: HTTP answers 413, gRPC RESOURCE_EXHAUSTED. */
export class InputTooLarge extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputTooLarge';
  }
}

/** Deepest `[`/`{` nesting outside double-quoted strings; stops counting once past `limit`. */
export function flowDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \ */) i++;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max && (max = depth) > limit) return max;
    } else if ((c === 93 /* ] */ || c === 125) /* } */ && depth > 0) depth--;
  }
  return max;
}

/** Before any parsing: nesting too deep (400, InputError). */
export function checkDepth(text: string, file: string, limits: TextLimits): void {
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (flowDepth(text, maxDepth) > maxDepth) {
    throw new InputError(`${file}: nesting deeper than ${maxDepth} levels; refused before parsing`, [
      { severity: 'error', code: 'too-deep', message: `nested deeper than ${maxDepth} levels`, path: 'body', file },
    ]);
  }
}

/** Before the YAML parser: too much YAML (413, InputTooLarge). */
export function checkYamlSize(text: string, file: string, limits: TextLimits): void {
  const maxYaml = limits.maxYamlBytes ?? DEFAULT_MAX_YAML_BYTES;
  if (text.length > maxYaml && Buffer.byteLength(text) > maxYaml) {
    throw new InputTooLarge(
      `${file}: ${Buffer.byteLength(text)} bytes of YAML, more than the ${maxYaml} accepted; send JSON ` +
        `(kubectl get -o json) for large snapshots`,
    );
  }
}

export function checkObjectCount(count: number, file: string, limits: TextLimits): void {
  const max = limits.maxObjects ?? DEFAULT_MAX_OBJECTS;
  if (count > max) throw new InputTooLarge(`${file}: ${count} objects, more than the ${max} accepted in one snapshot`);
}
