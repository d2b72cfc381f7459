// `netreach cni -o md`: the network plugin report for a pull request or chat: a headline, a small
// table (plugin, how chosen, enforcement, network), then the lists the text rendering has, with the
// deviations' sources as links. No trailing newline.
import type { DataplaneReport } from '../query/dataplane.ts';
import { enforcementWord, evidenceText, policiesText, settingsText, sourceText } from './cni-text.ts';
import { cell } from './markdown.ts';

function list(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : ['', `**${title}**`, '', ...items.map((i) => `- ${i.replace(/\s*\n\s*/gu, ' ')}`)];
}

function icon(r: DataplaneReport): string {
  return r.enforcement === 'enforced' ? '🛡️' : r.enforcement === 'not-enforced' ? '⚠️' : '❔';
}

export function renderCniMarkdown(r: DataplaneReport): string {
  const head = r.source === 'none' ? '❔ **No network plugin recognised**' : `${icon(r)} **Network plugin: ${r.name}**`;
  const lines = [head, '', '| | |', '|---|---|'];
  const rows: [string, string][] = [
    ['Plugin', r.source === 'none' ? 'none recognised' : `${r.name} (\`${r.plugin}\`)`],
    ['Chosen', sourceText(r)],
    ['Enforcement', `${enforcementWord(r)}: ${r.enforcementReason}`],
    ['Policies', policiesText(r)],
    ['Network', `${r.network.kind}${r.network.mode ? `, ${r.network.mode}` : ''}`],
    ['Node → local pods', r.nodeReachesLocalPods ? 'always allowed' : 'policed'],
  ];
  for (const [k, v] of rows) lines.push(`| ${k} | ${cell(v)} |`);
  if (r.source === 'none')
    lines.push(
      '',
      "> Answers follow the Kubernetes API's meaning; whether they are enforced depends on the cluster's " +
        'network plugin (name it with `--cni`).',
    );
  if (r.enforcement === 'not-enforced' && r.policies > 0)
    lines.push('', `> ⚠️ Policies exist but ${r.name} does not enforce them: the traffic they would restrict is not restricted.`);
  lines.push(
    ...list(
      'Settings',
      settingsText(r.settings).map((s) => `\`${s}\``),
    ),
    ...list('Evidence', r.evidence.map(evidenceText)),
    ...list(
      "Deviations from the Kubernetes API's meaning",
      r.deviations.map((d) => `${d.message} ([source](${d.source}))`),
    ),
    ...list(
      'Undocumented (answers that depend on it are "unknown")',
      r.undocumented.map((u) => `${u.protocol}: ${u.reason}`),
    ),
    ...list('Warnings', r.warnings),
    ...list('Advice', r.advice),
    ...list(
      'Sources',
      r.sources.map((s) => `<${s}>`),
    ),
  );
  return lines.join('\n');
}
