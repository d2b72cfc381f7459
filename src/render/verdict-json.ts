// JSON rendering of a Verdict: the value itself, pretty-printed. No trailing newline.
import type { Verdict } from '../engine/verdict.ts';

export function renderVerdictJson(v: Verdict): string {
  return JSON.stringify(v, null, 2);
}
