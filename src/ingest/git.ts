// Manifests as they are at a git revision (`netreach impact --base-ref REF`): the same paths as on
// disk, read with `git ls-tree` and `git show REF:path` from the repository holding each path, so a
// CI job compares two states without a second checkout. Directories are read like readManifests
// reads them (recursive, .yaml/.yml/.json, sorted, dot-entries skipped). A path that does not exist
// at REF (added by the change) contributes nothing, with an info diagnostic.
import { execFile } from 'node:child_process';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { SourcedObject } from '../model/decode.ts';
import type { Diagnostic } from '../model/diagnostics.ts';
import { InputError } from '../model/diagnostics.ts';
import type { ManifestRead } from './manifests.ts';
import { parseManifestText } from './yaml.ts';

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
const MAX_BUFFER = 256 * 1024 * 1024;

function git(cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile('git', [...args], { cwd, maxBuffer: MAX_BUFFER, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) fail(new InputError(`git ${args.join(' ')}: ${(stderr || error.message).trim().split('\n')[0]}`));
      else done(stdout);
    });
  });
}

/** The nearest existing directory of a path (a path deleted in the work tree may still exist at REF). */
function existingDir(path: string): string {
  let dir = existsSync(path) && statSync(path).isDirectory() ? path : dirname(path);
  while (!existsSync(dir)) dir = dirname(dir);
  return dir;
}

const isManifest = (file: string) => MANIFEST_EXTENSIONS.some((ext) => file.toLowerCase().endsWith(ext));
const hidden = (rel: string) => rel.split('/').some((part) => part.startsWith('.'));

/** Repository-relative manifest files under `rel` at `ref` (a file, a directory, or the root ''). */
async function filesAt(top: string, ref: string, rel: string): Promise<string[]> {
  const out = await git(top, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', ref, '--', rel === '' ? '.' : rel]);
  const all = out.split('\0').filter((f) => f !== '');
  return all.filter((f) => (f === rel || isManifest(f)) && !hidden(rel === '' ? f : f.slice(rel.length))).sort();
}

export async function readManifestsAtRef(ref: string, paths: readonly string[]): Promise<ManifestRead> {
  if (ref === '' || ref.startsWith('-')) throw new InputError(`--base-ref ${ref}: expected a git revision`);
  const objects: SourcedObject[] = [];
  const diagnostics: Diagnostic[] = [];
  let files = 0;
  for (const path of paths) {
    if (path === '-') throw new InputError('--base-ref: stdin (-) has no git history; name files or directories');
    const dir = existingDir(resolve(path));
    const top = realpathSync((await git(dir, ['rev-parse', '--show-toplevel'])).trim());
    await git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => {
      throw new InputError(`--base-ref ${ref}: not a commit in ${top}`);
    });
    const abs = resolve(realpathSync(dir), relative(dir, resolve(path)));
    const rel = relative(top, abs).split(sep).join('/');
    if (rel.startsWith('..')) throw new InputError(`--base-ref: ${path} is outside the git repository ${top}`);
    const found = await filesAt(top, ref, rel);
    if (found.length === 0) {
      diagnostics.push({ severity: 'info', code: 'absent-at-ref', message: `${path}: no manifest at ${ref} (added by the change)` });
      continue;
    }
    for (const file of found) {
      const text = await git(top, ['show', `${ref}:${file}`]);
      const parsed = parseManifestText(text, `${ref}:${file}`);
      for (const o of parsed.objects) objects.push(o);
      for (const d of parsed.diagnostics) diagnostics.push(d);
      files++;
    }
  }
  return { objects, diagnostics, files };
}
