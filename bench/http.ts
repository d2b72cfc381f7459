// `npm run bench:http`: autocannon against a real REST server on 127.0.0.1 serving a 10k-pod
// snapshot, POST /v1/check with a rotating set of pod pairs. Bounded: 10 s, 10 connections (override
// with BENCH_HTTP_SECONDS, BENCH_HTTP_CONNECTIONS, BENCH_HTTP_PODS). Prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startServer } from '../src/api/http/server.ts';
import { SnapshotService } from '../src/service/snapshots.ts';
import { Store } from '../src/store/store.ts';
import { generateCluster, makeRng } from './generate.ts';

const PODS = Number(process.env.BENCH_HTTP_PODS ?? 10_000);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 10);
const PAIRS = 256;

function checkBodies(pods: readonly { namespace: string; name: string }[]): string[] {
  const rng = makeRng(7);
  const pick = () => pods[Math.floor(rng() * pods.length)];
  return Array.from({ length: PAIRS }, () => {
    const a = pick();
    const b = pick();
    return JSON.stringify({ from: { pod: `${a.namespace}/${a.name}` }, to: { pod: `${b.namespace}/${b.name}` }, port: 8080, protocol: 'TCP' });
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'netreach-bench-http-'));
  const store = Store.open(join(dir, 'netreach.db'));
  const service = new SnapshotService({ store, sourceLabel: 'bench' });
  const snapshot = generateCluster({ pods: PODS });
  const loadStart = performance.now();
  service.accept(snapshot, 'manifests', { bench: true });
  const acceptMs = performance.now() - loadStart;
  const server = await startServer({ service, host: '127.0.0.1', port: 0 });
  try {
    const headers = { 'content-type': 'application/json' };
    const requests = checkBodies(snapshot.pods.filter((p) => !p.hostNetwork)).map((body) => ({ method: 'POST', path: '/v1/check', headers, body }));
    const r = await autocannon({ url: server.url, connections: CONNECTIONS, duration: SECONDS, requests });
    console.log(
      JSON.stringify({
        endpoint: 'POST /v1/check',
        pods: snapshot.pods.length,
        policies: snapshot.policies.length,
        connections: CONNECTIONS,
        seconds: SECONDS,
        requestsPerSec: Math.round(r.requests.average),
        latencyP50Ms: r.latency.p50,
        latencyP99Ms: r.latency.p99,
        requests: r.requests.total,
        non2xx: r.non2xx,
        errors: r.errors,
        timeouts: r.timeouts,
        acceptMs: Math.round(acceptMs),
      }),
    );
    if (r.non2xx > 0 || r.errors > 0) process.exitCode = 1;
  } finally {
    await server.close();
    service.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
