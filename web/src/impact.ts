// What-if: paste or upload policy YAML and/or name policies to delete; POST /v1/impact lists the
// lost and gained flows (exact per pod pair), drawn as a graph, with risk flags. The proposal is
// kept in the URL (the YAML in the fragment, never sent to a server log), so the link is shareable.
import cytoscape from 'cytoscape';
import { ApiError, apiFetch } from './api.ts';
import type { GraphNode } from './graph-data.ts';
import { layout } from './layout.ts';
import { escapeHtml } from './md.ts';
import { COLOURS } from './palette.ts';
import { pinnedSnapshot } from './shell.ts';
import { chrome, remeasureOnShift } from './shifts.ts';
import type { ImpactAnswer, ImpactFlow } from './types.ts';

const OUTSIDE = /^[0-9a-f.:]+\/\d+$/i;

function b64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function unb64(text: string): string {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

export interface Risk { kind: 'outside-exposure' | 'cross-namespace' | 'loses-isolation'; text: string }

/** Risk flags of an impact answer: new access from outside, new cross-namespace access, lost isolation. */
export function risks(a: ImpactAnswer): Risk[] {
  const out: Risk[] = [];
  for (const f of a.gained) {
    if (OUTSIDE.test(f.from)) out.push({ kind: 'outside-exposure', text: `${f.to} becomes reachable from outside (${f.from}) on ${ports(f)}` });
    else if (!OUTSIDE.test(f.to) && f.from.split('/')[0] !== f.to.split('/')[0]) out.push({ kind: 'cross-namespace', text: `new cross-namespace access ${f.from} → ${f.to} on ${ports(f)}` });
  }
  const lost = new Set<string>();
  for (const f of [...a.gained, ...a.lost]) {
    if (f.before.ingress.isolatedBy.length > 0 && f.after.ingress.isolatedBy.length === 0) lost.add(`${f.to} loses ingress isolation`);
    if (f.before.egress.isolatedBy.length > 0 && f.after.egress.isolatedBy.length === 0) lost.add(`${f.from} loses egress isolation`);
  }
  for (const text of lost) out.push({ kind: 'loses-isolation', text });
  return out;
}

function ports(f: ImpactFlow): string {
  return `${f.protocol}/${f.ports.map(([a, b]) => (a === b ? a : `${a}-${b}`)).join(',')}`;
}

function rule(s: ImpactFlow['before']): string {
  const rules = [...s.egress.allowedBy, ...s.ingress.allowedBy].map((r) => `${r.policy} ${r.direction.toLowerCase()} rule #${r.rule}`);
  const iso = [...s.egress.isolatedBy, ...s.ingress.isolatedBy];
  return rules.length ? rules.join('; ') : iso.length ? `isolated by ${iso.join(', ')}` : 'not isolated';
}

function table(kind: 'lost' | 'gained', flows: ImpactFlow[]): string {
  const rows = flows.map((f) => `<tr data-flow="${kind}"><td>${escapeHtml(f.from)}</td><td>${escapeHtml(f.to)}</td><td>${ports(f)}</td><td>${escapeHtml(rule(f.before))}</td><td>${escapeHtml(rule(f.after))}</td></tr>`).join('');
  return `<h2>${kind === 'lost' ? 'Lost' : 'Gained'} flows (${flows.length} rows: per pod pair, protocol and outside CIDR fragment)</h2><table class="flows" data-testid="${kind}"><thead><tr><th>From</th><th>To</th><th>Ports</th><th>Before</th><th>After</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Lost (dashed red) and gained (blue) flows as a graph: one edge per pod pair and kind, the outside as one node. */
function drawFlows(container: HTMLElement, a: ImpactAnswer): void {
  const node = (id: string) => (OUTSIDE.test(id) ? 'outside' : id);
  const edges = new Map<string, { kind: string; source: string; target: string; n: number }>();
  for (const [kind, flows] of [['lost', a.lost], ['gained', a.gained]] as const) {
    for (const f of flows) {
      const key = `${kind}|${node(f.from)}|${node(f.to)}`;
      const e = edges.get(key) ?? { kind, source: node(f.from), target: node(f.to), n: 0 };
      e.n++;
      edges.set(key, e);
    }
  }
  const ids = [...new Set([...edges.values()].flatMap((e) => [e.source, e.target]))];
  const nodes: GraphNode[] = ids.map((id) => ({ id, namespace: id === 'outside' ? '' : id.split('/')[0], label: id, kind: id === 'outside' ? 'cidr' : 'workload', pods: 1, exposed: false }));
  const pos = layout(nodes);
  const cy = cytoscape({
    container,
    elements: [
      ...nodes.map((n) => ({ data: { id: n.id, label: n.id === 'outside' ? 'outside (CIDRs)' : n.label }, position: pos.get(n.id) })),
      ...[...edges.values()].map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target }, classes: e.kind })),
    ],
    layout: { name: 'preset' },
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 11, width: 18, height: 18, 'background-color': COLOURS.grey } },
      { selector: 'edge', style: { 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', width: 1.5 } },
      { selector: 'edge.lost', style: { 'line-color': COLOURS.vermillion, 'target-arrow-color': COLOURS.vermillion, 'line-style': 'dashed' } },
      { selector: 'edge.gained', style: { 'line-color': COLOURS.blue, 'target-arrow-color': COLOURS.blue } },
    ],
  });
  cy.fit(undefined, 20);
  remeasureOnShift(cy, [...chrome(), document.getElementById('impact-form'), container.previousElementSibling]);
}

async function runImpact(yaml: string, deletes: string[]): Promise<ImpactAnswer> {
  const q = new URLSearchParams();
  for (const d of deletes) q.append('delete', d);
  const snap = pinnedSnapshot();
  if (snap !== undefined) q.set('snapshot', String(snap));
  const init: RequestInit = yaml.trim()
    ? { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: yaml }
    : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ delete: deletes, ...(snap !== undefined ? { snapshot: snap } : {}) }) };
  const res = await apiFetch(`/v1/impact${yaml.trim() && q.size ? `?${q}` : ''}`, init);
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => ({})));
  return res.json();
}

export function impactView(root: HTMLElement): void {
  root.innerHTML = `<section class="page"><h1>What-if</h1><form id="impact-form">
    <label for="impact-yaml">Proposed policy YAML (applied on top of the snapshot)</label>
    <textarea id="impact-yaml" rows="14" spellcheck="false" placeholder="apiVersion: networking.k8s.io/v1&#10;kind: NetworkPolicy&#10;..."></textarea>
    <div class="inline-form"><label>Or upload <input type="file" id="impact-file" accept=".yaml,.yml,.json"></label>
    <label>Delete policies <input id="impact-delete" size="40" placeholder="ns/name, ns/other"></label>
    <button type="submit">Show impact</button> <a id="impact-share" href="#">Shareable link</a></div></form>
    <div id="impact-result" aria-live="polite"></div></section>`;
  const yaml = root.querySelector<HTMLTextAreaElement>('#impact-yaml')!;
  const del = root.querySelector<HTMLInputElement>('#impact-delete')!;
  const result = root.querySelector<HTMLElement>('#impact-result')!;
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get('yaml')) yaml.value = unb64(hash.get('yaml')!);
  del.value = new URLSearchParams(location.search).getAll('delete').join(', ');
  root.querySelector<HTMLInputElement>('#impact-file')!.onchange = async (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) yaml.value = await file.text();
  };
  const run = async () => {
    const deletes = del.value.split(',').map((s) => s.trim()).filter(Boolean);
    const url = new URL(location.href);
    url.searchParams.delete('delete');
    for (const d of deletes) url.searchParams.append('delete', d);
    url.hash = yaml.value.trim() ? `yaml=${b64(yaml.value)}` : '';
    history.replaceState(null, '', url);
    root.querySelector<HTMLAnchorElement>('#impact-share')!.href = url.href;
    result.setAttribute('aria-busy', 'true');
    try {
      const a = await runImpact(yaml.value, deletes);
      const flags = risks(a);
      result.innerHTML = `<p data-testid="impact-summary">${a.summary.lost} lost, ${a.summary.gained} gained; changed policies: ${escapeHtml(a.summary.changedPolicies.join(', ') || 'none')}</p>
        <h2>Risk flags (${flags.length})</h2><ul class="risks">${flags.map((f) => `<li data-risk="${f.kind}">⚠ ${escapeHtml(f.text)}</li>`).join('') || '<li>none</li>'}</ul>
        ${a.diagnostics.length ? `<ul class="diagnostics">${a.diagnostics.map((d) => `<li>${d.severity}: ${escapeHtml(d.message)}</li>`).join('')}</ul>` : ''}
        <div id="impact-graph" role="img" aria-label="Lost (dashed red) and gained (blue) flows"></div>${table('lost', a.lost)}${table('gained', a.gained)}`;
      if (a.lost.length + a.gained.length > 0) drawFlows(result.querySelector<HTMLElement>('#impact-graph')!, a);
    } catch (err) {
      result.innerHTML = `<p class="error">${escapeHtml(err instanceof ApiError ? `${err.message}${err.problem.errors ? `: ${err.problem.errors.map((e) => `${e.path} ${e.message}`).join('; ')}` : ''}` : String(err))}</p>`;
    } finally {
      result.removeAttribute('aria-busy');
      document.body.dataset.ready = 'impact-result';
    }
  };
  root.querySelector<HTMLFormElement>('#impact-form')!.onsubmit = (e) => {
    e.preventDefault();
    void run();
  };
  document.body.dataset.ready = 'impact';
  if (yaml.value.trim() || del.value.trim()) void run();
}
