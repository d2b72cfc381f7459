// The unknown-field walker: compares a raw object with a declared shape and reports every key the
// API server's strict field validation would reject. Types are not checked here (the decoders do that);
// a value of the wrong type is simply not descended into.
import type { ObjectContext } from './context.ts';
import { child, isMapping, item } from './read.ts';

export type Shape =
  /** A scalar, or a value whose inside we do not check (e.g. managedFields). */
  | { readonly kind: 'any' }
  /** A map with arbitrary keys (labels, annotations). */
  | { readonly kind: 'map' }
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, Shape>> }
  | { readonly kind: 'list'; readonly items: Shape };

export const ANY: Shape = { kind: 'any' };
export const MAP: Shape = { kind: 'map' };
export const object = (fields: Record<string, Shape>): Shape => ({ kind: 'object', fields });
export const list = (items: Shape): Shape => ({ kind: 'list', items });

export interface UnknownField {
  readonly path: string;
  readonly key: string;
  /** The keys allowed where the unknown one was found. */
  readonly known: readonly string[];
}

export function findUnknownFields(value: unknown, shape: Shape, path = ''): UnknownField[] {
  const found: UnknownField[] = [];
  walk(value, shape, path, found);
  return found;
}

function walk(value: unknown, shape: Shape, path: string, found: UnknownField[]): void {
  switch (shape.kind) {
    case 'any':
    case 'map':
      return;
    case 'list':
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, shape.items, item(path, i), found));
      return;
    case 'object': {
      if (!isMapping(value)) return;
      const known = Object.keys(shape.fields);
      for (const key of Object.keys(value)) {
        const fieldShape = Object.hasOwn(shape.fields, key) ? shape.fields[key] : undefined;
        if (fieldShape) walk(value[key], fieldShape, child(path, key), found);
        else found.push({ path: child(path, key), key, known });
      }
      return;
    }
    default: {
      const unreachable: never = shape;
      throw new Error(`unknown shape ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Reports each unknown field as an 'unknown-field' error, with a "did you mean" when one is close. */
export function reportUnknownFields(
  ctx: ObjectContext,
  value: unknown,
  shape: Shape,
  elsewhere: Readonly<Record<string, string>> = {},
): void {
  for (const u of findUnknownFields(value, shape)) {
    ctx.error('unknown-field', u.path, hint(u, elsewhere));
  }
}

/** `"matchLabel" (did you mean "matchLabels"?)`, or where a misplaced field belongs. */
function hint(u: UnknownField, elsewhere: Readonly<Record<string, string>>): string {
  const quoted = JSON.stringify(u.key);
  const near = u.known.find((k) => closeEnough(u.key, k));
  if (near) return `${quoted} (did you mean ${JSON.stringify(near)}?)`;
  const homes = Object.keys(elsewhere);
  const home = homes.find((k) => k === u.key) ?? homes.find((k) => closeEnough(u.key, k));
  if (home) return `${quoted} (${JSON.stringify(home)} belongs in ${elsewhere[home]}; check the indentation)`;
  return quoted;
}

function closeEnough(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  return Math.abs(a.length - b.length) <= 2 && editDistance(a, b) <= 2;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost));
    }
    prev = row;
  }
  return prev[b.length];
}
