// `impact -o text`: a summary line, then one line per lost and gained flow (pod level, or by
// workload with --group-by workload; outside CIDRs that change alike on one line), naming the
// policies that decide it after the change. Under a network-plugin profile the plugin lines follow
// the summary (a plugin that enforces nothing loses and gains nothing: the caveat says why).
import type { ImpactAnswer } from '../query/impact.ts';
import type { PluginContext } from '../query/plugin-context.ts';
import { type ImpactRow, displayFlows, impactRows, namesText } from './impact-rows.ts';
import { pluginLines } from './plugin-text.ts';

export function summaryLine(answer: ImpactAnswer): string {
  const s = answer.summary;
  const policies = s.changedPolicies.length ? ` (changed policies: ${s.changedPolicies.join(', ')})` : ' (no policy changed)';
  const endpoints = [
    s.addedEndpoints.length ? `${s.addedEndpoints.length} endpoint(s) added` : '',
    s.removedEndpoints.length ? `${s.removedEndpoints.length} removed` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${s.lost} flow(s) lost, ${s.gained} gained${policies}${endpoints ? `; ${endpoints}` : ''}`;
}

/** Counts say how many JSON entries a line stands for; worth saying when a line folds several pairs. */
function rowLine(r: ImpactRow, grouped: boolean, lost: boolean): string {
  const count = r.flows > 1 && (grouped || r.from.length > 1 || r.to.length > 1) ? ` [${r.flows} flows]` : '';
  const denied = r.policies.length ? r.policies.join(', ') : 'no policy isolates it';
  const by = lost ? `  (was allowed by ${r.wasAllowedBy.join(', ') || 'no isolation'}; denied by ${denied})` : `  (${denied})`;
  return `  ${namesText(r.from, 3)} -> ${namesText(r.to, 3)}  ${r.ports}${count}${by}`;
}

export function renderImpactText(answer: ImpactAnswer, ctx?: PluginContext): string {
  const lines = [summaryLine(answer), ...pluginLines(ctx)];
  const lost = impactRows(displayFlows(answer, 'lost'));
  const gained = impactRows(displayFlows(answer, 'gained'));
  if (lost.length)
    lines.push('', 'Lost (allowed before, denied after):', ...lost.map((r) => rowLine(r, answer.workloads !== undefined, true)));
  if (gained.length)
    lines.push(
      '',
      'Gained (denied before, allowed after; allowed by):',
      ...gained.map((r) => rowLine(r, answer.workloads !== undefined, false)),
    );
  return lines.join('\n');
}
