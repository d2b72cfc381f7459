// Plain-text rendering of diagnostics: one `error: ...` / `warning: ...` line each, in the order
// given (the producer decides the order). No trailing newline; empty input gives ''.
import { formatDiagnostic } from '../model/diagnostics.ts';
import type { Diagnostic } from '../model/diagnostics.ts';

export function renderDiagnosticsText(d: readonly Diagnostic[]): string {
  return d.map((x) => `${x.severity}: ${formatDiagnostic(x)}`).join('\n');
}
