// Plain-text rendering of a composite answer (query/paths): the first line is the overall answer,
// then one line per path (its answer, the pair, the port it lands on, how, and why), then the notes:
// the answer's own, and each distinct note of the engine verdicts once. No trailing newline.
//   PARTIAL  deploy:store/web -> svc:store/api  TCP/80  (1 of 2 paths allowed)
//     ALLOWED  store/web-1 -> store/api-v1-1  TCP/8080  via service store/api port 80 → targetPort http (8080) — allowed by ...
import type { Note } from '../../engine/verdict.ts';
import type { Outcome, PathNote, PathVerdict, PathsVerdict } from '../../query/paths/types.ts';

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

/** Notes of the answer, then each distinct engine note of its verdicts. */
export function allNotes(a: PathsVerdict): (PathNote | Note)[] {
  const seen = new Set<string>();
  const out: (PathNote | Note)[] = [];
  for (const n of [...a.notes, ...a.paths.flatMap((p) => p.verdict?.notes ?? [])]) {
    if (seen.has(n.message)) continue;
    seen.add(n.message);
    out.push(n);
  }
  return out;
}

function pathLine(p: PathVerdict, protocol: string, width: number): string {
  const word = (p.allowed ? 'ALLOWED' : 'DENIED').padEnd(7);
  const pair = `${p.from} -> ${p.to}`.padEnd(width);
  const via = p.via ? `  via ${p.via}` : '';
  const reason = p.reason ? ` — ${oneLine(p.reason)}` : '';
  return `  ${word}  ${pair}  ${protocol}/${p.port}${via}${reason}`;
}

export function renderPathsText(a: PathsVerdict): string {
  const lines = [`${WORD[a.outcome]}  ${a.from} -> ${a.to}  ${a.protocol}/${a.port}  (${countText(a)})`];
  const width = Math.max(0, ...a.paths.map((p) => `${p.from} -> ${p.to}`.length));
  for (const p of a.paths) lines.push(pathLine(p, a.protocol, width));
  for (const n of allNotes(a)) lines.push(`note: ${oneLine(n.message)}`);
  return lines.join('\n');
}
