// The matrix: namespace × namespace or workload × workload (POST /v1/matrix, grouped) for one port
// or "all" the listed container ports, drawn on one canvas (not a DOM node per cell). Wheel zooms;
// arrow keys move the focused cell, Enter (or a click) opens the pair: its cell and the why answer.
import { postJson } from './api.ts';
import { spellingOfGroup } from './endpoints.ts';
import { matrixLegend } from './legend.ts';
import { CELL_COLOURS } from './palette.ts';
import { setQuery, snapshotField } from './shell.ts';
import type { GroupMatrix } from './types.ts';
import { renderWhy } from './why.ts';

interface Shown { groups: string[]; rows: string[]; by: 'namespace' | 'workload'; ports: string[] }

/** "all": a cell is 1 when every listed port is 1 for it, 0 when all are 0, p otherwise. */
export function combine(ms: readonly GroupMatrix[]): string[] {
  const n = ms[0].groups.length;
  return Array.from({ length: n }, (_, i) => {
    let row = '';
    for (let j = 0; j < n; j++) {
      const cells = new Set(ms.map((m) => m.rows[i][j]));
      row += cells.size === 1 ? [...cells][0] : cells.has('?') && cells.size === 2 && cells.has('0') ? '?' : 'p';
    }
    return row;
  });
}

const LABEL = 180;

function draw(canvas: HTMLCanvasElement, m: Shown, cell: number, focus: [number, number]): void {
  const n = m.groups.length;
  const size = LABEL + n * cell;
  canvas.width = size;
  canvas.height = size;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, size, size);
  for (let i = 0; i < n; i++) {
    const row = m.rows[i];
    for (let j = 0; j < n; j++) {
      g.fillStyle = CELL_COLOURS[row[j]]?.colour ?? '#ccc';
      g.fillRect(LABEL + j * cell, LABEL + i * cell, Math.max(1, cell - (cell > 6 ? 1 : 0)), Math.max(1, cell - (cell > 6 ? 1 : 0)));
    }
  }
  if (cell >= 8) {
    g.fillStyle = '#000';
    g.font = `${Math.min(12, cell - 2)}px sans-serif`;
    g.textBaseline = 'middle';
    for (let i = 0; i < n; i++) {
      g.textAlign = 'right';
      g.fillText(m.groups[i].slice(-28), LABEL - 4, LABEL + i * cell + cell / 2);
      g.save();
      g.translate(LABEL + i * cell + cell / 2, LABEL - 4);
      g.rotate(-Math.PI / 2);
      g.textAlign = 'left';
      g.fillText(m.groups[i].slice(-28), 0, 0);
      g.restore();
    }
  }
  g.strokeStyle = '#CC79A7';
  g.lineWidth = 3;
  g.strokeRect(LABEL + focus[1] * cell, LABEL + focus[0] * cell, cell, cell);
}

function openPair(m: Shown, i: number, j: number, panel: HTMLElement): void {
  const cell = m.rows[i][j];
  const word = cell === '1' ? 'allowed' : cell === '0' ? 'denied' : cell === 'p' ? 'partly allowed' : 'unknown';
  const from = spellingOfGroup(m.groups[i], m.by);
  const to = spellingOfGroup(m.groups[j], m.by);
  panel.innerHTML = `<h2 data-testid="cell-verdict">${from} → ${to}: ${word}</h2><p>${CELL_COLOURS[cell]?.text ?? ''} on ${m.ports.join(', ')}.</p><div id="cell-why"></div>`;
  const [protocol, port] = m.ports[0].split('/');
  void renderWhy(panel.querySelector<HTMLElement>('#cell-why')!, { from, to, port: Number(port), protocol });
}

