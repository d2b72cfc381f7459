// metav1.LabelSelector semantics. An empty selector matches everything in its scope;
// NotIn and DoesNotExist are true when the key is absent.
import type { LabelSelector, Labels } from '../model/types.ts';

export function matchesSelector(selector: LabelSelector, labels: Labels): boolean {
  for (const key in selector.matchLabels) {
    if (labels[key] !== selector.matchLabels[key]) return false;
  }
  for (const req of selector.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    switch (req.operator) {
      case 'In':
        if (!has || !req.values.includes(labels[req.key])) return false;
        break;
      case 'NotIn':
        if (has && req.values.includes(labels[req.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default: {
        const never: never = req.operator;
        throw new Error(`unreachable operator ${String(never)}`);
      }
    }
  }
  return true;
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** Canonical text of a selector: equal meaning-preserving spellings give one key (for caching). */
export function selectorKey(selector: LabelSelector): string {
  const labels = Object.keys(selector.matchLabels)
    .sort()
    .map((k) => `${k}=${selector.matchLabels[k]}`);
  const exprs = selector.matchExpressions.map((e) => `${e.key} ${e.operator} (${[...e.values].sort().join(',')})`).sort();
  return [...labels, ...exprs].join(';');
}

/** Label keys a selector looks at. */
export function selectorKeys(selector: LabelSelector): string[] {
  return [...Object.keys(selector.matchLabels), ...selector.matchExpressions.map((e) => e.key)];
}

/** Human text: `role=db, tier in (a,b)`; `{}` for the empty selector. */
export function selectorText(selector: LabelSelector): string {
  if (isEmptySelector(selector)) return '{}';
  const parts = Object.keys(selector.matchLabels).map((k) => `${k}=${selector.matchLabels[k]}`);
  for (const e of selector.matchExpressions) {
    const op = e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : '';
    if (op) parts.push(`${e.key} ${op} (${e.values.join(',')})`);
    else parts.push(e.operator === 'Exists' ? e.key : `!${e.key}`);
  }
  return parts.join(', ');
}
