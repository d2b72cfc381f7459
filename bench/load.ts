// `npm run bench:load [-- --seconds N]`: the service under load, as issue 17 asks. A real
// `netreach serve` process (real SQLite file, REST on 127.0.0.1) serving a 2k-pod snapshot; 200
// autocannon connections of POST /v1/check and /v1/matrix for 3 minutes (--seconds for shorter runs)
// while 2k-pod snapshots are uploaded one after the other; then /healthz latency while one 400k-pod
// snapshot uploads. Prints one JSON line per phase: request counts, 5xx (must be 0), p50/p99, and
// the server's RSS before and after (from /proc, Linux). Exits 1 when a 5xx was seen.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = flag('seconds', 180);
const CONNECTIONS = flag('connections', 200);
const PODS = flag('pods', 2000);
const BIG_PODS = flag('big-pods', 400_000);
const NAMESPACES = 20;

/**
 * A Kubernetes List as `kubectl get -o json` gives it, as compact as the API allows (typed lists,
 * items without kind/apiVersion): namespaces, pods with one label, and per namespace a default-deny
 * ingress plus one allow rule, so checks go through policy evaluation.
 */
function clusterJson(pods: number, variant = 0, labels = true): string {
  const nsName = (i: number) => `n${i % NAMESPACES}`;
  const namespaces = Array.from({ length: NAMESPACES }, (_, i) => `{"metadata":{"name":"${nsName(i)}"}}`);
  const podItems: string[] = new Array(pods);
  for (let i = 0; i < pods; i++) {
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const label = labels ? `,"labels":{"a":"${i % 10}"}` : '';
    podItems[i] = `{"metadata":{"name":"p${i.toString(36)}","namespace":"${nsName(i)}"${label}},"status":{"podIP":"${ip}"}}`;
  }
  const policies = Array.from({ length: NAMESPACES }, (_, i) => [
    `{"metadata":{"name":"deny","namespace":"${nsName(i)}"},"spec":{"podSelector":{},"policyTypes":["Ingress"]}}`,
    `{"metadata":{"name":"allow-${variant}","namespace":"${nsName(i)}"},` +
      `"spec":{"podSelector":{"matchLabels":{"a":"${variant % 10}"}},` +
      `"ingress":[{"from":[{"podSelector":{"matchLabels":{"a":"1"}}}],"ports":[{"port":8080}]}]}}`,
  ]).flat();
  return (
    `{"kind":"List","apiVersion":"v1","items":[{"kind":"NamespaceList","apiVersion":"v1",` +
    `"items":[${namespaces}]},{"kind":"PodList","apiVersion":"v1","items":[${podItems}]},` +
    `{"kind":"NetworkPolicyList","apiVersion":"networking.k8s.io/v1","items":[${policies}]}]}`
  );
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) / 1024);
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
const round = (n: number) => Math.round(n * 100) / 100;

