// Where the CLI writes, and how failures become exit codes: 0 answered, 1 impact found lost flows,
// 2 bad input, 1 also when `serve` cannot start (port in use). No stack trace reaches the user.
import { EngineError } from '../engine/index.ts';
import { type Diagnostic, InputError } from '../model/diagnostics.ts';
import { NotFoundError } from '../query/resolve.ts';
import { StartupError } from '../service/startup-error.ts';
import { StoreError } from '../store/errors.ts';
import { renderDiagnosticsText } from '../render/diagnostics-text.ts';

export const EXIT_OK = 0;
export const EXIT_LOST = 1;
export const EXIT_BAD_INPUT = 2;
/** `serve` could not start for a reason the operator fixes (the port is taken). */
export const EXIT_STARTUP = 1;

export interface Io {
  out(text: string): void;
  err(text: string): void;
  stdin: NodeJS.ReadableStream;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  stdin: process.stdin,
};

export function reportDiagnostics(io: Io, diagnostics: readonly Diagnostic[]): void {
  if (diagnostics.length > 0) io.err(renderDiagnosticsText(diagnostics));
}

/** Maps a failure to its exit code, printing a one-line message (and any diagnostics). */
export function failure(io: Io, err: unknown): number {
  if (err instanceof InputError) {
    reportDiagnostics(io, err.diagnostics);
    io.err(`netreach: ${err.message}`);
    return EXIT_BAD_INPUT;
  }
  if (err instanceof StartupError) {
    io.err(`netreach: ${err.message}`);
    return EXIT_STARTUP;
  }
  if (err instanceof StoreError) {
    io.err(`netreach: database: ${err.message}`);
    return EXIT_BAD_INPUT;
  }
  if (err instanceof EngineError || err instanceof NotFoundError) {
    io.err(`netreach: ${err.message}`);
    return EXIT_BAD_INPUT;
  }
  io.err(`netreach: internal error: ${(err as Error)?.message ?? String(err)} (please report this)`);
  if (process.env.NETREACH_DEBUG) io.err(String((err as Error)?.stack));
  return 70;
}
