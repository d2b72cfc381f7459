// "Did you mean …?" for endpoint names the snapshot does not hold: the same namespace/name as a
// workload, Service or namespace (a Deployment in a manifests-only repository is `deploy:ns/name`,
// not a pod), else the nearest spellings by edit distance among pods, workloads, Services and
// namespaces, as the user would type them.
import type { CompiledSnapshot } from '../engine/index.ts';

const MAX = 3;

/** Levenshtein distance, stopping early past `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]);
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length];
}

/** Every name a user can type for the snapshot's endpoints: `ns/pod`, `deploy:ns/name`, `svc:ns/name`, `ns:name`. */
function spellings(c: CompiledSnapshot): string[] {
  const out = new Set<string>();
  for (const e of c.endpoints) {
    out.add(e.key);
    if (!e.group.startsWith('pod:')) out.add(e.group);
  }
  for (const s of c.snapshot.services) out.add(`svc:${s.namespace}/${s.name}`);
  for (const n of c.namespaces) out.add(`ns:${n.name}`);
  return [...out];
}

/** Names without their kind prefix: `deploy:shop/web` → `shop/web`. */
const bare = (s: string) => s.slice(s.indexOf(':') + 1);

/** Up to three names the user probably meant by `spelling`, best first (empty when nothing is close). */
export function suggestEndpoints(c: CompiledSnapshot, spelling: string): string[] {
  const all = spellings(c).filter((s) => s !== spelling);
  const target = bare(spelling);
  const same = all.filter((s) => bare(s) === target).sort();
  if (same.length > 0) return same.slice(0, MAX);
  const limit = Math.max(2, Math.floor(target.length / 4));
  return all
    .map((s) => ({ s, d: editDistance(bare(s), target, limit) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d || (x.s < y.s ? -1 : x.s > y.s ? 1 : 0))
    .slice(0, MAX)
    .map((x) => x.s);
}

/** ` (did you mean deploy:shop/frontend?)`, or '' when nothing is close. */
export function didYouMean(c: CompiledSnapshot, spelling: string): string {
  const s = suggestEndpoints(c, spelling);
  return s.length === 0 ? '' : ` (did you mean ${s.length === 1 ? s[0] : `${s.slice(0, -1).join(', ')} or ${s[s.length - 1]}`}?)`;
}
