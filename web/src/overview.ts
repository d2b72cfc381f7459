// The overview graph (cytoscape, canvas): namespaces as islands, workloads as nodes (summary mode:
// one node per namespace when a cluster has many), allowed flows as edges labelled by port set, the
// outside as CIDR nodes. Colour + shape say isolation per direction, a red ring exposure. Click or
// Enter on an edge opens the why panel; search by pod, label (k=v) or policy.
import cytoscape from 'cytoscape';
import { spellingOfGroup } from './endpoints.ts';
import type { GraphEdge, GraphNode } from './graph-data.ts';
import { layout } from './layout.ts';
import { graphLegend } from './legend.ts';
import { type OverviewData, loadIsolation, loadOverview } from './overview-data.ts';
import { COLOURS, ISOLATION_STYLE, type Isolation } from './palette.ts';
import { setQuery } from './shell.ts';
import { chrome, remeasureOnShift } from './shifts.ts';
import type { PodPolicies } from './types.ts';
import { renderWhy } from './why.ts';

const ISOLATION_LIMIT = 300;

function isolationOf(p: PodPolicies): Isolation {
  if (p.isolated.ingress && p.isolated.egress) return 'both';
  if (p.isolated.ingress) return 'ingress';
  return p.isolated.egress ? 'egress' : 'none';
}

function elements(data: OverviewData): cytoscape.ElementDefinition[] {
  const pos = layout(data.graph.nodes);
  const out: cytoscape.ElementDefinition[] = [];
  if (!data.summary) for (const ns of data.graph.namespaces) out.push({ data: { id: `ns:${ns}`, label: ns, kind: 'island' }, classes: 'island' });
  for (const n of data.graph.nodes) {
    const parent = n.kind === 'workload' ? `ns:${n.namespace}` : undefined;
    const cidrs = n.label.split(', ');
    const label = n.kind === 'namespace' ? `${n.label} (${n.pods} pods)` : n.kind === 'cidr' ? (cidrs.length > 2 ? `${cidrs[0]} +${cidrs.length - 1} more` : n.label) : n.pods > 1 ? `${n.label} ×${n.pods}` : n.label;
    out.push({ data: { id: n.id, label, kind: n.kind, iso: 'unloaded', ...(parent ? { parent } : {}) }, position: pos.get(n.id), classes: [n.kind, n.exposed ? 'exposed' : ''].join(' ') });
  }
  for (const e of data.graph.edges) {
    out.push({ data: { id: e.id, source: e.source, target: e.target, label: e.ports.length > 3 ? `${e.ports.slice(0, 3).join(', ')} +${e.ports.length - 3}` : e.ports.join(', ') }, classes: [e.partial ? 'partial' : '', data.graph.edges.length <= 30 ? 'labelled' : ''].join(' ') });
  }
  return out;
}

function style(): cytoscape.StylesheetJson {
  const iso = Object.entries(ISOLATION_STYLE).map(([k, s]) => ({ selector: `node[iso = "${k}"]`, style: { 'background-color': s.colour, shape: s.shape as never } }));
  return [
    { selector: 'node', style: { label: 'data(label)', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 4, width: 28, height: 28, 'border-width': 1, 'border-color': '#333' } },
    ...iso,
    { selector: 'node.island', style: { shape: 'round-rectangle', 'background-color': '#f4f4f4', 'border-color': '#888', 'text-valign': 'top', 'font-size': 14, 'font-weight': 'bold', padding: '18px' } },
    { selector: 'node.namespace', style: { shape: 'round-rectangle', width: 60, height: 40, 'background-color': COLOURS.grey } },
    { selector: 'node.cidr', style: { shape: 'tag', 'background-color': COLOURS.yellow, width: 40 } },
    { selector: 'node.exposed', style: { 'border-width': 6, 'border-style': 'double', 'border-color': COLOURS.vermillion } },
    { selector: 'edge', style: { width: 1.2, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.8, 'line-color': '#777', 'target-arrow-color': '#777', 'font-size': 10, 'text-rotation': 'autorotate', 'text-background-color': '#fff', 'text-background-opacity': 0.9, 'min-zoomed-font-size': 7 } },
    { selector: 'edge.labelled, edge:selected', style: { label: 'data(label)' } },
    { selector: 'edge.partial', style: { 'line-style': 'dashed' } },
    { selector: '.dim', style: { opacity: 0.15 } },
    { selector: '.match', style: { 'border-width': 4, 'border-color': COLOURS.purple } },
    { selector: ':selected', style: { 'line-color': COLOURS.purple, 'target-arrow-color': COLOURS.purple, width: 4, 'border-color': COLOURS.purple, 'border-width': 4 } },
  ];
}

