// The engine is pure: no I/O, no clock, no randomness (DESIGN.md). This test reads every file under
// src/engine/ and fails on an import of a Node built-in or an adapter library, an import reaching
// outside engine/ and model/, or a use of Date.now / Math.random / process. It also checks that the
// checker itself catches synthetic bad sources, so a weakened checker cannot pass silently.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const ENGINE = join(SRC, 'engine');
/** Relative imports may reach these folders only (model/ is pure too). */
const PURE_DIRS = [join(SRC, 'engine'), join(SRC, 'model')];
/** Packages the engine may use. */
const ALLOWED_PACKAGES = new Set(['ipaddr.js']);
const FORBIDDEN_PACKAGES = ['better-sqlite3', '@kubernetes/client-node', 'fastify', '@grpc/grpc-js', '@grpc/proto-loader', 'yaml'];
const FORBIDDEN_USES: [RegExp, string][] = [
  [/\bDate\.now\b/, 'Date.now'],
  [/\bnew\s+Date\s*\(/, 'new Date()'],
  [/\bMath\.random\b/, 'Math.random'],
  [/\bperformance\.now\b/, 'performance.now'],
  [/(?<![\w$.])process\s*\./, 'process.'],
  [/\bglobalThis\s*\.\s*process\b/, 'globalThis.process'],
];

/** The source with comments removed and, when `strings` is set, string contents blanked. */
function strip(source: string, strings: boolean): string {
  let out = '';
  for (let i = 0; i < source.length;) {
    const two = source.slice(i, i + 2);
    if (two === '//') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (two === '/*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
    } else if (source[i] === "'" || source[i] === '"' || source[i] === '`') {
      const quote = source[i];
      let j = i + 1;
      while (j < source.length && source[j] !== quote) j += source[j] === '\\' ? 2 : 1;
      out += strings ? `${quote}${quote}` : source.slice(i, j + 1);
      i = j + 1;
    } else out += source[i++];
  }
  return out;
}

/** Every module specifier of the source (static, dynamic, `export … from`, require), read by the
 * TypeScript compiler's own scanner as test/support/layers.ts reads them: text inside strings and
 * comments is never taken for an import. */
function specifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

function isBuiltin(spec: string): boolean {
  if (spec.startsWith('node:')) return true;
  return builtinModules.includes(spec) || builtinModules.includes(spec.split('/')[0]);
}

function isForbiddenPackage(spec: string): boolean {
  return FORBIDDEN_PACKAGES.some((p) => spec === p || spec.startsWith(`${p}/`));
}

/** Findings for one source file (`file` is its path, for resolving relative imports). */
function impurities(source: string, file: string): string[] {
  const found: string[] = [];
  for (const spec of specifiers(source)) {
    if (isBuiltin(spec)) found.push(`imports Node built-in ${spec}`);
    else if (isForbiddenPackage(spec)) found.push(`imports adapter package ${spec}`);
    else if (spec.startsWith('.')) {
      const target = resolve(dirname(file), spec);
      if (!PURE_DIRS.some((d) => target === d || target.startsWith(d + sep))) found.push(`imports ${spec} outside engine/ and model/`);
    } else if (!ALLOWED_PACKAGES.has(spec)) found.push(`imports package ${spec}, not in the engine's allowed list`);
  }
  const bare = strip(source, true);
  for (const [pattern, what] of FORBIDDEN_USES) if (pattern.test(bare)) found.push(`uses ${what}`);
  return found;
}

function engineFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...engineFiles(path));
    else if (/\.(ts|js|mjs|cjs|mts|cts)$/.test(entry.name)) out.push(path);
  }
  return out.sort();
}

describe('engine purity', () => {
  const files = engineFiles(ENGINE);

  it('finds the engine sources', () => {
    const names = files.map((f) => relative(ENGINE, f));
    for (const expected of ['check.ts', 'compile.ts', 'index.ts'])
      assert.ok(names.includes(expected), `${expected} in ${names.join(', ')}`);
  });

  for (const file of files) {
    it(`src/engine/${relative(ENGINE, file)} does no I/O and reads no clock`, () => {
      assert.deepEqual(impurities(readFileSync(file, 'utf8'), file), []);
    });
  }
});

describe('engine purity: the checker catches bad sources', () => {
  const at = join(ENGINE, 'synthetic.ts');
  const bad: [string, string][] = [
    ["import { readFileSync } from 'node:fs';", 'imports Node built-in node:fs'],
    ["import fs from 'fs';", 'imports Node built-in fs'],
    ["import { readFile } from 'fs/promises';", 'imports Node built-in fs/promises'],
    ["import * as net from 'net';", 'imports Node built-in net'],
    ["import http from 'node:http';", 'imports Node built-in node:http'],
    ["const cp = require('child_process');", 'imports Node built-in child_process'],
    ["const p = await import('node:process');", 'imports Node built-in node:process'],
    ["export { hostname } from 'node:os';", 'imports Node built-in node:os'],
    ["import 'node:fs';", 'imports Node built-in node:fs'],
    ["import Database from 'better-sqlite3';", 'imports adapter package better-sqlite3'],
    ["import { KubeConfig } from '@kubernetes/client-node';", 'imports adapter package @kubernetes/client-node'],
    ["import Fastify from 'fastify';", 'imports adapter package fastify'],
    ["import * as grpc from '@grpc/grpc-js';", 'imports adapter package @grpc/grpc-js'],
    ["import type { FastifyInstance } from 'fastify';", 'imports adapter package fastify'],
    ["import { openDb } from '../store/db.ts';", 'imports ../store/db.ts outside engine/ and model/'],
    ["import lodash from 'lodash';", "imports package lodash, not in the engine's allowed list"],
    ['const t = Date.now();', 'uses Date.now'],
    ['const d = new Date();', 'uses new Date()'],
    ['const r = Math.random() * 10;', 'uses Math.random'],
    ['const t0 = performance.now();', 'uses performance.now'],
    ['if (process.env.DEBUG) console.log(1);', 'uses process.'],
    ['const e = globalThis.process;', 'uses globalThis.process'],
  ];
  for (const [source, finding] of bad) {
    it(`flags ${JSON.stringify(source)}`, () => assert.deepEqual(impurities(source, at), [finding]));
  }

  const clean: [string, string][] = [
    ['ipaddr.js and its process()', "import ipaddr from 'ipaddr.js';\nconst a = ipaddr.process(text);"],
    ['engine and model imports', "import type { Snapshot } from '../model/types.ts';\nimport { check } from './check.ts';"],
    ['mentions in comments', '// Date.now() and process.exit are not used here\n/* import fs from "fs"; Math.random() */\nconst x = 1;'],
    ['mentions in strings', "const msg = 'the process.env of Date.now()';"],
    ['a property named process', 'const step = pipeline.process(x);'],
    // A message split into concatenated strings at the word "from" once read as `from '…'` (notes.ts).
    ['a string ending in from', 'const m =\n  "exempts only ingress from " +\n  "the node, so the egress policy decides";'],
  ];
  for (const [name, source] of clean) {
    it(`does not flag ${name}`, () => assert.deepEqual(impurities(source, at), []));
  }
});
