// One benchmark size, in this process: generate a cluster, then time the engine on it. Run by
// bench/run.ts in a fresh child per size so that peak RSS belongs to that size alone.
// The engine and the reference evaluator are loaded dynamically and used through the narrow types
// below: a missing module or function gives null for its numbers instead of stopping the run.
import type { Protocol, Snapshot } from '../src/model/types.ts';
import type { EndpointQuery } from '../src/engine/verdict.ts';
import { changeOnePolicy, generateCluster, makeRng, randomInt } from './generate.ts';
import { generateTierPolicies } from './generate-tiers.ts';
import { withCiliumPolicies } from './generate-cilium.ts';

interface Compiled {
  readonly stats?: { readonly classes?: number; readonly policies?: number };
}

interface EngineModule {
  compile?: (s: Snapshot, previous?: Compiled) => Compiled;
  check?: (c: Compiled, from: EndpointQuery, to: EndpointQuery, port: number, protocol: Protocol) => unknown;
  matrix?: (c: Compiled, port: number, protocol: Protocol) => unknown;
  classMatrix?: (c: Compiled, port: number, protocol: Protocol) => unknown;
  allPortsMatrix?: (c: Compiled) => unknown;
  impact?: (before: Compiled, after: Compiled) => unknown;
}

interface ReferenceModule {
  refMatrix?: (s: Snapshot, port: number, protocol: Protocol) => unknown;
}

export interface BenchOptions {
  readonly pods: number;
  readonly naiveMax: number;
  readonly seed: number;
  readonly label: string;
  /** Add 50 AdminNetworkPolicies and a BaselineAdminNetworkPolicy; time the NetworkPolicy-only cluster beside. */
  readonly tiers?: boolean;
  /** On Cilium, add 500 CiliumNetworkPolicies and 20 CCNPs; time the NetworkPolicy-only cluster (on Cilium) beside. */
  readonly cilium?: boolean;
}

export type BenchResult = Record<string, number | null | Record<string, string> | Record<string, number | null>>;

const MATRIX_PORT = 8080;
const CHECK_CALLS = 20_000;
const CHECK_WARMUP = 1_000;
/** Above this the pod-expanded matrix is output of pods² cells: not an engine measurement. */
const POD_MATRIX_MAX = 20_000;

async function load<T>(relative: string): Promise<T> {
  try {
    return (await import(new URL(relative, import.meta.url).href)) as T;
  } catch (e) {
    process.stderr.write(`bench: cannot load ${relative}: ${(e as Error).message.split('\n')[0]}\n`);
    return {} as T;
  }
}

