// `kind: List` (kubectl get -o yaml) and typed lists (PodList, NetworkPolicyList, ...) flattened into
// their items. Items of a typed list may omit kind and apiVersion: they are the list's.
import type { Diagnostic } from '../diagnostics.ts';
import type { SourcedObject } from './input.ts';
import { makeDiagnostic } from './context.ts';
import { describeType } from './messages.ts';
import { isMapping, type Mapping } from './read.ts';

/** The list kind when `object` is a list (kind List or *List with an items field). */
export function listKind(object: unknown): string | undefined {
  if (!isMapping(object) || typeof object.kind !== 'string') return undefined;
  const kind = object.kind;
  if (kind === 'List') return kind;
  return kind.endsWith('List') && kind.length > 'List'.length && 'items' in object ? kind : undefined;
}

/**
 * The objects in `source`, lists expanded (recursively). `itemLines[i]` is the line of the i-th item
 * when the reader knows it.
 */
export function flattenObject(
  source: SourcedObject,
  diagnostics: Diagnostic[],
  itemLines: readonly (number | undefined)[] = [],
): SourcedObject[] {
  const kind = listKind(source.object);
  if (kind === undefined) return [source];
  const list = source.object as Mapping;
  const items = list.items ?? [];
  if (!Array.isArray(items)) {
    const detail = `items: expected a list, got ${describeType(items)}`;
    diagnostics.push(makeDiagnostic('error', 'invalid-type', detail, { path: 'items', file: source.file, line: source.line }));
    return [];
  }
  return items.flatMap((item, i) => {
    const line = itemLines[i] ?? source.line;
    const object = fillFromList(item, kind, list.apiVersion);
    const parentLineOf = source.lineOf;
    const lineOf = parentLineOf ? (path: string) => parentLineOf(path ? `items[${i}].${path}` : `items[${i}]`) : undefined;
    return flattenObject(
      {
        object,
        ...(source.file !== undefined ? { file: source.file } : {}),
        ...(line !== undefined ? { line } : {}),
        ...(lineOf ? { lineOf } : {}),
      },
      diagnostics,
    );
  });
}

function fillFromList(item: unknown, kind: string, apiVersion: unknown): unknown {
  if (kind === 'List' || !isMapping(item)) return item;
  const filled: Record<string, unknown> = { ...item };
  if (filled.kind === undefined || filled.kind === null || filled.kind === '') filled.kind = kind.slice(0, -'List'.length);
  if ((filled.apiVersion === undefined || filled.apiVersion === null || filled.apiVersion === '') && typeof apiVersion === 'string') {
    filled.apiVersion = apiVersion;
  }
  return filled;
}
