// The near miss in text and Markdown: under a denied direction, each closest rule and the
// condition(s) that keep it from admitting (engine/near-miss.ts). Shared by the verdict and path
// renderers so the wording is one.
import type { DirectionVerdict, NearMiss } from '../engine/verdict.ts';
import { code } from './markdown.ts';

function ruleName(m: NearMiss): string {
  return `${m.policy} ${m.direction.toLowerCase()} rule #${m.rule}`;
}

function failText(m: NearMiss): string {
  return m.fails.map((f) => `${f.path}: ${f.message}`).join('; ');
}

/** `near miss: shop/api ingress rule #0 — spec.ingress[0].from[0].podSelector.matchLabels.tier: ...` */
export function nearMissLines(d: DirectionVerdict, indent: string): string[] {
  return (d.nearMisses ?? []).map((m) => {
    const label = m.fails.length === 1 ? 'near miss' : `closest (${m.fails.length} conditions fail)`;
    return `${indent}${label}: ${ruleName(m)} — ${failText(m)}`;
  });
}

/** One Markdown list item per near miss, field paths as code. */
export function nearMissMarkdown(d: DirectionVerdict): string[] {
  return (d.nearMisses ?? []).map((m) => {
    const label = m.fails.length === 1 ? 'Near miss' : `Closest (${m.fails.length} conditions fail)`;
    const fails = m.fails.map((f) => `${code(f.path)}: ${f.message}`).join('; ');
    return `- ${label} (${d.direction.toLowerCase()}): ${code(m.policy)} ${m.direction.toLowerCase()} rule #${m.rule} — ${fails}`;
  });
}
