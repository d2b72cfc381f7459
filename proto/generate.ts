// `npm run gen:grpc`: proto/netreach/v1/netreach.proto → src/api/grpc/gen/ (TypeScript messages and
// the grpc-js service definition by ts-proto, compiled by buf; both come from npm, so a clean clone
// needs nothing else), plus a binary descriptor set the reflection service serves.
// `npm run check:grpc` (CI): fails when the checked-in files differ from what the proto generates.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PROTO_DIR = join(ROOT, 'proto');
export const GEN_DIR = join(ROOT, 'src/api/grpc/gen');
export const DESCRIPTOR_FILE = 'netreach.binpb';

const BIN = (name: string) => join(ROOT, 'node_modules/.bin', name);

// ts-proto options: grpc-js services, plain numbers for 64-bit ints, tagged unions for oneofs,
// `.ts` import suffixes and `import type` for the project's verbatimModuleSyntax.
const TS_PROTO_OPTIONS = [
  'outputServices=grpc-js',
  'env=node',
  'esModuleInterop=true',
  'forceLong=number',
  'oneof=unions-value',
  'useOptionals=messages',
  'importSuffix=.ts',
  'useExactTypes=false',
  'outputJsonMethods=false',
];

function template(): string {
  return JSON.stringify({
    version: 'v2',
    plugins: [{ local: BIN('protoc-gen-ts_proto'), out: '.', opt: TS_PROTO_OPTIONS }],
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Generated files by path relative to the gen directory. */
export function generate(): Map<string, Buffer> {
  const out = mkdtempSync(join(tmpdir(), 'netreach-gen-grpc-'));
  try {
    execFileSync(BIN('buf'), ['generate', '--template', template(), '-o', out, PROTO_DIR], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    execFileSync(BIN('buf'), ['build', PROTO_DIR, '--exclude-source-info', '-o', join(out, DESCRIPTOR_FILE)], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    return new Map(filesUnder(out).map((f) => [relative(out, f), readFileSync(f)]));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function run(check: boolean): number {
  const fresh = generate();
  if (!check) {
    rmSync(GEN_DIR, { recursive: true, force: true });
    for (const [rel, bytes] of fresh) {
      mkdirSync(dirname(join(GEN_DIR, rel)), { recursive: true });
      writeFileSync(join(GEN_DIR, rel), bytes);
    }
    console.log(`wrote ${[...fresh.keys()].map((r) => join('src/api/grpc/gen', r)).join(', ')}`);
    return 0;
  }
  let current: string[] = [];
  try {
    current = filesUnder(GEN_DIR).map((f) => relative(GEN_DIR, f));
  } catch {
    // a missing directory counts as stale
  }
  const same = current.length === fresh.size && current.every((rel) => fresh.get(rel)?.equals(readFileSync(join(GEN_DIR, rel))));
  if (same) return 0;
  console.error('src/api/grpc/gen/ is stale: run `npm run gen:grpc` and commit the result');
  return 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = run(process.argv.includes('--check'));
}
