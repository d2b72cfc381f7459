// The why panel: POST /v1/check's own Markdown answer (verdict under the plugin in force, each
// direction's isolating policies and deciding rule, the notes), so the page says exactly what the
// REST answer and a chat bot say. Also the /why page with a typed question.
import { ApiError, postMarkdown } from './api.ts';
import { endpointFromSpelling } from './endpoints.ts';
import { markdownToHtml } from './md.ts';
import { setQuery, snapshotField } from './shell.ts';

export interface Question { from: string; to: string; port: number; protocol: string }

/** Policy names in the "Isolated by" / "Decided by" columns link to the selector inspector (the policy as read). */
function linkPolicies(target: HTMLElement): void {
  for (const table of target.querySelectorAll('table')) {
    const columns = [...table.querySelectorAll('th')].map((th, i) => (/isolated by|decided by/i.test(th.textContent ?? '') ? i : -1)).filter((i) => i >= 0);
    for (const row of table.querySelectorAll('tbody tr')) {
      for (const i of columns) {
        for (const code of row.children[i]?.querySelectorAll('code') ?? []) {
          if (!/^[^/\s]+\/[^/\s]+$/.test(code.textContent ?? '')) continue;
          const a = document.createElement('a');
          a.href = `/inspect?policy=${encodeURIComponent(code.textContent!)}`;
          code.replaceWith(a);
          a.append(code);
        }
      }
    }
  }
}

export async function renderWhy(target: HTMLElement, q: Question): Promise<void> {
  target.setAttribute('aria-busy', 'true');
  try {
    const md = await postMarkdown('/v1/check', { from: endpointFromSpelling(q.from), to: endpointFromSpelling(q.to), port: q.port, protocol: q.protocol, ...snapshotField() });
    target.innerHTML = `<div class="why-answer" data-testid="why-answer">${markdownToHtml(md)}</div>`;
    linkPolicies(target);
    const link = document.createElement('a');
    link.href = `/why?${new URLSearchParams({ from: q.from, to: q.to, port: String(q.port), ...(q.protocol !== 'TCP' ? { protocol: q.protocol } : {}) })}`;
    link.textContent = 'Link to this answer';
    target.append(link);
  } catch (err) {
    target.innerHTML = '';
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = err instanceof ApiError ? `${err.message}${err.problem.errors ? `: ${err.problem.errors.map((e) => `${e.path} ${e.message}`).join('; ')}` : ''}` : String(err);
    target.append(p);
  } finally {
    target.removeAttribute('aria-busy');
  }
}

export function whyView(root: HTMLElement): void {
  const params = new URLSearchParams(location.search);
  root.innerHTML = `<section class="page"><h1>Why</h1>
  <form id="why-form" class="inline-form">
    <label>From <input name="from" required placeholder="default/frontend-1" value=""></label>
    <label>To <input name="to" required placeholder="default/db-0"></label>
    <label>Port <input name="port" type="number" min="1" max="65535" required placeholder="6379"></label>
    <label>Protocol <select name="protocol"><option>TCP</option><option>UDP</option><option>SCTP</option></select></label>
    <button type="submit">Check</button>
  </form>
  <p class="hint">Endpoints as the CLI spells them: ns/name, svc:ns/name, deploy:ns/name, ns:name, node:name, an IP or a CIDR.</p>
  <div id="why-result" aria-live="polite"></div></section>`;
  const form = root.querySelector<HTMLFormElement>('#why-form')!;
  for (const k of ['from', 'to', 'port', 'protocol']) {
    const v = params.get(k);
    if (v) (form.elements.namedItem(k) as HTMLInputElement).value = v;
  }
  const run = () => {
    const data = new FormData(form);
    const q = { from: String(data.get('from')), to: String(data.get('to')), port: Number(data.get('port')), protocol: String(data.get('protocol') ?? 'TCP') };
    setQuery({ from: q.from, to: q.to, port: String(q.port), protocol: q.protocol === 'TCP' ? undefined : q.protocol });
    return renderWhy(root.querySelector<HTMLElement>('#why-result')!, q);
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void run();
  });
  if (params.get('from') && params.get('to') && params.get('port')) void run().then(() => (document.body.dataset.ready = 'why'));
  else document.body.dataset.ready = 'why';
}
