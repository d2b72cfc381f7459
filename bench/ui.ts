// `npm run bench:ui`: the dashboard in headless Chromium (Debian's chromium via playwright-core, as
// the browser tests) against `netreach serve`'s app on 127.0.0.1: time to first interactive overview
// and matrix on the demo cluster and on a generated 10k-pod cluster (targets ≤ 1 s and ≤ 3 s), the
// bundle's gzip size and the browser's JS heap. Prints numbers; asserts nothing.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_ROOT } from '../src/api/http/web.ts';
import { DEMO_CLUSTER } from '../src/process/serve.ts';
import { launchBrowser } from '../test/support/browser.ts';
import { request, startTestServer } from '../test/support/http-server.ts';
import { generateCluster } from './generate.ts';

/** What the dashboard leaves on `window` for tests and this benchmark (web/src/overview.ts, matrix.ts). */
interface DashboardWindow {
  __netreach: { data: { graph: { nodes: unknown[]; edges: unknown[] }; summary?: boolean } };
  __netreachMatrix: { groups: unknown[] };
}

const PODS = Number(process.env.UI_BENCH_PODS ?? 10_000);

function bundle(): { files: number; bytes: number; gzip: number } {
  const dir = join(WEB_ROOT, 'assets');
  const files = readdirSync(dir).map((f) => readFileSync(join(dir, f)));
  const index = readFileSync(join(WEB_ROOT, 'index.html'));
  return {
    files: files.length + 1,
    bytes: [...files, index].reduce((s, b) => s + b.length, 0),
    gzip: [...files, index].reduce((s, b) => s + gzipSync(b, { level: 9 }).length, 0),
  };
}

async function measure(label: string, seed: (s: Awaited<ReturnType<typeof startTestServer>>) => Promise<void>): Promise<void> {
  const server = await startTestServer();
  const browser = await launchBrowser();
  try {
    await seed(server);
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    const time = async (path: string, ready: string) => {
      const t0 = performance.now();
      await page.goto(server.url + path);
      await page.waitForSelector(`body[data-ready="${ready}"]`, { timeout: 120_000 });
      return performance.now() - t0;
    };
    await time('/', 'overview'); // warm: the bundle in the cache, the server's compiled snapshot and matrices
    const overview = await time('/', 'overview');
    const stats = await page.evaluate(() => {
      const { data } = (window as unknown as DashboardWindow).__netreach;
      return `${data.graph.nodes.length} nodes, ${data.graph.edges.length} edges${data.summary ? ' (summary mode)' : ''}`;
    });
    const heapOverview = ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    const matrixNs = await time('/matrix?port=8080', 'matrix');
    const matrixWl = await time('/matrix?port=8080&by=workload', 'matrix');
    const groups = await page.evaluate(() => (window as unknown as DashboardWindow).__netreachMatrix.groups.length);
    const heap = ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
    console.log(
      `${label}: overview ${overview.toFixed(0)} ms (${stats}, heap ${mb(heapOverview)}); matrix by namespace ${matrixNs.toFixed(0)} ms; ` +
        `matrix by workload ${matrixWl.toFixed(0)} ms (${groups}×${groups}); heap ${mb(heap)}`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

const b = bundle();
console.log(`bundle: ${b.files} files, ${(b.bytes / 1024).toFixed(0)} KiB, gzip ${(b.gzip / 1024).toFixed(0)} KiB`);
await measure('demo', async (s) => {
  const up = await request(s.url, 'POST', '/v1/snapshots', { raw: readFileSync(DEMO_CLUSTER, 'utf8'), type: 'application/yaml' });
  if (up.status !== 201) throw new Error(up.text);
});
await measure(`generated ${PODS} pods`, async (s) => {
  s.service.commit(generateCluster({ pods: PODS, seed: 1 }), 'upload');
});
console.log('targets: first interactive overview ≤ 1 s (demo) and matrix ≤ 3 s (10k pods)');
