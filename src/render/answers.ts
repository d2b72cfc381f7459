// Text and Markdown of ports, matrix and lint answers. First line: the answer. No trailing newline.
// Standalone (a chat message, a REST body), the text names what it is about first: the pair of a
// ports answer.
import type { PluginContext } from '../query/plugin-context.ts';
import { renderDiagnosticsText } from './diagnostics-text.ts';
import { renderPathsPortsText } from './paths-ports-text.ts';
import { pluginLines, pluginMarkdown } from './plugin-text.ts';
import { renderPortRanges } from './ports-text.ts';
import { type Diagnostic, formatDiagnostic } from '../model/diagnostics.ts';
import type { PortsJson } from '../query/answered.ts';

/** The network plugin's lines follow the first line when a plugin is in force. */
export function portsText(p: PortsJson, ctx?: PluginContext, standalone = false): string {
  if (!('ports' in p)) return renderPathsPortsText(p, ctx);
  const ranges = renderPortRanges(p.ports);
  return [standalone ? `${p.from} -> ${p.to}: ${ranges}` : ranges, ...pluginLines(ctx)].join('\n');
}

/** The first line as is, the per-path detail in a code block so chat keeps its lines, then the
 * network plugin's block. */
export function portsMarkdown(p: PortsJson, ctx?: PluginContext): string {
  const plugin = pluginMarkdown(ctx);
  const tail = plugin.length ? `\n\n${plugin.join('\n')}` : '';
  if ('ports' in p) return `\`${p.from}\` → \`${p.to}\`: **${renderPortRanges(p.ports)}**${tail}`;
  const [head, ...rest] = renderPathsPortsText(p).split('\n');
  return (rest.length ? `${head}\n\n\`\`\`\n${rest.join('\n')}\n\`\`\`` : head) + tail;
}

/** The CLI's matrix text (by pod or grouped) in a code block under a title. */
export function matrixMarkdown(title: string, text: string): string {
  return `**${title}** connectivity (the row may open a connection to the column)\n\n\`\`\`\n${text}\n\`\`\``;
}

export interface LintJson {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

function lintHead(l: LintJson): string {
  const errors = l.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = l.diagnostics.length - errors;
  return l.diagnostics.length === 0 ? 'no findings' : `${l.ok ? 'ok' : 'FAILED'}: ${errors} error(s), ${warnings} warning(s)`;
}

/** The one lint text of every door: the counts and whether the input passes, then one line per finding. */
export function lintText(l: LintJson): string {
  return l.diagnostics.length === 0 ? lintHead(l) : `${lintHead(l)}\n${renderDiagnosticsText(l.diagnostics)}`;
}

export function lintMarkdown(l: LintJson): string {
  const head = l.diagnostics.length === 0 ? '✅ no findings' : `${l.ok ? '⚠️' : '⛔'} ${lintHead(l)}`;
  return [
    head,
    ...(l.diagnostics.length ? [''] : []),
    ...l.diagnostics.map((d) => `- **${d.severity}** \`${d.code}\`: ${formatDiagnostic(d).replace(/\n/g, ' ')}`),
  ].join('\n');
}
