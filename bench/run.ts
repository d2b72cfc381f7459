// `npm run bench [-- --sizes 1k,10k,50k,150k] [--naive-max N] [--seed N]`: one JSON line per size on
// stdout. Each size runs in a fresh child process (`--one SIZE`) so that its peak RSS is its own;
// the parent only spawns, relays the child's line, and keeps going when a size fails.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measure } from './measure.ts';

// `+tiers`: the same cluster plus 50 AdminNetworkPolicies and 1 BaselineAdminNetworkPolicy, with the
// NetworkPolicy-only figures of the same cluster beside it (bench/generate-tiers.ts). `+cilium`: the
// same cluster on Cilium plus 500 CiliumNetworkPolicies and 20 CCNPs, beside the NetworkPolicy-only
// figures of that cluster on Cilium (bench/generate-cilium.ts).
const DEFAULT_SIZES = '1k,10k,10k+tiers,10k+cilium,50k,150k';
const VARIANTS = ['tiers', 'cilium'] as const;
type Variant = (typeof VARIANTS)[number];
// The reference evaluator loops over every policy for every pod pair: tens of seconds at 2k pods,
// tens of minutes at 10k.
const DEFAULT_NAIVE_MAX = 2_000;
const DEFAULT_HEAP_MB = 4096;

/** `150k` → 150000, `1.5m` → 1500000, `2000` → 2000; null when it is not a size. */
export function parseSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!m) return null;
  const scale = { '': 1, k: 1_000, m: 1_000_000 }[m[2].toLowerCase() as '' | 'k' | 'm'];
  const n = Math.round(Number(m[1]) * scale);
  return n;
}

/** 150000 → `150k`: how sizes are shown in progress lines. */
export function sizeLabel(n: number): string {
  if (n % 1_000_000 === 0) return `${n / 1_000_000}m`;
  if (n % 1_000 === 0) return `${n / 1_000}k`;
  return String(n);
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

interface SizeSpec {
  readonly pods: number;
  readonly variant: Variant | null;
}

/** `10k+tiers` → { pods: 10000, variant: 'tiers' }. */
function sizeSpec(text: string): SizeSpec {
  const [size, variant, ...rest] = text.trim().split('+');
  if (rest.length > 0 || (variant !== undefined && !(VARIANTS as readonly string[]).includes(variant)))
    fail(`not a size: ${JSON.stringify(text)} (a size may end in ${VARIANTS.map((v) => `+${v}`).join(' or ')})`);
  return { pods: sizeArg(size), variant: (variant as Variant | undefined) ?? null };
}

const specLabel = (size: SizeSpec) => `${sizeLabel(size.pods)}${size.variant ? `+${size.variant}` : ''}`;

function sizeArg(text: string, min = 1): number {
  const n = parseSize(text);
  return n !== null && n >= min ? n : fail(`not a size: ${JSON.stringify(text)} (use e.g. 10k, 1.5m or 2000)`);
}

/** The heap limit the parent was started with, passed on to every child. */
function heapMB(): number {
  const flag = process.execArgv.find((a) => a.startsWith('--max-old-space-size='));
  return flag ? Number(flag.split('=')[1]) : DEFAULT_HEAP_MB;
}

function runChild(size: SizeSpec, naiveMax: number, seed: number): Promise<string> {
  const pods = size.pods;
  const script = fileURLToPath(import.meta.url);
  const args = ['--import', 'tsx', `--max-old-space-size=${heapMB()}`, script];
  args.push('--one', `${pods}${size.variant ? `+${size.variant}` : ''}`, '--naive-max', String(naiveMax), '--seed', String(seed));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', (e) => resolve(JSON.stringify({ pods, error: e.message })));
    child.on('close', (code, signal) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) resolve(line);
      else resolve(JSON.stringify({ pods, error: `child exited with ${signal ?? `code ${code}`}` }));
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: DEFAULT_SIZES },
      'naive-max': { type: 'string', default: String(DEFAULT_NAIVE_MAX) },
      seed: { type: 'string', default: '1' },
      one: { type: 'string' },
    },
    strict: true,
  });
  const naiveMax = sizeArg(values['naive-max'], 0);
  const seed = Number.parseInt(values.seed, 10);
  if (!Number.isSafeInteger(seed)) fail(`not a seed: ${JSON.stringify(values.seed)}`);
  if (values.one !== undefined) {
    const size = sizeSpec(values.one);
    const result = await measure({
      pods: size.pods,
      naiveMax,
      seed,
      label: specLabel(size),
      ...(size.variant ? { [size.variant]: true } : {}),
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const sizes = values.sizes
    .split(',')
    .filter((x) => x.trim() !== '')
    .map(sizeSpec);
  let failed = false;
  for (const pods of sizes) {
    const line = await runChild(pods, naiveMax, seed);
    failed ||= 'error' in JSON.parse(line);
    process.stdout.write(`${line}\n`);
  }
  process.exitCode = failed ? 1 : 0;
}

try {
  await main();
} catch (e) {
  fail((e as Error).message);
}
