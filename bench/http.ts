// `npm run bench:http`: autocannon against a real REST server on 127.0.0.1, the server in its own
// process (bench/http-server.ts), on a 10k-pod snapshot (BENCH_HTTP_PODS) and on the demo:
// POST /v1/check over a rotating set of pod pairs, GET /healthz (the same server's floor), and
// POST /v1/matrix (the demo's pod matrix; at 10k one streamed pod matrix, timed). Prints req/s,
// p50/p99, the HTTP cost per answer beside the engine's own check time measured in the server
// process in the same run, and check/healthz; each beside its target. Bounded: BENCH_HTTP_SECONDS
// (10) per load, BENCH_HTTP_CONNECTIONS (10). BENCH_HTTP_PROF=DIR runs the server under
// --cpu-prof into DIR.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon, { type Request, type Result } from 'autocannon';

const PODS = Number(process.env.BENCH_HTTP_PODS ?? 10_000);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 10);
const PROF = process.env.BENCH_HTTP_PROF;
const SERVER = fileURLToPath(new URL('./http-server.ts', import.meta.url));

interface Served {
  readonly url: string;
  readonly pods: number;
  readonly policies: number;
  readonly engineUs: number;
  readonly bodies: readonly string[];
  stop(): Promise<void>;
}

async function serve(which: string): Promise<Served> {
  const prof = PROF ? ['--cpu-prof', `--cpu-prof-dir=${PROF}`] : [];
  const child = spawn(process.execPath, ['--import', 'tsx', '--max-old-space-size=4096', ...prof, SERVER, which], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited ${code}`)));
  });
  const info = JSON.parse(line) as Omit<Served, 'stop'>;
  return { ...info, stop: () => new Promise((r) => (child.once('exit', r), child.stdin.end())) };
}

const JSON_HEADERS = { 'content-type': 'application/json' };

async function load(url: string, requests: Request[]): Promise<Result> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests });
  if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0) {
    process.exitCode = 1;
    process.stderr.write(`bench:http: ${requests[0]?.path}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts\n`);
  }
  return r;
}

const rows: string[][] = [['endpoint', 'snapshot', 'req/s', 'p50', 'p99', 'note']];
const ms = (x: number) => `${x} ms`;
function row(endpoint: string, snapshot: string, r: Result, note = ''): void {
  rows.push([endpoint, snapshot, String(Math.round(r.requests.average)), ms(r.latency.p50), ms(r.latency.p99), note]);
}
const vs = (value: number, target: number, higherIsBetter: boolean) =>
  `target ${higherIsBetter ? '≥' : '≤'} ${target}: ${(higherIsBetter ? value >= target : value <= target) ? 'met' : 'MISSED'}`;

async function big(): Promise<void> {
  const s = await serve(String(PODS));
  try {
    const label = `${Math.round(s.pods / 1000)}k pods`;
    const check = await load(
      s.url,
      s.bodies.map((body) => ({ method: 'POST', path: '/v1/check', headers: JSON_HEADERS, body })),
    );
    const perAnswerUs = 1e6 / check.requests.average;
    row('POST /v1/check', label, check, `${vs(Math.round(check.requests.average), 20_000, true)}; p99 ${vs(check.latency.p99, 5, false)}`);
    rows.push([
      '',
      '',
      '',
      '',
      '',
      `HTTP cost ${perAnswerUs.toFixed(1)} µs/answer = ${(perAnswerUs / s.engineUs).toFixed(1)}× the ` +
        `engine's ${s.engineUs.toFixed(1)} µs check (same run)`,
    ]);
    const healthz = await load(s.url, [{ method: 'GET', path: '/healthz' }]);
    row('GET /healthz', label, healthz, `check/healthz ${(check.requests.average / healthz.requests.average).toFixed(2)}×`);
    const t0 = performance.now();
    const res = await fetch(`${s.url}/v1/matrix`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ port: 8080 }) });
    let bytes = 0;
    let firstByteMs = 0;
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      if (bytes === 0) firstByteMs = performance.now() - t0;
      bytes += chunk.length;
    }
    rows.push([
      'POST /v1/matrix (pods)',
      label,
      '',
      '',
      '',
      `one full pod matrix: ${res.status}, ${(bytes / 1e6).toFixed(0)} MB streamed, ` +
        `first byte ${Math.round(firstByteMs)} ms, all ${Math.round(performance.now() - t0)} ms`,
    ]);
  } finally {
    await s.stop();
  }
}

async function demo(): Promise<void> {
  const s = await serve('demo');
  try {
    const check = await load(
      s.url,
      s.bodies.map((body) => ({ method: 'POST', path: '/v1/check', headers: JSON_HEADERS, body })),
    );
    const healthz = await load(s.url, [{ method: 'GET', path: '/healthz' }]);
    const ratio = check.requests.average / healthz.requests.average;
    row('POST /v1/check', 'demo', check, `engine ${s.engineUs.toFixed(1)} µs`);
    row('GET /healthz', 'demo', healthz, `check/healthz ${ratio.toFixed(2)}× (${vs(Number(ratio.toFixed(2)), 0.6, true)})`);
    const matrix = await load(s.url, [{ method: 'POST', path: '/v1/matrix', headers: JSON_HEADERS, body: JSON.stringify({ port: 6379 }) }]);
    row('POST /v1/matrix', 'demo', matrix, 'pod matrix, streamed JSON');
  } finally {
    await s.stop();
  }
}

await big();
await demo();
process.stdout.write(
  `netreach REST: server in its own process, ${CONNECTIONS} connections, ${SECONDS} s per load (autocannon); shared machine: noisy\n`,
);
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows)
  process.stdout.write(
    `${r
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd()}\n`,
  );
