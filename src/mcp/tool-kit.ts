// What every tool shares: the snapshot and plugin fields of an answer, the result shape (one
// paragraph of text beside the structured value), list caps for concise / detailed answers, and
// errors as tool results a model can read and retry with (the SDK turns a thrown error into
// `isError: true`; an InputError's diagnostics are added to the message).
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { InputError } from '../model/diagnostics.ts';
import { pluginContext } from '../query/plugin-context.ts';
import type { SourceSnapshot } from './source.ts';

export type ResponseFormat = 'concise' | 'detailed';

/** List entries a concise answer keeps; a detailed one keeps more, never an unbounded dump. */
export function capOf(format: ResponseFormat): number {
  return format === 'detailed' ? 500 : 10;
}

export function capped<T>(items: readonly T[], format: ResponseFormat): { items: T[]; truncated: boolean } {
  const cap = capOf(format);
  return { items: items.slice(0, cap), truncated: items.length > cap };
}

export interface CommonFields {
  readonly snapshot: { id: number; takenAt: string; source: string };
  readonly plugin: { name: string; enforced: boolean | null };
}

export function commonFields(s: SourceSnapshot): CommonFields {
  const ctx = pluginContext(s.compiled);
  return { snapshot: { id: s.id, takenAt: s.takenAt, source: s.source }, plugin: { name: ctx.dataplane.name, enforced: ctx.enforced } };
}

export function toolResult<T extends { summary: string }>(value: T): CallToolResult {
  return { content: [{ type: 'text', text: value.summary }], structuredContent: value as unknown as Record<string, unknown> };
}

/** Runs a tool body; bad input becomes an error result naming the problem (and its diagnostics). */
export async function guarded(body: () => CallToolResult | Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (err) {
    if (!(err instanceof Error)) throw err;
    const details =
      err instanceof InputError
        ? err.diagnostics
            .slice(0, 5)
            .map((d) => `\n- ${d.code}: ${d.message}${d.path ? ` (${d.path})` : ''}`)
            .join('')
        : '';
    return { content: [{ type: 'text', text: `${err.message}${details}` }], isError: true };
  }
}
