// `fix` as text: the flows as they answer now, then each candidate with what it does, its proof and
// the best one's YAML (-o yaml prints it alone; -o json holds every candidate's objects).
import type { FixAnswer } from '../query/fix.ts';
import type { PluginContext } from '../query/plugin-context.ts';
import { flowLine, headline, impactFlowText, otherFlows, proofLine, sideLines } from './fix-rows.ts';
import { candidateYaml } from './fix-yaml.ts';
import { pluginLines } from './plugin-text.ts';

export function renderFixText(answer: FixAnswer, ctx?: PluginContext): string {
  const out: string[] = [headline(answer), ''];
  for (const f of answer.flows) {
    out.push(flowLine(f));
    for (const line of sideLines(f)) out.push(`  ${line}`);
  }
  for (const n of answer.notes) out.push(`note: ${n}`);
  for (const c of answer.candidates) {
    out.push('', `#${c.rank}${c.rank === 1 ? ' (best)' : ''}: ${c.summary}`);
    for (const ch of c.changes) for (const e of ch.explain) out.push(`  ${e}`);
    out.push(`  ${proofLine(answer, c)}`);
    for (const { label, flows } of otherFlows(answer, c)) for (const f of flows) out.push(`    ${label}: ${impactFlowText(f)}`);
    for (const ch of c.changes) {
      if (ch.action === 'modify')
        out.push(
          `  patch: kubectl patch networkpolicy ${ch.policy.split('/')[1]} -n ${ch.policy.split('/')[0]} ` +
            `--type=json -p '${JSON.stringify(ch.patch)}'`,
        );
    }
    if (c.rank === 1)
      out.push(
        ...candidateYaml(c)
          .trimEnd()
          .split('\n')
          .map((l) => `  ${l}`),
      );
  }
  const plugin = pluginLines(ctx);
  if (plugin.length) out.push('', ...plugin);
  return out.join('\n');
}