function endpointSpelling(data: OverviewData, id: string): string {
  const node = data.graph.nodes.find((n) => n.id === id)!;
  return node.kind === 'cidr' ? node.label.split(', ')[0] : spellingOfGroup(node.id, node.kind);
}

function showEdge(data: OverviewData, edge: GraphEdge, panel: HTMLElement): void {
  const from = endpointSpelling(data, edge.source);
  const to = endpointSpelling(data, edge.target);
  panel.innerHTML = `<h2>${from} → ${to}</h2><label>Port <select id="edge-port">${edge.ports.map((p) => `<option>${p}</option>`).join('')}</select></label><div id="edge-why" aria-live="polite"></div>`;
  const select = panel.querySelector<HTMLSelectElement>('#edge-port')!;
  const run = () => {
    const [protocol, range] = select.value.split('/');
    void renderWhy(panel.querySelector<HTMLElement>('#edge-why')!, { from, to, port: Number(range.split('-')[0]), protocol });
  };
  select.onchange = run;
  run();
}

function showNode(data: OverviewData, node: GraphNode, iso: PodPolicies | undefined, panel: HTMLElement): void {
  const pods = data.members.get(node.id) ?? [];
  const h = document.createElement('h2');
  h.textContent = node.kind === 'cidr' ? `outside ${node.label}` : node.id;
  panel.replaceChildren(h);
  if (node.kind === 'namespace') {
    const a = document.createElement('a');
    a.href = `/?expand=${encodeURIComponent(node.id)}`;
    a.textContent = `Expand ${node.id} into its workloads`;
    panel.append(a);
  }
  if (iso) {
    const p = document.createElement('p');
    p.textContent = `${ISOLATION_STYLE[isolationOf(iso)].text}; ingress by ${iso.selectedBy.ingress.join(', ') || 'no policy'}; egress by ${iso.selectedBy.egress.join(', ') || 'no policy'} (read on ${iso.pod}).`;
    panel.append(p);
  }
  const ul = document.createElement('ul');
  for (const pod of pods.slice(0, 200)) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `/pods/${pod}`;
    a.textContent = pod;
    li.append(a);
    ul.append(li);
  }
  panel.append(ul);
}

function matches(data: OverviewData, node: GraphNode, q: string, iso: Map<string, PodPolicies>): boolean {
  if (node.id.toLowerCase().includes(q)) return true;
  const pods = data.members.get(node.id) ?? [];
  if (pods.some((p) => p.toLowerCase().includes(q))) return true;
  const [k, v] = q.split('=');
  if (v !== undefined && data.objects.pods.some((p) => pods.includes(`${p.namespace}/${p.name}`) && Object.entries(p.labels).some(([lk, lv]) => lk.toLowerCase() === k && lv.toLowerCase() === v))) return true;
  const p = iso.get(node.id);
  return p !== undefined && [...p.selectedBy.ingress, ...p.selectedBy.egress].some((name) => name.toLowerCase().includes(q));
}

function textLists(data: OverviewData, onEdge: (e: GraphEdge) => void): HTMLElement {
  const details = document.createElement('details');
  details.innerHTML = `<summary>Flows as a list (${data.graph.edges.length})</summary>`;
  const ul = document.createElement('ul');
  ul.className = 'edge-list';
  for (const e of data.graph.edges.slice(0, 2000)) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.edge = e.id;
    b.textContent = `${endpointSpelling(data, e.source)} → ${endpointSpelling(data, e.target)}: ${e.ports.join(', ')}`;
    b.onclick = () => onEdge(e);
    li.append(b);
    ul.append(li);
  }
  details.append(ul);
  return details;
}

