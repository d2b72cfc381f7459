// One line of a watch stream (`{"type":"ADDED","object":{...}}`), checked before it touches the cache:
// anything we cannot trust is reported as malformed instead of being half-applied.
import type { ClusterResource, RawObject } from './resources.ts';

export type { RawObject } from './resources.ts';

export type WatchEvent =
  | { readonly type: 'ADDED' | 'MODIFIED' | 'DELETED'; readonly object: RawObject }
  | { readonly type: 'BOOKMARK'; readonly resourceVersion: string }
  | { readonly type: 'ERROR'; readonly code?: number; readonly reason?: string; readonly message: string };

export type ParsedLine = { readonly kind: 'event'; readonly event: WatchEvent } | { readonly kind: 'malformed'; readonly message: string };

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseWatchLine(line: string): ParsedLine {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return malformed(`not JSON: ${excerpt(line)}`);
  }
  if (!isMapping(parsed) || !isMapping(parsed.object)) return malformed(`no object: ${excerpt(line)}`);
  const object = parsed.object;
  switch (parsed.type) {
    case 'ADDED':
    case 'MODIFIED':
    case 'DELETED': {
      const metadata = object.metadata;
      if (!isMapping(metadata) || typeof metadata.name !== 'string' || metadata.name === '') {
        return malformed(`${parsed.type} event without metadata.name: ${excerpt(line)}`);
      }
      return { kind: 'event', event: { type: parsed.type, object: object as RawObject } };
    }
    case 'BOOKMARK': {
      const rv = isMapping(object.metadata) ? object.metadata.resourceVersion : undefined;
      if (typeof rv !== 'string' || rv === '') return malformed(`BOOKMARK without resourceVersion: ${excerpt(line)}`);
      return { kind: 'event', event: { type: 'BOOKMARK', resourceVersion: rv } };
    }
    case 'ERROR':
      return {
        kind: 'event',
        event: {
          type: 'ERROR',
          ...(typeof object.code === 'number' ? { code: object.code } : {}),
          ...(typeof object.reason === 'string' ? { reason: object.reason } : {}),
          message: typeof object.message === 'string' ? object.message : 'watch error',
        },
      };
    default:
      return malformed(`unknown event type ${JSON.stringify(parsed.type)}`);
  }
}

/** A 410 Gone status: our resourceVersion is too old, only a fresh list can continue. */
export function isGone(event: { readonly code?: number; readonly reason?: string }): boolean {
  return event.code === 410 || event.reason === 'Expired' || event.reason === 'Gone';
}

/** `namespace/name` (`/name` for cluster-scoped objects): unique within one resource. */
export function objectKey(object: RawObject): string {
  const namespace = typeof object.metadata.namespace === 'string' ? object.metadata.namespace : '';
  return `${namespace}/${String(object.metadata.name)}`;
}

export function resourceVersionOf(object: RawObject): string | undefined {
  const rv = object.metadata.resourceVersion;
  return typeof rv === 'string' && rv !== '' ? rv : undefined;
}

/**
 * The object as the decoder wants it: list items from a real API server carry no kind/apiVersion, so
 * the resource's are filled in; managedFields (often the bulk of an object) are dropped to save memory,
 * and so is whatever the resource's `slim` says the decoder never reads.
 */
export function normaliseObject(object: Record<string, unknown>, resource: ClusterResource): RawObject {
  const metadata = isMapping(object.metadata) ? { ...object.metadata } : {};
  delete metadata.managedFields;
  const normalised: RawObject = {
    ...object,
    kind: typeof object.kind === 'string' && object.kind !== '' ? object.kind : resource.kind,
    apiVersion: typeof object.apiVersion === 'string' && object.apiVersion !== '' ? object.apiVersion : resource.apiVersion,
    metadata,
  };
  return resource.slim ? resource.slim(normalised) : normalised;
}

const malformed = (message: string): ParsedLine => ({ kind: 'malformed', message });

function excerpt(line: string): string {
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
}