export async function matrixView(root: HTMLElement, portsOfInterest: () => Promise<string[]>): Promise<void> {
  const params = new URLSearchParams(location.search);
  const by = params.get('by') === 'workload' ? 'workload' : 'namespace';
  const known = await portsOfInterest();
  const portParam = params.get('port') ?? known[0]?.split('/')[1] ?? '80';
  const protocol = params.get('protocol') ?? 'TCP';
  const ports = portParam === 'all' ? known.slice(0, 12) : [`${protocol}/${portParam}`];
  root.innerHTML = `<section class="page"><h1>Matrix</h1><form class="inline-form" id="matrix-form">
    <label>Port <input name="port" value="${portParam}" size="6" aria-describedby="port-hint"></label>
    <label>Protocol <select name="protocol"><option>TCP</option><option>UDP</option><option>SCTP</option></select></label>
    <label>Rows and columns <select name="by"><option value="namespace">namespaces</option><option value="workload">workloads</option></select></label>
    <button>Show</button></form><p class="hint" id="port-hint">A port number, or <code>all</code> for ${known.slice(0, 12).join(', ')}. Wheel or +/− zooms; arrows move; Enter opens the pair.</p>
    <div class="split"><div class="matrix-wrap"><canvas id="matrix" tabindex="0" aria-label="Connectivity matrix"></canvas></div><aside id="cell" aria-live="polite"></aside></div></section>`;
  const form = root.querySelector<HTMLFormElement>('#matrix-form')!;
  (form.elements.namedItem('protocol') as HTMLSelectElement).value = protocol;
  (form.elements.namedItem('by') as HTMLSelectElement).value = by;
  form.onsubmit = (e) => {
    e.preventDefault();
    const d = new FormData(form);
    setQuery({ port: String(d.get('port')), protocol: d.get('protocol') === 'TCP' ? undefined : String(d.get('protocol')), by: d.get('by') === 'namespace' ? undefined : 'workload' });
    void matrixView(root, portsOfInterest);
  };
  const ms = await Promise.all(ports.map((p) => postJson<GroupMatrix>('/v1/matrix', { port: Number(p.split('/')[1]), protocol: p.split('/')[0], groupBy: by, ...snapshotField() })));
  const shown: Shown = { groups: ms[0].groups, rows: ms.length === 1 ? ms[0].rows : combine(ms), by, ports };
  const canvas = root.querySelector<HTMLCanvasElement>('#matrix')!;
  const panel = root.querySelector<HTMLElement>('#cell')!;
  let cell = Math.max(3, Math.min(28, Math.floor(900 / Math.max(1, shown.groups.length))));
  const focus: [number, number] = [0, 0];
  const redraw = () => draw(canvas, shown, cell, focus);
  redraw();
  const at = (ev: MouseEvent): [number, number] | undefined => {
    const r = canvas.getBoundingClientRect();
    const x = ((ev.clientX - r.left) * canvas.width) / r.width - LABEL;
    const y = ((ev.clientY - r.top) * canvas.height) / r.height - LABEL;
    const i = Math.floor(y / cell);
    const j = Math.floor(x / cell);
    return x >= 0 && y >= 0 && i < shown.groups.length && j < shown.groups.length ? [i, j] : undefined;
  };
  canvas.onclick = (ev) => {
    const hit = at(ev);
    if (!hit) return;
    [focus[0], focus[1]] = hit;
    redraw();
    openPair(shown, hit[0], hit[1], panel);
  };
  canvas.onmousemove = (ev) => {
    const hit = at(ev);
    canvas.title = hit ? `${shown.groups[hit[0]]} → ${shown.groups[hit[1]]}: ${CELL_COLOURS[shown.rows[hit[0]][hit[1]]]?.text}` : '';
  };
  canvas.onwheel = (ev) => {
    ev.preventDefault();
    cell = Math.max(1, Math.min(60, cell * (ev.deltaY < 0 ? 1.25 : 0.8)));
    redraw();
  };
  canvas.onkeydown = (ev) => {
    const n = shown.groups.length;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (moves[ev.key]) {
      focus[0] = Math.min(n - 1, Math.max(0, focus[0] + moves[ev.key][0]));
      focus[1] = Math.min(n - 1, Math.max(0, focus[1] + moves[ev.key][1]));
    } else if (ev.key === '+' || ev.key === '=') cell = Math.min(60, cell * 1.25);
    else if (ev.key === '-') cell = Math.max(1, cell * 0.8);
    else if (ev.key === 'Enter') openPair(shown, focus[0], focus[1], panel);
    else return;
    ev.preventDefault();
    redraw();
  };
  root.querySelector('.page')!.append(matrixLegend());
  (window as unknown as { __netreachMatrix: unknown }).__netreachMatrix = { groups: shown.groups, rows: shown.rows, cell: () => cell, label: LABEL };
  document.body.dataset.ready = 'matrix';
}