async function upload(url: string, body: string): Promise<number> {
  const res = await fetch(`${url}/v1/snapshots`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await res.arrayBuffer();
  return res.status;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'netreach-bench-load-'));
  const manifest = join(dir, 'cluster.json');
  writeFileSync(manifest, clusterJson(PODS));
  const child = spawn(
    process.execPath,
    [
      'bin/netreach',
      'serve',
      '--manifests',
      manifest,
      '--db',
      join(dir, 'n.db'),
      '--listen',
      '127.0.0.1:0',
      '--grpc-listen',
      '127.0.0.1:0',
      '--log-level',
      'warn',
      '--keep-snapshots',
      '20',
      // Phase 2 uploads BIG_PODS pods: above the default object limit (200k), so raise it to measure an accepted upload.
      '--max-objects',
      String(BIG_PODS + 10_000),
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, KUBECONFIG: '' },
    },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (m) resolve(m[1]!);
        if (child.exitCode !== null) reject(new Error(`serve exited: ${stderr}`));
      }, 50);
      child.once('exit', () => clearInterval(timer));
      void new Promise((r) => setTimeout(r, 60_000)).then(() => reject(new Error('serve did not start')));
    }).finally(() => undefined);

    // Phase 1: queries under load while snapshots are uploaded.
    const headers = { 'content-type': 'application/json' };
    const pod = (i: number) => `n${i % NAMESPACES}/p${i.toString(36)}`;
    const requests = [];
    for (let k = 0; k < 64; k++) {
      const a = (k * 7919) % PODS;
      const b = (k * 104_729 + 3) % PODS;
      requests.push({
        method: 'POST',
        path: '/v1/check',
        headers,
        body: JSON.stringify({ from: { pod: pod(a) }, to: { pod: pod(b) }, port: 8080 }),
      });
      if (k % 4 === 0)
        requests.push({ method: 'POST', path: '/v1/matrix', headers, body: JSON.stringify({ port: 8080, groupBy: 'namespace' }) });
      if (k % 8 === 0)
        requests.push({
          method: 'POST',
          path: '/v1/matrix',
          headers,
          body: JSON.stringify({ port: 8080, namespaces: [`n${k % NAMESPACES}`] }),
        });
    }
    await fetch(`${url}/v1/check`, { method: 'POST', headers, body: requests[0]!.body }).then((r) => r.arrayBuffer());
    const rssBefore = rssMb(child.pid!);
    const uploads = { ok: 0, failed: 0, statuses: {} as Record<string, number> };
    let loading = true;
    const uploader = (async () => {
      for (let v = 1; loading; v++) {
        const status = await upload(url, clusterJson(PODS, v)).catch(() => 0);
        uploads.statuses[status] = (uploads.statuses[status] ?? 0) + 1;
        if (status === 201) uploads.ok++;
        else uploads.failed++;
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests });
    loading = false;
    await uploader;
    await new Promise((r) => setTimeout(r, 2000));
    const rssAfter = rssMb(child.pid!);
    const fiveXx = Object.entries(r.statusCodeStats ?? {})
      .filter(([code]) => Number(code) >= 500)
      .reduce((n, [, s]) => n + s.count, 0);
    console.log(
      JSON.stringify({
        phase: 'queries under load while uploading',
        pods: PODS,
        connections: CONNECTIONS,
        seconds: SECONDS,
        requests: r.requests.total,
        requestsPerSec: Math.round(r.requests.average),
        latencyP50Ms: r.latency.p50,
        latencyP99Ms: r.latency.p99,
        latencyMaxMs: r.latency.max,
        statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([c, s]) => [c, s.count])),
        fiveXx,
        errors: r.errors,
        timeouts: r.timeouts,
        zero5xx: fiveXx === 0,
        uploads,
        rssBeforeMb: rssBefore,
        rssAfterMb: rssAfter,
      }),
    );
    if (fiveXx > 0) process.exitCode = 1;

    // Phase 2: /healthz while one large snapshot uploads (4 sequential pingers on keep-alive connections).
    // Pods without labels: 400k of them fit the default 32 MiB body limit (~31 MB, as in issue 26).
    const big = clusterJson(BIG_PODS, 0, false);
    const latencies: number[] = [];
    let uploading = true;
    const pinger = async () => {
      while (uploading) {
        const t = performance.now();
        const res = await fetch(`${url}/healthz`).catch(() => undefined);
        await res?.arrayBuffer();
        latencies.push(performance.now() - t);
      }
    };
    const pingers = Array.from({ length: 4 }, pinger);
    const t0 = performance.now();
    const status = await upload(url, big).catch((err: Error) => err.message);
    const uploadMs = performance.now() - t0;
    uploading = false;
    await Promise.all(pingers);
    latencies.sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        phase: '/healthz while a large snapshot uploads',
        pods: BIG_PODS,
        bodyMb: round(Buffer.byteLength(big) / 1e6),
        uploadStatus: status,
        uploadMs: Math.round(uploadMs),
        healthzRequests: latencies.length,
        healthzP50Ms: round(percentile(latencies, 50)),
        healthzP99Ms: round(percentile(latencies, 99)),
        healthzMaxMs: round(latencies.at(-1) ?? 0),
        rssAfterMb: rssMb(child.pid!),
      }),
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
