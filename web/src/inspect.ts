// Selector inspector: a pod's policies (selecting it per direction, and the rules admitting it as a
// peer: GET /v1/pods/NS/NAME/policies) ↔ the pods a policy selects (the same answer read for every
// pod of the snapshot, since selection is only ever computed by the server).
import { getJson } from './api.ts';
import { escapeHtml } from './md.ts';
import { pinnedSnapshot, snapshotQuery } from './shell.ts';
import type { Objects, PodPolicies } from './types.ts';

const POLICY_SCAN_LIMIT = 2000;

function policyLink(p: string): string {
  return `<a href="/inspect?policy=${encodeURIComponent(p)}">${escapeHtml(p)}</a>`;
}

function portsText(ports: Record<string, [number, number][]>, named: string[]): string {
  const parts = Object.entries(ports).flatMap(([proto, rs]) => rs.map(([a, b]) => `${proto}/${a === b ? a : `${a}-${b}`}`));
  return [...parts, ...named].join(', ') || 'all ports';
}

async function podPanel(target: HTMLElement, ns: string, name: string): Promise<void> {
  const p = await getJson<PodPolicies>(`/v1/pods/${encodeURIComponent(ns)}/${encodeURIComponent(name)}/policies${snapshotQuery()}`);
  const list = (xs: string[]) => (xs.length ? xs.map(policyLink).join(', ') : 'none (not isolated)');
  target.innerHTML = `<h2>Pod ${escapeHtml(p.pod)}</h2>
    <table><tbody><tr><th>Ingress isolated</th><td>${p.isolated.ingress ? 'yes' : 'no'}</td><td>selected by ${list(p.selectedBy.ingress)}</td></tr>
    <tr><th>Egress isolated</th><td>${p.isolated.egress ? 'yes' : 'no'}</td><td>selected by ${list(p.selectedBy.egress)}</td></tr></tbody></table>
    <h3>Admitted as a peer by (${p.peerOf.length})</h3><ul data-testid="peer-of">${p.peerOf.map((r) => `<li>${policyLink(r.policy)} ${r.direction.toLowerCase()} rule #${r.rule} (${r.via}) on ${escapeHtml(portsText(r.ports, r.namedPorts))}</li>`).join('')}</ul>`;
}

async function policyPanel(target: HTMLElement, policy: string, objects: Objects): Promise<void> {
  const pods = objects.pods.slice(0, POLICY_SCAN_LIMIT);
  target.innerHTML = `<h2>Policy ${escapeHtml(policy)}</h2><p>Reading ${pods.length} pods' policies…</p>`;
  const ingress: string[] = [];
  const egress: string[] = [];
  const peers: string[] = [];
  const queue = [...pods];
  const worker = async () => {
    for (let pod = queue.shift(); pod; pod = queue.shift()) {
      const p = await getJson<PodPolicies>(`/v1/pods/${encodeURIComponent(pod.namespace)}/${encodeURIComponent(pod.name)}/policies${snapshotQuery()}`);
      if (p.selectedBy.ingress.includes(policy)) ingress.push(p.pod);
      if (p.selectedBy.egress.includes(policy)) egress.push(p.pod);
      if (p.peerOf.some((r) => r.policy === policy)) peers.push(p.pod);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  const links = (xs: string[]) => xs.sort().map((x) => `<li><a href="/pods/${x}">${escapeHtml(x)}</a></li>`).join('') || '<li>none</li>';
  target.innerHTML = `<h2>Policy ${escapeHtml(policy)}</h2>${objects.pods.length > pods.length ? `<p>Only the first ${pods.length} of ${objects.pods.length} pods were read.</p>` : ''}
    <h3>Selects for ingress (${ingress.length})</h3><ul data-testid="selects-ingress">${links(ingress)}</ul>
    <h3>Selects for egress (${egress.length})</h3><ul data-testid="selects-egress">${links(egress)}</ul>
    <h3>Admits as a peer (${peers.length})</h3><ul>${links(peers)}</ul>
    <details><summary>The policy as netreach reads it (normalised)</summary><pre>${escapeHtml(JSON.stringify(objects.policies.find((p) => `${p.namespace}/${p.name}` === policy) ?? null, null, 2))}</pre></details>`;
}

export async function inspectView(root: HTMLElement): Promise<void> {
  const podPath = /^\/pods\/([^/]+)\/([^/]+)$/.exec(location.pathname);
  const policy = new URLSearchParams(location.search).get('policy');
  const list = await getJson<{ snapshots: { id: number }[] }>('/v1/snapshots?limit=1');
  const objects = await getJson<Objects>(`/v1/snapshots/${pinnedSnapshot() ?? list.snapshots[0]?.id}/objects`);
  root.innerHTML = `<section class="page"><h1>Selectors</h1><div class="split"><nav class="index" aria-label="Pods and policies">
    <h2>Policies</h2><ul>${objects.policies.map((p) => `<li>${policyLink(`${p.namespace}/${p.name}`)}</li>`).join('')}</ul>
    <h2>Pods</h2><ul>${objects.pods.slice(0, 500).map((p) => `<li><a href="/pods/${p.namespace}/${p.name}">${escapeHtml(`${p.namespace}/${p.name}`)}</a></li>`).join('')}</ul></nav>
    <div id="inspect-detail" aria-live="polite"><p>Pick a pod or a policy.</p></div></div></section>`;
  const detail = root.querySelector<HTMLElement>('#inspect-detail')!;
  if (podPath) await podPanel(detail, decodeURIComponent(podPath[1]), decodeURIComponent(podPath[2]));
  else if (policy) await policyPanel(detail, policy, objects);
  document.body.dataset.ready = 'inspect';
}
