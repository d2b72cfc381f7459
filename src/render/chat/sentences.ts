// One paragraph per answer, for the doors that speak to people and agents in a few lines: the MCP
// tools' text beside their structured result and the chat answers' headline. Built from the query
// layer's summaries only; every formatter (plain, Markdown, Block Kit) starts from these words.
import type { PortRanges } from '../../engine/verdict.ts';
import type { CheckSummary, PortsSummary } from '../../query/reach-summary.ts';
import type { ReachSet } from '../../query/reach-sets.ts';

export interface SnapshotWords {
  readonly id: number;
  readonly takenAt: string;
}

export function portsWords(p: PortRanges): string {
  const parts: string[] = [];
  for (const [protocol, ranges] of Object.entries(p)) {
    for (const [lo, hi] of ranges ?? [])
      parts.push(lo === hi ? `${protocol}/${lo}` : lo === 1 && hi === 65535 ? `every ${protocol} port` : `${protocol}/${lo}-${hi}`);
  }
  return parts.length > 0 ? parts.join(', ') : 'no port';
}

function list(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

export function snapshotWords(s: SnapshotWords): string {
  return `(snapshot ${s.id}, ${s.takenAt})`;
}

export function checkSentence(s: CheckSummary, snap: SnapshotWords): string {
  const head = `${s.from} → ${s.to} on ${s.protocol}/${s.port}: ${s.verdict.toUpperCase()}.`;
  const parts = [head];
  if (s.egress && s.ingress) parts.push(`Egress: ${s.egress.reason} Ingress: ${s.ingress.reason}`);
  else if (s.paths) {
    const allowed = s.paths.filter((p) => p.verdict === 'allowed').length;
    parts.push(`${allowed} of ${s.paths.length} path(s) allowed.`);
    const denied = s.paths.find((p) => p.verdict !== 'allowed');
    if (denied) parts.push(`For example ${denied.from} → ${denied.to}: ${denied.reason}`);
  }
  if (s.decidingPolicies.length > 0) parts.push(`Deciding: ${list(s.decidingPolicies)}.`);
  if (s.missing) parts.push(`Unknown because: ${s.missing}`);
  parts.push(snapshotWords(snap));
  return parts.join(' ');
}

export function portsSentence(s: PortsSummary, snap: SnapshotWords): string {
  const every = s.verdict === 'partial' ? ` (on every path: ${portsWords(s.everyPath)})` : '';
  return `${s.from} → ${s.to}: ${s.verdict.toUpperCase()}; open: ${portsWords(s.ports)}${every}. ${snapshotWords(snap)}`;
}

export function reachSentence(r: ReachSet, snap: SnapshotWords): string {
  const on = r.port !== undefined ? ` on ${r.protocol}/${r.port}` : ' on some port';
  const who =
    r.direction === 'to'
      ? `${r.endpoints} endpoint(s) in ${r.workloads} workload(s) can reach ${r.endpoint}${on}`
      : `${r.endpoint} can reach ${r.endpoints} endpoint(s) in ${r.workloads} workload(s)${on}`;
  const names = r.namespaces.flatMap((n) => n.workloads.map((w) => w.workload));
  const listed = names.length > 0 ? `: ${list(names, 8)}` : '';
  const unknown = r.unknown.length > 0 ? ` Unknown for ${list(r.unknown)}.` : '';
  const cut = r.truncated ? ' The list is cut; ask with a port or a narrower endpoint.' : '';
  return `${who}${listed}.${unknown}${cut} ${snapshotWords(snap)}`;
}
