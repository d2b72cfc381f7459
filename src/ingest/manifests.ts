// Reads manifests from files, directories (recursively: .yaml, .yml, .json, in sorted order) and
// stdin (`-`). Problems are diagnostics; one unreadable file or document never stops the others.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourcedObject } from '../model/decode.ts';
import type { Diagnostic } from '../model/diagnostics.ts';
import { makeDiagnostic } from '../model/decode/context.ts';
import { parseManifestText } from './yaml.ts';

export interface ManifestRead {
  readonly objects: SourcedObject[];
  readonly diagnostics: Diagnostic[];
  /** Files read (stdin counts as one). */
  readonly files: number;
}

export const STDIN_NAME = '<stdin>';
const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

export async function readManifests(paths: readonly string[], stdin?: NodeJS.ReadableStream): Promise<ManifestRead> {
  const objects: SourcedObject[] = [];
  const diagnostics: Diagnostic[] = [];
  let files = 0;
  const load = (text: string, file: string): void => {
    const parsed = parseManifestText(text, file);
    // Loops, not push(...): a 150k-item PodList would exceed the argument limit.
    for (const o of parsed.objects) objects.push(o);
    for (const d of parsed.diagnostics) diagnostics.push(d);
    files++;
  };
  for (const path of paths) {
    if (path === '-') {
      const text = await readStream(stdin ?? process.stdin).catch((error: unknown) => {
        diagnostics.push(fileDiagnostic(error, STDIN_NAME));
        return undefined;
      });
      if (text !== undefined) load(text, STDIN_NAME);
      continue;
    }
    for (const file of await expand(path, diagnostics)) {
      const text = await readText(file, diagnostics);
      if (text !== undefined) load(text, file);
    }
  }
  return { objects, diagnostics, files };
}

/** A file as itself; a directory as its manifest files, sorted, subdirectories included. */
async function expand(path: string, diagnostics: Diagnostic[]): Promise<string[]> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? await walk(path, new Set()) : [path];
  } catch (error) {
    diagnostics.push(fileDiagnostic(error, path));
    return [];
  }
}

async function walk(dir: string, visited: Set<string>): Promise<string[]> {
  // Symlinked directories can form cycles; each real directory is read once.
  const real = await realpath(dir);
  if (visited.has(real)) return [];
  visited.add(real);
  const names = (await readdir(dir)).sort();
  const files: string[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue; // .git, editor swap directories
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined); // a dangling symlink is not a manifest
    if (info?.isDirectory()) files.push(...(await walk(path, visited)));
    else if (info?.isFile() && MANIFEST_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext))) files.push(path);
  }
  return files;
}

async function readText(file: string, diagnostics: Diagnostic[]): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    diagnostics.push(fileDiagnostic(error, file));
    return undefined;
  }
}

function fileDiagnostic(error: unknown, file: string): Diagnostic {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return makeDiagnostic('error', 'file-not-found', '', { file });
  const detail = error instanceof Error ? error.message : String(error);
  return makeDiagnostic('error', 'read-error', detail, { file });
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