function progress(label: string, stage: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K[${label}] ${stage}`);
}

const round = (x: number, digits = 1): number => Number(x.toFixed(digits));

/** Runs `f` and returns its duration in ms and its value, or null and notes the error. */
class Timer {
  readonly errors: Record<string, string> = {};
  run<T>(field: string, f: (() => T) | undefined): { ms: number; value: T } | null {
    if (!f) return null;
    try {
      const t0 = performance.now();
      const value = f();
      return { ms: performance.now() - t0, value };
    } catch (e) {
      this.errors[field] = (e as Error).message ?? String(e);
      return null;
    }
  }
}

/** The first container port number carrying each `protocol/name`: what a named rule port usually means. */
function namedPortNumbers(s: Snapshot): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const p of s.pods)
    for (const c of p.containerPorts)
      if (c.name && !numbers.has(`${c.protocol}/${c.name}`)) numbers.set(`${c.protocol}/${c.name}`, c.containerPort);
  return numbers;
}

/** Ports the policies talk about: the queries a user would plausibly make. */
function policyPorts(s: Snapshot, rng: () => number): [number, Protocol][] {
  const named = namedPortNumbers(s);
  const out: [number, Protocol][] = [];
  for (const pol of s.policies)
    for (const r of [...pol.ingress, ...pol.egress])
      for (const port of r.ports ?? []) {
        if (port.kind === 'range') out.push([randomInt(rng, port.from, port.to), port.protocol]);
        else if (port.kind === 'all') out.push([randomInt(rng, 1, 65535), port.protocol]);
        else out.push([named.get(`${port.protocol}/${port.name}`) ?? MATRIX_PORT, port.protocol]);
      }
  return out.length > 0 ? out : [[MATRIX_PORT, 'TCP']];
}

/** p50 and p99 of 20,000 check() calls between random pods on random policy ports, in µs. */
function timeChecks(engine: EngineModule, c: Compiled, s: Snapshot, seed: number, timer: Timer): [number, number] | null {
  const check = engine.check;
  if (!check || s.pods.length === 0) return null;
  const rng = makeRng(seed ^ 0x5eed);
  const keys = s.pods.map((p) => `${p.namespace}/${p.name}`);
  const ports = policyPorts(s, rng);
  const query = (): [EndpointQuery, EndpointQuery, number, Protocol] => {
    const [port, protocol] = ports[Math.floor(rng() * ports.length)];
    const from: EndpointQuery = { kind: 'endpoint', key: keys[Math.floor(rng() * keys.length)] };
    return [from, { kind: 'endpoint', key: keys[Math.floor(rng() * keys.length)] }, port, protocol];
  };
  const queries = Array.from({ length: CHECK_WARMUP + CHECK_CALLS }, query);
  const times = new Float64Array(CHECK_CALLS);
  const ok = timer.run('check', () => {
    for (let i = 0; i < CHECK_WARMUP; i++) check(c, ...queries[i]);
    for (let i = 0; i < CHECK_CALLS; i++) {
      const q = queries[CHECK_WARMUP + i];
      const t0 = process.hrtime.bigint();
      check(c, q[0], q[1], q[2], q[3]);
      times[i] = Number(process.hrtime.bigint() - t0) / 1000;
    }
  });
  if (!ok) return null;
  times.sort();
  return [round(times[Math.floor(CHECK_CALLS * 0.5)], 2), round(times[Math.floor(CHECK_CALLS * 0.99)], 2)];
}

const TIER_ADMINS = 50;
const CILIUM_CNPS = 500;
const CILIUM_CCNPS = 20;

/** compile, class matrix and check p50 of the same cluster without its tier policies. */
function npOnlyFigures(engine: EngineModule, s: Snapshot, seed: number, timer: Timer): Record<string, number> {
  const compile = engine.compile;
  const classMatrix = engine.classMatrix;
  if (!compile || !classMatrix) return {};
  const compiled = timer.run('npOnlyCompile', () => compile(s));
  if (!compiled) return {};
  const matrix = timer.run('npOnlyMatrix', () => classMatrix(compiled.value, MATRIX_PORT, 'TCP'));
  const matrixWarm = matrix ? warmMedianMs(timer, 'npOnlyMatrixWarm', () => classMatrix(compiled.value, MATRIX_PORT, 'TCP')) : null;
  const checks = timeChecks(engine, compiled.value, s, seed, timer);
  return {
    compileMs: round(compiled.ms),
    matrixMs: matrix ? round(matrix.ms) : NaN,
    matrixWarmMs: matrixWarm ?? NaN,
    checkP50Us: checks?.[0] ?? NaN,
  };
}

/** Repeats after the cold first call: a long-running service answers many matrices and edits. */
const WARM_RUNS = 5;

/** The median of WARM_RUNS timed calls of `f` (after its cold first call, timed by the caller). */
function warmMedianMs(timer: Timer, name: string, f: () => unknown): number | null {
  const runs: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const one = timer.run(name, f);
    if (!one) return null;
    runs.push(one.ms);
  }
  runs.sort((a, b) => a - b);
  return round(runs[Math.floor(runs.length / 2)]);
}

const peakRssMB = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/**
 * The cluster measured and the NetworkPolicy-only cluster a variant is compared with: on Cilium for
 * `+cilium`, so the ratio is the cost of Cilium's own policies alone.
 */
function clusters(o: BenchOptions): { plain: Snapshot; s: Snapshot } {
  const generated = generateCluster({ pods: o.pods, seed: o.seed });
  const plain: Snapshot = o.cilium ? { ...generated, cni: { plugin: 'cilium', settings: {} } } : generated;
  if (o.tiers) return { plain, s: { ...plain, tierPolicies: generateTierPolicies(plain, TIER_ADMINS, o.seed) } };
  return { plain, s: o.cilium ? withCiliumPolicies(plain, CILIUM_CNPS, CILIUM_CCNPS, o.seed) : plain };
}

/** How many policies of the variant's own kinds the measured cluster has. */
function variantCounts(o: BenchOptions, s: Snapshot): Record<string, number> {
  const count = (kind: string) => s.ciliumPolicies?.filter((p) => p.kind === kind).length ?? 0;
  if (o.tiers) return { adminPolicies: TIER_ADMINS, baselinePolicies: 1 };
  if (o.cilium)
    return { ciliumNetworkPolicies: count('CiliumNetworkPolicy'), ciliumClusterwidePolicies: count('CiliumClusterwideNetworkPolicy') };
  return {};
}

export async function measure(o: BenchOptions): Promise<BenchResult> {
  const engine = await load<EngineModule>('../src/engine/index.ts');
  const reference = await load<ReferenceModule>('../test/support/reference.ts');
  const timer = new Timer();
  progress(o.label, 'generating…');
  const { plain, s } = clusters(o);
  const changed = changeOnePolicy(s, o.seed);

  progress(o.label, 'compiling…');
  const { compile, impact } = engine;
  const compiled = timer.run('compile', compile && (() => compile(s)));
  const c = compiled?.value;
  const ifCompiled = <T>(f: ((c: Compiled) => T) | undefined) => (c && f ? () => f(c) : undefined);

  progress(o.label, 'incremental compile…');
  const incremental = timer.run('incrementalCompile', ifCompiled(compile && ((c) => compile(changed, c))));
  const c2 = incremental?.value;
  const impactOnly = timer.run('impact', c2 && impact ? ifCompiled((c) => impact(c, c2)) : undefined);
  const impactWarm = c && compile && impact ? warmMedianMs(timer, 'impactWarm', () => impact(c, compile(changed, c))) : null;

  progress(o.label, 'matrix…');
  const classMatrix = engine.classMatrix;
  const matrix = timer.run('matrix', ifCompiled(classMatrix && ((c) => classMatrix(c, MATRIX_PORT, 'TCP'))));
  const matrixWarm = c && classMatrix && matrix ? warmMedianMs(timer, 'matrixWarm', () => classMatrix(c, MATRIX_PORT, 'TCP')) : null;
  progress(o.label, 'all-ports matrix…');
  const allPorts = timer.run('allPortsMatrix', ifCompiled(engine.allPortsMatrix));
  progress(o.label, 'check…');
  const checks = c ? timeChecks(engine, c, s, o.seed, timer) : null;
  // Peak RSS of the engine's work; the pod-expanded and naive matrices below are output-sized.
  const rss = peakRssMB();

  let podMatrix = null;
  if (o.pods <= POD_MATRIX_MAX) {
    progress(o.label, 'pod matrix…');
    const m = engine.matrix;
    podMatrix = timer.run('podMatrix', ifCompiled(m && ((c) => m(c, MATRIX_PORT, 'TCP'))));
  }
  let naive = null;
  // The reference evaluator reads NetworkPolicy only: on a variant its matrix would be of another cluster.
  const timeNaive = o.pods <= o.naiveMax && !o.cilium && !o.tiers;
  if (timeNaive) {
    progress(o.label, 'naive matrix…');
    const ref = reference.refMatrix;
    naive = timer.run('naiveMatrix', ref && (() => ref(s, MATRIX_PORT, 'TCP')));
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');

  const ms = (t: { ms: number } | null) => (t ? round(t.ms) : null);
  const result: BenchResult = {
    pods: s.pods.length,
    classes: c?.stats?.classes ?? null,
    policies: c?.stats?.policies ?? s.policies.length,
    compileMs: ms(compiled),
    incrementalCompileMs: ms(incremental),
    matrixMs: ms(matrix),
    matrixWarmMs: matrixWarm,
    allPortsMatrixMs: ms(allPorts),
    checkP50Us: checks?.[0] ?? null,
    checkP99Us: checks?.[1] ?? null,
    impactMs: incremental && impactOnly ? round(incremental.ms + impactOnly.ms) : null,
    impactWarmMs: impactWarm,
  };
  if (o.pods <= POD_MATRIX_MAX) result.podMatrixMs = ms(podMatrix);
  if (timeNaive) {
    result.naiveMatrixMs = ms(naive);
    result.naiveRatio = naive && matrix && matrix.ms > 0 ? round(naive.ms / matrix.ms) : null;
  }
  Object.assign(result, variantCounts(o, s));
  if (o.tiers || o.cilium) {
    const np = npOnlyFigures(engine, plain, o.seed, timer);
    result.npOnly = np;
    const ratio = (a: number | null, b: number | undefined) => (a !== null && b ? round(a / b, 2) : null);
    result.ratioToNpOnly = {
      compile: ratio(ms(compiled), np.compileMs),
      matrix: ratio(ms(matrix), np.matrixMs),
      matrixWarm: ratio(matrixWarm, np.matrixWarmMs),
      checkP50: ratio(checks?.[0] ?? null, np.checkP50Us),
    };
  }
  result.peakRssMB = rss;
  if (Object.keys(timer.errors).length > 0) result.errors = timer.errors;
  return result;
}
