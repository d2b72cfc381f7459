// `fix -o markdown`: for a pull request or a chat: the flows, then each candidate with its proof,
// the best one's YAML in a fenced block and, for a modified policy, the patch.
import type { FixAnswer } from '../query/fix.ts';
import type { PluginContext } from '../query/plugin-context.ts';
import { flowLine, headline, impactFlowText, otherFlows, proofLine, sideLines } from './fix-rows.ts';
import { candidateYaml } from './fix-yaml.ts';
import { pluginMarkdown } from './plugin-text.ts';

export function renderFixMarkdown(answer: FixAnswer, ctx?: PluginContext): string {
  const out: string[] = [`### ${headline(answer)}`, ''];
  for (const f of answer.flows) {
    out.push(`- \`${flowLine(f)}\``);
    for (const line of sideLines(f)) out.push(`  - ${line}`);
  }
  for (const n of answer.notes) out.push(`- note: ${n}`);
  for (const c of answer.candidates) {
    out.push('', `#### ${c.rank}. ${c.summary}${c.rank === 1 ? ' (best)' : ''}`, '');
    for (const ch of c.changes) for (const e of ch.explain) out.push(`- ${e}`);
    out.push(`- ${proofLine(answer, c)}`);
    for (const { label, flows } of otherFlows(answer, c)) for (const f of flows) out.push(`  - ${label}: \`${impactFlowText(f)}\``);
    if (c.rank === 1) out.push('', '```yaml', candidateYaml(c).trimEnd(), '```');
    for (const ch of c.changes)
      if (ch.action === 'modify')
        out.push('', `Patch for \`${ch.policy}\` (\`kubectl patch --type=json\`):`, '', '```json', JSON.stringify(ch.patch), '```');
  }
  const plugin = pluginMarkdown(ctx);
  if (plugin.length) out.push('', ...plugin);
  return out.join('\n');
}
