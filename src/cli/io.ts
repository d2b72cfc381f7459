// Where the CLI writes, and how failures become exit codes: 0 answered, 1 impact found lost flows,
// 2 bad input, 1 also when `serve` cannot start (port in use). No stack trace reaches the user.
import type { Diagnostic } from '../model/diagnostics.ts';
import { type ErrorKind, classify } from '../query/errors.ts';
import { renderDiagnosticsText } from '../render/diagnostics-text.ts';

export const EXIT_OK = 0;
export const EXIT_LOST = 1;
export const EXIT_BAD_INPUT = 2;
/** `serve` could not start for a reason the operator fixes (the port is taken). */
export const EXIT_STARTUP = 1;
/** An unexpected failure (sysexits EX_SOFTWARE): "please report this". */
export const EXIT_INTERNAL = 70;

/** The door's one table: kind → exit code. Whatever the user (or the database) can fix is 2. */
export const EXIT_CODE: Readonly<Record<ErrorKind, number>> = {
  'bad-request': EXIT_BAD_INPUT,
  unauthorized: EXIT_BAD_INPUT,
  'not-found': EXIT_BAD_INPUT,
  unprocessable: EXIT_BAD_INPUT,
  'too-large': EXIT_BAD_INPUT,
  'unsupported-media-type': EXIT_BAD_INPUT,
  unavailable: EXIT_BAD_INPUT,
  'storage-full': EXIT_BAD_INPUT,
  'data-loss': EXIT_BAD_INPUT,
  storage: EXIT_BAD_INPUT,
  startup: EXIT_STARTUP,
  'deadline-exceeded': EXIT_INTERNAL,
  internal: EXIT_INTERNAL,
};

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
  const c = classify(err);
  reportDiagnostics(io, c.diagnostics);
  if (c.kind === 'internal') {
    io.err(`netreach: internal error: ${c.cause} (please report this)`);
    if (process.env.NETREACH_DEBUG) io.err(String((err as Error)?.stack));
  } else io.err(`netreach: ${c.fromStore ? 'database: ' : ''}${c.cause}`);
  return EXIT_CODE[c.kind];
}
