// Collects the diagnostics of one object. An object with any error is left out of the snapshot;
// decoding goes on after the first problem so the user sees every mistake in one run.
import type { Diagnostic, Severity } from '../diagnostics.ts';
import type { ObjectRef } from '../types.ts';
import { ESCALATED_WHEN_STRICT, message, type DecodeCode } from './messages.ts';

export interface Origin {
  readonly file?: string;
  readonly line?: number;
  readonly lineOf?: (path: string) => number | undefined;
}

export function makeDiagnostic(
  severity: Severity,
  code: DecodeCode,
  detail: string,
  where: { ref?: ObjectRef; path?: string } & Origin,
): Diagnostic {
  // Only defined keys, so diagnostics compare and serialise cleanly.
  const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = { severity, code, message: message(code, detail) };
  if (where.ref) d.ref = where.ref;
  if (where.path) d.path = where.path;
  if (where.file !== undefined) d.file = where.file;
  if (where.line !== undefined) d.line = where.line;
  return d;
}

export class ObjectContext {
  private errors = 0;

  constructor(
    private readonly sink: Diagnostic[],
    readonly ref: ObjectRef | undefined,
    readonly origin: Origin,
    readonly strict: boolean,
  ) {}

  /** Something the API server would reject: the object is skipped. */
  error(code: DecodeCode, path: string, detail = ''): void {
    this.push('error', code, path, detail);
  }

  /** Loaded anyway; an error in strict mode when we are more lenient than the API server. */
  warn(code: DecodeCode, path: string, detail = ''): void {
    const severity: Severity = this.strict && ESCALATED_WHEN_STRICT.has(code) ? 'error' : 'warning';
    this.push(severity, code, path, detail);
  }

  get failed(): boolean {
    return this.errors > 0;
  }

  private push(severity: Severity, code: DecodeCode, path: string, detail: string): void {
    if (severity === 'error') this.errors++;
    const line = (path && this.origin.lineOf?.(path)) || this.origin.line;
    this.sink.push(makeDiagnostic(severity, code, detail, { ref: this.ref, path, file: this.origin.file, line }));
  }
}