export async function overviewView(root: HTMLElement): Promise<void> {
  const params = new URLSearchParams(location.search);
  const expand = params.get('expand') ?? undefined;
  const ports = params.get('ports')?.split(',').filter(Boolean);
  root.innerHTML = `<section class="overview"><div class="toolbar">
    <label>Search <input id="search" type="search" placeholder="pod, label k=v or policy; Enter opens" aria-describedby="search-status"></label>
    <span id="search-status" role="status"></span>
    <label>Ports <input id="ports" size="28" placeholder="TCP/6379,TCP/8080"></label>
    ${expand ? `<a href="/?summary=1">← all namespaces</a>` : `<a href="/?summary=1">Summary (one node per namespace)</a>`}
    <span id="graph-status" role="status"></span></div>
    <div class="split"><div id="graph" role="img" aria-label="Reachability graph"></div><aside id="side" aria-live="polite"><p>Select an edge (or a flow in the list below) to see why it is allowed.</p></aside></div></section>`;
  const data = await loadOverview({ ports, expand, summary: params.get('summary') === '1' });
  const side = root.querySelector<HTMLElement>('#side')!;
  const status = root.querySelector<HTMLElement>('#graph-status')!;
  status.textContent = `${data.graph.namespaces.length} namespaces, ${data.graph.nodes.length} nodes, ${data.graph.edges.length} flows on ${data.ports.join(', ')}${data.allPorts.length > data.ports.length ? ` (${data.allPorts.length - data.ports.length} more ports: type them in Ports)` : ''}${data.summary ? ' · summary mode: one node per namespace; select one to expand' : ''}`;
  const portsBox = root.querySelector<HTMLInputElement>('#ports')!;
  portsBox.value = data.ports.join(',');
  portsBox.onchange = () => {
    setQuery({ ports: portsBox.value.replace(/\s+/g, '') || undefined });
    void overviewView(root);
  };
  const cy = cytoscape({ container: root.querySelector<HTMLElement>('#graph')!, elements: elements(data), style: style(), layout: { name: 'preset' }, minZoom: 0.02, maxZoom: 4, textureOnViewport: data.graph.nodes.length > 1500, hideEdgesOnViewport: data.graph.edges.length > 5000 });
  cy.fit(undefined, 30);
  remeasureOnShift(cy, [...chrome(), root.querySelector('.toolbar')]);
  const iso = new Map<string, PodPolicies>();
  const byId = new Map(data.graph.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(data.graph.edges.map((e) => [e.id, e]));
  const openEdge = (e: GraphEdge) => {
    cy.elements().unselect();
    cy.getElementById(e.id).select();
    showEdge(data, e, side);
  };
  cy.on('tap', 'edge', (evt) => openEdge(edgeById.get(evt.target.id())!));
  cy.on('tap', 'node', (evt) => {
    const n = byId.get(evt.target.id());
    if (n) showNode(data, n, iso.get(n.id), side);
  });
  root.querySelector('.overview')!.append(textLists(data, openEdge), graphLegend());
  const search = root.querySelector<HTMLInputElement>('#search')!;
  search.oninput = () => {
    const q = search.value.trim().toLowerCase();
    cy.batch(() => {
      cy.elements().removeClass('dim match');
      if (!q) return;
      const hit = cy.nodes().filter((n) => byId.has(n.id()) && matches(data, byId.get(n.id())!, q, iso));
      cy.elements().not(hit).not(hit.parents()).addClass('dim');
      hit.addClass('match');
      root.querySelector('#search-status')!.textContent = `${hit.length} match${hit.length === 1 ? '' : 'es'}`;
    });
  };
  // Enter in the search box opens the first match (the keyboard's way to a node).
  search.onkeydown = (ev) => {
    if (ev.key !== 'Enter') return;
    const q = search.value.trim().toLowerCase();
    const first = data.graph.nodes.find((n) => q && matches(data, n, q, iso));
    if (!first) return;
    cy.elements().unselect();
    cy.getElementById(first.id).select();
    showNode(data, first, iso.get(first.id), side);
  };
  (window as unknown as { __netreach: unknown }).__netreach = { cy, data };
  document.body.dataset.ready = 'overview';
  if (!data.summary) {
    await loadIsolation(data.members, ISOLATION_LIMIT, (group, p) => {
      iso.set(group, p);
      cy.getElementById(group).data('iso', isolationOf(p));
    });
    document.body.dataset.isolation = 'loaded';
  }
}
