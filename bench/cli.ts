// `npm run bench:cli`: the CLI as a user meets it — `bin/netreach` (the dist/ build) in a fresh
// process per run — on the demo cluster and on a generated cluster written as a YAML file (10k pods;
// BENCH_CLI_PODS). Each command: one warm-up run, then BENCH_CLI_RUNS (10) runs; prints the median
// wall time and the median peak RSS (the child's own process.resourceUsage().maxRSS, reported at
// exit by a one-line --import) beside a bare `node -e 0` measured the same way, and each figure
// beside its target. Also `serve` on the demo: start to the first 200 from /readyz.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';
import { readManifests } from '../src/ingest/manifests.ts';
import { decodeObjects } from '../src/model/decode.ts';
import { changeOnePolicy, generateCluster } from './generate.ts';
import type { Snapshot } from '../src/model/types.ts';
import { manifestObjects, policyObject } from './manifests.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin', 'netreach');
const DEMO = join(ROOT, 'examples', 'demo-cluster.yaml');
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 10);
const PODS = Number(process.env.BENCH_CLI_PODS ?? 10_000);
const SERVE_RUNS = Math.min(RUNS, 5);

/** Writes the child's peak RSS (KiB on Linux) to $NETREACH_BENCH_RSS at exit. */
const RSS_HOOK =
  'data:text/javascript,import{writeFileSync as ' +
  'w}from"node:fs";process.on("exit",()=>w(process.env.NETREACH_BENCH_RSS,String(process.resourceUsage().maxRSS)))';

interface Case {
  readonly command: string;
  readonly input: string;
  readonly argv: readonly string[];
  /** Exit codes that mean "answered" (impact exits 1 when flows are lost). */
  readonly ok?: readonly number[];
  readonly target?: { wallMs?: number; rssMB?: number };
}

