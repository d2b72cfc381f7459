// The layers of src/ (test/support/layers.ts ALLOWED; docs/architecture.md "Layers"): every import,
// type-only ones included, goes to the file's own layer or one the table allows; no door imports
// another door; no import circle between files; the layers below the doors do not spell the CLI's
// flags. The second half runs the checker over a small tree in a temp dir, so a weakened checker
// cannot pass silently. test/engine/purity.test.ts keeps the engine free of I/O beside this.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ALLOWED,
  DOORS,
  cliFlags,
  flagSpellings,
  importCircles,
  importsOf,
  layerOf,
  layerViolations,
  readTree,
} from '../support/layers.ts';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/**
 * Known debt, by file and flag with its count: messages below the doors that still name a CLI flag
 * (REST and gRPC clients read them too). The list may only shrink: a new spelling fails, and so
 * does an entry the code no longer needs.
 */
const FLAG_SPELLINGS_TO_MOVE: Readonly<Record<string, number>> = {
  'engine/dataplane/advice.ts --cni': 2,
  'engine/dataplane/cni-flag.ts --cni': 1,
  'engine/dataplane/detect.ts --cni': 5,
  'engine/dataplane/profiles/felix.ts --cni': 1,
  'render/cni-markdown.ts --cni': 1,
  'render/cni-text.ts --cni': 2,
  'render/plugin-text.ts --cni': 2,
  'service/dataplane-log.ts --cni': 3,
};

