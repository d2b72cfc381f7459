// The dashboard end to end in a real headless Chromium against `netreach serve`'s app on 127.0.0.1
// with the demo cluster: what the page shows is checked against the REST answers it stands for.
// Screenshots of each view are written (docs/img with NETREACH_SCREENSHOTS=docs/img).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PATH } from '../cli/cli-harness.ts';
import { type Browser, launchBrowser, screenshotDir } from '../support/browser.ts';
import { type TestServer, readText, request, startTestServer } from '../support/http-server.ts';

const DEMO = readText(DEMO_PATH);
const DEFAULT_DENY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: default }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`;
const WAIT = { timeout: 30_000 };

async function demoServer(token?: string): Promise<TestServer> {
  const s = await startTestServer(token ? { token } : {});
  const up = await request(s.url, 'POST', '/v1/snapshots', { raw: DEMO, type: 'application/yaml', ...(token ? { token } : {}) });
  assert.equal(up.status, 201, up.text);
  return s;
}

async function open(page: Page, url: string, ready: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector(`body[data-ready="${ready}"]`, WAIT);
}

/**
 * A point on the page of the edge `edgeId`, after centring and zooming on it, that the renderer's hit test
 * gives to this edge and no other (edges of the demo cross, and where depends on the viewport's size).
 * The point comes from the container's live page box; with `asMouse` it must also be hit through the
 * renderer's own client → model projection (its cached container offset), as the mouse handler does it.
 */
async function edgePoint(page: Page, edgeId: string, asMouse: boolean): Promise<{ x: number; y: number; hit: boolean }> {
  return page.evaluate(
    ([id, mouse]) => {
      const cy = (window as any).__netreach.cy;
      const edge = cy.getElementById(id);
      cy.zoom({ level: 3, position: edge.midpoint() });
      cy.center(edge);
      const [s, t] = [edge.sourceEndpoint(), edge.targetEndpoint()];
      const box = cy.container().getBoundingClientRect();
      const r = cy.renderer();
      for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.45, 0.55, 0.35, 0.65]) {
        const m = { x: s.x + (t.x - s.x) * f, y: s.y + (t.y - s.y) * f };
        const pan = cy.pan();
        const z = cy.zoom();
        const client = { x: box.left + m.x * z + pan.x, y: box.top + m.y * z + pan.y };
        if (r.findNearestElement(m.x, m.y, true, false)?.id() !== id) continue;
        const [px, py] = r.projectIntoViewport(client.x, client.y);
        if (mouse && r.findNearestElement(px, py, true, false)?.id() !== id) continue;
        return { ...client, hit: true };
      }
      return { x: 0, y: 0, hit: false };
    },
    [edgeId, asMouse] as const,
  );
}

/** Clicks the default/frontend-1 → default/db-0 edge (see edgePoint) and waits for the side panel to name it. */
async function clickFrontendToDb(page: Page, asMouse: boolean): Promise<void> {
  const id = 'pod:default/frontend-1->pod:default/db-0';
  const point = await edgePoint(page, id, asMouse);
  assert.ok(point.hit, `no point of ${id} is hit-tested to it alone`);
  await page.mouse.click(point.x, point.y);
  await page.waitForSelector('#side h2', WAIT);
  assert.equal(await page.textContent('#side h2'), 'default/frontend-1 → default/db-0');
}

describe('dashboard in headless Chromium', () => {
  let browser: Browser;
  let server: TestServer;
  let shots: string;
  before(async () => {
    browser = await launchBrowser();
    server = await demoServer();
    shots = screenshotDir();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the overview graph shows every namespace of the snapshot', async () => {
    const page = await browser.context.newPage();
    await open(page, `${server.url}/`, 'overview');
    const objects = (await request(server.url, 'GET', '/v1/snapshots/1/objects')).json;
    const drawn: string[] = await page.evaluate(() => (window as any).__netreach.cy.nodes('.island').map((n: any) => n.data('label')));
    assert.deepEqual(drawn.sort(), objects.namespaces.map((n: { name: string }) => n.name).sort());
    await page.waitForSelector('body[data-isolation="loaded"]', WAIT);
    await page.screenshot({ path: join(shots, 'overview.png') });
    // Keyboard: a label search highlights the matching workloads; Enter opens the first one.
    await page.fill('#search', 'role=db');
    assert.equal(await page.textContent('#search-status'), '1 match');
    await page.press('#search', 'Enter');
    assert.equal(await page.textContent('#side h2'), 'pod:default/db-0');
    assert.ok((await page.textContent('#side'))!.includes('isolated both ways; ingress by default/test-network-policy'));
    await page.close();
  });

  test('summary mode draws one node per namespace; a namespace expands into its workloads', async () => {
    const page = await browser.context.newPage();
    await open(page, `${server.url}/?summary=1`, 'overview');
    const objects = (await request(server.url, 'GET', '/v1/snapshots/1/objects')).json;
    const withPods = [...new Set(objects.pods.map((p: { namespace: string }) => p.namespace))].sort();
    const nodes: string[] = await page.evaluate(() => (window as any).__netreach.cy.nodes('.namespace').map((n: any) => n.id()));
    assert.deepEqual(nodes.sort(), withPods);
    const point = await page.evaluate(() => {
      const cy = (window as any).__netreach.cy;
      const p = cy.getElementById('store').renderedPosition();
      const box = cy.container().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.click(point.x, point.y);
    await page.click('#side a[href="/?expand=store"]');
    await page.waitForSelector('body[data-ready="overview"]', WAIT);
    const m = (await request(server.url, 'POST', '/v1/matrix', { body: { port: 8080, groupBy: 'workload', namespaces: ['store'] } })).json;
    const drawn: string[] = await page.evaluate(() => (window as any).__netreach.cy.nodes('.workload').map((n: any) => n.id()));
    assert.deepEqual(drawn.sort(), m.groups);
    await page.close();
  });

  test('clicking the default/frontend-1 → default/db-0 edge shows the deciding rule POST /v1/check gives', async () => {
    const page = await browser.context.newPage();
    await open(page, `${server.url}/`, 'overview');
    await clickFrontendToDb(page, true);
    await page.selectOption('#edge-port', 'TCP/6379');
    await page.waitForSelector('#edge-why [data-testid="why-answer"]', WAIT);
    const check = await request(server.url, 'POST', '/v1/check', {
      body: { from: { pod: 'default/frontend-1' }, to: { pod: 'default/db-0' }, port: 6379 },
    });
    const rule = check.json.ingress.allowedBy[0];
    const panel = (await page.textContent('#edge-why'))!;
    assert.ok(panel.includes(`${rule.policy} ${rule.direction.toLowerCase()} rule #${rule.rule}`), panel);
    assert.ok(panel.includes(check.json.verdict === 'allowed' ? 'Allowed' : 'Denied'), panel);
    // The deciding policy links to the inspector, which shows it as read.
    assert.equal(await page.locator(`#edge-why a[href="/inspect?policy=${encodeURIComponent(rule.policy)}"]`).count(), 2);
    await page.screenshot({ path: join(shots, 'why-edge.png') });
    await page.close();
  });

  test('a click still lands on its edge after the banner above the graph grows', async () => {
    const page = await browser.context.newPage();
    await open(page, `${server.url}/`, 'overview');
    // A long plugin reason wraps the banner onto many lines: the graph moves down the page after it
    // was drawn. The renderer must re-measure, or the click would open whatever lies that far above.
    const before = await page.evaluate(() => document.getElementById('graph')!.getBoundingClientRect().top);
    await page.evaluate(() => {
      document.getElementById('banner')!.textContent = 'a long enforcement reason '.repeat(40);
    });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const moved = await page.evaluate(() => document.getElementById('graph')!.getBoundingClientRect().top);
    assert.ok(moved > before + 40, `the graph did not move (${before} → ${moved})`);
    await clickFrontendToDb(page, false);
    await page.close();
  });

  test('the /why deep link shows the same words as the Markdown answer', async () => {
    const page = await browser.context.newPage();
    await open(page, `${server.url}/why?from=default/frontend-1&to=default/db-0&port=6379`, 'why');
    const md = await request(server.url, 'POST', '/v1/check', {
      body: { from: { pod: 'default/frontend-1' }, to: { pod: 'default/db-0' }, port: 6379 },
      accept: 'text/markdown',
    });
    const shown = (await page.textContent('[data-testid="why-answer"]'))!.replace(/\s+/g, ' ');
    // Every word of the Markdown (its markup removed) is on the page, in order.
    const words = md.text
      .replace(/[`*|_>]/g, ' ')
      .replace(/-{3,}/g, ' ')
      .split(/\s+/)
      .filter((w) => w && w !== '-');
    let at = 0;
    for (const w of words) {
      const i = shown.indexOf(w, at);
      assert.ok(i >= 0, `"${w}" missing after position ${at}: ${shown}`);
      at = i + w.length;
    }
    await page.screenshot({ path: join(shots, 'why.png') });
    await page.close();
  });

  test('a matrix cell for a denied pair says denied', async () => {
    const page = await browser.context.newPage();
    await open(page, `${server.url}/matrix?port=6379`, 'matrix');
    const m = (await request(server.url, 'POST', '/v1/matrix', { body: { port: 6379, groupBy: 'namespace' } })).json;
    const i = m.rows.findIndex((r: string) => r.includes('0'));
    const j = m.rows[i].indexOf('0');
    const point = await page.evaluate(
      ([row, col]) => {
        const info = (window as any).__netreachMatrix;
        const canvas = document.getElementById('matrix')!;
        const r = canvas.getBoundingClientRect();
        const scale = r.width / (canvas as HTMLCanvasElement).width;
        return {
          x: r.left + (info.label + (col + 0.5) * info.cell()) * scale,
          y: r.top + (info.label + (row + 0.5) * info.cell()) * scale,
        };
      },
      [i, j],
    );
    await page.mouse.click(point.x, point.y);
    const verdict = await page.textContent('[data-testid="cell-verdict"]');
    assert.equal(verdict, `ns:${m.groups[i]} → ns:${m.groups[j]}: denied`);
    await page.waitForSelector('#cell-why [data-testid="why-answer"]', WAIT);
    await page.screenshot({ path: join(shots, 'matrix.png') });
    await page.close();
  });

  test('pasting a default-deny in the what-if lists exactly the flows POST /v1/impact returns', async () => {
    const page = await browser.context.newPage();
    await open(page, `${server.url}/impact`, 'impact');
    await page.fill('#impact-yaml', DEFAULT_DENY);
    await page.click('#impact-form button[type="submit"]');
    await page.waitForSelector('body[data-ready="impact-result"]', WAIT);
    const api = (await request(server.url, 'POST', '/v1/impact', { raw: DEFAULT_DENY, type: 'application/yaml' })).json;
    assert.ok(api.lost.length > 0);
    const rows = async (kind: string) =>
      page.$$eval(`[data-testid="${kind}"] tbody tr`, (trs) =>
        trs.map((tr) =>
          [...tr.querySelectorAll('td')]
            .slice(0, 2)
            .map((td) => td.textContent)
            .join(' -> '),
        ),
      );
    const expected = (flows: { from: string; to: string }[]) => flows.map((f) => `${f.from} -> ${f.to}`);
    assert.deepEqual(await rows('lost'), expected(api.lost));
    assert.deepEqual(await rows('gained'), expected(api.gained));
    // The link carries the proposal: opened afresh, it shows the same lost flows.
    const shared = page.url();
    assert.match(shared, /#yaml=/);
    await page.screenshot({ path: join(shots, 'impact.png'), fullPage: false });
    const again = await browser.context.newPage();
    await again.goto(shared);
    await again.waitForSelector('body[data-ready="impact-result"]', WAIT);
    assert.equal(await again.$$eval('[data-testid="lost"] tbody tr', (t) => t.length), api.lost.length);
    await again.close();
    await page.close();
  });

  test('the selector inspector lists the policies selecting a pod and the pods a policy selects', async () => {
    const page = await browser.context.newPage();
    await open(page, `${server.url}/pods/default/db-0`, 'inspect');
    const api = (await request(server.url, 'GET', '/v1/pods/default/db-0/policies')).json;
    const text = (await page.textContent('#inspect-detail'))!;
    for (const p of api.selectedBy.ingress) assert.ok(text.includes(p), text);
    assert.equal(await page.$$eval('[data-testid="peer-of"] li', (l) => l.length), api.peerOf.length);
    await page.screenshot({ path: join(shots, 'inspect.png') });
    await page.click(`a[href="/inspect?policy=${encodeURIComponent(api.selectedBy.ingress[0])}"] >> nth=0`);
    await page.waitForSelector('body[data-ready="inspect"] [data-testid="selects-ingress"]', WAIT);
    assert.ok((await page.$$eval('[data-testid="selects-ingress"] li', (l) => l.map((x) => x.textContent))).includes('default/db-0'));
    await page.close();
  });

  test('a new snapshot uploaded over REST appears without a reload', async () => {
    const page = await browser.context.newPage();
    await open(page, `${server.url}/`, 'overview');
    await page.waitForFunction(() => document.getElementById('live')?.textContent?.includes('following'), undefined, WAIT);
    await page.evaluate(() => ((window as any).__sameDocument = true));
    const extra =
      `${DEMO}\n---\napiVersion: v1\nkind: Namespace\nmetadata: { name: arrived-live }\n---\napiVersion: v1\nkind: ` +
      `Pod\nmetadata: { name: newcomer, namespace: arrived-live }\nspec: { containers: [{ name: c, image: x }] }\nstatus: { phase: ` +
      `Running, podIP: 10.9.9.9 }\n`;
    const up = await request(server.url, 'POST', '/v1/snapshots', { raw: extra, type: 'application/yaml' });
    assert.equal(up.status, 201);
    await page.waitForSelector(`body[data-last-event="${up.json.id}"][data-ready="overview"]`, WAIT);
    const drawn: string[] = await page.evaluate(() => (window as any).__netreach.cy.nodes('.island').map((n: any) => n.data('label')));
    assert.equal(await page.evaluate(() => (window as any).__sameDocument), true);
    assert.ok((await page.textContent('#banner'))!.startsWith(`Snapshot #${up.json.id}`));
    assert.ok(drawn.includes('arrived-live'), drawn.join(', '));
    assert.ok(
      (await page.$$eval('#snapshot-picker option', (o) => o.map((x) => (x as HTMLOptionElement).value))).includes(String(up.json.id)),
    );
    await page.close();
  });
});

describe('dashboard behind a bearer token', () => {
  test('the page asks for the token, keeps it for the tab and then loads', async () => {
    const browser = await launchBrowser();
    const server = await demoServer('s3cret-token');
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/`);
      await page.waitForSelector('#token-dialog[open]', WAIT);
      await page.screenshot({ path: join(screenshotDir(), 'token.png') });
      await page.fill('#token-input', 's3cret-token');
      await page.click('#token-form button[type="submit"]');
      await page.waitForSelector('body[data-ready="overview"]', WAIT);
      assert.equal(await page.evaluate(() => sessionStorage.getItem('netreach.token')), 's3cret-token');
      assert.equal(await page.isVisible('#token-dialog[open]'), false);
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});
