// The dashboard's entry: a small router over the URL (every view's state lives in it, deep links
// load the same page), the snapshot picker, the dataplane banner, and live following of snapshots.
import { getJson } from './api.ts';
import { portsOfInterest } from './graph-data.ts';
import { impactView } from './impact.ts';
import { inspectView } from './inspect.ts';
import { follow } from './live.ts';
import { matrixView } from './matrix.ts';
import { overviewView } from './overview.ts';
import { pinnedSnapshot, refreshBanner, refreshPicker, setLive } from './shell.ts';
import type { Objects } from './types.ts';
import { whyView } from './why.ts';
import './style.css';

const root = document.getElementById('view')!;
let rendering = 0;

function viewName(path: string): string {
  if (path.startsWith('/pods/') || path === '/inspect') return 'inspect';
  return path === '/' || path === '/overview' ? 'overview' : path.slice(1);
}

async function knownPorts(): Promise<string[]> {
  const list = await getJson<{ snapshots: { id: number }[] }>('/v1/snapshots?limit=1');
  return portsOfInterest(await getJson<Objects>(`/v1/snapshots/${pinnedSnapshot() ?? list.snapshots[0]?.id}/objects`));
}

async function render(): Promise<void> {
  const mine = ++rendering;
  delete document.body.dataset.ready;
  const view = viewName(location.pathname);
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) a.toggleAttribute('aria-current', a.dataset.view === view);
  try {
    await Promise.all([refreshPicker(() => void render()), refreshBanner()]);
    if (mine !== rendering) return;
    if (view === 'matrix') await matrixView(root, knownPorts);
    else if (view === 'why') whyView(root);
    else if (view === 'impact') impactView(root);
    else if (view === 'inspect') await inspectView(root);
    else await overviewView(root);
  } catch (err) {
    root.innerHTML = '';
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = `Could not load this view: ${err instanceof Error ? err.message : String(err)}`;
    root.append(p);
    document.body.dataset.ready = 'error';
  }
}

document.addEventListener('click', (e) => {
  const a = (e.target as Element).closest?.('a');
  if (!a || a.target || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/v1') || url.pathname.startsWith('/docs') || url.href === location.href + '#') return;
  e.preventDefault();
  if (url.pathname.startsWith('/') && !url.search.includes('snapshot=') && pinnedSnapshot() !== undefined) url.searchParams.set('snapshot', String(pinnedSnapshot()));
  history.pushState(null, '', url);
  void render();
});
window.addEventListener('popstate', () => void render());

void render();
void follow(
  (e) => {
    setLive(`live · snapshot #${e.id} arrived ${new Date().toLocaleTimeString()}`);
    document.body.dataset.lastEvent = String(e.id);
    if (pinnedSnapshot() === undefined) void render();
    else void refreshPicker(() => void render());
  },
  (id) => setLive(`live · following from snapshot #${id}`),
  () => setLive('live updates disconnected; retrying'),
);
