// The shipped build: files read at run time resolve from the package root both from src/ (tsx) and
// from dist/ (tsc, tsconfig.build.json), and bin/netreach runs dist/ only, saying so when it is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { OPENAPI_JSON_PATH, OPENAPI_PATH } from '../src/api/http/openapi.ts';
import { PACKAGE_ROOT, packagePath } from '../src/package-root.ts';
import { DEMO_CLUSTER } from '../src/process/serve.ts';
import { MIGRATIONS_DIR } from '../src/store/migrate.ts';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

describe('package root and the dist build', () => {
  it("PACKAGE_ROOT is the repository root (the directory holding netreach's package.json)", () => {
    assert.equal(join(PACKAGE_ROOT), join(REPO_ROOT));
    assert.equal(JSON.parse(readFileSync(packagePath('package.json'), 'utf8')).name, 'netreach');
  });

  const assets: [string, string][] = [
    ['OpenAPI document', OPENAPI_PATH],
    ['OpenAPI document as JSON', OPENAPI_JSON_PATH],
    ['migrations directory', MIGRATIONS_DIR],
    ['bundled demo cluster', DEMO_CLUSTER],
    ['gRPC descriptor set', packagePath('src/api/grpc/gen/netreach.binpb')],
  ];
  for (const [name, path] of assets) {
    it(`the ${name} resolves under the package root and exists`, () => {
      assert.ok(!relative(PACKAGE_ROOT, path).startsWith('..'), path);
      assert.ok(existsSync(path), path);
    });
  }

  it('tsconfig.build.json maps src/ onto dist/ with source maps and .ts imports rewritten', () => {
    const read = ts.readConfigFile(join(REPO_ROOT, 'tsconfig.build.json'), ts.sys.readFile);
    assert.equal(read.error, undefined);
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, REPO_ROOT);
    assert.deepEqual(parsed.errors, []);
    const o = parsed.options;
    // package-root.ts sits one level below the root in src/, so its .js must sit one below in dist/.
    assert.equal(o.rootDir, join(REPO_ROOT, 'src'));
    assert.equal(o.outDir, join(REPO_ROOT, 'dist'));
    assert.equal(o.sourceMap, true);
    assert.equal(o.rewriteRelativeImportExtensions, true);
    assert.notEqual(o.noEmit, true);
    assert.ok(parsed.fileNames.includes(join(REPO_ROOT, 'src/package-root.ts').split('\\').join('/')));
    assert.ok(parsed.fileNames.every((f) => !f.includes('/test/') && !f.includes('/bench/')));
  });

  it('npm ci / npm install build dist/ through prepare', () => {
    const scripts = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts;
    assert.match(scripts.prepare, /npm run build/);
    assert.match(scripts.build, /tsc -p tsconfig\.build\.json/);
  });

  it('bin/netreach without dist/ names the missing build and exits 2, without a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netreach-bin-'));
    try {
      const bin = join(dir, 'bin', 'netreach');
      mkdirSync(dirname(bin));
      copyFileSync(join(REPO_ROOT, 'bin', 'netreach'), bin);
      const r = spawnSync(process.execPath, [bin, 'check'], { encoding: 'utf8', cwd: dir });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /dist\/ is missing: run `npm run build`/);
      assert.doesNotMatch(r.stderr, /^\s+at /mu);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
