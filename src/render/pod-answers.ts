// Markdown and plain-text answers about pods: the policies of one pod, and exposure to the outside.
// First line: the answer. No trailing newline.
import { renderPortRanges } from './ports-text.ts';
import type { ExposureResult } from '../query/exposure.ts';
import type { PeerRule, PodPoliciesResult } from '../query/pod-policies.ts';
import { code } from './markdown.ts';

function selected(list: readonly string[]): string {
  return list.length ? list.join(', ') : 'none (not isolated)';
}

/** Numeric ports and named ones: `TCP 80; named TCP/http`, or only the part there is. */
function rulePorts(r: PeerRule): string {
  const named = r.namedPorts.length ? `named ${r.namedPorts.join(', ')}` : '';
  const numeric = renderPortRanges(r.ports);
  return named && numeric === 'none' ? named : named ? `${numeric}; ${named}` : numeric;
}

function peerRuleText(r: PeerRule): string {
  return `${r.policy} ${r.direction.toLowerCase()} rule #${r.rule} (${r.via}): ${rulePorts(r)}`;
}

export function podPoliciesText(p: PodPoliciesResult): string {
  const lines = [`${p.pod}: ingress ${selected(p.selectedBy.ingress)}; egress ${selected(p.selectedBy.egress)}`];
  lines.push(`admitted as a peer by ${p.peerOf.length} rule(s)`);
  for (const r of p.peerOf) lines.push(`  ${peerRuleText(r)}`);
  return lines.join('\n');
}

export function podPoliciesMarkdown(p: PodPoliciesResult): string {
  const sel = (list: readonly string[]) => (list.length ? list.map(code).join(', ') : '_none (not isolated)_');
  const lines = [`**${code(p.pod)}**: ingress ${sel(p.selectedBy.ingress)}; egress ${sel(p.selectedBy.egress)}`];
  if (p.peerOf.length) {
    lines.push('', '| Policy | Rule | Via | Ports |', '|---|---|---|---|');
    for (const r of p.peerOf) lines.push(`| ${code(r.policy)} | ${r.direction.toLowerCase()} #${r.rule} | ${r.via} | ${rulePorts(r)} |`);
  }
  return lines.join('\n');
}

export function exposureText(e: ExposureResult): string {
  const lines = [`${e.pods.length} pod(s) reachable from outside the cluster`];
  for (const p of e.pods) for (const s of p.from) lines.push(`  ${p.pod} from ${s.cidrs.join(',')}: ${renderPortRanges(s.ports)}`);
  for (const n of e.notes) lines.push(`note: ${n}`);
  return lines.join('\n');
}

export function exposureMarkdown(e: ExposureResult): string {
  const lines = [`**${e.pods.length} pod(s)** reachable from outside the cluster`];
  if (e.pods.length) {
    lines.push('', '| Pod | From | Ports |', '|---|---|---|');
    for (const p of e.pods) for (const s of p.from) lines.push(`| \`${p.pod}\` | ${s.cidrs.join(', ')} | ${renderPortRanges(s.ports)} |`);
  }
  lines.push('', ...e.notes.map((n) => `> - ${n}`));
  return lines.join('\n');
}
