// `impact -o markdown`: a pull-request comment. One summary line, a table of lost flows by workload
// and port, then gained. Outside CIDRs that change alike share a row; long tables are cut (the JSON
// output keeps the exact lists). Under a network-plugin profile the plugin block follows the summary.
import type { ImpactAnswer } from '../query/impact.ts';
import type { PluginContext } from '../query/plugin-context.ts';
import { type ImpactRow, displayFlows, impactRows, namesText } from './impact-rows.ts';
import { summaryLine } from './impact-text.ts';
import { pluginMarkdown } from './plugin-text.ts';
import { cell, code } from './markdown.ts';

export const MAX_ROWS = 50;

function table(title: string, decided: string, rows: readonly ImpactRow[], lost: boolean): string[] {
  if (rows.length === 0) return [];
  const was = lost ? ' Was allowed by |' : '';
  const lines = [
    '',
    `### ${title}`,
    '',
    `| From | To | Ports | Flows |${was} ${decided} |`,
    `| --- | --- | --- | ---: |${lost ? ' --- |' : ''} --- |`,
  ];
  for (const r of rows.slice(0, MAX_ROWS)) {
    const wasCell = lost ? ` ${cell(r.wasAllowedBy.map(code).join(', ') || '–')} |` : '';
    lines.push(
      `| ${cell(namesText(r.from, 4, code))} | ${cell(namesText(r.to, 4, code))} | ${cell(r.ports)} | ` +
        `${r.flows} |${wasCell} ${cell(r.policies.join(', ') || '–')} |`,
    );
  }
  if (rows.length > MAX_ROWS) lines.push('', `… and ${rows.length - MAX_ROWS} more rows (run with \`-o json\` for the exact lists).`);
  return lines;
}

export function renderImpactMarkdown(answer: ImpactAnswer, ctx?: PluginContext): string {
  const icon = answer.summary.lost > 0 ? '🔴' : answer.summary.gained > 0 ? '🟡' : '🟢';
  const plugin = pluginMarkdown(ctx);
  return [
    `**netreach impact** ${icon} ${summaryLine(answer)}`,
    ...(plugin.length ? ['', ...plugin] : []),
    ...table('Lost flows (allowed before, denied after)', 'Denied by', impactRows(displayFlows(answer, 'lost')), true),
    ...table('Gained flows (denied before, allowed after)', 'Allowed by', impactRows(displayFlows(answer, 'gained')), false),
  ].join('\n');
}
