// Differential test of the fast block-YAML reader (src/ingest/yaml-fast.ts) against the `yaml`
// package alone (parseManifestText with fast: false): same objects, lines, item lines, diagnostics and
// field lines, on the examples and on hand-written cases; cases outside the subset must fall back.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseManifestText } from '../../src/ingest/yaml.ts';
import { parseFastYaml } from '../../src/ingest/yaml-fast.ts';

function paths(v: unknown, pre = ''): string[] {
  if (Array.isArray(v)) return [pre, ...v.flatMap((x, i) => paths(x, `${pre}[${i}]`))];
  if (v && typeof v === 'object') return [pre, ...Object.entries(v).flatMap(([k, x]) => paths(x, pre ? `${pre}.${k}` : k))];
  return [pre];
}

function assertSame(text: string): void {
  const fast = parseManifestText(text, 'f.yaml');
  const slow = parseManifestText(text, 'f.yaml', undefined, { fast: false });
  const strip = (r: typeof fast) => ({ diagnostics: r.diagnostics, objects: r.objects.map(({ lineOf: _, ...o }) => o) });
  assert.deepStrictEqual(strip(fast), strip(slow));
  fast.objects.forEach((o, i) => {
    for (const p of [...paths(o.object), 'spec.missing', 'metadata.labels.nope'])
      assert.equal(o.lineOf?.(p), slow.objects[i].lineOf?.(p), `line of ${p} in object ${i}`);
  });
}

const SIMPLE: [string, string[]][] = [
  [
    'scalars as the YAML 1.2 core schema plus YAML 1.1 booleans resolve them',
    [
      'kind: ConfigMap',
      'data:',
      '  a: 1',
      '  b: -0',
      '  c: 0o17',
      '  d: 0x1F',
      '  e: 1.50',
      '  f: .inf',
      '  g: .NaN',
      '  h: ~',
      '  i: null',
      '  j: yes',
      '  k: Off',
      '  l: True',
      '  m: "quoted # not a comment"',
      "  n: 'it''s'",
      '  o: http://x:80/a#b',
      '  p: value   # comment',
      '  q:',
      '  r: 1e3',
      '  s: {}',
      '  t: []',
      '  80: port',
      '  "k: v": quoted key',
      '  a:b: colon in key',
      '  constructor: x',
    ],
  ],
  [
    'sequences at their key indentation, compact maps, dashes alone, comments and empty documents',
    [
      '# leading comment',
      '---',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: a   # trailing',
      'spec:',
      '  containers:',
      '  - name: c',
      '    ports:',
      '    - containerPort: 80',
      '      # a comment between entries',
      '    -   containerPort: 81',
      '  -',
      '    name: d',
      '  - plain item',
      '',
      '---',
      'kind: Namespace',
      'metadata: {}',
    ],
  ],
  [
    'lists: the line of each item',
    [
      'apiVersion: v1',
      'kind: PodList',
      'items:',
      '- kind: Pod',
      '  metadata:',
      '    name: a',
      '-',
      '  kind: Pod',
      '  metadata:',
      '    name: b',
    ],
  ],
];

const NOT_SIMPLE: [string, string][] = [
  ['an anchor', 'a: &x 1\nb: *x\n'],
  ['a tag', 'a: !!str 1\n'],
  ['a block scalar', 'a: |\n  text\n'],
  ['a multi-line plain scalar', 'a: one\n  two\n'],
  ['a flow sequence', 'a: [1, 2]\n'],
  ['an escape', 'a: "x\\ty"\n'],
  ['a tab', 'a:\tb\n'],
  ['a duplicate key', 'a: 1\na: 2\n'],
  ['a nested mapping on one line', 'a: b: c\n'],
  ['a document end marker', 'a: 1\n...\n'],
  ['a bad indentation', 'a:\n  b: 1\n c: 2\n'],
  ['a root scalar', 'just text\n'],
];

describe('yaml-fast: the same answers as the yaml package', () => {
  for (const [name, lines] of SIMPLE)
    it(name, () => {
      const text = lines.join('\n');
      assert.ok(parseFastYaml(text, []), 'read by the fast path');
      assertSame(text);
    });
  for (const [name, text] of NOT_SIMPLE)
    it(`falls back on ${name}`, () => {
      assert.equal(parseFastYaml(text, []), undefined);
      assertSame(text);
    });
  for (const file of readdirSync('examples').filter((f) => f.endsWith('.yaml')))
    it(`examples/${file}`, () => assertSame(readFileSync(`examples/${file}`, 'utf8')));
});
