// The server side of `npm run bench:http`, in its own process so the load generator does not share
// its event loop: serves a generated cluster (BENCH_HTTP_PODS pods) or the demo (`demo`) from a real
// store, times the engine's own answer to the same check bodies the load will send, prints one JSON
// line ({url, bodies, engineUs}) and serves until stdin closes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../src/api/http/server.ts';
import { endpointSpecFromJson } from '../src/query/endpoint-json.ts';
import { loadManifests } from '../src/query/manifests.ts';
import { checkAnswerQuery } from '../src/query/queries.ts';
import { DEMO_CLUSTER } from '../src/process/serve.ts';
import { SnapshotService } from '../src/service/snapshots.ts';
import { Store } from '../src/store/store.ts';
import type { Snapshot } from '../src/model/types.ts';
import { generateCluster, makeRng } from './generate.ts';

const PAIRS = 256;
const ENGINE_CALLS = 20_000;

interface CheckBody {
  from: { pod: string };
  to: { pod: string };
  port: number;
  protocol: 'TCP';
}

function checkBodies(pods: readonly { namespace: string; name: string }[], port: number): CheckBody[] {
  const rng = makeRng(7);
  const pick = () => pods[Math.floor(rng() * pods.length)];
  return Array.from({ length: PAIRS }, () => {
    const a = pick();
    const b = pick();
    return { from: { pod: `${a.namespace}/${a.name}` }, to: { pod: `${b.namespace}/${b.name}` }, port, protocol: 'TCP' };
  });
}

/** Median µs of the query the check handler runs (endpoint parsing included), on the served snapshot. */
function engineCheckUs(service: SnapshotService, bodies: readonly CheckBody[]): number {
  const compiled = service.current()!.compiled;
  const one = (b: CheckBody) =>
    checkAnswerQuery(compiled, endpointSpecFromJson(b.from, 'body.from'), endpointSpecFromJson(b.to, 'body.to'), b.port, b.protocol);
  for (let i = 0; i < 2_000; i++) one(bodies[i % bodies.length]);
  const times = new Float64Array(ENGINE_CALLS);
  for (let i = 0; i < ENGINE_CALLS; i++) {
    const t0 = process.hrtime.bigint();
    one(bodies[i % bodies.length]);
    times[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  times.sort();
  return times[ENGINE_CALLS >> 1];
}

const which = process.argv[2] ?? '10000';
const dir = mkdtempSync(join(tmpdir(), 'netreach-bench-http-'));
const store = Store.open(join(dir, 'netreach.db'));
const service = new SnapshotService({ store, sourceLabel: 'bench' });
let snapshot: Snapshot;
if (which === 'demo') snapshot = (await loadManifests([DEMO_CLUSTER], { source: 'demo' })).snapshot;
else snapshot = generateCluster({ pods: Number(which) });
const t0 = performance.now();
service.accept(snapshot, snapshot.source, { bench: true });
const acceptMs = performance.now() - t0;
const bodies = checkBodies(
  snapshot.pods.filter((p) => !p.hostNetwork && p.ips.length > 0),
  which === 'demo' ? 6379 : 8080,
);
const engineUs = engineCheckUs(service, bodies);
const server = await startServer({ service, host: '127.0.0.1', port: 0 });
const ready = {
  url: server.url,
  pods: snapshot.pods.length,
  policies: snapshot.policies.length,
  acceptMs,
  engineUs,
  bodies: bodies.map((b) => JSON.stringify(b)),
};
process.stdout.write(`${JSON.stringify(ready)}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await server.close();
  service.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
