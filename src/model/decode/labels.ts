// Label maps: object labels (an invalid key or value is a warning and the label is kept, since
// selectors can still match it) and selector labels (an error: the API server rejects the policy).
import type { Labels } from '../types.ts';
import type { ObjectContext } from './context.ts';
import { labelKeyProblem, labelValueProblem } from './names.ts';
import { child, readStringMap } from './read.ts';

export type LabelStrictness = 'warn' | 'error';

export function checkLabel(ctx: ObjectContext, key: string, value: string, path: string, how: LabelStrictness): void {
  const problem = labelKeyProblem(key) ?? labelValueProblem(value);
  if (!problem) return;
  if (how === 'error') ctx.error('invalid-label', path, problem);
  else ctx.warn('invalid-label', path, problem);
}

/** A label map at `path`; {} when absent. Keys come out sorted, for deterministic output. */
export function readLabels(ctx: ObjectContext, value: unknown, path: string, how: LabelStrictness): Labels {
  const labels = readStringMap(ctx, value, path) ?? {};
  for (const [key, v] of Object.entries(labels)) checkLabel(ctx, key, v, child(path, key), how);
  return labels;
}
