// metav1.LabelSelector, validated as the API server does (ValidateLabelSelector): label keys and
// values, operators, and values present exactly for In/NotIn.
import type { LabelSelector, SelectorOperator, SelectorRequirement } from '../types.ts';
import type { ObjectContext } from './context.ts';
import { readLabels } from './labels.ts';
import { labelKeyProblem, labelValueProblem } from './names.ts';
import { child, item, readEach, readMapping, readString, readStringList } from './read.ts';
import { readRequiredString } from './meta.ts';

export const EMPTY_SELECTOR: LabelSelector = { matchLabels: {}, matchExpressions: [] };

const OPERATORS: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** A selector at `path`; undefined when absent (null) or of the wrong type. */
export function readSelector(ctx: ObjectContext, value: unknown, path: string): LabelSelector | undefined {
  const raw = readMapping(ctx, value, path);
  if (!raw) return undefined;
  const matchLabels = readLabels(ctx, raw.matchLabels, child(path, 'matchLabels'), 'error');
  const matchExpressions =
    readEach(ctx, raw.matchExpressions, child(path, 'matchExpressions'), (entry, p) => readRequirement(ctx, entry, p)) ?? [];
  return { matchLabels, matchExpressions };
}

function readRequirement(ctx: ObjectContext, value: unknown, path: string): SelectorRequirement | undefined {
  const raw = readMapping(ctx, value, path);
  if (!raw) return undefined;
  const key = readRequiredString(ctx, raw.key, child(path, 'key'));
  if (key !== undefined) {
    const problem = labelKeyProblem(key);
    if (problem) ctx.error('invalid-label', child(path, 'key'), problem);
  }
  const operator = readOperator(ctx, raw.operator, child(path, 'operator'));
  const values = readStringList(ctx, raw.values, child(path, 'values')) ?? [];
  values.forEach((v, i) => {
    const problem = labelValueProblem(v);
    if (problem) ctx.error('invalid-label', item(child(path, 'values'), i), problem);
  });
  if (operator) checkValueCount(ctx, operator, values, child(path, 'values'));
  if (key === undefined || operator === undefined) return undefined;
  return { key, operator, values };
}

function readOperator(ctx: ObjectContext, value: unknown, path: string): SelectorOperator | undefined {
  if (value === undefined || value === null || value === '') {
    ctx.error('required', path);
    return undefined;
  }
  const text = readString(ctx, value, path);
  if (text === undefined) return undefined;
  const operator = OPERATORS.find((op) => op === text);
  if (!operator) ctx.error('invalid-selector-operator', path, JSON.stringify(text));
  return operator;
}

function checkValueCount(ctx: ObjectContext, operator: SelectorOperator, values: readonly string[], path: string): void {
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) ctx.error('invalid-selector-values', path, `must be specified when operator is ${operator}`);
      return;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) ctx.error('invalid-selector-values', path, `may not be specified when operator is ${operator}`);
      return;
    default: {
      const unreachable: never = operator;
      return unreachable;
    }
  }
}
