// Shared by the CLI end-to-end tests: run `main(argv, io)` in process with a capturing Io (fast),
// or spawn the CLI as a process (exit codes, stdin, what a user's terminal sees), and write real
// temporary input files. The process runs src/cli/bin.ts through tsx, the entry bin/netreach runs
// compiled from dist/, so tests see the sources as they are, without a build.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';
import type { Io } from '../../src/cli/io.ts';
import { CLI_ENTRY } from '../support/cli-entry.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Relative to REPO_ROOT, as a user at the repository root types them. */
export const DEMO = 'examples/demo-cluster.yaml';
export const BROKEN = 'examples/broken-policy.yaml';
export const DEMO_PATH = join(REPO_ROOT, DEMO);
export const BROKEN_PATH = join(REPO_ROOT, BROKEN);

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Each write becomes one line, as processIo does it. */
function capture(): { write: (text: string) => void; text: () => string } {
  const chunks: string[] = [];
  return {
    write: (text) => chunks.push(text.endsWith('\n') ? text : `${text}\n`),
    text: () => chunks.join(''),
  };
}

/** Runs the CLI in this process. Paths in argv are used as given (absolute paths are safest). */
export async function runCli(argv: string[], stdin = ''): Promise<CliResult> {
  const out = capture();
  const err = capture();
  const io: Io = { out: out.write, err: err.write, stdin: Readable.from([stdin]) };
  const code = await main(argv, io);
  return { code, stdout: out.text(), stderr: err.text() };
}

/** Spawns the CLI at the repository root, the way a user runs `bin/netreach ...`. */
export function spawnCli(argv: string[], input?: string): CliResult {
  const r = spawnSync(process.execPath, [...CLI_ENTRY, ...argv], {
    cwd: REPO_ROOT,
    input: input ?? '',
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, NETREACH_DEBUG: '' },
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A real temporary directory holding `files` (relative path → content); remove() deletes it. */
export function tempTree(files: Record<string, string>): { dir: string; path: (rel: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'netreach-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    const file = join(dir, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return { dir, path: (rel) => join(dir, rel), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A stack frame line as node prints it: users must never see one. */
export const STACK_FRAME = /^\s+at /mu;

/** Minimal running pod manifest (YAML). */
export function podYaml(ns: string, name: string, ip: string, labels: Record<string, string>, ports = ''): string {
  const labelText = Object.entries(labels)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  return [
    'apiVersion: v1',
    'kind: Pod',
    `metadata: {name: ${name}, namespace: ${ns}, labels: {${labelText}}}`,
    `spec: {containers: [{name: c, image: x${ports ? `, ports: [${ports}]` : ''}}]}`,
    `status: {phase: Running, podIP: ${ip}}`,
  ].join('\n');
}
