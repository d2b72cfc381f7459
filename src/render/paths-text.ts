// Plain-text rendering of a composite answer (query/paths): the first line is the overall answer,
// then, under a network-plugin profile, the plugin lines (plugin-text.ts); then one line per path
// (its answer, the pair, the port it lands on, how, and why; below it what the plugin changed: the
// unknown reason, the upstream answer, deviations), then the notes: the answer's own, and each
// distinct note of the engine verdicts once (the plugin's notes are shown above). No trailing newline.
//   PARTIAL  deploy:store/web -> svc:store/api  TCP/80  (1 of 2 paths allowed)
//     ALLOWED  store/web-1 -> store/api-v1-1  TCP/8080  via service store/api port 80 → targetPort http (8080) — allowed by ...
import type { Note } from '../engine/verdict.ts';
import type { Outcome, PathNote, PathVerdict, PathsVerdict } from '../query/paths/types.ts';
import type { PluginContext } from '../query/plugin-context.ts';
import { PLUGIN_NOTE_CODES, contextOfVerdict, pluginLines, verdictDifferenceLines } from './plugin-text.ts';
import { directionBlock } from './verdict-text.ts';

const WORD: Record<Outcome, string> = { allowed: 'ALLOWED', denied: 'DENIED', partial: 'PARTIAL' };

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/gu, ' ').trim();
}

/** `1 of 2 paths allowed`, `no path`. */
export function countText(a: PathsVerdict): string {
  if (a.paths.length === 0) return 'no path';
  const allowed = a.paths.filter((p) => p.allowed).length;
  return `${allowed} of ${a.paths.length} path${a.paths.length === 1 ? '' : 's'} allowed`;
}

/** Notes of the answer, then each distinct engine note of its verdicts (but the plugin's). */
export function allNotes(a: PathsVerdict): (PathNote | Note)[] {
  const seen = new Set<string>();
  const out: (PathNote | Note)[] = [];
  for (const n of [...a.notes, ...a.paths.flatMap((p) => p.verdict?.notes ?? [])]) {
    if (seen.has(n.message) || PLUGIN_NOTE_CODES.has(n.code as Note['code'])) continue;
    seen.add(n.message);
    out.push(n);
  }
  return out;
}

/** The plugin in force for the top lines: the caller's, else what the first path's verdict carries.
 * Deviations and unknowns are said per path, where they changed the answer. */
export function pathsContext(a: PathsVerdict, ctx: PluginContext | undefined): PluginContext | undefined {
  const first = a.paths.find((p) => p.verdict !== undefined)?.verdict;
  const found = ctx ?? (first ? contextOfVerdict(first) : undefined);
  return found && { ...found, deviations: [], undocumented: [] };
}

export function pathWord(p: PathVerdict): 'ALLOWED' | 'DENIED' | 'UNKNOWN' {
  return p.verdict?.verdict === 'unknown' ? 'UNKNOWN' : p.allowed ? 'ALLOWED' : 'DENIED';
}

function pathLine(p: PathVerdict, protocol: string, width: number): string {
  const word = pathWord(p).padEnd(7);
  const pair = `${p.from} -> ${p.to}`.padEnd(width);
  const via = p.via ? `  via ${p.via}` : '';
  const reason = p.reason ? ` — ${oneLine(p.reason)}` : '';
  return `  ${word}  ${pair}  ${protocol}/${p.port}${via}${reason}`;
}

export function renderPathsText(a: PathsVerdict, ctx?: PluginContext): string {
  const lines = [`${WORD[a.outcome]}  ${a.from} -> ${a.to}  ${a.protocol}/${a.port}  (${countText(a)})`];
  lines.push(...pluginLines(pathsContext(a, ctx)));
  const width = Math.max(0, ...a.paths.map((p) => `${p.from} -> ${p.to}`.length));
  for (const p of a.paths) {
    lines.push(pathLine(p, a.protocol, width));
    if (p.verdict) lines.push(...verdictDifferenceLines(p.verdict).map((l) => `      ${l}`));
    // A denied path says both directions, as a pod answer does (and the near misses).
    if (p.verdict && !p.verdict.allowed && p.verdict.override === undefined) {
      for (const d of [p.verdict.egress, p.verdict.ingress]) lines.push(...directionBlock(p.verdict, d).map((l) => `      ${l}`));
    }
  }
  for (const n of allNotes(a)) lines.push(`note: ${oneLine(n.message)}`);
  return lines.join('\n');
}
