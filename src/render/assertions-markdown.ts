// `netreach assert -o markdown`: a report a CI job posts on the pull request — a headline, a table
// of every assertion, and the deciding rules of the failing ones.
import type { AssertionResult } from '../query/assertions/evaluate.ts';
import { cell } from './markdown.ts';

export function renderAssertionsMarkdown(results: readonly AssertionResult[]): string {
  const failing = results.filter((r) => !r.ok);
  const lines = [
    failing.length
      ? `### ❌ ${failing.length} of ${results.length} reachability assertion(s) failing`
      : `### ✅ All ${results.length} reachability assertion(s) hold`,
    '',
    '| | assertion | expectation | result |',
    '| --- | --- | --- | --- |',
    ...results.map((r) => `| ${r.ok ? '✅' : '❌'} | \`${cell(r.name)}\` | ${cell(r.assertion)} | ${cell(r.message)} |`),
  ];
  for (const r of failing) {
    lines.push('', `**${r.name}**: ${r.message}`);
    for (const rule of r.rules) lines.push(`- ${rule}`);
  }
  return lines.join('\n');
}
