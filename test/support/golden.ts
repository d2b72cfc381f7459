// The one golden-file helper (cf. netpol-analyzer pkg/internal/testutils/testutils.go: one expected
// file per case × format, one update switch): `UPDATE_GOLDEN=1 npm test` rewrites every expected file
// from the current output; otherwise the output must equal the file byte for byte. Every golden file
// lives at test/render/golden/<answer kind>/<case>.<ext of the format>, whichever door the test
// reads it through (the presenter, the CLI, REST).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Format } from '../../src/render/presenter.ts';

export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/** The file extension of each format's golden file (`<case>.<ext>`). */
export const GOLDEN_EXT: Readonly<Record<Format, string>> = {
  text: 'txt',
  json: 'json',
  markdown: 'md',
  csv: 'csv',
  dot: 'dot',
  yaml: 'yaml',
  sarif: 'sarif',
  github: 'github.txt',
  junit: 'junit.xml',
};

/** `actual` equals the file at `path` (absolute); under UPDATE_GOLDEN=1 the file is written instead. */
export function assertGolden(path: string, actual: string): void {
  if (UPDATE_GOLDEN) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.ok(existsSync(path), `golden file ${path} missing; run with UPDATE_GOLDEN=1`);
  assert.equal(actual, readFileSync(path, 'utf8'), `golden ${path} (UPDATE_GOLDEN=1 rewrites it)`);
}

export interface Golden {
  /** test/render/golden/<kind>/<case>.<ext>, absolute. */
  readonly path: string;
  /** A door's output, as it prints it, equals the file. */
  assert(actual: string): void;
  /** A renderer's text (no trailing newline) equals the file, which ends in a newline as files do. */
  assertRendered(text: string): void;
  /** The expected text, for a second door compared with the same file (its JSON by value, say). */
  read(): string;
}

/** The golden file of one case of an answer kind in one format. */
export function golden(kind: string, name: string, format: Format): Golden {
  const path = fileURLToPath(new URL(`../render/golden/${kind}/${name}.${GOLDEN_EXT[format]}`, import.meta.url));
  return {
    path,
    assert: (actual) => assertGolden(path, actual),
    assertRendered: (text) => assertGolden(path, `${text}\n`),
    read: () => readFileSync(path, 'utf8'),
  };
}
