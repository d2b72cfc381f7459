// `netreach assert -o text`: one line per assertion (PASS/FAIL), the failing ones with their
// message and deciding rules, then a count.
import type { AssertionResult } from '../query/assertions/evaluate.ts';

export function renderAssertionsText(results: readonly AssertionResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name}: ${r.assertion}`);
    if (!r.ok) {
      lines.push(`      ${r.message}`);
      for (const rule of r.rules) lines.push(`      rule: ${rule}`);
    }
  }
  const failing = results.filter((r) => !r.ok).length;
  lines.push('', failing ? `${failing} of ${results.length} assertion(s) failing` : `all ${results.length} assertion(s) hold`);
  return lines.join('\n');
}
