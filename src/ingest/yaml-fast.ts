// Fast path for the block-style YAML that kubectl, helm and `yaml.stringify` print: block mappings
// and sequences (also a sequence at its key's indentation), one-line plain and quoted scalars, `{}`
// and `[]`, comments, `---` between documents. The `yaml` package reads 7 MB of such text in ~4 s
// here; this reads it in a fraction of that. Anything outside the subset (anchors, tags, block or
// multi-line scalars, flow collections with content, escapes, tabs, duplicate keys, directives…)
// makes the whole text go to the `yaml` package, so every diagnostic it gives stays its own.
// Plain scalars resolve through the `yaml` package's own schema tags (YAML 1.2 core plus the
// caller's custom tags), as parseAllDocuments resolves them, so the values are the same by
// construction; test/ingest/yaml-fast.test.ts compares both readers.
import { Schema, isScalar, type ScalarTag } from 'yaml';

export interface FastDocument {
  readonly value: unknown;
  /** Line (1-based) of the document's root node. */
  readonly line: number;
  /** Line of each entry of the root mapping's `items` sequence. */
  readonly itemLines: number[];
  /** Index (0-based) of the document's first line, and its text: text.slice(from, to). */
  readonly first: number;
  readonly from: number;
  readonly to: number;
}

/** Text the fast reader refuses outright: tabs, CR, BOM, control and YAML line-break characters. */
function unsafe(text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 32 ? c !== 10 : c === 0x7f || c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0xfeff) return true;
  }
  return false;
}
/** Characters a plain scalar may not start with (YAML 1.2 c-indicator); `-?:` only before a space. */
const INDICATOR = /^(?:[[\]{},#&*!|>'"%@`]|[-?:](?: |$))/;
/** Implicit keys are limited to 1024 characters (YAML 1.2 §7.4.2); longer ones go to the full parser. */
const MAX_KEY = 1000;

class NotSimple extends Error {}
const bail = (): never => {
  throw new NotSimple('not in the fast subset');
};

interface Resolver {
  readonly value: readonly ScalarTag[];
  readonly key: readonly ScalarTag[];
}

const resolvers = new WeakMap<readonly ScalarTag[], Resolver>();

function resolverFor(customTags: readonly ScalarTag[]): Resolver {
  let r = resolvers.get(customTags);
  if (r) return r;
  const tags = new Schema({ customTags: [...customTags] }).tags as ScalarTag[];
  // composeScalar's findScalarTagByTest: the first default tag whose test matches, in schema order.
  r = {
    value: tags.filter((t) => t.default === true && t.test),
    key: tags.filter((t) => (t.default === true || t.default === 'key') && t.test),
  };
  resolvers.set(customTags, r);
  return r;
}

function resolvePlain(text: string, tags: readonly ScalarTag[]): unknown {
  const tag = tags.find((t) => t.test!.test(text));
  if (!tag) return text;
  const res: unknown = tag.resolve(text, bail, { intAsBigInt: false } as never);
  const value = isScalar(res) ? res.value : res;
  if (typeof value === 'bigint' || (value !== null && typeof value === 'object')) bail();
  return value;
}

interface Cursor {
  readonly lines: readonly string[];
  readonly end: number;
  readonly tags: Resolver;
  i: number;
  /** Filled while reading the root mapping's `items`. */
  itemLines: number[];
}

const indentOf = (line: string): number => {
  let k = 0;
  while (line.charCodeAt(k) === 32) k++;
  return k;
};

/** Skips blank and comment lines; the indentation of the next content line, or -1 at the end. */
function nextContent(p: Cursor): number {
  for (; p.i < p.end; p.i++) {
    const line = p.lines[p.i];
    const k = indentOf(line);
    if (k < line.length && line[k] !== '#') return k;
  }
  return -1;
}

/** After a scalar: a more indented line below (even a comment) could continue it; refused. */
function endOfScalar(p: Cursor, indent: number): void {
  p.i++;
  for (let j = p.i; j < p.end; j++) {
    const line = p.lines[j];
    const k = indentOf(line);
    if (k === line.length) continue;
    if (k > indent) bail();
    return;
  }
}

/** What follows a closed scalar or `{}`/`[]` on its line: nothing, or spaces and a comment. */
function restIsEmpty(s: string, from: number): boolean {
  const k = from + indentOf(s.slice(from));
  return k === s.length || (k > from && s[k] === '#');
}

type Inline = { readonly kind: 'none' } | { readonly kind: 'value'; readonly value: unknown };
const NONE: Inline = { kind: 'none' };

/** A value written on its key's (or dash's) line, `s` starting at its first non-space character. */
function inlineValue(s: string, tags: Resolver): Inline {
  if (s === '' || s[0] === '#') return NONE;
  if (s.startsWith('{}') && restIsEmpty(s, 2)) return { kind: 'value', value: {} };
  if (s.startsWith('[]') && restIsEmpty(s, 2)) return { kind: 'value', value: [] };
  if (s[0] === '"' || s[0] === "'") {
    const q = quoted(s);
    if (!q || !restIsEmpty(s, q.end)) bail();
    return { kind: 'value', value: q!.value };
  }
  if (INDICATOR.test(s)) bail();
  const hash = s.indexOf(' #');
  const text = (hash < 0 ? s : s.slice(0, hash)).trimEnd();
  if (text.includes(': ') || text.endsWith(':')) bail(); // a mapping on one line: yaml's error
  return { kind: 'value', value: resolvePlain(text, tags.value) };
}

/** A one-line quoted scalar at the start of `s`: its value and the index after the closing quote. */
function quoted(s: string): { value: string; end: number } | undefined {
  if (s[0] === '"') {
    const close = s.indexOf('"', 1);
    if (close < 0 || s.slice(1, close).includes('\\')) return undefined; // escapes: the full parser
    return { value: s.slice(1, close), end: close + 1 };
  }
  for (let k = 1; k < s.length; k++) {
    if (s[k] !== "'") continue;
    if (s[k + 1] === "'")
      k++; // '' is an escaped quote
    else return { value: s.slice(1, k).replaceAll("''", "'"), end: k + 1 };
  }
  return undefined;
}

/** `key: …` at the start of `s`: the key and where its value starts, or undefined if `s` is no entry. */
function entryKey(s: string, tags: Resolver): { key: string; rest: number } | undefined {
  let key: unknown;
  let colon: number;
  if (s[0] === '"' || s[0] === "'") {
    const q = quoted(s);
    if (!q) return undefined;
    colon = q.end + indentOf(s.slice(q.end));
    if (s[colon] !== ':' || (colon + 1 < s.length && s[colon + 1] !== ' ')) return undefined;
    key = q.value;
  } else {
    const sep = s.indexOf(': ');
    colon = sep >= 0 ? sep : s.endsWith(':') ? s.length - 1 : -1;
    if (colon < 0) return undefined;
    const text = s.slice(0, colon).trimEnd();
    if (text.includes(' #') || INDICATOR.test(text) || text === '' || text === '<<') bail();
    key = resolvePlain(text, tags.key);
  }
  if (colon > MAX_KEY) bail();
  // addPairToJSMap's stringifyKey: null → '', scalars → String().
  return { key: key === null ? '' : String(key), rest: colon + 1 };
}

function setKey(map: Record<string, unknown>, seen: Set<string>, key: string, value: unknown): void {
  if (seen.has(key)) bail(); // yaml's "Map keys must be unique" (or a different key with the same text)
  seen.add(key);
  // As addPairToJSMap: a key the object already has (`constructor`, `__proto__`) is defined, not set.
  if (key in map) Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else map[key] = value;
}

/** The value of a key or dash with nothing after it on its line: a nested node, or null. */
function nestedValue(p: Cursor, indent: number, allowSameIndentSeq: boolean, lines?: number[]): unknown {
  p.i++;
  const k = nextContent(p);
  if (k > indent) return parseNode(p, k, lines);
  if (k === indent && allowSameIndentSeq && isDash(p.lines[p.i], k)) return parseSeq(p, k, true, lines);
  return null;
}

const isDash = (line: string, k: number): boolean => line[k] === '-' && (k + 1 === line.length || line[k + 1] === ' ');

function parseNode(p: Cursor, indent: number, lines?: number[]): unknown {
  return isDash(p.lines[p.i], indent) ? parseSeq(p, indent, false, lines) : parseMap(p, indent, indent, false);
}

/** A block mapping whose entries start at column `indent`; the first one at column `col` of line p.i. */
function parseMap(p: Cursor, indent: number, col: number, root: boolean): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (let first = true; ; first = false) {
    const line = p.lines[p.i];
    const s = line.slice(first ? col : indent);
    const entry = entryKey(s, p.tags);
    if (!entry) bail();
    const { key, rest } = entry!;
    const after = s.slice(rest).trimStart();
    const inline = inlineValue(after, p.tags);
    if (inline.kind === 'value') {
      setKey(map, seen, key, inline.value);
      endOfScalar(p, indent);
    } else {
      const itemLines = root && key === 'items' ? [] : undefined;
      setKey(map, seen, key, nestedValue(p, indent, true, itemLines));
      if (itemLines) p.itemLines = itemLines;
    }
    const k = nextContent(p);
    if (k < indent) return map;
    if (k > indent || isDash(p.lines[p.i], k)) bail();
  }
}

/**
 * A block sequence whose dashes are at column `indent` (`sameIndent`: at its key's column, so a line
 * there that is no entry is the next key); `lines` gets the line of each entry.
 */
function parseSeq(p: Cursor, indent: number, sameIndent: boolean, lines?: number[]): unknown[] {
  const seq: unknown[] = [];
  for (;;) {
    const line = p.lines[p.i];
    const col = indent + 1 + indentOf(line.slice(indent + 1));
    const s = line.slice(col);
    if (s === '' || s[0] === '#') {
      const at = p.i;
      const value = nestedValue(p, indent, false);
      lines?.push(value === null ? at + 1 : firstLineOf(p, at));
      seq.push(value);
    } else {
      if (isDash(s, 0)) bail(); // `- - x`: a compact nested sequence
      lines?.push(p.i + 1);
      if (entryKey(s, p.tags)) seq.push(parseMap(p, col, col, false));
      else {
        const inline = inlineValue(s, p.tags);
        seq.push((inline as { value: unknown }).value);
        endOfScalar(p, indent);
      }
    }
    const k = nextContent(p);
    if (k < indent || (k === indent && sameIndent && !isDash(p.lines[p.i], k))) return seq;
    if (k > indent || !isDash(p.lines[p.i], k)) bail();
  }
}

/** The line (1-based) of the first content line after line index `at`. */
function firstLineOf(p: Cursor, at: number): number {
  const q = { ...p, i: at + 1 };
  return nextContent(q) < 0 ? at + 1 : q.i + 1;
}

const MARKER = /^--- *$/;

/**
 * The documents of `text` when all of it is in the fast subset, else undefined (the caller uses the
 * `yaml` package). Empty documents are left out, as the caller skips them.
 */
export function parseFastYaml(text: string, customTags: readonly ScalarTag[]): FastDocument[] | undefined {
  if (unsafe(text)) return undefined;
  const lines = text.split('\n');
  const tags = resolverFor(customTags);
  const docs: FastDocument[] = [];
  try {
    let first = 0;
    let from = 0;
    for (let j = 0, offset = 0; j <= lines.length; offset += (lines[j]?.length ?? 0) + 1, j++) {
      const line = lines[j];
      if (j < lines.length && !MARKER.test(line)) {
        if (line.startsWith('---') || line.startsWith('...') || line.startsWith('%')) bail();
        continue;
      }
      const doc = parseDocument({ lines, end: j, tags, i: first, itemLines: [] }, { first, from, to: Math.max(from, offset - 1) });
      if (doc) docs.push(doc);
      first = j + 1;
      from = offset + (line?.length ?? 0) + 1;
    }
  } catch (error) {
    if (error instanceof NotSimple) return undefined;
    throw error;
  }
  return docs;
}

function parseDocument(p: Cursor, at: { first: number; from: number; to: number }): FastDocument | undefined {
  const k = nextContent(p);
  if (k < 0) return undefined;
  if (k > 0) bail();
  const line = p.i + 1;
  const value = isDash(p.lines[p.i], 0) ? parseSeq(p, 0, false) : parseMap(p, 0, 0, true);
  if (nextContent(p) >= 0) bail();
  return { value, line, itemLines: p.itemLines, ...at };
}