interface Figures {
  readonly wallMs: number;
  readonly rssMB: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

function runOnce(argv: readonly string[], rssFile: string, ok: readonly number[]): Figures {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', RSS_HOOK, ...argv], {
    cwd: ROOT,
    env: { ...process.env, NETREACH_BENCH_RSS: rssFile, NETREACH_DEBUG: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - t0;
  if (r.error) throw r.error;
  if (!ok.includes(r.status ?? -1)) throw new Error(`${argv.join(' ')}: exit ${r.status ?? r.signal}\n${String(r.stderr).slice(0, 2000)}`);
  return { wallMs, rssMB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

function measure(argv: readonly string[], rssFile: string, ok: readonly number[] = [0]): Figures {
  runOnce(argv, rssFile, ok); // warm-up: the page cache, not V8 (every run is a fresh process)
  const runs = Array.from({ length: RUNS }, () => runOnce(argv, rssFile, ok));
  return { wallMs: median(runs.map((r) => r.wallMs)), rssMB: median(runs.map((r) => r.rssMB)) };
}

/** `serve` on the demo with its own database: ms from spawn to the first 200 from /readyz. */
async function serveReadyMs(dir: string, run: number): Promise<number> {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--listen', '127.0.0.1:0', '--grpc-listen', '127.0.0.1:0', '--db', join(dir, `serve-${run}.db`)],
    {
      cwd: ROOT,
      env: { ...process.env, HOME: dir, KUBECONFIG: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  try {
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        const m = /listening on (http:\/\/\S+?);/.exec(stderr);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    });
    for (;;) {
      const res = await fetch(`${url}/readyz`).catch(() => undefined);
      if (res?.status === 200) return performance.now() - t0;
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/** The demo's test-network-policy with its port moved: a one-policy change to ask impact about. */
function demoProposal(): string {
  type Doc = { kind?: string; metadata?: { name?: string }; spec: { ingress: { ports?: unknown[] }[] } } | null;
  const docs = parseAllDocuments(readFileSync(DEMO, 'utf8')).map((d) => d.toJS() as Doc);
  const policy = docs.find((d) => d?.kind === 'NetworkPolicy' && d.metadata?.name === 'test-network-policy');
  if (!policy) throw new Error('demo: default/test-network-policy not found');
  policy.spec.ingress[0].ports = [{ protocol: 'TCP', port: 6380 }];
  return stringify(policy);
}

function writeGenerated(dir: string): { file: string; snapshot: Snapshot; changed: Snapshot } {
  const snapshot = generateCluster({ pods: PODS });
  const file = join(dir, `cluster-${PODS}.yaml`);
  writeFileSync(
    file,
    manifestObjects(snapshot)
      .map((o) => stringify(o))
      .join('---\n'),
  );
  const changed = changeOnePolicy(snapshot, 2);
  return { file, changed, snapshot };
}

/** The written file reads back as the generated cluster (same pods and policies, no errors). */
async function verifyGenerated(file: string, snapshot: Snapshot): Promise<void> {
  const read = await readManifests([file]);
  const decoded = decodeObjects(read.objects, { source: 'manifests' });
  const errors = [...read.diagnostics, ...decoded.diagnostics].filter((d) => d.severity === 'error');
  const same = decoded.snapshot.pods.length === snapshot.pods.length && decoded.snapshot.policies.length === snapshot.policies.length;
  if (errors.length > 0 || !same)
    throw new Error(
      `generated file ${file} does not read back: ${errors.length} errors, ${decoded.snapshot.pods.length}/${snapshot.pods.length} pods`,
    );
}

function describeGenerated(dir: string, file: string, snapshot: Snapshot, changed: Snapshot) {
  const index = changed.policies.findIndex((p, i) => p !== snapshot.policies[i]);
  const proposal = join(dir, 'proposal.yaml');
  writeFileSync(proposal, stringify(policyObject(changed.policies[index])));
  // Two pods of one team's backend and frontend: a question a user would ask.
  const pods = snapshot.pods.filter((p) => !p.hostNetwork && p.namespace.startsWith('team-'));
  const from = pods.find((p) => p.labels.tier === 'frontend') ?? pods[0];
  const to = pods.find((p) => p.labels.tier === 'backend' && p.namespace === from.namespace) ?? pods[1];
  return {
    file,
    proposal,
    from: `${from.namespace}/${from.name}`,
    to: `${to.namespace}/${to.name}`,
    pods: snapshot.pods.length,
    policies: snapshot.policies.length,
  };
}

function cases(dir: string, gen: ReturnType<typeof describeGenerated>): Case[] {
  const demoProposalFile = join(dir, 'demo-proposal.yaml');
  writeFileSync(demoProposalFile, demoProposal());
  const big = `${Math.round(gen.pods / 1000)}k pods`;
  return [
    {
      command: 'check',
      input: 'demo',
      argv: ['check', '-f', DEMO, '--from', 'default/frontend-1', '--to', 'default/db-0', '--port', '6379'],
      target: { wallMs: 250, rssMB: 90 },
    },
    { command: 'ports', input: 'demo', argv: ['ports', '-f', DEMO, '--from', 'default/frontend-1', '--to', 'default/db-0'] },
    { command: 'matrix', input: 'demo', argv: ['matrix', '-f', DEMO, '--port', '6379'] },
    { command: 'lint', input: 'demo', argv: ['lint', '-f', DEMO] },
    { command: 'connections', input: 'demo', argv: ['connections', '-f', DEMO] },
    { command: 'impact', input: 'demo', argv: ['impact', '--base', DEMO, '--proposed', demoProposalFile], ok: [0, 1] },
    { command: 'check', input: big, argv: ['check', '-f', gen.file, '--from', gen.from, '--to', gen.to, '--port', '8080'] },
    { command: 'ports', input: big, argv: ['ports', '-f', gen.file, '--from', gen.from, '--to', gen.to] },
    // Pods² cells at 10k are output, not analysis: the namespace matrix is what a user reads.
    { command: 'matrix', input: big, argv: ['matrix', '-f', gen.file, '--port', '8080', '--group-by', 'namespace'] },
    { command: 'lint', input: big, argv: ['lint', '-f', gen.file], target: { wallMs: 1500 } },
    { command: 'connections', input: big, argv: ['connections', '-f', gen.file] },
    { command: 'impact', input: big, argv: ['impact', '--base', gen.file, '--proposed', gen.proposal], ok: [0, 1] },
  ];
}

const fmtMs = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const beside = (value: number, target: number | undefined, fmt: (x: number) => string): string =>
  target === undefined ? fmt(value) : `${fmt(value)} (target ≤ ${fmt(target)}: ${value <= target ? 'met' : 'MISSED'})`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'netreach-bench-cli-'));
  try {
    const rssFile = join(dir, 'rss');
    const written = writeGenerated(dir);
    await verifyGenerated(written.file, written.snapshot);
    const gen = describeGenerated(dir, written.file, written.snapshot, written.changed);
    process.stdout.write(
      `netreach CLI: bin/netreach (dist/), median of ${RUNS} runs after a warm-up; generated file: ${gen.pods} pods, ${gen.policies} ` +
        `policies\n`,
    );
    const floor = measure(['-e', '0'], rssFile);
    process.stdout.write(`floor: node -e 0  ${fmtMs(floor.wallMs)}  ${floor.rssMB.toFixed(0)} MB\n\n`);
    const rows: string[][] = [['command', 'input', 'wall', 'peak RSS', '× node -e 0 (wall / RSS)']];
    for (const c of cases(dir, gen)) {
      const f = measure([BIN, ...c.argv], rssFile, c.ok);
      const mb = (x: number) => `${x.toFixed(0)} MB`;
      rows.push([
        c.command,
        c.input,
        beside(f.wallMs, c.target?.wallMs, fmtMs),
        beside(f.rssMB, c.target?.rssMB, mb),
        `${(f.wallMs / floor.wallMs).toFixed(1)}× / ${(f.rssMB / floor.rssMB).toFixed(1)}×`,
      ]);
    }
    const ready: number[] = [];
    await serveReadyMs(dir, 0);
    for (let i = 1; i <= SERVE_RUNS; i++) ready.push(await serveReadyMs(dir, i));
    rows.push(['serve → /readyz 200', 'demo', beside(median(ready), 1000, fmtMs), '', `median of ${SERVE_RUNS}`]);
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows)
      process.stdout.write(
        `${r
          .map((cell, i) => cell.padEnd(widths[i]))
          .join('  ')
          .trimEnd()}\n`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
