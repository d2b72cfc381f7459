// The network-plugin lines every text and Markdown rendering shares: which plugin the answer was
// given under and whether it enforces NetworkPolicy, the not-enforced caveat, the deviations that
// changed answers, behaviours the plugin does not document. With no plugin recognised the renderings
// stay as they were (the answer is the Kubernetes API's meaning, and a check answer's
// `enforcement-depends-on-plugin` note already says so); JSON always carries `dataplane`/`enforced`.
import type { Deviation } from '../engine/dataplane/types.ts';
import type { DataplaneSummary, MatrixResult, NoteCode, Verdict } from '../engine/verdict.ts';
import type { PluginContext } from '../query/plugin-context.ts';

/** Note codes whose content the plugin lines already show (renderers skip them among the notes). */
export const PLUGIN_NOTE_CODES: ReadonlySet<NoteCode> = new Set<NoteCode>(['not-enforced', 'plugin-deviation', 'plugin-undocumented']);

/** A profile is in force: the plugin was detected or named with --cni. */
export function inForce(d: DataplaneSummary): boolean {
  return d.source !== 'none';
}

function howChosen(d: DataplaneSummary): string {
  return d.source === 'override' ? 'named with --cni' : d.source === 'detected' ? 'detected' : 'nothing recognised';
}

function enforcementText(d: DataplaneSummary): string {
  switch (d.enforcement) {
    case 'enforced':
      return 'enforces NetworkPolicy';
    case 'not-enforced':
      return 'does not enforce NetworkPolicy';
    case 'unknown':
      return 'NetworkPolicy enforcement unknown';
    default: {
      const never: never = d.enforcement;
      return String(never);
    }
  }
}

/** `network plugin: flannel (named with --cni): does not enforce NetworkPolicy`. */
export function pluginLine(d: DataplaneSummary): string {
  if (!inForce(d)) return "network plugin: none recognised: answers follow the Kubernetes API; enforcement depends on the cluster's plugin";
  return `network plugin: ${d.name} (${howChosen(d)}): ${enforcementText(d)}`;
}

export function deviationLine(d: Deviation): string {
  return `deviation: ${d.message} (${d.source})`;
}

/** The context a Verdict carries (for renderers called without one, e.g. by the REST adapter). */
export function contextOfVerdict(v: Verdict): PluginContext {
  const caveat = v.notes.find((n) => n.code === 'not-enforced')?.message;
  return { dataplane: v.dataplane, enforced: v.enforced, ...(caveat !== undefined ? { caveat } : {}), deviations: [], undocumented: [] };
}

/** The context a MatrixResult carries; the caveat is the short form (the result holds no policy count). */
export function contextOfMatrix(m: MatrixResult): PluginContext | undefined {
  if (!m.dataplane) return undefined;
  const caveat = m.enforced === false ? `${m.dataplane.name} does not enforce NetworkPolicy: this traffic is not restricted` : undefined;
  return {
    dataplane: m.dataplane,
    enforced: m.enforced ?? null,
    ...(caveat !== undefined ? { caveat } : {}),
    deviations: [],
    undocumented: [],
  };
}

/** What one path's verdict adds under the plugin: the unknown reason, the upstream answer, deviations. */
export function verdictDifferenceLines(v: Verdict): string[] {
  const lines: string[] = [];
  if (v.verdict === 'unknown') lines.push(`unknown: ${oneLine(v.unknownReason ?? 'the network plugin does not document this case')}`);
  if (v.upstream) lines.push(`upstream (Kubernetes API): ${v.upstream.allowed ? 'allowed' : 'denied'}`);
  for (const d of v.deviations) lines.push(deviationLine(d));
  return lines;
}

/** Plugin lines for answers other than one Verdict; empty when no plugin is in force. */
export function pluginLines(ctx: PluginContext | undefined): string[] {
  if (!ctx || !inForce(ctx.dataplane)) return [];
  const lines = [pluginLine(ctx.dataplane)];
  if (ctx.caveat !== undefined) lines.push(`caveat: ${ctx.caveat}`);
  for (const d of ctx.deviations) lines.push(deviationLine(d));
  for (const u of ctx.undocumented) lines.push(`unknown for ${u.protocol}: ${u.reason}`);
  return lines;
}

/** The plugin lines of one Verdict: plugin, caveat, upstream answer and deviations, unknown reason. */
export function verdictPluginLines(v: Verdict): string[] {
  const lines = inForce(v.dataplane) ? [pluginLine(v.dataplane)] : [];
  const caveat = v.notes.find((n) => n.code === 'not-enforced');
  if (caveat) lines.push(`caveat: ${oneLine(caveat.message)}`);
  return [...lines, ...verdictDifferenceLines(v)];
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/gu, ' ').trim();
}

// Markdown ------------------------------------------------------------------------------------------

function mdPluginLine(d: DataplaneSummary): string {
  const how = d.source === 'override' ? 'named with `--cni`' : howChosen(d);
  return `_Network plugin: **${d.name}** (${how}): ${enforcementText(d)}._`;
}

export function mdDeviation(d: Deviation): string {
  return `- Deviation: ${oneLine(d.message)} ([source](${d.source}))`;
}

/** Markdown plugin block for answers other than one Verdict; empty when no plugin is in force. */
export function pluginMarkdown(ctx: PluginContext | undefined): string[] {
  if (!ctx || !inForce(ctx.dataplane)) return [];
  const lines = [mdPluginLine(ctx.dataplane)];
  if (ctx.caveat !== undefined) lines.push('', `> ⚠️ ${oneLine(ctx.caveat)}`);
  if (ctx.deviations.length > 0) lines.push('', ...ctx.deviations.map(mdDeviation));
  if (ctx.undocumented.length > 0) lines.push('', ...ctx.undocumented.map((u) => `- Unknown for ${u.protocol}: ${oneLine(u.reason)}`));
  return lines;
}

/** Markdown plugin block of one Verdict (blank-line separated paragraphs; empty when nothing to say). */
export function verdictPluginMarkdown(v: Verdict): string[] {
  const blocks: string[][] = [];
  if (inForce(v.dataplane)) blocks.push([mdPluginLine(v.dataplane)]);
  const caveat = v.notes.find((n) => n.code === 'not-enforced');
  if (caveat) blocks.push([`> ⚠️ ${oneLine(caveat.message)}`]);
  if (v.verdict === 'unknown')
    blocks.push([`❔ **Unknown**: ${oneLine(v.unknownReason ?? 'the network plugin does not document this case')}`]);
  if (v.upstream) blocks.push([`Upstream (Kubernetes API): **${v.upstream.allowed ? 'allowed' : 'denied'}**`]);
  if (v.deviations.length > 0) blocks.push(v.deviations.map(mdDeviation));
  return blocks.flatMap((b, i) => (i === 0 ? b : ['', ...b]));
}