function countByFileAndFlag(spellings: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of spellings) {
    const key = s.replace(/:\d+ /, ' ');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('layers of src/', () => {
  const tree = readTree(SRC);

  it('reads the whole tree, .mjs and type-only imports included', () => {
    assert.ok(tree.length > 300, `${tree.length} files`);
    const edges = tree.flatMap(importsOf);
    assert.ok(edges.some((e) => e.from === 'query/decode-thread.mjs' && e.to === 'query/decode-thread.ts'));
    assert.ok(
      edges.some((e) => e.from === 'engine/compiled.ts' && e.to === 'engine/tiers/types.ts'),
      'import type counts',
    );
  });

  it('every import goes to a layer the table allows (no door imports another door)', () => {
    assert.deepEqual(layerViolations(tree), []);
  });

  it('no import circle between files', () => {
    assert.deepEqual(
      importCircles(tree).map((c) => c.join(' ↔ ')),
      [],
    );
  });

  it('layers below the doors spell no CLI flag beyond the known debt', () => {
    const flags = cliFlags(tree);
    for (const f of ['--db', '--cni', '--listen', '--token-file']) assert.ok(flags.has(f), `${f} read from the CLI's usage`);
    assert.deepEqual(countByFileAndFlag(flagSpellings(tree, flags)), FLAG_SPELLINGS_TO_MOVE);
  });
});

describe('layers: the checker catches bad trees', () => {
  const root = mkdtempSync(join(tmpdir(), 'netreach-layers-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const write = (files: Record<string, string>): string => {
    const dir = mkdtempSync(join(root, 'tree-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return dir;
  };
  const clean = {
    'model/types.ts': 'export type Pod = { name: string };\n',
    'engine/check.ts': "import type { Pod } from '../model/types.ts';\nexport const check = (p: Pod) => p.name;\n",
    'query/queries.ts': "import { check } from '../engine/check.ts';\nexport const ask = check;\n",
    'render/verdict.ts': "import { ask } from '../query/queries.ts';\nexport const text = String(ask);\n",
    'api/http/routes.ts': "import { text } from '../../render/verdict.ts';\nexport const route = text;\n",
    'cli/main.ts': "export const USAGE = 'netreach check [--db PATH] [--to X]';\nimport { text } from '../render/verdict.ts';\n",
  };

  it('passes a tree that keeps the table', () => {
    const tree = readTree(write(clean));
    assert.deepEqual(layerViolations(tree), []);
    assert.deepEqual(importCircles(tree), []);
    assert.deepEqual(flagSpellings(tree, cliFlags(tree)), []);
  });

  const bad: [string, Record<string, string>, string][] = [
    [
      'the engine importing query',
      { 'engine/bad.ts': "import { ask } from '../query/queries.ts';\n" },
      'engine/bad.ts:1 → query/queries.ts (engine → query: not allowed)',
    ],
    [
      'model importing the engine, type only',
      { 'model/bad.ts': "import type { check } from '../engine/check.ts';\n" },
      'model/bad.ts:1 → engine/check.ts (model → engine: not allowed)',
    ],
    [
      'render importing the service',
      { 'render/bad.ts': "\nexport { x } from '../service/snapshots.ts';\n" },
      'render/bad.ts:2 → service/snapshots.ts (render → service: not allowed)',
    ],
    [
      'a door importing a door',
      { 'api/grpc/bad.ts': "import { route } from '../http/routes.ts';\n" },
      'api/grpc/bad.ts:1 → api/http/routes.ts (api/grpc → api/http: door imports door)',
    ],
    [
      'the CLI importing REST, dynamically',
      { 'cli/bad.ts': "const m = await import('../api/http/routes.ts');\n" },
      'cli/bad.ts:1 → api/http/routes.ts (cli → api/http: door imports door)',
    ],
    [
      'a future door importing the CLI',
      { 'mcp/bad.ts': "import type { USAGE } from '../cli/main.ts';\n" },
      'mcp/bad.ts:1 → cli/main.ts (mcp → cli: door imports door)',
    ],
    [
      'the service importing a door',
      { 'service/bad.ts': "import { route } from '../api/http/routes.ts';\n" },
      'service/bad.ts:1 → api/http/routes.ts (service → api/http: not allowed)',
    ],
    [
      'a folder the table lacks',
      { 'extras/x.ts': 'export const x = 1;\n' },
      'extras/x.ts: in no layer of the table (add its folder to ALLOWED)',
    ],
  ];
  for (const [name, files, finding] of bad) {
    it(`flags ${name}`, () => assert.deepEqual(layerViolations(readTree(write({ ...clean, ...files }))), [finding]));
  }

  it('flags an import circle, type-only imports included', () => {
    const tree = readTree(
      write({
        ...clean,
        'engine/a.ts': "import type { B } from './b.ts';\nexport type A = { b?: B };\n",
        'engine/b.ts': "import type { C } from './sub/c.ts';\nexport type B = { c?: C };\n",
        'engine/sub/c.ts': "import { type A } from '../a.ts';\nexport type C = { a?: A };\n",
        'engine/self.ts': "export * from './self.ts';\n",
      }),
    );
    assert.deepEqual(importCircles(tree), [['engine/a.ts', 'engine/b.ts', 'engine/sub/c.ts'], ['engine/self.ts']]);
  });

  it("flags a CLI flag spelled below the doors, not in comments or other programs' flags", () => {
    const tree = readTree(
      write({
        ...clean,
        'store/open.ts':
          "// --db in a comment is fine\nexport const hint = `pass another --db`;\nexport const k3s = '--disable-network-policy';\n",
        'query/ask.ts': 'export const e = \'name --to-be \' + "--to";\n',
      }),
    );
    assert.deepEqual(flagSpellings(tree, cliFlags(tree)), ['query/ask.ts:1 --to', 'store/open.ts:2 --db']);
  });

  it('the table: engine and model import nothing above them; doors only what is below the doors', () => {
    assert.deepEqual(ALLOWED.model, []);
    assert.deepEqual(ALLOWED.engine, ['model']);
    assert.deepEqual([...ALLOWED.render].sort(), ['engine', 'model', 'query']);
    for (const door of DOORS) for (const other of DOORS) assert.ok(!ALLOWED[door].includes(other), `${door} → ${other}`);
    assert.equal(layerOf('api/http/routes/check.ts'), 'api/http');
    assert.equal(layerOf('package-root.ts'), 'package-root');
  });
});
