// `impact -o json`: the exact answer (pod-level lists, and the workload view when asked for).
import type { ImpactAnswer } from '../../query/impact.ts';

export function renderImpactJson(answer: ImpactAnswer): string {
  return JSON.stringify(answer, null, 2);
}
