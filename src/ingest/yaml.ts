// Manifest text → objects, each with the file and the line it starts on. YAML streams (helm template
// output, kubectl -o yaml, `---`-separated files) and JSON alike: strict JSON takes a fast path, and
// anything else (including broken JSON, for its error position) goes through the YAML parser, after
// the fast reader of plain block YAML (yaml-fast.ts) where all of the text is in its subset.
// A syntax error drops its own document only.
import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments, parseDocument, type Document, type ScalarTag } from 'yaml';
import type { SourcedObject } from '../model/decode.ts';
import type { Diagnostic } from '../model/diagnostics.ts';
import { makeDiagnostic } from '../model/decode/context.ts';
import { flattenObject, listKind } from '../model/decode/list.ts';
import { parseJsonDocument } from './json.ts';
import { parseFastYaml, type FastDocument } from './yaml-fast.ts';
import { checkDepth, checkObjectCount, checkYamlSize, type TextLimits } from './limits.ts';

export interface ParsedText {
  readonly objects: SourcedObject[];
  readonly diagnostics: Diagnostic[];
}

/**
 * kubectl reads YAML 1.1 (go-yaml v2): unquoted yes/no/on/off/y/n are booleans there, so a label
 * `enabled: yes` is rejected by the API server. Reading them as booleans reports the same mistake.
 */
const YAML11_BOOL: ScalarTag = {
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  identify: (value) => typeof value === 'boolean',
  test: /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/,
  resolve: (text) => /^(?:y|Y|yes|Yes|YES|on|On|ON)$/.test(text),
};

const YAML_TAGS: readonly ScalarTag[] = [YAML11_BOOL];

/**
 * Field lines of a document the fast reader read: only a diagnostic asks for one, so the document's
 * own lines are parsed by the `yaml` package then (once), exactly as the full path would have.
 */
function lazyFieldLines(text: string, doc: FastDocument): (path: string) => number | undefined {
  let lineOf: ((path: string) => number | undefined) | undefined;
  return (path) => {
    if (!lineOf) {
      const own = text.slice(doc.from, doc.to);
      const lines = new LineCounter();
      const relative = fieldLines(parseDocument(own, { lineCounter: lines, customTags: [...YAML_TAGS] }), lines);
      lineOf = (p) => {
        const line = relative(p);
        return line === undefined ? undefined : line + doc.first;
      };
    }
    return lineOf(path);
  };
}

/**
 * With `limits` (text from the network), refuses what would cost more than it may before paying for
 * it (limits.ts): InputError for nesting too deep, InputTooLarge for too many objects or too much YAML.
 * Files given on the command line are the user's own and read without limits.
 */
export function parseManifestText(text: string, file: string, limits?: TextLimits, options: { fast?: boolean } = {}): ParsedText {
  const objects: SourcedObject[] = [];
  const diagnostics: Diagnostic[] = [];
  if (limits) checkDepth(text, file, limits);
  const json = parseJsonDocument(text);
  if (json) {
    if (json.value !== null) {
      const items = listKind(json.value) ? (json.value as { items?: unknown }).items : undefined;
      if (limits && Array.isArray(items)) checkObjectCount(items.length, file, limits);
      const flat = flattenObject({ object: json.value, file, line: json.line }, diagnostics, json.itemLines);
      if (limits) checkObjectCount(flat.length, file, limits);
      for (const o of flat) objects.push(o);
    }
    return { objects, diagnostics };
  }
  if (limits) checkYamlSize(text, file, limits);
  // options.fast false: the `yaml` package alone (the differential test's reference).
  const fast = options.fast === false ? undefined : parseFastYaml(text, YAML_TAGS);
  if (fast) {
    for (const doc of fast) {
      const lineOf = lazyFieldLines(text, doc);
      for (const o of flattenObject({ object: doc.value, file, line: doc.line, lineOf }, diagnostics, doc.itemLines)) objects.push(o);
      if (limits) checkObjectCount(objects.length, file, limits);
    }
    return { objects, diagnostics };
  }
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, customTags: [...YAML_TAGS], prettyErrors: true });
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const line = error.linePos?.[0]?.line;
        diagnostics.push(makeDiagnostic('error', 'syntax-error', firstLine(error.message), { file, ...(line ? { line } : {}) }));
      }
      continue;
    }
    const value = toValue(doc, file, diagnostics);
    if (value === null || value === undefined) continue; // empty document (only comments, or `---` twice)
    const line = lines.linePos(doc.contents?.range?.[0] ?? 0).line;
    const flat = flattenObject({ object: value, file, line, lineOf: fieldLines(doc, lines) }, diagnostics, itemLines(doc, value, lines));
    for (const o of flat) objects.push(o); // not push(...flat): lists can exceed the argument limit
    if (limits) checkObjectCount(objects.length, file, limits);
  }
  return { objects, diagnostics };
}

function toValue(doc: Document.Parsed, file: string, diagnostics: Diagnostic[]): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Alias bombs and similar: the document cannot be turned into a value.
    const detail = error instanceof Error ? firstLine(error.message) : String(error);
    diagnostics.push(makeDiagnostic('error', 'syntax-error', detail, { file }));
    return undefined;
  }
}

/** The line of each entry of a list's `items`, so each listed object reports its own line. */
function itemLines(doc: Document.Parsed, value: unknown, lines: LineCounter): (number | undefined)[] {
  if (listKind(value) === undefined) return [];
  const items = doc.get('items', true);
  if (!isSeq(items)) return [];
  return items.items.map((node) => {
    const offset = (node as { range?: [number, number, number] } | null)?.range?.[0];
    return offset === undefined ? undefined : lines.linePos(offset).line;
  });
}

/** "Map keys must be unique at line 3, column 1:\n…" → "Map keys must be unique". */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/\s*at line \d+, column \d+:?\s*$/, '');
}

/** Finds the line of a field path (`spec.ingress[0].from[1].ipBlock`) in a document: the line of
 * its key, or of the deepest part of the path that exists. */
function fieldLines(doc: Document.Parsed, lines: LineCounter): (path: string) => number | undefined {
  const lineAt = (node: unknown) => {
    const offset = (node as { range?: [number, number, number] } | null)?.range?.[0];
    return offset === undefined ? undefined : lines.linePos(offset).line;
  };
  return (path) => {
    let node: unknown = doc.contents;
    let line = lineAt(node);
    for (const [, key, index] of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
      if (index !== undefined && isSeq(node)) {
        node = node.items[Number(index)];
        line = lineAt(node) ?? line;
      } else if (key !== undefined && isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
        if (!pair) break;
        line = lineAt(pair.key) ?? line;
        node = pair.value;
      } else break;
    }
    return line;
  };
}
