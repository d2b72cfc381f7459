// Namespace filters over a computed matrix: keep the rows and columns of the endpoints (or groups)
// in the given namespaces. Cells are unchanged, so a filtered matrix agrees with the full one.
import type { MatrixResult } from '../engine/index.ts';
import type { GroupMatrixResult } from './group-matrix.ts';

function keep<T extends { readonly rows: readonly string[] }>(
  m: T,
  names: readonly string[],
  inScope: (name: string) => boolean,
): { names: string[]; rows: string[] } {
  const idx = names.flatMap((n, i) => (inScope(n) ? [i] : []));
  return { names: idx.map((i) => names[i]), rows: idx.map((i) => idx.map((j) => m.rows[i][j]).join('')) };
}

function namespaceOfKey(key: string): string {
  // `ns/name` or `deploy:ns/name`
  const colon = key.indexOf(':');
  const rest = colon >= 0 ? key.slice(colon + 1) : key;
  return rest.slice(0, rest.indexOf('/'));
}

export function filterMatrix(m: MatrixResult, namespaces: readonly string[] | undefined): MatrixResult {
  if (!namespaces || namespaces.length === 0) return m;
  const set = new Set(namespaces);
  const { names, rows } = keep(m, m.pods, (p) => set.has(namespaceOfKey(p)));
  return { ...m, pods: names, rows };
}

export function filterGroupMatrix(m: GroupMatrixResult, namespaces: readonly string[] | undefined): GroupMatrixResult {
  if (!namespaces || namespaces.length === 0) return m;
  const set = new Set(namespaces);
  const inScope = (g: string) => set.has(m.groupBy === 'namespace' ? g : namespaceOfKey(g));
  const { names, rows } = keep(m, m.groups, inScope);
  return { ...m, groups: names, rows };
}
