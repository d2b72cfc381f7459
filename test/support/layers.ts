// The layer checker behind test/layers/layers.test.ts: which folder of src/ may import which.
// Imports are read with the TypeScript compiler's own scanner (ts.preProcessFile), so `import type`,
// `export … from`, `import('…')` (also in type positions) and `require('…')` all count: a type-only
// import still ties two modules together (DESIGN.md "Answers, presenters, doors"; issue #18).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** A layer name: a folder of src/ (`api/http` for the doors under api/). */
export type Layer = string;

/** The doors: each translates requests for one kind of client; no door imports another. */
export const DOORS: readonly Layer[] = ['cli', 'api/http', 'api/grpc', 'api/mcp', 'mcp', 'chat', 'web'];

const BELOW_DOORS: readonly Layer[] = ['render', 'service', 'query', 'store', 'ingest', 'engine', 'model', 'package-root'];

/** The CLI starts the processes (`serve`, `mcp`); the REST door hosts the chat platforms' routes. */
const DOOR_EXTRAS: Readonly<Record<string, readonly Layer[]>> = { cli: ['process'], 'api/http': ['api/chat'] };

/**
 * What each layer may import besides itself. Engine and model import nothing above them; render sees
 * only the answers (query, engine, model); service never imports a door (the doors call the service,
 * `process` wires both together); a door imports what is below the doors, never another door.
 */
export const ALLOWED: Readonly<Record<Layer, readonly Layer[]>> = {
  model: [],
  engine: ['model'],
  ingest: ['model'],
  store: ['engine', 'model', 'package-root'],
  query: ['store', 'ingest', 'engine', 'model'],
  render: ['query', 'engine', 'model'],
  service: ['query', 'store', 'ingest', 'engine', 'model', 'package-root'],
  // The process (`netreach serve`, `netreach mcp`): opens the store, starts the service and the doors.
  process: [...BELOW_DOORS, 'api/http', 'api/grpc', 'api/chat', 'mcp'],
  // Slack / Mattermost: grammar, signatures and answers of the chat platforms, hosted by the REST door
  // (its OpenAPI-first routes /v1/chat/*), so REST may import it; it imports nothing of a door.
  'api/chat': BELOW_DOORS,
  'package-root': [],
  ...Object.fromEntries(DOORS.map((door) => [door, DOOR_EXTRAS[door] ? [...BELOW_DOORS, ...DOOR_EXTRAS[door]] : BELOW_DOORS])),
};

/** Layers that must not spell the CLI's own flags (`--db`): their text also reaches REST and gRPC clients. */
export const FLAG_FREE: readonly Layer[] = ['model', 'engine', 'ingest', 'store', 'query', 'render', 'service'];

/** The layer a file (relative to src/, `/`-separated) belongs to; undefined when the table has none. */
export function layerOf(path: string): Layer | undefined {
  const parts = path.split('/');
  if (parts.length === 1) return parts[0] === 'package-root.ts' ? 'package-root' : undefined;
  const layer = parts[0] === 'api' ? `api/${parts[1]}` : parts[0];
  return layer in ALLOWED ? layer : undefined;
}

export interface SourceFile {
  /** Relative to the source root, `/`-separated. */
  readonly path: string;
  readonly text: string;
}

export interface Edge {
  readonly from: string;
  readonly to: string;
  readonly line: number;
}

/** Every .ts/.mts/.mjs file under `root`, sorted, with its text. */
export function readTree(root: string): SourceFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : /\.(ts|mts|mjs)$/.test(e.name) ? [join(dir, e.name)] : [],
    );
  return walk(root)
    .sort()
    .map((file) => ({ path: relative(root, file).split(sep).join('/'), text: readFileSync(file, 'utf8') }));
}

/** The relative imports of one file, resolved to paths relative to the source root. */
export function importsOf(file: SourceFile): Edge[] {
  const info = ts.preProcessFile(file.text, true, true);
  const edges: Edge[] = [];
  for (const ref of info.importedFiles) {
    if (!ref.fileName.startsWith('.')) continue;
    const to = resolve('/', dirname(file.path), ref.fileName).slice(1);
    const line = file.text.slice(0, ref.pos).split('\n').length;
    edges.push({ from: file.path, to, line });
  }
  return edges;
}

/** Imports the table forbids, as `from:line → to (from-layer → to-layer)`. */
export function layerViolations(files: readonly SourceFile[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const from = layerOf(file.path);
    if (from === undefined) {
      found.push(`${file.path}: in no layer of the table (add its folder to ALLOWED)`);
      continue;
    }
    for (const edge of importsOf(file)) {
      const to = layerOf(edge.to);
      if (to === from) continue;
      if (to === undefined || !ALLOWED[from].includes(to)) {
        const kind = DOORS.includes(from) && to !== undefined && DOORS.includes(to) ? 'door imports door' : 'not allowed';
        found.push(`${edge.from}:${edge.line} → ${edge.to} (${from} → ${to ?? '?'}: ${kind})`);
      }
    }
  }
  return found;
}

/** Import circles between files (strongly connected components of more than one file, or a self-import). */
export function importCircles(files: readonly SourceFile[]): string[][] {
  const graph = new Map(files.map((f) => [f.path, [...new Set(importsOf(f).map((e) => e.to))]]));
  // Tarjan's algorithm, iteration order fixed by the sorted file list so the report is stable.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop()!; ; w = stack.pop()!) {
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) circles.push(component.sort());
  };
  for (const f of files) if (!index.has(f.path)) visit(f.path);
  return circles.sort((a, b) => a[0].localeCompare(b[0]));
}

/** netreach's own flags, read from the CLI's usage texts (`--db`, `--cni`, …). */
export function cliFlags(files: readonly SourceFile[]): Set<string> {
  const flags = new Set<string>();
  for (const file of files) {
    if (layerOf(file.path) !== 'cli') continue;
    for (const m of file.text.matchAll(/USAGE\s*=\s*(['`])((?:(?!\1)[\s\S])*)\1/g)) {
      for (const flag of m[2].matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)) flags.add(flag[0]);
    }
  }
  return flags;
}

/** String literals in FLAG_FREE layers that spell one of `flags`, as `path:line --flag`. */
export function flagSpellings(files: readonly SourceFile[], flags: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const file of files) {
    const layer = layerOf(file.path);
    if (layer === undefined || !FLAG_FREE.includes(layer)) continue;
    const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
        for (const m of node.text.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)) {
          if (!flags.has(m[0])) continue;
          const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
          found.push(`${file.path}:${line} ${m[0]}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
