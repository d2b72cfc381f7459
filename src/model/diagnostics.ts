// Errors are values: a stable code, the object, the field path and a message for humans.
// Tests assert on codes; renderers print `formatDiagnostic`.
import type { ObjectRef } from './types.ts';

/** info: worth saying once, not a problem (an undeclared namespace, a path absent at a git revision). */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  readonly severity: Severity;
  /** Stable, kebab-case: 'unknown-field', 'invalid-cidr', 'policy-selects-nothing', ... */
  readonly code: string;
  readonly message: string;
  /** The object the diagnostic is about, when there is one. */
  readonly ref?: ObjectRef;
  /** Field path inside the object, e.g. `spec.ingress[0].from[1].ipBlock.except[0]`. */
  readonly path?: string;
  /** Where the object was read from. */
  readonly file?: string;
  readonly line?: number;
  /** A mechanical fix, when the finding has one (`netreach lint --fix` prints its objects). */
  readonly fix?: DiagnosticFix;
}

/** What to apply to fix a finding: whole objects, ready for `kubectl apply -f -`. */
export interface DiagnosticFix {
  /** One sentence: what the fix does. */
  readonly summary: string;
  readonly objects: readonly Readonly<Record<string, unknown>>[];
}

export function refText(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
}

/** `NetworkPolicy default/web: spec.podSelector.matchLabel: unknown field (file.yaml:12)` */
export function formatDiagnostic(d: Diagnostic): string {
  const parts: string[] = [];
  if (d.ref) parts.push(refText(d.ref));
  if (d.path) parts.push(d.path);
  parts.push(d.message);
  let text = parts.join(': ');
  if (d.file) text += ` (${d.file}${d.line ? `:${d.line}` : ''})`;
  return text;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Thrown only at adapter boundaries (CLI/HTTP) to carry diagnostics; the engine returns values. */
export class InputError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(message: string, diagnostics: readonly Diagnostic[] = []) {
    super(message);
    this.name = 'InputError';
    this.diagnostics = diagnostics;
  }
}
