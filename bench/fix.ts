// `npm run bench:fix`: `fix` on a synthetic cluster (default 10k pods): for denied pod pairs on the
// destination's first container port, the time to build and prove every candidate (each proof is an
// incremental compile + impact), and the same for --deny on allowed pairs. Prints one JSON line.
//   npm run bench:fix -- --pods 10000 --pairs 20
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { check, compile } from '../src/engine/index.ts';
import { fixQuery } from '../src/query/fix.ts';
import { generateCluster, makeRng } from './generate.ts';

const { values } = parseArgs({
  options: { pods: { type: 'string', default: '10000' }, pairs: { type: 'string', default: '20' }, seed: { type: 'string', default: '1' } },
});
const pods = Number(values.pods);
const wanted = Number(values.pairs);
const t0 = performance.now();
const c = compile(generateCluster({ pods, seed: Number(values.seed) }));
const compileMs = performance.now() - t0;
const rng = makeRng(7);
const keys = c.endpoints.filter((e) => !e.template && !e.pod.hostNetwork).map((e) => e.key);
const spec = (key: string) => ({ kind: 'pod' as const, namespace: key.split('/')[0], name: key.split('/')[1] });

function run(deny: boolean): { ms: number[]; candidates: number; exact: number } {
  const ms: number[] = [];
  let candidates = 0;
  let exact = 0;
  for (let tries = 0; ms.length < wanted && tries < wanted * 200; tries++) {
    const from = keys[Math.floor(rng() * keys.length)];
    const to = keys[Math.floor(rng() * keys.length)];
    const port = c.endpoints[c.endpointIndex.get(to)!].pod.containerPorts[0]?.containerPort ?? 8080;
    if (from === to || check(c, { kind: 'endpoint', key: from }, { kind: 'endpoint', key: to }, port, 'TCP').allowed !== deny) continue;
    const t = performance.now();
    const a = fixQuery(c, { from: spec(from), to: spec(to), port, protocol: 'TCP', mode: deny ? 'deny' : 'allow' });
    ms.push(performance.now() - t);
    candidates += a.candidates.length;
    if (a.candidates[0]?.proof.exact) exact++;
  }
  return { ms, candidates, exact };
}

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const r = (x: number | undefined) => Math.round((x ?? 0) * 10) / 10;
  return { n: s.length, p50: r(s[Math.floor(s.length / 2)]), max: r(s[s.length - 1]) };
};
const allow = run(false);
const deny = run(true);
console.log(
  JSON.stringify({
    pods: c.endpoints.length,
    classes: c.classes.length,
    policies: c.policies.length,
    compileMs: Math.round(compileMs),
    allow: { ...stats(allow.ms), candidates: allow.candidates, bestExact: allow.exact },
    deny: { ...stats(deny.ms), candidates: deny.candidates, bestExact: deny.exact },
  }),
);
